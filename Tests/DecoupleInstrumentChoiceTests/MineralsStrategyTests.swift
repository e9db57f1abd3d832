import DecoupleCore
@testable import DecoupleInstrumentChoice
import DecoupleMinerals
import Testing

@Suite("Minerals framework rule")
struct MineralsStrategyTests {
    let src = MineralProvenance(edition: 2099, file: "f.csv")
    func a(_ x: ReportedAmount, _ unit: String = "t") -> MineralAmount { MineralAmount(x, unit: unit, source: src) }

    /// A mineral with the given reliance, leader reserves share and allied production share.
    func profile(reliance: ReportedAmount, usReserves: Double, alliedProduction: Double) -> MineralSupplyProfile {
        let input = MineralSupplyInput(
            code: "testa", name: "Testium", edition: 2099, productionYear: 2023, productionType: "Mine production",
            production: [PlaceAmount(country: Country("AUS"), label: "Australia", amount: a(.exact(alliedProduction * 100))),
                         PlaceAmount(country: .china, label: "China", amount: a(.exact(100 - alliedProduction * 100)))],
            worldProduction: a(.exact(100)),
            reserves: [PlaceAmount(country: .usa, label: "United States", amount: a(.exact(usReserves * 1000))),
                       PlaceAmount(country: .china, label: "China", amount: a(.exact(1000 - usReserves * 1000)))],
            worldReserves: a(.exact(1000)),
            salient: [.init(year: 2023, reportedReliance: a(reliance, "pct"))])
        return MineralSupplyProfile(input, leader: .usa, rival: .china, allies: [Country("AUS")])
    }

    @Test func eachClassFollowsFromTheThresholds() {
        let rule = MineralStrategyRule()
        #expect(rule.classify(profile(reliance: .exact(100), usReserves: 0.01, alliedProduction: 0.1)).strategy == .importSubstitutionCandidate)
        #expect(rule.classify(profile(reliance: .exact(80), usReserves: 0.10, alliedProduction: 0.1)).strategy == .domesticExpansionCandidate)
        #expect(rule.classify(profile(reliance: .exact(100), usReserves: 0.01, alliedProduction: 0.6)).strategy == .exportRestrictionLever)
        #expect(rule.classify(profile(reliance: .exact(20), usReserves: 0.01, alliedProduction: 0.1)).strategy == .notAPriority)
        #expect(rule.classify(profile(reliance: .withheld, usReserves: 0.01, alliedProduction: 0.1)).strategy == .insufficientData)
    }

    @Test func thresholdsAreParameters() {
        let p = profile(reliance: .exact(80), usReserves: 0.10, alliedProduction: 0.4)
        #expect(MineralStrategyRule().classify(p).strategy == .domesticExpansionCandidate)
        #expect(MineralStrategyRule(thresholds: .init(meaningfulReserves: 0.2)).classify(p).strategy == .importSubstitutionCandidate)
        #expect(MineralStrategyRule(thresholds: .init(highReliance: 90)).classify(p).strategy == .notAPriority)
        #expect(MineralStrategyRule(thresholds: .init(dominance: 0.4)).classify(p).strategy == .exportRestrictionLever)
    }

    @Test func boundsDecideOnlyWhenTheyCan() {
        let rule = MineralStrategyRule()
        #expect(rule.classify(profile(reliance: .above(75), usReserves: 0.01, alliedProduction: 0.1)).strategy == .importSubstitutionCandidate)
        #expect(rule.classify(profile(reliance: .below(50), usReserves: 0.01, alliedProduction: 0.1)).strategy == .notAPriority)
        let undecided = rule.classify(profile(reliance: .above(25), usReserves: 0.01, alliedProduction: 0.1))
        #expect(undecided.strategy == .insufficientData)
        #expect(undecided.reasons.last?.contains("reported as >25, which does not decide against 50%") == true)
        #expect(rule.classify(profile(reliance: .netExporter, usReserves: 0.5, alliedProduction: 0.1)).strategy == .notAPriority)
    }

    @Test func reasonsStateTheNumbers() {
        let c = MineralStrategyRule().classify(profile(reliance: .exact(100), usReserves: 0.01, alliedProduction: 0.1))
        #expect(c.reasons == ["USA and allies produce 10% of world production (< 50%)",
                              "net import reliance 2023 is 100% (≥ 50%)",
                              "USA holds 1% of world reserves (< 5%)"])
        #expect(c.instruments == [.importSubstitution, .allySubstitution])
    }

    /// A recomputed reliance from a 12–21-digit USGS cell once trapped in `Int(Double)` (#22).
    @Test func oneDecimalTextOfHugeValues() {
        #expect(NumberText.oneDecimal(52.34) == "52.3")
        #expect(NumberText.oneDecimal(100) == "100")
        #expect(NumberText.oneDecimal(1e20) == "100000000000000000000")
        #expect(NumberText.oneDecimal(-1e19) == "-10000000000000000000")
        #expect(NumberText.oneDecimal(.infinity) == "inf")
    }
}
