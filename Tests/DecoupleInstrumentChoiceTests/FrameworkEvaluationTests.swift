import Testing
import DecoupleCore
@testable import DecoupleInstrumentChoice
import DecoupleTrade

/// Issue #18: the evaluation can fail. On a synthetic panel where the rule is true by
/// construction the framework beats every null with p < 0.01; with the outcomes shuffled it
/// does not (p > 0.05 in at least 90 of 100 seeds).
@Suite struct FrameworkEvaluationTests {
    /// 60 made-up stages, half green and half digital, with random technology, manufacturing and
    /// market shares; the framework's rules (equal weights) predict from them; the outcome is by
    /// construction what the rule says (restrict where the leader leads on net, substitute where
    /// it lags), so the framework is right everywhere and the arena rule only by chance.
    static func syntheticCases(seed: UInt64) -> [EvaluationCase] {
        var rng = SplitMix64(seed: seed)
        func uniform() -> Double { Double(rng.next() >> 11) / Double(1 << 53) }
        let rules = FrameworkRules()
        var cases: [EvaluationCase] = []
        var i = 0
        while cases.count < 60 {
            i += 1
            let arena: Arena = cases.count % 2 == 0 ? .green : .digital
            let indicators = AdvantageDimension.allCases.map { d in
                Indicator(dimension: d, name: d.rawValue, leaderValue: 0.05 + 0.4 * uniform(), challengerValue: 0.05 + 0.4 * uniform(), year: 2015, source: "synthetic")
            }
            let profile = AdvantageProfile(chain: "c\(i)", stage: "s", arena: arena, leader: .usa, challenger: .china, indicators: indicators)
            let prediction = rules.predict(profile, vulnerability: Vulnerability())
            guard let position = prediction.position else { continue }
            let truth: InstrumentFamily = position == .advantage ? .restrict : .substitute
            cases.append(EvaluationCase(chain: profile.chain, stage: "s", arena: arena, predicted: prediction.predicted.first.map(InstrumentFamily.init),
                                        observed: truth, outcomeDate: "2016-01-01", outcomeMeasure: "m\(i)", predictorYear: 2015))
        }
        return cases
    }

    @Test func ruleTrueByConstructionBeatsEveryNull() {
        let cases = Self.syntheticCases(seed: 7)
        #expect(Set(cases.map(\.observed)).count == 2)
        let e = FrameworkEvaluation.evaluate(cases, permutations: 10_000, seed: 1)
        #expect(e.framework.accuracy == 1 && e.framework.balancedAccuracy == 1)
        for null in e.nulls { #expect(null.balancedAccuracy < e.framework.balancedAccuracy, "\(null.model)") }
        #expect(e.permutation.pValue < 0.01)
        #expect(e.nulls.map(\.model) == ["majority class", "always substitute", "arena rule"])
        #expect(e.mispredicted.isEmpty)
    }

    @Test func shuffledOutcomesAreNotSignificant() {
        let cases = Self.syntheticCases(seed: 7)
        var notSignificant = 0
        for seed in 0..<100 as Range<UInt64> {
            var rng = SplitMix64(seed: 1000 + seed)
            var outcomes = cases.map(\.observed)
            outcomes.shuffle(using: &rng)
            var shuffled = cases
            for i in shuffled.indices { shuffled[i].observed = outcomes[i] }
            let e = FrameworkEvaluation.evaluate(shuffled, permutations: 1_000, seed: seed)
            if e.permutation.pValue > 0.05 { notSignificant += 1 }
        }
        #expect(notSignificant >= 90, "p > 0.05 in \(notSignificant) of 100 seeds")
    }

    /// Scores on a hand-made set: 3 restrict and 1 substitute observed; the framework gets two
    /// restrict and the substitute right, misses one restrict with no prediction.
    @Test func scoresAndConfusionByHand() {
        func c(_ p: InstrumentFamily?, _ o: InstrumentFamily, _ arena: Arena) -> EvaluationCase {
            EvaluationCase(chain: "x", stage: nil, arena: arena, predicted: p, observed: o, outcomeDate: "2020", outcomeMeasure: "m", predictorYear: 2019)
        }
        let e = FrameworkEvaluation.evaluate([c(.restrict, .restrict, .digital), c(.restrict, .restrict, .green), c(nil, .restrict, .digital),
                                              c(.substitute, .substitute, .green)], permutations: 0)
        #expect(e.framework.correct == 3 && e.framework.accuracy == 0.75)
        #expect(abs(e.framework.balancedAccuracy - (2.0 / 3 + 1) / 2) < 1e-12)
        #expect(e.framework.confusion == [[2, 0, 1], [0, 1, 0]])
        #expect(e.nulls[0].model == "majority class" && e.nulls[0].correct == 3 && e.nulls[0].balancedAccuracy == 0.5)
        #expect(e.nulls[2].correct == 3)   // arena rule: digital→restrict (2 of 2), green→substitute (1 of 2)
        #expect(e.mispredicted.count == 1)
    }
}
