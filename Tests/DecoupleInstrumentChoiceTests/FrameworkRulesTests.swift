import Testing
import DecoupleCore
@testable import DecoupleInstrumentChoice
import DecoupleTrade

/// Every branch of the framework's rules, on constructed profiles.
@Suite struct FrameworkRulesTests {
    let rules = FrameworkRules()
    let scale = PlusScale(thresholds: [0.02, 0.075, 0.2])

    func profile(tech: (Double?, Double?), manufacturing: (Double?, Double?) = (nil, nil), arena: Arena = .digital) -> AdvantageProfile {
        var indicators = [Indicator(dimension: .technology, name: "patents", leaderValue: tech.0, challengerValue: tech.1, year: 2022, source: "test", scale: scale)]
        if manufacturing.0 != nil || manufacturing.1 != nil {
            indicators.append(Indicator(dimension: .manufacturing, name: "output", leaderValue: manufacturing.0, challengerValue: manufacturing.1, year: 2022, source: "test", scale: PlusScale(thresholds: [0.05, 0.15, 0.3])))
        }
        return AdvantageProfile(chain: "c", stage: "s", arena: arena, leader: .usa, challenger: .china, indicators: indicators)
    }

    @Test func advantageAndLowVulnerabilityRestricts() {
        let p = rules.predict(profile(tech: (0.3, 0.05)), vulnerability: Vulnerability(importShareFromChallenger: 0.05))
        #expect(p.position == .advantage)
        #expect(p.vulnerability == .low)
        #expect(p.predicted == [.exportControls, .investmentRestrictions, .allyRestrictions])
        // #16: 3 of 9 inputs measured (technology for both sides, the import share); the six
        // missing ones are named. Was 0.4 (only dimensions counted, not the missing vulnerability inputs).
        #expect(p.confidence == 0.33)
        #expect(p.reasons.last == "missing inputs (3 of 9 measured): manufacturing (leader), manufacturing (challenger), market (leader), market (challenger), supplier concentration, look-through exposure")
        #expect(p.reasons.contains("import share from the challenger 5.0% < 30.0%"))
    }

    @Test func disadvantageAndHighVulnerabilitySubstitutes() {
        let p = rules.predict(profile(tech: (0.05, 0.3), manufacturing: (0.02, 0.8), arena: .green),
                              vulnerability: Vulnerability(importShareFromChallenger: 0.76, supplierConcentration: 0.6))
        #expect(p.position == .disadvantage)
        #expect(p.vulnerability == .high)
        #expect(p.predicted == [.importSubstitution, .restrictiveSubsidies, .allySubstitution])
        #expect(p.confidence == 0.67)   // 6 of 9 inputs (was 0.7: 0.9 × 2/3 dimensions + 0.1)
    }

    @Test func advantageWithHighVulnerabilityIsTheSelectiveMix() {
        let p = rules.predict(profile(tech: (0.3, 0.05)), vulnerability: Vulnerability(importShareFromChallenger: 0.6))
        #expect(p.position == .advantage && p.vulnerability == .high)
        #expect(p.predicted == [.exportControls, .allySubstitution])
        #expect(p.confidence == 0.2)   // 0.6 (a mixed case) × 3 of 9 inputs
    }

    @Test func disadvantageWithLowVulnerabilityBuildsHomeCapacity() {
        let p = rules.predict(profile(tech: (0.05, 0.3)), vulnerability: Vulnerability(importShareFromChallenger: 0.1))
        #expect(p.predicted == [.importSubstitution, .restrictiveSubsidies])
    }

    @Test func unmeasuredVulnerabilityLowersConfidence() {
        let a = rules.predict(profile(tech: (0.3, 0.05)), vulnerability: Vulnerability())
        #expect(a.vulnerability == .unknown)
        #expect(a.predicted == CompetitivePosition.advantage.predictedInstruments)
        let d = rules.predict(profile(tech: (0.05, 0.3)), vulnerability: Vulnerability())
        #expect(d.predicted == CompetitivePosition.disadvantage.predictedInstruments)
        #expect(a.confidence < rules.predict(profile(tech: (0.3, 0.05)), vulnerability: Vulnerability(importShareFromChallenger: 0.01)).confidence)
    }

    /// #16 defect 8: a prediction with every input scores 1; each missing input lowers it, and a
    /// leader without import data (`--leader JPN`) no longer shows 1.00.
    @Test func confidenceFallsWithEveryMissingInput() {
        var full = profile(tech: (0.05, 0.3), manufacturing: (0.02, 0.8), arena: .green)
        full.indicators.append(Indicator(dimension: .market, name: "use", leaderValue: 0.05, challengerValue: 0.5, year: 2022, source: "t"))
        let all = Vulnerability(importShareFromChallenger: 0.7, supplierConcentration: 0.5, lookThroughExposure: 0.2)
        #expect(rules.predict(full, vulnerability: all).confidence == 1)
        let noImports = Vulnerability(lookThroughExposure: 0.2)
        let p = rules.predict(full, vulnerability: noImports)
        #expect(p.confidence == 0.78)   // 7 of 9
        #expect(p.reasons.last == "missing inputs (7 of 9 measured): imports from the challenger, supplier concentration")
    }

    @Test func noDataNoPrediction() {
        let p = rules.predict(profile(tech: (nil, nil)), vulnerability: Vulnerability(importShareFromChallenger: 0.5))
        #expect(p.position == nil)
        #expect(p.predicted.isEmpty)
        #expect(p.reasons.contains("no prediction: the data do not place the leader ahead or behind"))
        #expect(p.confidence == 0)
    }

    @Test func equalAdvantageIsNoNetLead() {
        let p = rules.predict(profile(tech: (0.3, 0.05), manufacturing: (0.05, 0.4)), vulnerability: Vulnerability())
        #expect(p.position == nil)
        #expect(p.reasons.contains("no net lead"))
    }

    @Test func arenaWeightsCanMakeTechnologyDecisive() {
        let p = profile(tech: (0.4, 0.1), manufacturing: (0.1, 0.45))
        #expect(rules.position(p).0 == nil)   // one lead, one lag
        let weighted = FrameworkRules(arenaWeights: [.digital: [.technology: 3, .manufacturing: 1, .market: 1]])
        #expect(weighted.position(p).0 == .advantage)
        var green = p
        green.arena = .green
        #expect(weighted.position(green).0 == nil)
    }

    @Test func mineralsFollowEndowment() {
        let p = rules.predict(profile(tech: (0.3, 0.05), arena: .criticalMinerals),
                              vulnerability: Vulnerability(netImportReliance: 100),
                              endowment: ([.importSubstitution, .allySubstitution], "import-substitution candidate: 100% reliant, 1% of reserves"))
        #expect(p.predicted == [.importSubstitution, .allySubstitution])
        #expect(p.vulnerability == .high)
        #expect(p.reasons.first == "critical mineral: instrument by endowment — import-substitution candidate: 100% reliant, 1% of reserves")
    }

    @Test func aMajorityShareDecidesAgainstAnUnknownSide() {
        let i = Indicator(dimension: .manufacturing, name: "IEA", leaderValue: nil, challengerValue: 0.85, year: 2021, source: "IEA")
        #expect(i.lead == -1)
        #expect(Indicator(dimension: .manufacturing, name: "x", leaderValue: nil, challengerValue: 0.4, year: 2021, source: "x").lead == nil)
    }

    @Test func plusScale() {
        #expect(scale.pluses(0.01) == 0)
        #expect(scale.pluses(0.02) == 1)
        #expect(scale.pluses(0.1) == 2)
        #expect(scale.pluses(0.41) == 3)
        #expect(PlusScale.symbol(3) == "+++")
        #expect(PlusScale.symbol(nil) == "n/a")
    }

    @Test func agreementCountsExplainedAndUnexplainedChains() {
        let preds = [
            rules.predict(AdvantageProfile(chain: "semis", stage: "ics", arena: .digital, leader: .usa, challenger: .china,
                                           indicators: [Indicator(dimension: .technology, name: "p", leaderValue: 0.3, challengerValue: 0.1, year: 2022, source: "t", scale: scale)]),
                          vulnerability: Vulnerability(importShareFromChallenger: 0.05)),
            rules.predict(AdvantageProfile(chain: "solar", stage: "cells", arena: .green, leader: .usa, challenger: .china,
                                           indicators: [Indicator(dimension: .technology, name: "p", leaderValue: 0.05, challengerValue: 0.3, year: 2022, source: "t", scale: scale)]),
                          vulnerability: Vulnerability(importShareFromChallenger: 0.8)),
        ]
        let observed = [
            ObservedInstrument(measure: "BIS Oct 2022", chain: "semis", instrument: .exportControls, date: "2022-10-07", source: "t"),
            ObservedInstrument(measure: "Section 201", chain: "solar", instrument: .exportControls, date: "2018-02-07", source: "t"),
            ObservedInstrument(measure: "IRA", chain: "batteries", instrument: .restrictiveSubsidies, date: "2022-08-16", source: "t"),
        ]
        let a = PredictionAgreement(predictions: preds, observed: observed)
        #expect(a.explainedCount == 1)
        #expect(a.unexplainedCount == 1)
        #expect(a.counts["restrict"]?["restrict"] == 1)
        #expect(a.counts["substitute"]?["restrict"] == 1)
        #expect(a.counts["none"]?["substitute"] == 1)
        #expect(a.cases.first { $0.chain == "batteries" }?.explained == nil)
    }

    @Test func catchUpArithmetic() {
        let s = CatchUpSignal(scope: "x", dimension: .technology, indicator: "p", fromYear: 2012, toYear: 2022,
                              leaderFrom: 0.5, leaderTo: 0.4, challengerFrom: 0.05, challengerTo: 0.15, source: "t")
        #expect(abs(s.gapClosedPerYear - 0.02) < 1e-12)
        #expect(abs(s.yearsToParity! - 12.5) < 1e-9)
        #expect(abs(s.challengerShareGrowth! - 3) < 1e-12)
    }
}
