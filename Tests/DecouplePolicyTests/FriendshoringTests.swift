import Testing
import DecoupleCore
@testable import DecouplePolicy
import DecoupleTrade

@Suite struct FriendshoringTests {
    static func alliance() -> Alliance {
        Alliance(id: "test", abbreviation: "T", name: "Test alliance", issue: "test", founded: PolicyDate("2020-01-01")!,
                 members: [AllianceMembership(country: Country("CAN"), joined: PolicyDate("2020-01-01")!),
                           AllianceMembership(country: Country("JPN"), joined: PolicyDate("2021-07")!)],
                 sources: [PolicySource(kind: .officialPage, citation: "test")])
    }

    static func flow(_ year: Int, _ partner: String, _ code: String, _ value: Double) -> TradeFlow {
        TradeFlow(period: .year(year), reporter: .usa, partner: Country(partner), direction: .imports,
                  product: try! ProductCode(code, edition: .hs2017), value: value, valuation: .customsValue)
    }

    @Test func shareAndChangeOnMadeUpFlows() throws {
        let flows = [
            Self.flow(2020, "CAN", "850760", 100), Self.flow(2020, "JPN", "850760", 300), Self.flow(2020, "CHN", "850760", 600),
            Self.flow(2021, "CAN", "850760", 200), Self.flow(2021, "JPN", "850760", 300), Self.flow(2021, "CHN", "850760", 500),
            Self.flow(2021, "CAN", "850790", 1000),   // weight 0.5
            Self.flow(2021, "EU", "850760", 999),     // the EU without its members: a partner, not a member here
        ]
        let m = FriendshoringMeasure(alliance: Self.alliance(), products: ["850760": 1, "850790": 0.5], membership: .endOfPeriod)
        let cube = TradeCube(flows: flows, query: m.query(reporter: .usa))
        let series = m.series(in: cube, partnersInData: [Country("CAN"), Country("JPN"), .china, Country("EU")])
        // 2020: Japan not yet a member (joined 2021-07): 100 / (100 + 300 + 600) = 0.10.
        #expect(series.shares[0].fromMembers == 100)
        #expect(series.shares[0].total == 1000)
        #expect(series.shares[0].share == 0.1)
        #expect(series.shares[0].members == [Country("CAN")])
        // 2021: (200 + 300 + 0.5 × 1000) / (200 + 300 + 500 + 0.5 × 1000 + 999) = 1000 / 2499. Since
        // #16 the EU line (its members absent) is a partner, so it is in the denominator
        // (before: 1000 / 1500, as if the EU's 999 did not exist).
        #expect(series.shares[1].fromMembers == 1000)
        #expect(series.shares[1].total == 2499)
        #expect(series.shares[1].membersWithImports == [Country("CAN"), Country("JPN")])
        #expect(series.change == 1000.0 / 2499.0 - 0.1)
        // Fixed membership on 2020-06-30 for every year: Japan never counts.
        let fixed = FriendshoringMeasure(alliance: Self.alliance(), products: ["850760": 1, "850790": 0.5], membership: .fixed(CalendarDay("2020-06-30")!))
        #expect(fixed.series(in: cube).shares[1].fromMembers == 200 + 0.5 * 1000)
    }

    @Test func membersMissingFromTheDataAreNamedNotEstimated() {
        let flows = [Self.flow(2022, "CAN", "850760", 10), Self.flow(2022, "CHN", "850760", 90)]
        let m = FriendshoringMeasure(alliance: Self.alliance(), products: ["850760": 1], membership: .endOfPeriod)
        let s = m.share(in: TradeCube(flows: flows, query: m.query(reporter: .usa)), period: .year(2022), partnersInData: [Country("CAN"), .china])
        #expect(s?.share == 0.1)
        #expect(s?.membersNotInData == [Country("JPN")])
    }

    /// MSP share of US imports of lithium-ion accumulators (HS 850760) in 2024, from the bundled
    /// Census data. The expected figures were summed by hand from the Census file (CON_VAL_YR,
    /// HS6 850760, 2024): Australia 3,512,508; Canada 752,799,318; United Kingdom 104,428,101;
    /// India 1,449,400; Japan 1,369,417,325; South Korea 1,309,708,509; Norway 7,342,457 — the
    /// MSP member economies among the partners on 2024-12-31 — = 3,548,657,618; plus the EU, an
    /// MSP member, whose Census line (1,719,293,728) counts less Slovakia (557,525, listed beside
    /// it): 1,718,736,203; together 5,267,393,821. All partners: the 50 economies (20,481,326,278)
    /// plus the EU's remainder = 22,200,062,481; share 23.73 %. Before #16 the EU line was left
    /// out on both sides (17.33 % = 3,548,657,618 / 20,481,326,278), which dropped the second
    /// largest MSP supplier. The test recomputes both sums independently from the flows.
    @Test func mspShareOfUSLithiumIonImportsIn2024() throws {
        let data = try DataCatalog(root: DataCatalog.sourceCheckoutDataFolder).loadCensusHS6_2024()
        let alliances = try AlliancesLoader.bundled(catalog: DataCatalog(root: DataCatalog.sourceCheckoutDataFolder))
        let msp = try #require(alliances.alliance(named: "MSP"))
        let members: Set<String> = ["AUS", "CAN", "GBR", "IND", "JPN", "KOR", "NOR", "FIN", "FRA", "DEU", "SWE", "ITA", "EST", "USA"]
        #expect(Set(msp.members(on: CalendarDay("2024-12-31")!).map(\.code)) == members.union(["EU"]))

        // Independent sums over the flows.
        var fromMembers = 0.0, economies = 0.0, eu = 0.0, slovakia = 0.0
        for f in data.flows where f.reporter == .usa && f.direction == .imports && f.product.code == "850760" {
            if f.partner.code == "EU" { eu += f.value }
            guard CountryTable.standard.info(f.partner)?.kind == .economy else { continue }
            economies += f.value
            if f.partner.code == "SVK" { slovakia += f.value }
            if members.contains(f.partner.code) { fromMembers += f.value }
        }
        #expect(fromMembers == 3_548_657_618)
        #expect(economies == 20_481_326_278)
        #expect(eu == 1_719_293_728 && slovakia == 557_525)
        let expectedMembers = fromMembers + (eu - slovakia), expectedTotal = economies + (eu - slovakia)
        #expect(expectedMembers == 5_267_393_821.0 && expectedTotal == 22_200_062_481.0)

        let measure = FriendshoringMeasure(alliance: msp, products: ["850760": 1], membership: .endOfPeriod)
        let cube = TradeCube(flows: data.flows, query: measure.query(reporter: .usa))
        let s = try #require(measure.share(in: cube, period: .year(2024)))
        #expect(s.fromMembers == expectedMembers)
        #expect(s.total == expectedTotal)
        #expect(abs(s.share - 5_267_393_821.0 / 22_200_062_481.0) < 1e-12)
        #expect(abs(s.share - 0.23727) < 0.00001)

        // With membership as of the launch (2022-06-14), India and Norway are not yet members:
        // 5,267,393,821 − 1,449,400 − 7,342,457 = 5,258,601,964.
        let atLaunch = FriendshoringMeasure(alliance: msp, products: ["850760": 1], membership: .fixed(CalendarDay("2022-06-14")!))
        #expect(atLaunch.share(in: cube, period: .year(2024))?.fromMembers == 5_258_601_964.0)
    }
}
