import DecoupleCore
import DecoupleTrade

/// One unit of the evaluation: a chain stage with the family the framework predicts from
/// predictors dated before the outcome, and the family the leader first used there.
public struct EvaluationCase: Sendable, Codable, Hashable {
    public var chain: String
    public var stage: String?
    public var arena: Arena
    /// The primary predicted family (nil: the data place the leader neither ahead nor behind —
    /// scored as wrong, never dropped).
    public var predicted: InstrumentFamily?
    /// The other family, when the rule names one too ("advantage but high vulnerability"):
    /// scored separately, never counted as the prediction.
    public var secondary: InstrumentFamily?
    /// The family of the leader's first measure on the stage.
    public var observed: InstrumentFamily
    /// The date of that first measure and its id.
    public var outcomeDate: String
    public var outcomeMeasure: String
    /// The year every predictor was read in (before the outcome's year), and what was used.
    public var predictorYear: Int
    public var predictors: [String]
    /// Why the framework predicted what it did.
    public var reasons: [String]

    public init(chain: String, stage: String?, arena: Arena, predicted: InstrumentFamily?, secondary: InstrumentFamily? = nil,
                observed: InstrumentFamily, outcomeDate: String, outcomeMeasure: String, predictorYear: Int,
                predictors: [String] = [], reasons: [String] = []) {
        self.chain = chain
        self.stage = stage
        self.arena = arena
        self.predicted = predicted
        self.secondary = secondary
        self.observed = observed
        self.outcomeDate = outcomeDate
        self.outcomeMeasure = outcomeMeasure
        self.predictorYear = predictorYear
        self.predictors = predictors
        self.reasons = reasons
    }

    /// "batteries/cells-packs".
    public var unit: String { stage.map { "\(chain)/\($0)" } ?? chain }
}

/// The score of one predictor (the framework or a null model) on the cases.
public struct ScoreCard: Sendable, Codable, Hashable {
    public var model: String
    /// How the model predicts.
    public var description: String
    public var correct: Int
    public var total: Int
    /// correct / total.
    public var accuracy: Double
    /// The mean over observed families of the share of that family's cases predicted right.
    public var balancedAccuracy: Double
    /// confusion[observed][predicted], families in ``InstrumentFamily/allCases`` order, the
    /// last column "none" (no prediction).
    public var confusion: [[Int]]
}

/// The permutation test: the framework's predictions shuffled across the stages.
public struct PermutationTest: Sendable, Codable, Hashable {
    public var permutations: Int
    public var seed: UInt64
    /// (1 + #{shuffles scoring ≥ the framework}) / (1 + permutations), on balanced accuracy.
    public var pValue: Double
    /// The mean balanced accuracy of the shuffles.
    public var nullMean: Double
}

/// The framework scored against null models on dated, stage-level outcomes
/// (`decouple framework evaluate`). Printed as it is, whatever it says.
public struct FrameworkEvaluation: Sendable, Codable {
    public var cases: [EvaluationCase]
    public var framework: ScoreCard
    /// Cases where the observed family is the primary or the secondary prediction (a looser
    /// score, shown separately).
    public var primaryOrSecondaryCorrect: Int
    public var nulls: [ScoreCard]
    public var permutation: PermutationTest
    /// The stages the framework got wrong, with its reasons.
    public var mispredicted: [EvaluationCase]
    /// Stages left out, and why (no measure, or a first date with both families).
    public var excluded: [String]

    /// Scores `cases`: the framework, the majority class, "always substitute", the arena rule
    /// (green and minerals → substitute, digital → restrict) and a permutation test.
    public static func evaluate(_ cases: [EvaluationCase], excluded: [String] = [], permutations: Int = 10_000,
                                seed: UInt64 = 20241205) -> FrameworkEvaluation {
        let observed = cases.map(\.observed)
        let framework = score("framework", "the rules of framework.json on predictors dated before each stage's first measure",
                              cases.map(\.predicted), observed)
        let counts = Dictionary(grouping: observed, by: { $0 }).mapValues(\.count)
        let majority = InstrumentFamily.allCases.max { (counts[$0] ?? 0, $1.rawValue) < (counts[$1] ?? 0, $0.rawValue) } ?? .substitute
        let nulls = [
            score("majority class", "always the most frequent observed family (\(majority.rawValue))", cases.map { _ in majority }, observed),
            score("always substitute", "import substitution everywhere", cases.map { _ in .substitute }, observed),
            score("arena rule", "green and critical minerals → substitute, digital → restrict",
                  cases.map { $0.arena == .digital ? .restrict : .substitute }, observed),
        ]
        // Permutation test: shuffle the predictions across stages, keep the outcomes. Families as
        // small integers (-1: no prediction), so ten thousand shuffles take milliseconds.
        let families = InstrumentFamily.allCases
        let observedIndex = observed.map { families.firstIndex(of: $0)! }
        var predictions = cases.map { c in c.predicted.flatMap { families.firstIndex(of: $0) } ?? -1 }
        var totals = Array(repeating: 0, count: families.count)
        for o in observedIndex { totals[o] += 1 }
        let present = totals.indices.filter { totals[$0] > 0 }
        func balanced(_ predicted: [Int]) -> Double {
            var hits = Array(repeating: 0, count: families.count)
            for i in predicted.indices where predicted[i] == observedIndex[i] { hits[observedIndex[i]] += 1 }
            return present.reduce(0.0) { $0 + Double(hits[$1]) / Double(totals[$1]) } / Double(present.count)
        }
        var rng = SplitMix64(seed: seed)
        var atLeast = 0, sum = 0.0
        for _ in 0..<(present.isEmpty ? 0 : permutations) {
            for i in stride(from: predictions.count - 1, to: 0, by: -1) {
                predictions.swapAt(i, Int(rng.next() % UInt64(i + 1)))
            }
            let b = balanced(predictions)
            sum += b
            if b >= framework.balancedAccuracy - 1e-12 { atLeast += 1 }
        }
        let p = PermutationTest(permutations: permutations, seed: seed,
                                // No case: nothing to test, no evidence against the null (p = 1).
                                pValue: present.isEmpty ? 1 : Double(1 + atLeast) / Double(1 + permutations),
                                nullMean: permutations > 0 ? sum / Double(permutations) : .nan)
        return FrameworkEvaluation(
            cases: cases, framework: framework,
            primaryOrSecondaryCorrect: cases.filter { $0.predicted == $0.observed || $0.secondary == $0.observed }.count,
            nulls: nulls, permutation: p, mispredicted: cases.filter { $0.predicted != $0.observed }, excluded: excluded)
    }

    static func score(_ model: String, _ description: String, _ predicted: [InstrumentFamily?], _ observed: [InstrumentFamily]) -> ScoreCard {
        let families = InstrumentFamily.allCases
        var confusion = Array(repeating: Array(repeating: 0, count: families.count + 1), count: families.count)
        for (p, o) in zip(predicted, observed) {
            confusion[families.firstIndex(of: o)!][p.flatMap { families.firstIndex(of: $0) } ?? families.count] += 1
        }
        let correct = zip(predicted, observed).filter { $0 == $1 }.count
        return ScoreCard(model: model, description: description, correct: correct, total: observed.count,
                         accuracy: observed.isEmpty ? .nan : Double(correct) / Double(observed.count),
                         balancedAccuracy: balancedAccuracy(predicted, observed), confusion: confusion)
    }

    /// Mean over the observed families present of the recall of that family.
    static func balancedAccuracy(_ predicted: [InstrumentFamily?], _ observed: [InstrumentFamily]) -> Double {
        var hits: [InstrumentFamily: Int] = [:], totals: [InstrumentFamily: Int] = [:]
        for (p, o) in zip(predicted, observed) {
            totals[o, default: 0] += 1
            if p == o { hits[o, default: 0] += 1 }
        }
        guard !totals.isEmpty else { return .nan }
        return totals.keys.sorted { $0.rawValue < $1.rawValue }.reduce(0.0) { $0 + Double(hits[$1] ?? 0) / Double(totals[$1]!) } / Double(totals.count)
    }
}

extension FrameworkAnalysis {
    /// The evaluation's cases: for every chain stage (a mineral chain as one unit) with a
    /// leader measure in `observed`, the family of the first measure and the framework's
    /// prediction from predictors read in the year before it.
    ///
    /// `inputs` must hold only predictors that can be dated (patents by year, a trade panel by
    /// year); the analysis layer leaves out the undated ones (the ICIO 2022 table, the 2024
    /// imports, the 2024 minerals editions) rather than let data from after an outcome predict
    /// it. Sourced observations of the configuration count only when dated before the outcome.
    public func evaluationCases(inputs: FrameworkInputs, observed: [ObservedInstrument]) -> (cases: [EvaluationCase], excluded: [String]) {
        var units: [(chain: SupplyChain, stage: String?)] = []
        for chain in inputs.taxonomy.chains {
            if chain.arena == .criticalMinerals || chain.stages.isEmpty { units.append((chain, nil)) } else {
                for s in chain.stages { units.append((chain, s.id)) }
            }
        }
        var pending: [(unit: (chain: SupplyChain, stage: String?), year: Int, family: InstrumentFamily, date: String, measure: String)] = []
        var excluded: [String] = []
        for u in units {
            let name = u.stage.map { "\(u.chain.id)/\($0)" } ?? u.chain.id
            let relevant = observed.filter { $0.chain == u.chain.id && ($0.stage == nil || u.stage == nil || $0.stage == u.stage) && !$0.date.isEmpty }
            guard let firstDate = relevant.map(\.date).min(), let year = Int(firstDate.prefix(4)) else {
                excluded.append("\(name): no measure of \(leader.code) in the data")
                continue
            }
            let first = relevant.filter { $0.date == firstDate }
            let families = Dictionary(grouping: first, by: { InstrumentFamily($0.instrument) }).mapValues(\.count)
            let ranked = families.sorted { $0.value > $1.value }
            if ranked.count > 1 && ranked[0].value == ranked[1].value {
                excluded.append("\(name): the first measures (\(firstDate)) are of both families")
                continue
            }
            pending.append((u, year - 1, ranked[0].key, firstDate, first.first { InstrumentFamily($0.instrument) == ranked[0].key }!.measure))
        }
        var cases: [EvaluationCase] = []
        for year in Set(pending.map(\.year)).sorted() {
            var cfg = configuration
            cfg.observations = cfg.observations.filter { $0.year <= year }
            // Published figures only when they were public by the predictor year.
            var known = inputs
            known.figures = inputs.figures.map { $0.known(by: year) }
            var analysis = FrameworkAnalysis(configuration: cfg, leader: leader, challenger: challenger, year: year, countries: countries)
            analysis.only = Set(pending.filter { $0.year == year }.map { p in p.unit.stage.map { "\(p.unit.chain.id)/\($0)" } ?? p.unit.chain.id })
            let result = analysis.run(known)
            for p in pending where p.year == year {
                let prediction = result.predictions.first { $0.chain == p.unit.chain.id && $0.stage == p.unit.stage }
                let profile = result.profiles.first { $0.chain == p.unit.chain.id && $0.stage == p.unit.stage }
                let primary = prediction?.predicted.first.map(InstrumentFamily.init)
                let secondary = prediction?.predicted.map(InstrumentFamily.init).first { $0 != primary }
                cases.append(EvaluationCase(
                    chain: p.unit.chain.id, stage: p.unit.stage, arena: p.unit.chain.arena, predicted: primary, secondary: secondary,
                    observed: p.family, outcomeDate: p.date, outcomeMeasure: p.measure, predictorYear: year,
                    predictors: (profile?.indicators ?? []).map { "\($0.dimension.rawValue): \($0.name) (\($0.year))" },
                    reasons: prediction?.reasons ?? []))
            }
        }
        cases.sort { ($0.chain, $0.stage ?? "") < ($1.chain, $1.stage ?? "") }
        return (cases, excluded)
    }
}
