import DecoupleCore

/// Who reported a row of a trade panel, which decides which measures may use it.
///
/// Every row of a panel is a flow from an exporter to an importer. BACI rows are reconciled
/// (one value per pair, from both sides' declarations); UN Comtrade rows are declared by one
/// side: an import row by the importer (usually CIF), an export row by the exporter (FOB).
/// Import-side measures use reconciled and importer-reported rows, export-side measures use
/// reconciled and exporter-reported rows, so that mirror declarations are never added up.
/// The raw values are the codes of the store's `basis` column (see `docs/store-format.md`).
public enum PanelFlowBasis: UInt8, Sendable, Codable, CaseIterable {
    /// Reconciled mirror flows (CEPII BACI), FOB.
    case reconciled = 0
    /// Declared by the importer (UN Comtrade flow `M`).
    case importerReported = 1
    /// Declared by the exporter (UN Comtrade flow `X`).
    case exporterReported = 2

    /// A short name for messages.
    public var label: String {
        switch self {
        case .reconciled: "reconciled"
        case .importerReported: "importer-reported"
        case .exporterReported: "exporter-reported"
        }
    }
}
