import DecoupleCore

/// Loaders of the bundled trade datasets (IMF DOTS, US Census), each into a ``TradeDataset``.
extension DataCatalog {
    /// Loads IMF DOTS, keeping only the given reporters (all when nil).
    public func loadDOTS(reporters: Set<Country>? = nil, progress: ((Double) -> Void)? = nil) throws -> TradeDataset {
        let d = BundledDataset.imfDOTS
        return try DOTSReader().read(path: path(of: d), displayName: displayPath(d.path), provenance: d.provenance,
                                     id: d.id, keepReporter: { reporters?.contains($0) ?? true }, progress: progress)
    }

    /// Loads every file of the Census monthly HS2 imports.
    public func loadCensusHS2Monthly(progress: ((Double) -> Void)? = nil) throws -> TradeDataset {
        let d = BundledDataset.censusHS2Monthly
        let folder = path(of: d)
        let files = try listFiles(folder, suffix: ".csv.gz")
        var flows: [TradeFlow] = []
        var names: [String: String] = [:]
        let reader = CensusTradeReader()
        for (i, f) in files.enumerated() {
            try reader.read(path: folder + "/" + f, displayName: displayPath("\(d.path)/\(f)"), into: &flows, productNames: &names)
            progress?(Double(i + 1) / Double(files.count))
        }
        return TradeDataset(id: d.id, provenance: d.provenance, flows: flows, productNames: names)
    }

    /// Loads the 2024 HS6 cross-section of US imports.
    public func loadCensusHS6_2024(progress: ((Double) -> Void)? = nil) throws -> TradeDataset {
        let d = BundledDataset.censusHS6_2024
        var flows: [TradeFlow] = []
        var names: [String: String] = [:]
        try CensusTradeReader().read(path: path(of: d), displayName: displayPath(d.path), into: &flows,
                                     productNames: &names, progress: progress)
        return TradeDataset(id: d.id, provenance: d.provenance, flows: flows, productNames: names)
    }

    /// Loads the USITC DataWeb US exports by HTS chapter and partner (2020–2024; the all-zero
    /// current year of the download is dropped by the reader).
    public func loadUSITCDataWebExports() throws -> TradeDataset {
        let d = BundledDataset.usitcDataWebExports
        return try USITCDataWebReader().read(path: path(of: d), displayName: displayPath(d.path), provenance: d.provenance, id: d.id).dataset
    }

    /// Loads the Census monthly US–China goods trade.
    public func loadCensusUSChinaMonthly() throws -> TradeDataset {
        let d = BundledDataset.censusUSChinaMonthly
        return try CensusCountryTradeReader().read(path: path(of: d), displayName: displayPath(d.path),
                                                   provenance: d.provenance, id: d.id)
    }
}
