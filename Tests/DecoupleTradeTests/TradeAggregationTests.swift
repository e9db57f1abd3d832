import DecoupleCore
import DecoupleTrade
import Foundation
import Testing

/// The local aggregation engine on the hand-computed BACI fixture (``DependenceFixture/twoYears``).
@Suite struct TradeAggregationTests {
    let engine: LocalTradeAggregationEngine

    init() throws {
        let (store, _) = try DependenceFixture().panel(DependenceFixture.twoYears)
        engine = LocalTradeAggregationEngine(store: store)
    }

    private func values(_ a: TradeAggregate, _ key: (TradeAggregateRow) -> String) -> [String: Double] {
        Dictionary(uniqueKeysWithValues: a.rows.map { (key($0), $0.value) })
    }

    @Test func importsByYearAndReporter() {
        let a = engine.run(TradeAggregationQuery(side: .imports, reporters: [.usa], groupBy: [.year, .reporter]))
        #expect(a.rows.map(\.year) == [2020, 2021])
        #expect(a.rows.map(\.value) == [1_440_000, 1_240_000])
        #expect(a.rows.map(\.rowCount) == [6, 6])
        #expect(a.rows.allSatisfy { $0.reporter == .usa && $0.partner == nil && $0.product == nil })
    }

    @Test func partnerAndProductFilters() {
        let a = engine.run(TradeAggregationQuery(side: .imports, partners: [.china], products: .prefixes(["8507"]), groupBy: [.year]))
        #expect(values(a) { String($0.year!) } == ["2020": 1_410_000, "2021": 940_000])
        let y = engine.run(TradeAggregationQuery(side: .imports, years: [2021], partners: [.china], products: .prefixes(["8507"]),
                                                 groupBy: [.reporter]))
        #expect(values(y) { $0.reporter!.code } == ["USA": 600_000, "DEU": 200_000, "FRA": 50_000, "VNM": 90_000])
        #expect(y.rows.map { $0.reporter!.code } == ["DEU", "FRA", "USA", "VNM"])
    }

    @Test func exportSideSwapsReporterAndPartner() {
        let a = engine.run(TradeAggregationQuery(side: .exports, years: [2021], reporters: [.usa], groupBy: [.product, .partner]))
        #expect(a.rows.map { "\($0.product!.code)>\($0.partner!.code)" } == ["010121>CHN", "850760>DEU"])
        #expect(a.rows.map(\.value) == [100_000, 100_000])
    }

    @Test func quantitiesSkipRowsWithoutOne() {
        let a = engine.run(TradeAggregationQuery(side: .imports, years: [2021], reporters: [Country("CHN")], groupBy: [.product]))
        #expect(a.rows.count == 1)
        #expect(a.rows[0].value == 160_000)
        #expect(a.rows[0].quantity == 1)
        #expect(a.rows[0].rowCount == 2)
    }

    @Test func taxonomyGroupsApplyWeights() {
        let members = [ProductGroupMember(code: "850760", edition: .hs2017, chain: "batteries", stage: "cells"),
                       ProductGroupMember(code: "854140", edition: .hs2017, chain: "solar-pv", stage: "cells", weight: 0.5),
                       ProductGroupMember(code: "854140", edition: .hs2012, chain: "solar-pv", stage: "cells", weight: 0.9)]
        let a = engine.run(TradeAggregationQuery(side: .imports, years: [2021], reporters: [.usa], products: .groups(members),
                                                 groupBy: [.chain, .stage]))
        #expect(a.rows.map { "\($0.chain!)/\($0.stage!)" } == ["batteries/cells", "solar-pv/cells"])
        // 850760: 600 + 300 + 100; 854140 (HS2017 weight 0.5, the HS2012 member does not apply): 0.5 × 200.
        #expect(a.rows.map(\.value) == [1_000_000, 100_000])
        let total = engine.run(TradeAggregationQuery(side: .imports, years: [2021], reporters: [.usa], products: .groups(members), groupBy: []))
        #expect(total.rows.count == 1 && total.rows[0].value == 1_100_000)
    }

    @Test func denseAndHashedSumsAgree() {
        var hashed = engine
        hashed.denseCellLimit = 0
        for groupBy: [TradeDimension] in [[.year], [.reporter, .partner], [.year, .product, .partner], [.partner, .year, .reporter, .product]] {
            for side in TradeSide.allCases {
                let q = TradeAggregationQuery(side: side, groupBy: groupBy)
                #expect(engine.run(q) == hashed.run(q), "\(side) by \(groupBy)")
                #expect(!engine.run(q).rows.isEmpty)
            }
        }
    }

    /// Groupings with year and product are summed block by block when the whole key space is
    /// too large for the dense array.
    @Test func blockwiseSumsAgree() {
        var blockwise = engine
        blockwise.denseCellLimit = 10
        for groupBy: [TradeDimension] in [[.year, .product, .partner], [.product, .reporter, .year], [.year, .reporter, .product, .partner]] {
            for side in TradeSide.allCases {
                let q = TradeAggregationQuery(side: side, groupBy: groupBy)
                #expect(engine.run(q) == blockwise.run(q), "\(side) by \(groupBy)")
            }
        }
    }

    @Test func emptySelectionsGiveNoRows() {
        #expect(engine.run(TradeAggregationQuery(side: .imports, years: [1999], groupBy: [.year])).rows.isEmpty)
        #expect(engine.run(TradeAggregationQuery(side: .imports, products: .prefixes(["99"]), groupBy: [])).rows.isEmpty)
    }

    @Test func sidesUseTheirOwnDeclarations() {
        #expect(TradeSide.imports.accepts(.importerReported) && TradeSide.imports.accepts(.reconciled))
        #expect(!TradeSide.imports.accepts(.exporterReported))
        #expect(TradeSide.exports.accepts(.exporterReported) && !TradeSide.exports.accepts(.importerReported))
    }

    /// A measure is the same whether it runs through the engine or the panel wrapper.
    @Test func measuresRunOnTheEngine() async throws {
        let shares = try await engine.measure(PartnerSharesRequest(country: .usa, side: .imports, products: .codes(["850760"])))
        #expect(shares.map(\.year) == [2020, 2021])
        #expect(abs(shares[1].share(of: .china) - 0.6) < 1e-12)
        #expect(abs(shares[0].share(of: .china) - 0.8) < 1e-12)
    }
}

/// A remote engine's answer that lacks a grouped key is an error, not a crash.
@Suite struct TradeAggregateValidationTests {
    struct BrokenEngine: TradeAggregationEngine {
        var name: String { "broken" }
        func describe() async throws -> TradePanelDescription { TradePanelDescription(years: [2021], coversAllReporters: false, provenance: []) }
        func aggregate(_ query: TradeAggregationQuery) async throws -> TradeAggregate {
            TradeAggregate(groupBy: query.groupBy, rows: [TradeAggregateRow(year: 2021, value: 1, quantity: 0, rowCount: 1)], provenance: [])
        }
    }

    @Test func rowsWithoutAGroupedKeyAreRejected() async {
        await #expect {
            _ = try await BrokenEngine().measure(PartnerSharesRequest(country: .usa, side: .imports))
        } throws: { error in
            "\(error)" == "broken: result row 1 has no product although the query groups by it"
        }
    }
}

/// The columnar form: key lists hold the keys used, in key order; rows sorted whatever the
/// order they were given in; equal aggregates whichever way they were built.
@Suite struct TradeAggregateColumnsTests {
    let engine: LocalTradeAggregationEngine

    init() throws {
        let (store, _) = try DependenceFixture().panel(DependenceFixture.twoYears)
        engine = LocalTradeAggregationEngine(store: store)
    }

    @Test func keysAreTheUsedOnesInKeyOrder() {
        let a = engine.run(TradeAggregationQuery(side: .imports, reporters: [.usa], products: .prefixes(["8507"]),
                                                 groupBy: [.year, .reporter, .partner]))
        // The store knows more countries than the USA's suppliers of 8507: only those used remain.
        #expect(a.keys.countries == Set(a.rows.flatMap { [$0.reporter!, $0.partner!] }).sorted())
        #expect(a.keys.countries.count < engine.columns.countries.count)
        #expect(a.keys.years == [2020, 2021])
        #expect(a.keys.products.isEmpty && a.positions(.product).isEmpty)
        // Positions point at the row's keys.
        let partners = a.positions(.partner)
        for i in 0..<a.count { #expect(a.keys.countries[Int(partners[i])] == a[i].partner) }
    }

    @Test func rowsInAnyOrderGiveTheEnginesAggregate() {
        for groupBy: [TradeDimension] in [[.year, .product, .reporter, .partner], [.partner, .year], [.product, .year, .partner], []] {
            let a = engine.run(TradeAggregationQuery(side: .imports, groupBy: groupBy))
            #expect(a.count > 0)
            var generator = SystemRandomNumberGenerator()
            let rebuilt = TradeAggregate(groupBy: groupBy, rows: a.rows.shuffled(using: &generator), provenance: a.provenance)
            #expect(rebuilt == a, "group by \(groupBy)")
        }
    }

    @Test func rowsAreSortedByKeysInGroupByOrder() {
        let rows = [TradeAggregateRow(year: 2021, partner: Country("VNM"), value: 1, quantity: 0, rowCount: 1),
                    TradeAggregateRow(year: 2020, partner: Country("VNM"), value: 2, quantity: 0, rowCount: 1),
                    TradeAggregateRow(year: 2021, partner: Country("CHN"), value: 3, quantity: 0, rowCount: 1)]
        let byPartner = TradeAggregate(groupBy: [.partner, .year], rows: rows, provenance: [])
        #expect(byPartner.value == [3, 2, 1])
        let byYear = TradeAggregate(groupBy: [.year, .partner], rows: rows, provenance: [])
        #expect(byYear.value == [2, 3, 1])
        #expect(byYear.totalValue == 6)
    }

    /// Six dimensions with 1,500 keys each overflow a 64-bit sort key: rows are then compared
    /// position by position.
    @Test func manyKeysAreSortedWithoutACombinedKey() throws {
        let n = 1_500
        let rows = try (0..<n).map { i in
            TradeAggregateRow(year: 1_000 + (i * 7) % n, reporter: Country(String(format: "R%04d", i)),
                              partner: Country(String(format: "P%04d", (i * 11) % n)),
                              product: try ProductCode(String(format: "%06d", (i * 13) % n)),
                              chain: "c\((i * 17) % n)", stage: "s\(i)", value: Double(i), quantity: 0, rowCount: 1)
        }
        let a = TradeAggregate(groupBy: [.year, .reporter, .partner, .product, .chain, .stage], rows: rows.reversed(), provenance: [])
        #expect(a.count == n)
        #expect(a.rows.map(\.year!) == Array(1_000..<(1_000 + n)))
        #expect(Set(a.rows) == Set(rows))
    }

    @Test func aMissingKeyInALaterRowIsNamed() {
        let rows = [TradeAggregateRow(year: 2020, product: try! ProductCode("850760"), value: 1, quantity: 0, rowCount: 1),
                    TradeAggregateRow(year: 2021, value: 1, quantity: 0, rowCount: 1)]
        let a = TradeAggregate(groupBy: [.year, .product], rows: rows, provenance: [])
        #expect(throws: TradeAggregateMismatch.self) { try a.validate(for: TradeAggregationQuery(side: .imports, groupBy: [.year, .product]), engine: "e") }
        do {
            try a.validate(for: TradeAggregationQuery(side: .imports, groupBy: [.year, .product]), engine: "e")
        } catch {
            #expect("\(error)" == "e: result row 2 has no product although the query groups by it")
        }
    }
}
