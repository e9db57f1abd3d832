import DecoupleCore
import Foundation
import DecoupleInputOutput

/// An input–output table as an analysis reads it: the table, its dataset id and provenance, and
/// its sector names.
public struct LoadedIOTable: Sendable {
    public let table: InputOutputTableData
    public let datasetID: String
    public let provenance: Provenance?
    public let sectorNames: [String: String]
    /// The data folder of the bundled table (nil for a user's file): its model is shared and
    /// cached (``InputOutputTables/model(_:)``).
    public var catalog: DataCatalog? = nil
}

/// Loading the input–output table of an exposure analysis and solving its Leontief model,
/// shared by `decouple exposure`, the report and the API.
public enum InputOutputTables {
    /// A user's OECD ICIO CSV (`icio`), a WIOD release folder (`wiod`, with `year`), else the
    /// bundled OECD ICIO 2022. Sector names come from the bundled code lists
    /// (`Data/oecd-icio-2022/…sector_code_mapping.csv`, `Data/input-output/wiod-2013-sectors.csv`).
    public static func load(icio: String?, wiod: String?, year: Int?, dataDir: String?,
                            progress: ((String, Double) -> Void)? = nil) throws -> LoadedIOTable {
        if let icio {
            let t = try OECDICIOReader().read(path: icio, progress: progress.map { p in { p("Reading \(icio.split(separator: "/").last ?? "")", $0) } })
            let names = (try? DataCatalog.locate(explicit: dataDir).loadOECDICIOSectorNames()) ?? [:]
            return LoadedIOTable(table: t, datasetID: "user-icio", provenance: nil, sectorNames: names)
        }
        if let wiod, let year {
            let t = try WIODReader().read(folder: wiod, year: year)
            let names = (try? wiodSectorNames(DataCatalog.locate(explicit: dataDir))) ?? [:]
            return LoadedIOTable(table: t, datasetID: "user-wiod", provenance: nil, sectorNames: names)
        }
        let catalog = try DataCatalog.locate(explicit: dataDir)
        let t = try ICIOCache.shared.oecdICIO2022(catalog, progress: progress.map { p in { p("Reading OECD ICIO 2022", $0) } })
        return LoadedIOTable(table: t, datasetID: BundledDataset.oecdICIO2022.id, provenance: BundledDataset.oecdICIO2022.provenance,
                             sectorNames: (try? catalog.loadOECDICIOSectorNames()) ?? [:], catalog: catalog)
    }

    /// Turns on the on-disk cache of the bundled table and its LU factors for this process:
    /// `$DECOUPLE_IO_CACHE` (`off` turns it off), else `<fetch cache root>/io-tables`
    /// (`$DECOUPLE_CACHE`, `$XDG_CACHE_HOME/decouple`, `~/.cache/decouple`). Returns the folder.
    @discardableResult
    public static func useDiskCache(environment: [String: String] = ProcessInfo.processInfo.environment) -> String? {
        let folder: String?
        switch environment["DECOUPLE_IO_CACHE"] {
        case "off"?, ""?: folder = nil
        case let f?: folder = f
        case nil: folder = DataFetchRun.defaultCacheRoot() + "/io-tables"
        }
        ICIOCache.shared.diskFolder = folder
        return folder
    }

    /// The Leontief model of a loaded table: the shared (and disk-cached) one for the bundled
    /// table, else `I − A` factorised here.
    public static func model(_ loaded: LoadedIOTable) throws -> LeontiefModel {
        if let catalog = loaded.catalog { return try ICIOCache.shared.oecdICIO2022Model(catalog) }
        return try LeontiefModel(try InputOutputSystem(table: loaded.table))
    }

    /// WIOD 2013 industries c1 … c35 (NACE Rev.1.1), from `Data/input-output/wiod-2013-sectors.csv`.
    public static func wiodSectorNames(_ catalog: DataCatalog) throws -> [String: String] {
        try ICIOCodeList.read(path: catalog.root + "/input-output/wiod-2013-sectors.csv",
                              displayName: "Data/input-output/wiod-2013-sectors.csv")
    }

    /// The table's region for a user's country text: the text itself when the table has it
    /// (ROW, RoW), else its ISO3 code.
    /// - Throws: ``AnalysisInputError`` naming `option` when the table has no such region.
    public static func region(_ text: String, in table: InputOutputTableData, option: String) throws -> String {
        let regions = table.regions
        if regions.contains(text) { return text }
        if regions.contains(text.uppercased()) { return text.uppercased() }
        let country: Country
        do { country = try CountryTable.standard.resolve(text) } catch let e as UnknownCountryCode {
            throw AnalysisInputError("\(option): \(e.description)")
        }
        guard regions.contains(country.code) else {
            throw AnalysisInputError("\(option) \(country.code) is not a region of \(table.name); its regions are \(regions.joined(separator: ", "))")
        }
        return country.code
    }

    /// `importer`'s look-through exposure in the table's Leontief model (one LU factorisation;
    /// for the bundled table the shared, disk-cached region multipliers).
    /// - Throws: `InputOutputError`, `LinearAlgebraError`.
    public static func exposure(_ loaded: LoadedIOTable, importer: String, tiers: Int) throws -> ImporterExposure {
        if let catalog = loaded.catalog { return try ICIOCache.shared.oecdICIO2022Exposure(catalog, importer: importer, tiers: tiers) }
        return try ImporterExposure(model: try model(loaded), importer: importer, tiers: tiers)
    }

    /// Checks a `--sector` against the bundled OECD ICIO sector list before the table is read
    /// (a few KB instead of 19 MB): an unknown code fails at once, case-insensitively.
    /// Only for the bundled table; other tables are checked once read.
    public static func checkBundledSector(_ sector: String, dataDir: String?) throws {
        let catalog = try DataCatalog.locate(explicit: dataDir)
        guard let names = try? catalog.loadOECDICIOSectorNames(), !names.isEmpty else { return }
        guard names.keys.contains(where: { $0.caseInsensitiveCompare(sector) == .orderedSame }) else {
            throw AnalysisInputError("no sector '\(sector)' in the OECD ICIO 2022 table; its sectors are \(names.keys.sorted().joined(separator: ", "))", parameter: "sector")
        }
    }
}
