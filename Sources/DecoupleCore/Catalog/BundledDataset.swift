
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

    /// The one economy whose trade or statistics the dataset describes (the US Census files and
    /// the USGS salient statistics describe the United States); nil for multi-reporter data.
    /// Analyses use a dataset for a leader only when this is the leader, never by a hard-coded
    /// country.
    public var reporter: Country? {
        id.hasPrefix("census-") || id.hasPrefix("usgs-mcs") || id.hasPrefix("usitc-") ? .usa : nil
    }

    /// USITC DataWeb: US total exports (FAS) by HTS chapter and partner, 2020–2024.
    public static let usitcDataWebExports = BundledDataset(
        id: "usitc-dataweb-exports",
        title: "USITC DataWeb: US total exports (FAS value) by HTS2 chapter and partner (234 partners), annual 2020–2024",
        path: "usitc-dataweb-exports/DataWeb-Query-Export__FAS_Value.csv.gz",
        format: "USITC DataWeb query export (Data Type,HTS Number,Description,Country,<years>; 'Total:' line)",
        provenance: Provenance(
            source: "US International Trade Commission, DataWeb (official US trade statistics from the Census Bureau)",
            edition: "download of 2025-08-07, full years 2020–2024 (2025 column all zeros, dropped)",
            url: "https://dataweb.usitc.gov/",
            licence: "US federal government work: public domain",
            retrievedFrom: "GitHub twj0/2025apmcm @9c38766, 2025/problems/Tariff Data/ (APMCM 2025 problem C data, workbook sheets as CSV, values unchanged)"))

    /// Every bundled dataset.
    public static let all: [BundledDataset] = [.imfDOTS, .censusHS2Monthly, .censusHS6_2024, .censusUSChinaMonthly, .usitcDataWebExports, .usgsMCS2022, .usgsMCS2023, .usgsMCS2024, .oecdICIO2022]
}

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

extension BundledDataset {
    /// OECD Inter-Country Input-Output tables, 2025 release, reference year 2022: the
    /// intermediate block of 80 economies × 50 sectors (ROW dropped), with gross output.
    public static let oecdICIO2022 = BundledDataset(
        id: "oecd-icio-2022",
        title: "OECD Inter-Country Input-Output tables (2025 release), 2022: intermediate flows among 80 economies × 50 sectors and gross output",
        path: "oecd-icio-2022",
        format: "dense Z CSV (seller\\buyer, CTY_SECTOR labels, USD million) + nodes.csv (gross output); official ICIO CSVs load with --icio",
        provenance: Provenance(
            source: "OECD (2025), Inter-Country Input-Output Database, 2025 release",
            edition: "reference year 2022, SML variant (CN1/CN2 and MX1/MX2 merged into CHN and MEX), ROW excluded",
            url: "https://www.oecd.org/en/data/datasets/inter-country-input-output-tables.html",
            licence: "OECD terms and conditions: reuse with attribution (cite OECD (2025), Inter-Country Input-Output Database)",
            retrievedFrom: "PyPI sanction-simulator 0.1.4 (data/bench_cache.npz, built from the OECD file 2022_SML.csv); Z recovered to the OECD's 4-decimal values and re-ordered country-major by the data maintainers (Data/oecd-icio-2022/SOURCE.md)"))
}

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
