import DecoupleCore

extension BundledDataset {
    /// NSF NCSES Science & Engineering Indicators 2024: USPTO utility patents by inventor country.
    public static let ncsesPatents = BundledDataset(
        id: "ncses-patents",
        title: "NSF NCSES Science & Engineering Indicators 2024: USPTO patents by inventor region/country (all, electrical engineering, semiconductors, environmental and climate-mitigation technologies), 1998/2000–2022",
        path: "ncses-patents",
        format: "NCSES SEI time-series tables (table_id,row_id,time_period,value; years from the README title)",
        provenance: Provenance(
            source: "NSF National Center for Science and Engineering Statistics, Science and Engineering Indicators 2024 (Science-Metrix; PatentsView, USPTO)",
            edition: "SEI 2024 tables 10551, 10553, 10557, 10596, 10598, 10600, 10604 (data to 2022)",
            url: "https://ncses.nsf.gov/indicators",
            licence: "US federal statistical agency tables: public domain",
            retrievedFrom: "GitHub bq-org/ncses_stats_explorer_placeholder @1f879ab, output/tables/<id>/{README.md,data.csv} (data.csv gzip-compressed)"))

    /// The folder of one NCSES table inside the bundle.
    public static func ncsesTable(_ id: String) -> String { "ncses-patents/\(id)" }
}

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
