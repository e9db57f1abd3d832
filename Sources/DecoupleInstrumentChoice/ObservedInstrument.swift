import DecoupleCore

/// A policy measure actually taken, reduced to what the framework compares: which chain
/// (and stage), which instrument, when.
public struct ObservedInstrument: Sendable, Codable, Hashable {
    public var measure: String
    public var chain: String
    public var stage: String?
    public var instrument: PolicyInstrument
    public var date: String
    public var source: String

    public init(measure: String, chain: String, stage: String? = nil, instrument: PolicyInstrument, date: String, source: String) {
        self.measure = measure
        self.chain = chain
        self.stage = stage
        self.instrument = instrument
        self.date = date
        self.source = source
    }
}

/// The two families of instruments the framework distinguishes.
public enum InstrumentFamily: String, Sendable, Codable, CaseIterable {
    /// Export controls, investment restrictions, ally restrictions.
    case restrict
    /// Import substitution, restrictive subsidies, ally substitution.
    case substitute

    public init(_ i: PolicyInstrument) {
        switch i {
        case .exportControls, .investmentRestrictions, .allyRestrictions: self = .restrict
        case .importSubstitution, .restrictiveSubsidies, .allySubstitution: self = .substitute
        }
    }
}

/// Predictions joined with observed measures: a confusion table of instrument families and
/// the cases the framework explains or not.
public struct PredictionAgreement: Sendable, Codable, Hashable {
    public struct Case: Sendable, Codable, Hashable {
        public var chain: String
        public var stage: String?
        public var predicted: [InstrumentFamily]
        public var observed: [InstrumentFamily]
        public var measures: [String]
        /// True when an observed family was predicted; nil when nothing was observed or predicted.
        public var explained: Bool?
    }
    /// counts[predicted family][observed family]; "none" when there is no prediction / observation.
    public var counts: [String: [String: Int]]
    public var cases: [Case]

    public var explainedCount: Int { cases.filter { $0.explained == true }.count }
    public var unexplainedCount: Int { cases.filter { $0.explained == false }.count }

    /// Joins chain-level predictions (the union of their stages) with observed measures by chain.
    public init(predictions: [InstrumentPrediction], observed: [ObservedInstrument]) {
        var byChain: [String: Set<InstrumentFamily>] = [:]
        for p in predictions { byChain[p.chain, default: []].formUnion(p.predicted.map(InstrumentFamily.init)) }
        var seen: [String: (Set<InstrumentFamily>, [String])] = [:]
        for o in observed {
            var e = seen[o.chain] ?? ([], [])
            e.0.insert(InstrumentFamily(o.instrument))
            if !e.1.contains(o.measure) { e.1.append(o.measure) }
            seen[o.chain] = e
        }
        var counts: [String: [String: Int]] = [:]
        var cases: [Case] = []
        for chain in Set(byChain.keys).union(seen.keys).sorted() {
            let predicted = byChain[chain] ?? []
            let (obs, measures) = seen[chain] ?? ([], [])
            let pKeys = predicted.isEmpty ? ["none"] : predicted.map(\.rawValue).sorted()
            let oKeys = obs.isEmpty ? ["none"] : obs.map(\.rawValue).sorted()
            for p in pKeys { for o in oKeys { counts[p, default: [:]][o, default: 0] += 1 } }
            let explained: Bool? = (predicted.isEmpty || obs.isEmpty) ? nil : !predicted.isDisjoint(with: obs)
            cases.append(Case(chain: chain, stage: nil, predicted: predicted.sorted { $0.rawValue < $1.rawValue },
                              observed: obs.sorted { $0.rawValue < $1.rawValue }, measures: measures, explained: explained))
        }
        self.counts = counts
        self.cases = cases
    }
}
