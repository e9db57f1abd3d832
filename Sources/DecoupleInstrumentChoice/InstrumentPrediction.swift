import DecoupleCore
import DecoupleMinerals
import DecoupleTrade

/// The framework's prediction for one chain or stage: the leader's position, its vulnerability,
/// the instruments the rules predict, a confidence and the reasons.
public struct InstrumentPrediction: Sendable, Codable, Hashable {
    public var chain: String
    public var stage: String?
    public var arena: Arena
    /// nil when the data cannot place the leader.
    public var position: CompetitivePosition?
    public var vulnerability: Vulnerability.Level
    public var predicted: [PolicyInstrument]
    /// 0–1: how much of the evidence the rule needs was measured, and how clear it is.
    public var confidence: Double
    public var reasons: [String]
}

/// The framework's rules as explicit, parameterised logic (Zhou 2024, Figure 2 and Table 2):
///
/// - advantage and low vulnerability → export controls, investment restrictions, ally restrictions;
/// - disadvantage and high vulnerability → import substitution, restrictive subsidies, ally substitution;
/// - advantage but high vulnerability → export controls on what it leads in plus ally substitution
///   (the "selective" mix), at lower confidence;
/// - disadvantage but low vulnerability → import substitution (subsidies for home production), at lower confidence;
/// - critical minerals → by endowment: the instruments of the minerals rule, passed in as
///   `endowment` (the minerals classification names them with its reason).
public struct FrameworkRules: Sendable, Codable, Hashable {
    public var vulnerability: VulnerabilityThresholds
    /// How many dimensions with data the leader must lead (net) to count as having the advantage.
    public var minimumNetLead: Int
    /// Weight of each dimension's lead (+1 leader ahead, −1 behind) in the net lead; 1 by default.
    public var dimensionWeights: [AdvantageDimension: Int]
    /// Weights for particular arenas, replacing `dimensionWeights` there.
    public var arenaWeights: [Arena: [AdvantageDimension: Int]]

    public init(vulnerability: VulnerabilityThresholds = .init(), minimumNetLead: Int = 1,
                dimensionWeights: [AdvantageDimension: Int] = [:], arenaWeights: [Arena: [AdvantageDimension: Int]] = [:]) {
        self.vulnerability = vulnerability
        self.minimumNetLead = minimumNetLead
        self.dimensionWeights = dimensionWeights
        self.arenaWeights = arenaWeights
    }

    /// The leader's position: the weighted net lead over the dimensions with data,
    /// Σ_d w_d · lead_d with lead_d ∈ {−1, 0, +1}; advantage when ≥ `minimumNetLead`,
    /// disadvantage when ≤ −`minimumNetLead`.
    public func position(_ p: AdvantageProfile) -> (CompetitivePosition?, [String], measured: Int) {
        var net = 0, measured = 0
        var reasons: [String] = []
        for d in AdvantageDimension.allCases {
            guard let lead = p.lead(in: d) else { reasons.append("\(d.rawValue): no data"); continue }
            measured += 1
            net += lead * (arenaWeights[p.arena]?[d] ?? dimensionWeights[d] ?? 1)
            reasons.append("\(d.rawValue): " + (lead > 0 ? "leader ahead" : lead < 0 ? "challenger ahead" : "level"))
        }
        if measured == 0 { return (nil, reasons, 0) }
        if net >= minimumNetLead { return (.advantage, reasons, measured) }
        if net <= -minimumNetLead { return (.disadvantage, reasons, measured) }
        return (nil, reasons + ["no net lead"], measured)
    }

    /// Predicts the instruments for a chain or stage.
    public func predict(_ profile: AdvantageProfile, vulnerability v: Vulnerability,
                        endowment: (instruments: [PolicyInstrument], reason: String)? = nil) -> InstrumentPrediction {
        let (level, vReasons) = v.level(vulnerability)
        if profile.arena == .criticalMinerals, let endowment {
            return InstrumentPrediction(chain: profile.chain, stage: profile.stage, arena: profile.arena, position: nil,
                                        vulnerability: level, predicted: endowment.instruments, confidence: 0.7,
                                        reasons: ["critical mineral: instrument by endowment — \(endowment.reason)"] + vReasons)
        }
        let (position, pReasons, measured) = self.position(profile)
        let coverage = Double(measured) / Double(AdvantageDimension.allCases.count)
        var reasons = pReasons + vReasons
        var predicted: [PolicyInstrument] = []
        var confidence = 0.0
        switch (position, level) {
        case (.advantage?, .low):
            predicted = CompetitivePosition.advantage.predictedInstruments
            confidence = 0.9 * coverage + 0.1
            reasons.append("advantage and low vulnerability: restrict the challenger's access")
        case (.disadvantage?, .high):
            predicted = CompetitivePosition.disadvantage.predictedInstruments
            confidence = 0.9 * coverage + 0.1
            reasons.append("disadvantage and high vulnerability: substitute imports at home and with allies")
        case (.advantage?, .high):
            predicted = [.exportControls, .allySubstitution]
            confidence = 0.5 * coverage
            reasons.append("advantage but high vulnerability: control what it leads in, move sourcing to allies")
        case (.disadvantage?, .low):
            predicted = [.importSubstitution, .restrictiveSubsidies]
            confidence = 0.5 * coverage
            reasons.append("disadvantage but low vulnerability: build home capacity")
        case (.advantage?, .unknown):
            predicted = CompetitivePosition.advantage.predictedInstruments
            confidence = 0.4 * coverage
            reasons.append("advantage; vulnerability not measured")
        case (.disadvantage?, .unknown):
            predicted = CompetitivePosition.disadvantage.predictedInstruments
            confidence = 0.4 * coverage
            reasons.append("disadvantage; vulnerability not measured")
        case (nil, _):
            reasons.append("no prediction: the data do not place the leader ahead or behind")
        }
        return InstrumentPrediction(chain: profile.chain, stage: profile.stage, arena: profile.arena, position: position,
                                    vulnerability: level, predicted: predicted, confidence: (confidence * 100).rounded() / 100,
                                    reasons: reasons)
    }
}
