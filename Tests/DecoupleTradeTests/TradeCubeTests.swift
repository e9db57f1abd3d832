import Testing
import DecoupleCore
@testable import DecoupleTrade

/// Small made-up panels with results worked out by hand.
@Suite struct TradeCubeTests {
    let vnm = Country("VNM"), mex = Country("MEX"), eu = Country("EU")

    func flow(_ p: Period, _ partner: Country, _ v: Double, _ d: TradeDirection = .imports, product: String = "85") -> TradeFlow {
        TradeFlow(period: p, reporter: .usa, partner: partner, direction: d, product: try! ProductCode(product),
                  value: v, valuation: .customsValue)
    }

    var panel: [TradeFlow] {
        [
            flow(.year(2017), .world, 100), flow(.year(2017), .china, 40), flow(.year(2017), vnm, 5), flow(.year(2017), mex, 20),
            flow(.year(2020), .world, 120), flow(.year(2020), .china, 30), flow(.year(2020), vnm, 18), flow(.year(2020), mex, 30),
            flow(.year(2017), .world, 50, .exports), flow(.year(2017), .china, 5, .exports),
        ]
    }

    @Test func sharesUseTheReportedWorldTotal() throws {
        let cube = TradeCube(flows: panel, query: TradeQuery(reporter: .usa, flow: .imports))
        let s = try #require(cube.share(of: .china, period: .year(2017)))
        #expect(s.share == 0.4)
        #expect(s.basis == .reportedWorld)
        #expect(cube.share(of: .china, period: .year(2020))?.share == 0.25)
        #expect(cube.periods == [.year(2017), .year(2020)])
    }

    @Test func totalTradeAddsBothDirections() {
        let cube = TradeCube(flows: panel, query: TradeQuery(reporter: .usa, flow: .total))
        #expect(cube.share(of: .china, period: .year(2017))?.share == 45.0 / 150.0)
    }

    /// Issue #16: without a world total the denominator is the sum of partners, and the EU
    /// listed without its members is one of them (until #16 it was dropped, and China's share
    /// here read 0.75 instead of 30/540).
    @Test func withoutAWorldTotalAnAggregateWithoutItsMembersIsAPartner() {
        let flows = [flow(.year(2024), .china, 30), flow(.year(2024), vnm, 10), flow(.year(2024), eu, 500)]
        let cube = TradeCube(flows: flows, query: TradeQuery(reporter: .usa, flow: .imports))
        let s = cube.share(of: .china, period: .year(2024))
        #expect(s?.share == 30.0 / 540.0)
        #expect(s?.basis == .sumOfPartners)
        #expect(cube.partners(period: .year(2024)).map(\.partner) == [eu, .china, vnm])
        #expect(PartnerRule.displayName(eu) == "European Union (aggregate)")
    }

    /// The EU with one member listed beside it (the Census 2024 file: Slovakia) counts once:
    /// its published value for its share and rank, its remainder (500 − 8) in the total.
    @Test func aMemberListedBesideItsAggregateIsNotCountedTwice() {
        let svk = Country("SVK")
        let flows = [flow(.year(2024), .china, 30), flow(.year(2024), svk, 8), flow(.year(2024), eu, 500)]
        let cube = TradeCube(flows: flows, query: TradeQuery(reporter: .usa, flow: .imports))
        #expect(cube.total(period: .year(2024))?.value == 530.0)   // 30 + 8 + (500 − 8)
        #expect(cube.share(of: eu, period: .year(2024))?.share == 500.0 / 530.0)
        #expect(cube.partners(period: .year(2024)).map(\.partner) == [eu, .china, svk])
        #expect(cube.partnerAggregates(period: .year(2024)).map(\.remainder) == [492])
    }

    /// IMF DOTS lists the EU and every member: the members account for the aggregate, so it is
    /// a total, not a partner. Membership is dated: in 2019 the UK was a member, in 2020 not.
    @Test func anAggregateCoveredByItsMembersIsNotAPartner() {
        func members(_ year: Int) -> [TradeFlow] {
            CountryGroup.europeanUnion.members(in: year).map { flow(.year(year), $0, 10) }
        }
        let n2019 = CountryGroup.europeanUnion.members(in: 2019).count, n2020 = CountryGroup.europeanUnion.members(in: 2020).count
        #expect(n2019 == 28 && n2020 == 27)
        let flows = members(2019) + members(2020) + [flow(.year(2019), eu, Double(10 * n2019)), flow(.year(2020), eu, Double(10 * n2020)),
                                                     flow(.year(2019), .china, 50), flow(.year(2020), .china, 50)]
        let cube = TradeCube(flows: flows, query: TradeQuery(reporter: .usa, flow: .imports))
        for year in [2019, 2020] {
            #expect(!cube.partners(period: .year(year)).contains { $0.partner == eu })
            #expect(cube.total(period: .year(year))?.value == Double(10 * (year == 2019 ? n2019 : n2020) + 50))
        }
        // A 2020 file whose EU line still includes the UK's trade (28 × 10) leaves a remainder of
        // 10 > 1%: the EU becomes a partner for that part.
        let stale = members(2020) + [flow(.year(2020), eu, 280)]
        let c2 = TradeCube(flows: stale, query: TradeQuery(reporter: .usa, flow: .imports))
        #expect(c2.partnerAggregates(period: .year(2020)).map(\.remainder) == [10])
    }

    /// The panel measures (``ReporterTrade``) apply the same rule as the cube: the EU line with
    /// Slovakia beside it is a partner, counted with its remainder in the partner sum.
    @Test func panelTradeAppliesTheSamePartnerRule() throws {
        let svk = Country("SVK"), code = try ProductCode("850760")
        let rows = [(Country.china, 30.0), (eu, 500.0), (svk, 8.0)].map {
            TradeAggregateRow(year: 2024, reporter: .usa, partner: $0.0, product: code, value: $0.1, quantity: 0, rowCount: 1)
        }
        let trade = ReporterTrade(country: .usa, side: .imports,
                                  aggregate: TradeAggregate(groupBy: [.year, .product, .partner], rows: rows, provenance: []))
        let values = trade.partnerValues(year: 2024)
        #expect(values.total == 530)
        #expect(values.byPartner[eu] == 500 && values.byPartner[.china] == 30)
        let cube = TradeCube(flows: [flow(.year(2024), .china, 30, product: "850760"), flow(.year(2024), eu, 500, product: "850760"),
                                     flow(.year(2024), svk, 8, product: "850760")],
                             query: TradeQuery(reporter: .usa, flow: .imports))
        #expect(cube.total(period: .year(2024))?.value == values.total)
    }

    @Test func shareShiftShowsWhoGainedWhatTheRivalLost() {
        let cube = TradeCube(flows: panel, query: TradeQuery(reporter: .usa, flow: .imports))
        let shift = cube.shareShift(from: .year(2017), to: .year(2020))
        #expect(shift.map(\.partner) == [vnm, mex, .china])
        #expect(abs(shift[0].change - (0.15 - 0.05)) < 1e-12)
        #expect(abs(shift[2].change - (0.25 - 0.40)) < 1e-12)
        #expect(shift[0].valueGrowth == 2.6)
    }

    @Test func annualCubesCountMonthsAndFlagPartialYears() {
        var flows: [TradeFlow] = []
        for m in 1...12 { flows.append(flow(.month(year: 2020, month: m), .china, 1)); flows.append(flow(.month(year: 2020, month: m), .world, 4)) }
        for m in 1...6 { flows.append(flow(.month(year: 2021, month: m), .china, 1)); flows.append(flow(.month(year: 2021, month: m), .world, 2)) }
        let cube = TradeCube(flows: flows, query: TradeQuery(reporter: .usa, flow: .imports, annual: true))
        #expect(cube.periods == [.year(2020), .year(2021)])
        #expect(cube.isComplete(.year(2020)))
        #expect(!cube.isComplete(.year(2021)))
        #expect(cube.share(of: .china, period: .year(2021))?.months == 6)
        #expect(cube.share(of: .china, period: .year(2021))?.share == 0.5)
        #expect(cube.value(.china, period: .year(2020)) == 12)
    }

    @Test func productGroupsAndFilters() {
        let flows = [flow(.year(2017), .china, 10, product: "8541"), flow(.year(2017), .world, 20, product: "8541"),
                     flow(.year(2017), .china, 1, product: "8471"), flow(.year(2017), .world, 10, product: "8471"),
                     flow(.year(2017), .china, 5, product: "2805"), flow(.year(2017), .world, 5, product: "2805")]
        let byChapter = TradeCube(flows: flows, query: TradeQuery(reporter: .usa, flow: .imports, productLevel: .hs2))
        #expect(byChapter.productGroups == ["28", "84", "85"])
        #expect(byChapter.share(of: .china, period: .year(2017), product: "85")?.share == 0.5)
        let changes = byChapter.shareChangesByProduct(of: .china, from: .year(2017), to: .year(2017))
        #expect(changes.allSatisfy { $0.change == 0 })
        let filtered = TradeCube(flows: flows, query: TradeQuery(reporter: .usa, flow: .imports, products: ["85", "84"]))
        #expect(filtered.share(of: .china, period: .year(2017))?.share == 11.0 / 30.0)
    }

    @Test func noTradeMeansNoShare() {
        let cube = TradeCube(flows: panel, query: TradeQuery(reporter: .china, flow: .imports))
        #expect(cube.share(of: .usa, period: .year(2017)) == nil)
        #expect(cube.shareChange(of: .usa, from: .year(2017), to: .year(2020)) == nil)
    }
}
