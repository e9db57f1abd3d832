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

    public static let editions = [2022, 2023, 2024]

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
        guard Self.editions.contains(edition) else { throw AnalysisInputError("--edition must be 2022, 2023 or 2024", parameter: "edition") }
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
    /// Assesses the commodities of one MCS edition (one commodity when `mineral` is given).
    /// - Throws: ``AnalysisInputError`` for an unknown mineral.
    public static func document(_ q: MineralsRequest, mcs: MineralCommoditySummaries) throws -> MineralsDocument {
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
        let results = MineralSupplySelection.assess(inputs, leader: q.leader, rival: q.rival, allies: q.allies, rule: rule)
        return MineralsDocument(edition: q.edition, source: BundledDataset.usgsMCS.first { $0.id == "usgs-mcs\(q.edition)" }!.provenance,
                                leader: q.leader, rival: q.rival, allies: q.allies.sorted(), thresholds: rule.thresholds,
                                minerals: results, fileNotes: mcs.fileNotes.map(\.description),
                                unreadFiles: mcs.unreadFiles.map(\.description))
    }
}
