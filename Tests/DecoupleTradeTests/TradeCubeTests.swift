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

    @Test func withoutAWorldTotalTheDenominatorIsTheSumOfEconomies() {
        let flows = [flow(.year(2024), .china, 30), flow(.year(2024), vnm, 10), flow(.year(2024), eu, 500)]
        let cube = TradeCube(flows: flows, query: TradeQuery(reporter: .usa, flow: .imports))
        let s = cube.share(of: .china, period: .year(2024))
        #expect(s?.share == 0.75)
        #expect(s?.basis == .sumOfPartners)
        #expect(cube.partners(period: .year(2024)).map(\.partner) == [.china, vnm])
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
