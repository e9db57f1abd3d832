import DecoupleCore

/// A dataset shipped in the repository's `Data/` folder.
public struct BundledDataset: Sendable, Codable, Hashable {
    /// Stable identifier, used to cite the dataset in every output.
    public let id: String
    public let title: String
    /// Path below `Data/` (a file, or a folder of files).
    public let path: String
    /// The format, named after the official layout the reader expects.
    public let format: String
    public let provenance: Provenance
}

extension BundledDataset {
    /// IMF Direction of Trade Statistics, all reporters, 2000–2020.
    public static let imfDOTS = BundledDataset(
        id: "imf-dots",
        title: "IMF Direction of Trade Statistics: bilateral goods exports (FOB) and imports (CIF), annual 2000–2020",
        path: "imf-dots/dots_bilateral_annual_2000_2020.csv.gz",
        format: "IMF DOTS long form (reporter,flow,partner,year,value_usd_m,flag)",
        provenance: Provenance(
            source: "IMF Direction of Trade Statistics",
            edition: "download of early 2022, years 2000–2020",
            url: "https://data.imf.org/ (DOTS)",
            licence: "IMF terms of use: reuse with attribution (Source: IMF Direction of Trade Statistics)",
            retrievedFrom: "GitHub SamLeBlanc/Direction-of-Trade-Map @a0b40af, data/DOTS/*.xlsx, converted to long CSV (unchanged values)"))

    /// US Census monthly imports for consumption by HS2 chapter and partner, 2013-01 to 2021-06.
    public static let censusHS2Monthly = BundledDataset(
        id: "census-hs2-monthly",
        title: "US Census Bureau: US imports for consumption by HS2 chapter and partner (30 partners + total), monthly 2013-01 to 2021-06",
        path: "census-hs2-monthly",
        format: "US Census International Trade API, imports/hs (CON_VAL_MO, COMM_LVL=HS2)",
        provenance: Provenance(
            source: "US Census Bureau, International Trade API (imports/hs)",
            edition: "monthly 2013-01 to 2021-06, retrieved 2021-07",
            url: "https://api.census.gov/data/timeseries/intltrade/imports/hs",
            licence: "US federal government work: public domain",
            retrievedFrom: "GitHub tradewartracker/us-imports-hs2 @5530afc, data/imports/*data.parquet, written to CSV unchanged"))

    /// US Census 2024 imports by HS6 and partner (summed from HTS10).
    public static let censusHS6_2024 = BundledDataset(
        id: "census-hs6-2024",
        title: "US Census Bureau: US imports for consumption by HS6 and partner (51 partners incl. the EU aggregate), 2024",
        path: "census-hs6-2024/us-imports-hs6-by-country-2024.csv.gz",
        format: "US Census International Trade API, imports/hs (CON_VAL_YR, COMM_LVL=HS6)",
        provenance: Provenance(
            source: "US Census Bureau, International Trade API (imports/hs)",
            edition: "calendar year 2024 (December year to date)",
            url: "https://api.census.gov/data/timeseries/intltrade/imports/hs",
            licence: "US federal government work: public domain",
            retrievedFrom: "GitHub tradewartracker/trade-war-redux-2025 @726c595, data/2024-hs10-imports*.parquet; HTS10 lines summed to HS6 by scripts/bundle_data.py"))

    /// US Census monthly trade in goods with China, 2001–2019.
    public static let censusUSChinaMonthly = BundledDataset(
        id: "census-us-china-monthly",
        title: "US Census Bureau: US trade in goods with China, monthly 2001-01 to 2019-12",
        path: "census-us-china-monthly/usa-china-trade-data.csv",
        format: "Census 'Trade in Goods with China' table (Month;Exports;Imports;Balance, US$ million)",
        provenance: Provenance(
            source: "US Census Bureau, Trade in Goods with China (c5700)",
            edition: "monthly 2001-01 to 2019-12, not seasonally adjusted",
            url: "https://www.census.gov/foreign-trade/balance/c5700.html",
            licence: "US federal government work: public domain",
            retrievedFrom: "GitHub mizydorczyk/relationship-between-trade-and-the-exchange-rate @0826f6e, assets/usa-china-trade-data.csv (unchanged)"))

    /// Every bundled dataset.
    public static let all: [BundledDataset] = [.imfDOTS, .censusHS2Monthly, .censusHS6_2024, .censusUSChinaMonthly, .usgsMCS2022, .usgsMCS2023, .usgsMCS2024, .oecdICIO2022]
}
