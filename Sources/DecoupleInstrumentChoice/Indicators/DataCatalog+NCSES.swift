import DecoupleCore

extension DataCatalog {
    /// Loads one bundled NCSES patent table (10551, 10553, 10557, 10596, 10598, 10600, 10604).
    public func loadNCSESTable(_ id: String) throws -> NCSESTimeSeries {
        let d = BundledDataset.ncsesPatents
        var p = d.provenance
        p.edition = "SEI 2024 table \(id)"
        return try NCSESTimeSeriesReader().read(folder: root + "/" + BundledDataset.ncsesTable(id),
                                                displayFolder: "Data/" + BundledDataset.ncsesTable(id), provenance: p)
    }
}
