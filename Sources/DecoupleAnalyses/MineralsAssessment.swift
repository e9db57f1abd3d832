import DecoupleCore
import DecoupleInstrumentChoice
import DecoupleMinerals

/// One mineral's measures and the framework's classification of it.
public struct MineralAssessment: Sendable, Codable {
    public let profile: MineralSupplyProfile
    public let classification: MineralClassification
    /// Why the measures are incomplete (a file of this commodity could not be read and was
    /// skipped); nil when every file was read.
    public var incomplete: String?

    public init(profile: MineralSupplyProfile, classification: MineralClassification, incomplete: String? = nil) {
        self.profile = profile
        self.classification = classification
        self.incomplete = incomplete
    }

    /// The classification as shown: its name, and "incomplete" when a file was skipped.
    public var classificationLabel: String {
        classification.strategy.rawValue + (incomplete == nil ? "" : " (incomplete)")
    }
}

/// What the report's minerals section reads.
public struct MineralsReportInput: Sendable {
    /// The six minerals of the paper's Table 3 (cobalt, copper, lithium, nickel, rare earths,
    /// silicon), from the edition closest to the paper's (MCS 2022, else 2023).
    public var tableMinerals: [MineralAssessment]
    /// Every mineral of the latest edition, for the chart and the classification counts.
    public var latest: [MineralAssessment]
    /// Dataset ids and provenance of the editions used.
    public var sources: [String: Provenance]
    /// The critical-minerals list matched to ``latest``: the counts of the section and of the
    /// dashboard's card, and the scope of its chart and classification table.
    public var critical: CriticalMineralsCount?

    public init(tableMinerals: [MineralAssessment], latest: [MineralAssessment], sources: [String: Provenance],
                critical: CriticalMineralsCount? = nil) {
        self.tableMinerals = tableMinerals
        self.latest = latest
        self.sources = sources
        self.critical = critical
    }
}
