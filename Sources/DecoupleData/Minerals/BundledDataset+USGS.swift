import DecoupleCore

extension BundledDataset {
    static func usgsMCS(_ edition: Int, doi: String, note: String, origin: String) -> BundledDataset {
        BundledDataset(
            id: "usgs-mcs\(edition)",
            title: "USGS Mineral Commodity Summaries \(edition) data release: US salient statistics, world production and reserves by country\(note)",
            path: "usgs-mcs/mcs\(edition)",
            format: "USGS MCS data release CSVs (mcs\(edition)-<code>_salient.csv, mcs\(edition)-<code>_world.csv, industry-trend tables)",
            provenance: Provenance(
                source: "U.S. Geological Survey, National Minerals Information Center, Mineral Commodity Summaries \(edition)",
                edition: "MCS \(edition) data release",
                url: doi,
                licence: "US federal government work: public domain (please cite USGS)",
                retrievedFrom: origin))
    }

    /// USGS MCS 2022: salient statistics and world production for 12 commodities, with the
    /// import-source shares of 14 metals transcribed from the MCS 2022 chapters.
    public static let usgsMCS2022 = usgsMCS(2022, doi: "https://doi.org/10.5066/P9KKMCP4",
        note: " (12 commodities) and US import-source shares of 14 metals",
        origin: "GitHub Redliana/cmm-data @99a987b, API_Scripts/usgs_mcs_data/2022/individual_commodities/ (unchanged); import-sources/Import_Source_Pct_raw.csv from GitHub clarkbd/AFRL_Import_Sources @cad0a9c (unchanged, MIT)")

    /// USGS MCS 2023: the complete data release (CSV files; two xlsx-only commodities absent).
    public static let usgsMCS2023 = usgsMCS(2023, doi: "https://doi.org/10.5066/P9WCYUI6",
        note: ", net import reliance 2022, critical-minerals list",
        origin: "GitHub Redliana/cmm-data @99a987b, API_Scripts/usgs_mcs_data/2023/ (salient, world, industry-trend Fig2 and T4; CSVs unchanged, folders flattened)")

    /// USGS MCS 2024 (ver. 2.0, March 2024): the complete data release (CSV files).
    public static let usgsMCS2024 = usgsMCS(2024, doi: "https://doi.org/10.5066/P144BA54",
        note: ", net import reliance 2023, critical-minerals list and summary (ver. 2.0)",
        origin: "GitHub Redliana/cmm-data @99a987b, API_Scripts/usgs_mcs_data/2024/ (salient, world, industry-trend Fig2, T4, T5; CSVs unchanged, folders flattened)")

    /// The bundled USGS editions, oldest first.
    public static let usgsMCS: [BundledDataset] = [.usgsMCS2022, .usgsMCS2023, .usgsMCS2024]
}

extension DataCatalog {
    /// Loads one bundled edition (2022, 2023 or 2024) of the USGS Mineral Commodity Summaries.
    public func loadMineralCommoditySummaries(edition: Int) throws -> MineralCommoditySummaries {
        guard let d = BundledDataset.usgsMCS.first(where: { $0.id == "usgs-mcs\(edition)" }) else {
            throw DataReadError(issues: [DataIssue(file: root + "/usgs-mcs",
                message: "no bundled USGS MCS edition \(edition); the bundled editions are 2022, 2023 and 2024")])
        }
        return try MineralCommoditySummaries.load(folder: path(of: d), displayPrefix: d.path, edition: edition)
    }
}
