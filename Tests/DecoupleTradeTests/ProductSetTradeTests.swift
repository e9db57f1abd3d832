import Testing
import DecoupleCore
@testable import DecoupleTrade

@Suite struct ProductSetTradeTests {
    func flow(_ partner: Country, _ product: String, _ v: Double) -> TradeFlow {
        TradeFlow(period: .year(2024), reporter: .usa, partner: partner, direction: .imports, product: try! ProductCode(product),
                  value: v, valuation: .customsValue)
    }

    @Test func weightedCodesSumByPartner() {
        // 854140 counts for 0.25 of its trade, 850760 fully.
        let flows = [flow(.china, "854140", 40), flow(Country("VNM"), "854140", 60),
                     flow(.china, "850760", 30), flow(Country("KOR"), "850760", 10)]
        let cube = TradeCube(flows: flows, query: TradeQuery(reporter: .usa, flow: .imports, productLevel: .hs6))
        let t = cube.trade(in: ["854140": 0.25, "850760": 1], period: .year(2024))
        #expect(t.total == 0.25 * 100 + 40)
        #expect(t.value(.china) == 0.25 * 40 + 30)
        #expect(t.share(of: .china) == 40.0 / 65.0)
        #expect(t.largestPartner?.partner == .china)
        let s = [40.0 / 65, 15.0 / 65, 10.0 / 65]
        #expect(abs(t.herfindahlIndex! - s.reduce(0) { $0 + $1 * $1 }) < 1e-12)
        #expect(cube.trade(in: ["999999": 1], period: .year(2024)).share(of: .china) == nil)
    }
}
