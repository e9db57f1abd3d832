import DecoupleCore
import DecoupleTrade

/// How the evaluation depends on the configuration (`decouple framework sensitivity`): a grid
/// over dimension weights, the net lead required and the "+" scales, each configuration scored
/// like the default (issue #18 item 5).
public struct FrameworkSensitivity: Sendable, Codable {
    /// One configuration of the grid and its score.
    public struct Point: Sendable, Codable, Hashable {
        /// Weights of technology, manufacturing and market.
        public var weights: [Int]
        public var minimumNetLead: Int
        /// The factor the technology and manufacturing "+" thresholds are multiplied by.
        public var scaleFactor: Double
        public var balancedAccuracy: Double
        public var accuracy: Double
        /// True when the framework beats every null model's balanced accuracy in this configuration.
        public var beatsEveryNull: Bool
    }
    /// Per stage: the share of configurations predicting each family (and none).
    public struct StageShares: Sendable, Codable, Hashable {
        public var unit: String
        public var observed: InstrumentFamily
        public var restrict: Double
        public var substitute: Double
        public var none: Double
    }

    public var points: [Point]
    public var stages: [StageShares]
    /// The best null model's balanced accuracy (the nulls do not depend on the configuration).
    public var bestNull: Double
    public var bestNullModel: String
    /// Quantiles (0, 0.25, 0.5, 0.75, 1) of the framework's balanced accuracy over the grid.
    public var quantiles: [Double]
    /// Share of configurations in which the framework beats every null: the region where
    /// "export control where the leader leads, substitution where it lags" holds on these data.
    public var shareBeatingEveryNull: Double

    /// The grid: weights {1, 2, 3}³ × net lead required {1, 2, 3} × "+" threshold factor
    /// {0.5, 0.75, 1, 1.25, 1.5, 2, 3}: 27 × 3 × 7 = 567 configurations.
    public static var grid: [(weights: [Int], lead: Int, factor: Double)] {
        var out: [(weights: [Int], lead: Int, factor: Double)] = []
        for t in 1...3 { for m in 1...3 { for k in 1...3 { for lead in 1...3 {
            for f in [0.5, 0.75, 1, 1.25, 1.5, 2, 3] { out.append(([t, m, k], lead, f)) }
        } } } }
        return out
    }

    /// Scores every configuration of ``grid`` on the same cases as the default evaluation.
    public static func run(analysis: FrameworkAnalysis, inputs: FrameworkInputs, observed: [ObservedInstrument]) -> FrameworkSensitivity {
        var points: [Point] = []
        var tallies: [String: (observed: InstrumentFamily, r: Int, s: Int, n: Int)] = [:]
        var order: [String] = []
        var bestNull = 0.0, bestNullModel = ""
        for g in grid {
            var cfg = analysis.configuration
            cfg.dimensionWeights = ["technology": g.weights[0], "manufacturing": g.weights[1], "market": g.weights[2]]
            cfg.arenaDimensionWeights = [:]
            cfg.minimumNetLead = g.lead
            for d in ["technology", "manufacturing"] {
                cfg.plusScales[d] = cfg.scale(AdvantageDimension(rawValue: d)!).thresholds.map { min(1, $0 * g.factor) }
            }
            let a = FrameworkAnalysis(configuration: cfg, leader: analysis.leader, challenger: analysis.challenger, countries: analysis.countries)
            let (cases, _) = a.evaluationCases(inputs: inputs, observed: observed)
            let e = FrameworkEvaluation.evaluate(cases, permutations: 0)
            if let best = e.nulls.max(by: { $0.balancedAccuracy < $1.balancedAccuracy }) { bestNull = best.balancedAccuracy; bestNullModel = best.model }
            points.append(Point(weights: g.weights, minimumNetLead: g.lead, scaleFactor: g.factor, balancedAccuracy: e.framework.balancedAccuracy,
                                accuracy: e.framework.accuracy, beatsEveryNull: e.nulls.allSatisfy { e.framework.balancedAccuracy > $0.balancedAccuracy }))
            for c in cases {
                if tallies[c.unit] == nil { order.append(c.unit); tallies[c.unit] = (c.observed, 0, 0, 0) }
                switch c.predicted {
                case .restrict?: tallies[c.unit]!.r += 1
                case .substitute?: tallies[c.unit]!.s += 1
                case nil: tallies[c.unit]!.n += 1
                }
            }
        }
        let n = Double(points.count)
        let stages = order.map { u in
            let t = tallies[u]!
            return StageShares(unit: u, observed: t.observed, restrict: Double(t.r) / n, substitute: Double(t.s) / n, none: Double(t.n) / n)
        }
        let sorted = points.map(\.balancedAccuracy).filter(\.isFinite).sorted()
        let quantiles = sorted.isEmpty ? [] : [0, 0.25, 0.5, 0.75, 1].map { sorted[Int(($0 * Double(sorted.count - 1)).rounded())] }
        return FrameworkSensitivity(points: points, stages: stages, bestNull: bestNull, bestNullModel: bestNullModel, quantiles: quantiles,
                                    shareBeatingEveryNull: n > 0 ? Double(points.filter(\.beatsEveryNull).count) / n : .nan)
    }
}
