import DecoupleFetch
import Foundation
import DecoupleCore
import DecoupleInstrumentChoice
import DecoupleMinerals

/// What `decouple minerals` is asked, already parsed (thresholds as the CLI takes them:
/// percentages 0–100).
public struct MineralsRequest: Sendable, Hashable {
    public var edition: Int
    public var mineral: String?
    public var leader: Country
    public var rival: Country
    public var allies: Set<Country>
    public var highReliance: Double
    public var meaningfulReserves: Double
    public var dominance: Double
    /// Every commodity with a data file, not only those reporting a mineral of the
    /// critical-minerals list (the default scope of the list, its counts and charts).
    public var allCommodities: Bool = false

    public static let editions = [2022, 2023, 2024]

    /// What `mineral` accepts for an edition: each commodity's USGS code and its name in lower
    /// case (`lithi`, `lithium`, `rare earths`).
    public static func commodityIdentifiers(_ mcs: MineralCommoditySummaries) -> [String] {
        mcs.codes.flatMap { [$0, MineralCommodityNames.name($0).lowercased()] }
    }

    /// The editions whose critical-minerals table serves `edition`: itself, then the later
    /// ones (MCS 2022 bundles no such table; MCS 2023 prints the same 2022 list of 50).
    public static func listEditions(for edition: Int) -> [Int] { editions.filter { $0 >= edition } }

    /// The edition is read from a release folder (`--mcs-dir`), so any year is allowed.
    public var fetchedRelease = false

    public init(edition: Int = 2024, mineral: String? = nil, leader: Country = .usa, rival: Country = .china,
                allies: Set<Country>,
                highReliance: Double = 50, meaningfulReserves: Double = 5, dominance: Double = 50) {
        self.edition = edition
        self.mineral = mineral
        self.leader = leader
        self.rival = rival
        self.allies = allies.subtracting([leader, rival])
        self.highReliance = highReliance
        self.meaningfulReserves = meaningfulReserves
        self.dominance = dominance
    }

    /// Checks what needs no data: edition, thresholds, leader.
    public func validate() throws {
        guard Self.editions.contains(edition) || (fetchedRelease && (2000...2100).contains(edition)) else { throw AnalysisInputError("--edition must be 2022, 2023 or 2024", parameter: "edition") }
        for (name, v) in [("high-reliance", highReliance), ("meaningful-reserves", meaningfulReserves), ("dominance", dominance)]
        where !(0...100).contains(v) {
            throw AnalysisInputError("--\(name) must be a percentage between 0 and 100", parameter: name)
        }
        guard leader == .usa else {
            throw AnalysisInputError("the USGS salient statistics describe the United States: --reporter must be USA (got \(leader.code))",
                                     parameter: "reporter")
        }
    }

    public var rule: MineralStrategyRule {
        MineralStrategyRule(thresholds: .init(highReliance: highReliance, meaningfulReserves: meaningfulReserves / 100,
                                              dominance: dominance / 100))
    }
}

/// The assessments of `decouple minerals`, shared with the server.
public enum MineralsRun {
    /// The critical-minerals list for an edition: its own table, else the nearest later
    /// edition's (``MineralsRequest/listEditions(for:)``), read from `catalog`.
    public static func criticalList(edition: Int, catalog: DataCatalog) throws -> CriticalMineralsList? {
        for e in MineralsRequest.listEditions(for: edition) {
            if let list = try catalog.loadMineralCommoditySummaries(edition: e).criticalMinerals { return list }
        }
        return nil
    }

    /// Assesses the commodities of one MCS edition (one commodity when `mineral` is given).
    /// Without `mineral` and unless `allCommodities` is asked, only the commodities that report a
    /// mineral of the critical-minerals list (`list`, by default the edition's own table) are
    /// listed; the document carries the list's counts either way.
    /// - Throws: ``AnalysisInputError`` for an unknown mineral.
    /// - Parameter source: the edition's provenance when it is not a bundled one (a fetched release).
    public static func document(_ q: MineralsRequest, mcs: MineralCommoditySummaries,
                                list: CriticalMineralsList? = nil, source: Provenance? = nil) throws -> MineralsDocument {
        try q.validate()
        var codes = mcs.codes
        if let mineral = q.mineral {
            guard let code = mcs.code(for: mineral) else {
                throw AnalysisInputError("no commodity '\(mineral)' in MCS \(q.edition); known: \(mcs.codes.map { MineralCommodityNames.name($0) }.joined(separator: ", "))",
                                         parameter: "mineral")
            }
            codes = [code]
        }
        let rule = q.rule
        let inputs = MineralSupplySelection.inputs(from: mcs, codes: codes)
        var results = MineralSupplySelection.assess(inputs, leader: q.leader, rival: q.rival, allies: q.allies, rule: rule,
                                                    incomplete: mcs.incompleteCommodities)
        // The list's counts, over every commodity of the edition (not for one commodity).
        let critical = q.mineral != nil ? nil : (list ?? mcs.criticalMinerals).map {
            CriticalMineralsCount(list: $0, assessments: results, ranking: mcs.netImportReliance, edition: q.edition, rival: q.rival)
        }
        let scope: String
        if q.mineral != nil {
            scope = "one commodity"
        } else if !q.allCommodities, let critical {
            results = critical.scoped(results)
            scope = "the \(results.count) commodities that report \(critical.listName)"
        } else {
            scope = "every commodity with a data file" + (critical == nil ? " (no critical-minerals list found)" : "")
        }
        let provenance = source ?? BundledDataset.usgsMCS.first { $0.id == "usgs-mcs\(q.edition)" }?.provenance
            ?? Provenance(source: "U.S. Geological Survey, Mineral Commodity Summaries \(q.edition)", edition: "MCS \(q.edition) data release",
                          url: "https://www.usgs.gov/centers/national-minerals-information-center/mineral-commodity-summaries",
                          licence: "US federal government work: public domain (please cite USGS)", retrievedFrom: "a folder given by the user")
        return MineralsDocument(edition: q.edition, source: provenance,
                                leader: q.leader, rival: q.rival, allies: q.allies.sorted(), thresholds: rule.thresholds,
                                minerals: results, fileNotes: mcs.fileNotes.map(\.description),
                                unreadFiles: mcs.unreadFiles.map(\.description), scope: scope, criticalMinerals: critical)
    }

    /// An MCS data release in a folder (as `decouple data fetch usgs-mcs` unpacks it), with its
    /// provenance: the fetch (URL, time, SHA-256 of the zip, run) when the folder is in a fetch
    /// cache, else the folder itself.
    public static func summaries(folder: String, edition: Int, skipBadFiles: Bool = false) throws -> (MineralCommoditySummaries, Provenance) {
        var isDir: ObjCBool = false
        guard FileManager.default.fileExists(atPath: folder, isDirectory: &isDir), isDir.boolValue else {
            throw DataReadError(issues: [DataIssue(file: folder, message: "not a folder of MCS data release CSV files")])
        }
        let mcs = try MineralCommoditySummaries.load(folder: folder, displayPrefix: folder, edition: edition, skipBadFiles: skipBadFiles)
        let parent = (folder as NSString).deletingLastPathComponent
        let release = (folder as NSString).lastPathComponent
        var provenance = Provenance(source: "U.S. Geological Survey, Mineral Commodity Summaries \(edition)", edition: "MCS \(edition) data release",
                                    url: "https://www.usgs.gov/centers/national-minerals-information-center/mineral-commodity-summaries",
                                    licence: "US federal government work: public domain (please cite USGS)", retrievedFrom: folder)
        let cache = FetchCache(root: (parent as NSString).deletingLastPathComponent)
        if (parent as NSString).lastPathComponent == "usgs-mcs", let manifest = try? cache.manifest("usgs-mcs"),
           let run = manifest.runs.last(where: { $0.fetched.contains { $0.hasPrefix(release + "/") } || !$0.kept.isEmpty }),
           let zip = manifest.files.values.first(where: { $0.apiVersion == release }) {
            provenance.url = zip.url
            provenance.edition += ", fetched \(zip.retrievedAt.prefix(10))"
            provenance.retrievedFrom = "decouple data fetch usgs-mcs, run \(run.id): \(zip.path) (SHA-256 \(zip.sha256)) unpacked to \(folder)"
        }
        return (mcs, provenance)
    }
}
