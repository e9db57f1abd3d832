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

    /// The inputs a prediction rests on, and which of them the data lack: each side's value in
    /// each dimension, and the vulnerability components that apply (import share from the
    /// challenger, supplier concentration and look-through exposure for a stage; import share
    /// and net import reliance for a mineral).
    public func inputs(_ profile: AdvantageProfile, vulnerability v: Vulnerability) -> (measured: Int, total: Int, missing: [String]) {
        var missing: [String] = []
        var measured = 0, total = 0
        for d in AdvantageDimension.allCases {
            let i = profile.indicators(d)
            for (side, has) in [("leader", i.contains { $0.leaderValue != nil }), ("challenger", i.contains { $0.challengerValue != nil })] {
                total += 1
                if has { measured += 1 } else { missing.append("\(d.rawValue) (\(side))") }
            }
        }
        let components: [(String, Double?)] = profile.arena == .criticalMinerals
            ? [("imports from the challenger", v.importShareFromChallenger), ("net import reliance", v.netImportReliance)]
            : [("imports from the challenger", v.importShareFromChallenger), ("supplier concentration", v.supplierConcentration),
               ("look-through exposure", v.lookThroughExposure)]
        for (name, value) in components {
            total += 1
            if value != nil { measured += 1 } else { missing.append(name) }
        }
        return (measured, total, missing)
    }

    /// Predicts the instruments for a chain or stage.
    ///
    /// Confidence = the case's weight × the share of inputs the data give (``inputs(_:vulnerability:)``):
    /// 1 for the two cases the framework states (advantage with low vulnerability, disadvantage
    /// with high), 0.6 for the mixed cases, 0.7 for a mineral decided by endowment. Every missing
    /// input lowers it, and the reasons name the missing inputs.
    public func predict(_ profile: AdvantageProfile, vulnerability v: Vulnerability,
                        endowment: (instruments: [PolicyInstrument], reason: String)? = nil) -> InstrumentPrediction {
        let (level, vReasons) = v.level(vulnerability)
        let inputs = self.inputs(profile, vulnerability: v)
        let coverage = Double(inputs.measured) / Double(inputs.total)
        let missingReason = inputs.missing.isEmpty ? [] :
            ["missing inputs (\(inputs.measured) of \(inputs.total) measured): \(inputs.missing.joined(separator: ", "))"]
        func rounded(_ c: Double) -> Double { (c * 100).rounded() / 100 }
        if profile.arena == .criticalMinerals, let endowment {
            return InstrumentPrediction(chain: profile.chain, stage: profile.stage, arena: profile.arena, position: nil,
                                        vulnerability: level, predicted: endowment.instruments, confidence: rounded(0.7 * coverage),
                                        reasons: ["critical mineral: instrument by endowment — \(endowment.reason)"] + vReasons + missingReason)
        }
        let (position, pReasons, _) = self.position(profile)
        var reasons = pReasons + vReasons
        var predicted: [PolicyInstrument] = []
        var weight = 0.0
        switch (position, level) {
        case (.advantage?, .low):
            predicted = CompetitivePosition.advantage.predictedInstruments
            weight = 1
            reasons.append("advantage and low vulnerability: restrict the challenger's access")
        case (.disadvantage?, .high):
            predicted = CompetitivePosition.disadvantage.predictedInstruments
            weight = 1
            reasons.append("disadvantage and high vulnerability: substitute imports at home and with allies")
        case (.advantage?, .high):
            predicted = [.exportControls, .allySubstitution]
            weight = 0.6
            reasons.append("advantage but high vulnerability: control what it leads in, move sourcing to allies")
        case (.disadvantage?, .low):
            predicted = [.importSubstitution, .restrictiveSubsidies]
            weight = 0.6
            reasons.append("disadvantage but low vulnerability: build home capacity")
        case (.advantage?, .unknown):
            predicted = CompetitivePosition.advantage.predictedInstruments
            weight = 1
            reasons.append("advantage; vulnerability not measured")
        case (.disadvantage?, .unknown):
            predicted = CompetitivePosition.disadvantage.predictedInstruments
            weight = 1
            reasons.append("disadvantage; vulnerability not measured")
        case (nil, _):
            reasons.append("no prediction: the data do not place the leader ahead or behind")
        }
        return InstrumentPrediction(chain: profile.chain, stage: profile.stage, arena: profile.arena, position: position,
                                    vulnerability: level, predicted: predicted, confidence: rounded(weight * coverage),
                                    reasons: reasons + missingReason)
    }
}
