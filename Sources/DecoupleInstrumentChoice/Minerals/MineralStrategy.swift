import DecoupleCore
import DecoupleMinerals

/// What the framework predicts the leader does about one mineral (Zhou 2024: critical
/// minerals get import substitution or export restriction *depending on endowment*).
public enum MineralStrategy: String, Sendable, Codable, CaseIterable {
    /// High reliance, low leader endowment: substitute imports, source from allies.
    case importSubstitutionCandidate = "import-substitution candidate"
    /// High reliance but meaningful leader reserves: expand domestic supply.
    case domesticExpansionCandidate = "domestic-expansion candidate"
    /// The leader or an ally dominates supply or processing: a lever for export restriction.
    case exportRestrictionLever = "export-restriction lever"
    /// None of the above at the thresholds used.
    case notAPriority = "not a priority"
    /// The data do not allow a classification.
    case insufficientData = "insufficient data"

    /// The instruments of the framework that fit the class.
    public var instruments: [PolicyInstrument] {
        switch self {
        case .importSubstitutionCandidate: [.importSubstitution, .allySubstitution]
        case .domesticExpansionCandidate: [.restrictiveSubsidies, .importSubstitution]
        case .exportRestrictionLever: [.exportControls, .allyRestrictions]
        case .notAPriority, .insufficientData: []
        }
    }
}

/// The thresholds of the minerals rule; every one is a parameter.
public struct MineralStrategyThresholds: Sendable, Codable, Hashable {
    /// Net import reliance (percent) at or above which reliance is "high".
    public var highReliance: Double
    /// The leader's share of world reserves at or above which its endowment is "meaningful".
    public var meaningfulReserves: Double
    /// The leader's + allies' share of world production or processing at or above which they "dominate".
    public var dominance: Double

    public init(highReliance: Double = 50, meaningfulReserves: Double = 0.05, dominance: Double = 0.5) {
        self.highReliance = highReliance
        self.meaningfulReserves = meaningfulReserves
        self.dominance = dominance
    }
}

/// A classification with the reasons, each stating the numbers it rests on.
public struct MineralClassification: Sendable, Codable {
    public let code: String
    public let name: String
    public let strategy: MineralStrategy
    public let reasons: [String]
    public var instruments: [PolicyInstrument] { strategy.instruments }
}

/// The framework rule for critical minerals:
///
/// 1. **export-restriction lever** when leader + allies hold ≥ `dominance` of world
///    production or of the processing stage;
/// 2. else, with net import reliance ≥ `highReliance`:
///    **domestic-expansion candidate** when the leader's reserves share ≥ `meaningfulReserves`,
///    else **import-substitution candidate**;
/// 3. else **not a priority** (reliance below the threshold); **insufficient data** when
///    reliance is unknown (withheld or not available) and 1 does not apply.
///
/// A reliance published as a bound (`>50`) counts as its bound, and the reason says so.
/// A share of the world needs a world total (``WorldShares``): when a table publishes none,
/// its shares are "n/a — world total not published" and no class is derived from them (no
/// lever from production or processing; **insufficient data** instead of 2's choice when the
/// reserves share is n/a). A share that is only an upper bound (the world total is `>x`)
/// decides only below its threshold.
public struct MineralStrategyRule: Sendable {
    public var thresholds: MineralStrategyThresholds

    public init(thresholds: MineralStrategyThresholds = .init()) { self.thresholds = thresholds }

    public func classify(_ p: MineralSupplyProfile) -> MineralClassification {
        let t = thresholds
        var reasons: [String] = []
        func pct(_ v: Double) -> String { NumberText.oneDecimal(v * 100) + "%" }
        let production = p.productionType.isEmpty ? "production" : p.productionType.lowercased()
        let processing = (p.processingType ?? "processing").lowercased()
        if let shares = p.production {
            let allied = shares.share(of: Set(p.allies).union([p.leader]))
            if allied >= t.dominance, !shares.sharesAreUpperBounds {
                reasons.append("\(p.leader.code) and allies produce \(pct(allied)) of world \(production) (≥ \(pct(t.dominance)))")
                return MineralClassification(code: p.code, name: p.name, strategy: .exportRestrictionLever, reasons: reasons)
            }
        }
        if let shares = p.processing {
            let allied = shares.share(of: Set(p.allies).union([p.leader]))
            if allied >= t.dominance, !shares.sharesAreUpperBounds {
                reasons.append("\(p.leader.code) and allies hold \(pct(allied)) of world \(processing) (≥ \(pct(t.dominance)))")
                return MineralClassification(code: p.code, name: p.name, strategy: .exportRestrictionLever, reasons: reasons)
            }
        }
        if let shares = p.production {
            let allied = shares.share(of: Set(p.allies).union([p.leader]))
            reasons.append(shares.sharesAreUpperBounds
                ? "\(p.leader.code) and allies produce at most \(pct(allied)) of world production (world total a lower bound; a lever needs ≥ \(pct(t.dominance)))"
                : "\(p.leader.code) and allies produce \(pct(allied)) of world production (< \(pct(t.dominance)))")
        } else if let gap = p.productionGap {
            reasons.append("\(p.leader.code) and allies' share of world \(production): \(gap.rawValue)")
        }
        if p.processing == nil, let gap = p.processingGap {
            reasons.append("\(p.leader.code) and allies' share of world \(processing): \(gap.rawValue)")
        }
        guard let reliance = p.latestReliance, reliance.reported != nil || reliance.recomputed != nil else {
            reasons.append("net import reliance is not published as a number (\(p.latestReliance?.reported?.amount.text ?? "no figure"))")
            return MineralClassification(code: p.code, name: p.name, strategy: .insufficientData, reasons: reasons)
        }
        let threshold = NumberText.oneDecimal(t.highReliance) + "%"
        let high: Bool
        switch Self.isHigh(reliance, threshold: t.highReliance) {
        case .some((let decided, let shown)):
            high = decided
            reasons.append("net import reliance \(reliance.year) is \(shown) (\(high ? "≥" : "<") \(threshold))")
        case .none:
            reasons.append("net import reliance \(reliance.year) is reported as \(reliance.reported?.amount.text ?? "NA"), which does not decide against \(threshold), and cannot be recomputed (\(reliance.method))")
            return MineralClassification(code: p.code, name: p.name, strategy: .insufficientData, reasons: reasons)
        }
        guard high else {
            return MineralClassification(code: p.code, name: p.name, strategy: .notAPriority, reasons: reasons)
        }
        if p.reserves == nil, p.reservesGap == .worldTotalNotPublished {
            switch p.leaderShares.reserves {
            case .share(0):
                reasons.append("\(p.leader.code) reserves are published as 0, a 0% share whatever the world total (< \(pct(t.meaningfulReserves)))")
                return MineralClassification(code: p.code, name: p.name, strategy: .importSubstitutionCandidate, reasons: reasons)
            case .notListed:
                reasons.append("no reserves figure for \(p.leader.code) (not listed; world total not published)")
                return MineralClassification(code: p.code, name: p.name, strategy: .importSubstitutionCandidate, reasons: reasons)
            default:
                reasons.append("\(p.leader.code) share of world reserves: \(WorldShares.Gap.worldTotalNotPublished.rawValue), so its endowment does not decide between domestic expansion and import substitution")
                return MineralClassification(code: p.code, name: p.name, strategy: .insufficientData, reasons: reasons)
            }
        }
        let endowment = p.leaderReservesShare
        if let endowment, endowment >= t.meaningfulReserves {
            if p.reserves?.sharesAreUpperBounds == true {
                reasons.append("\(p.leader.code) holds at most \(pct(endowment)) of world reserves (world total a lower bound), which does not decide against \(pct(t.meaningfulReserves))")
                return MineralClassification(code: p.code, name: p.name, strategy: .insufficientData, reasons: reasons)
            }
            reasons.append("\(p.leader.code) holds \(pct(endowment)) of world reserves (≥ \(pct(t.meaningfulReserves)))")
            return MineralClassification(code: p.code, name: p.name, strategy: .domesticExpansionCandidate, reasons: reasons)
        }
        let bound = p.reserves?.sharesAreUpperBounds == true ? " at most" : ""
        if endowment != nil, case .notListed = p.leaderShares.reserves {
            reasons.append("\(p.leader.code) is \(p.leaderShares.reserves.text) among world reserve holders, counted as 0% (< \(pct(t.meaningfulReserves)))")
        } else {
            reasons.append(endowment.map { "\(p.leader.code) holds\(bound) \(pct($0)) of world reserves (< \(pct(t.meaningfulReserves)))" }
                           ?? "no reserves figure for \(p.leader.code)")
        }
        return MineralClassification(code: p.code, name: p.name, strategy: .importSubstitutionCandidate, reasons: reasons)
    }
}

extension MineralStrategyRule {
    /// Whether reliance is at or above `threshold`, and the figure that decides it: the
    /// reported number; a reported bound when it decides (`>60` is high against 50, `<50` is
    /// not); else the recomputed number; nil when nothing decides (`W`, `NA`, `>25` with
    /// nothing recomputed). `E` (net exporter) is not high.
    static func isHigh(_ r: NetImportReliance, threshold: Double) -> (Bool, String)? {
        if let rep = r.reported?.amount {
            switch rep {
            case .exact(let v): return (v >= threshold, "\(rep.text)%")
            case .above(let v) where v >= threshold: return (true, ">\(NumberText.oneDecimal(v))%, a lower bound")
            case .below(let v) where v <= threshold: return (false, "<\(NumberText.oneDecimal(v))%, an upper bound")
            case .range(let a, _) where a >= threshold: return (true, "\(rep.text)%")
            case .range(_, let b) where b < threshold: return (false, "\(rep.text)%")
            case .netExporter: return (false, "E (net exporter)")
            default: break
            }
        }
        if let v = r.recomputed {
            let note = r.reported.map { " (reported \($0.amount.text))" } ?? ""
            return (v >= threshold, "\(NumberText.oneDecimal(v))% recomputed\(note)")
        }
        return nil
    }
}
