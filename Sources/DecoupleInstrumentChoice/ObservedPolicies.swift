import DecoupleCore
import DecouplePolicy

extension PolicyInstrument {
    /// The framework's instrument for a curated measure type; nil for measures that are not
    /// instruments but signals (supply-chain strategies and reviews designate, they do not act).
    ///
    /// Tariffs, trade remedies and import bans protect home production: the framework's
    /// import substitution (Table 2).
    public init?(_ m: MeasureInstrument) {
        switch m {
        case .exportControl: self = .exportControls
        case .investmentRestriction, .outboundInvestmentScreen: self = .investmentRestrictions
        case .importTariff, .tradeRemedy, .importRestriction, .importSubstitutionSubsidy: self = .importSubstitution
        case .restrictiveSubsidy: self = .restrictiveSubsidies
        case .allySourcingAgreement: self = .allySubstitution
        case .supplyChainStrategy: return nil
        case .sanctionsCountermeasure: return nil
        }
    }
}

extension ObservedInstrument {
    /// The leader's measures as observed instruments, one per targeted chain (or stage).
    public static func from(_ measures: [PolicyMeasure], leader: Country) -> [ObservedInstrument] {
        measures.filter { $0.jurisdiction == leader }.flatMap { m -> [ObservedInstrument] in
            guard let instrument = PolicyInstrument(m.instrument) else { return [] }
            let date = m.start?.description ?? ""
            let source = m.sources.first.map { "\($0)" } ?? ""
            return m.targets.map { ObservedInstrument(measure: m.id, chain: $0.chain, stage: $0.stage, instrument: instrument, date: date, source: source) }
        }
    }
}

/// When the leader first treated a chain as a security matter: its first strategy or review
/// naming the chain, and its first instrument against the chain (Figure 2's securitisation).
public struct SecuritisationSignal: Sendable, Codable, Hashable {
    public var chain: String
    /// First supply-chain strategy or review naming the chain.
    public var designated: String?
    public var designatedBy: String?
    /// First instrument aimed at the chain.
    public var firstInstrument: String?
    public var firstInstrumentMeasure: String?
    /// Every leader measure naming the chain, in date order.
    public var measures: [String]

    /// Signals for every chain the leader's measures name.
    public static func from(_ measures: [PolicyMeasure], leader: Country) -> [SecuritisationSignal] {
        let own = measures.filter { $0.jurisdiction == leader }.sorted { ($0.start?.description ?? "") < ($1.start?.description ?? "") }
        var out: [String: SecuritisationSignal] = [:]
        for m in own {
            for chain in Set(m.targets.map(\.chain)) {
                var s = out[chain] ?? SecuritisationSignal(chain: chain, measures: [])
                s.measures.append(m.id)
                let date = m.start?.description
                if m.instrument == .supplyChainStrategy {
                    if s.designated == nil { s.designated = date; s.designatedBy = m.id }
                } else if s.firstInstrument == nil {
                    s.firstInstrument = date
                    s.firstInstrumentMeasure = m.id
                }
                out[chain] = s
            }
        }
        return out.values.sorted { $0.chain < $1.chain }
    }
}
