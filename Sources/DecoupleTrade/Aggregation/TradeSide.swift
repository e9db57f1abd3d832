import DecoupleCore

/// Which side of a country's trade an aggregation looks at, and so which rows it may use.
///
/// For `imports` the reporter is the importer and the partner the exporter; for `exports` the
/// reverse. Import measures use reconciled and importer-reported rows, export measures
/// reconciled and exporter-reported rows, so mirror declarations are never added to each other
/// (see ``PanelFlowBasis``).
public enum TradeSide: String, Sendable, Codable, CaseIterable {
    case imports
    case exports

    /// True when a row of this basis counts on this side.
    @inline(__always) public func accepts(_ basis: PanelFlowBasis) -> Bool {
        self == .imports ? basis != .exporterReported : basis != .importerReported
    }

    /// The same test on a store's raw `basis` code.
    @inline(__always) public func accepts(basisCode: UInt8) -> Bool {
        self == .imports ? basisCode != PanelFlowBasis.exporterReported.rawValue
                         : basisCode != PanelFlowBasis.importerReported.rawValue
    }
}
