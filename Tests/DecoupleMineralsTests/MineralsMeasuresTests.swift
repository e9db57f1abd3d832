import DecoupleCore
@testable import DecoupleMinerals
import Testing

/// Converts reader cells to measure amounts (the mapping the analyses use).
private func amount(_ v: SourcedMineralValue) -> MineralAmount { MineralAmount(v) }

/// World shares of a real world table's production in `year` (first production type).
private func shares(_ w: WorldProduction, year: Int) throws -> WorldShares {
    let col = try #require(w.productionColumn(year: year))
    let type = w.rows[0].type
    let rows = w.rows.filter { $0.type == type && $0.place.place != .worldTotal }
        .map { PlaceAmount(country: $0.place.place.country, label: $0.place.printed, amount: amount(w.value($0, col))) }
    let world = w.rows.first { $0.place.place == .worldTotal }.map { amount(w.value($0, col)) }
    return try #require(WorldShares(rows: rows, world: world))
}

private let catalog = DataCatalog(root: DataCatalog.sourceCheckoutDataFolder)

@Suite("Minerals measures on the real USGS files")
struct MineralsMeasuresRealTests {
    @Test func cobaltLeadingProducerIsDRCongo() throws {
        for (edition, year, congo, world) in [(2022, 2021, 120_000.0, 170_000.0), (2024, 2023, 170_000, 230_000)] {
            let w = try #require(try catalog.loadMineralCommoditySummaries(edition: edition).world["cobal"])
            let s = try shares(w, year: year)
            #expect(s.leader?.country == Country("COD"))
            #expect(abs(s.share(of: Country("COD")) - congo / world) < 1e-12)
            #expect(s.worldBasis == .publishedWorldTotal)
            #expect(s.leader?.source.file.hasSuffix("cobal_world.csv") == true)
        }
    }

    @Test func lithiumConcentrationFromTheFileNumbers() throws {
        let w = try #require(try catalog.loadMineralCommoditySummaries(edition: 2024).world["lithi"])
        let s = try shares(w, year: 2023)
        // The file's 2023 figures, world total 180,000 t (US withheld).
        let listed: [Double] = [9_600, 86_000, 4_900, 3_400, 44_000, 33_000, 380, 3_400]
        let expectedHHI = listed.reduce(0) { $0 + ($1 / 180_000) * ($1 / 180_000) }
        #expect(abs(s.hhi - expectedHHI) < 1e-12)
        #expect(abs(s.top3Share - (86_000 + 44_000 + 33_000) / 180_000) < 1e-12)
        #expect(s.withheld == ["United States"])
        #expect(s.shares.map(\.country.code).prefix(3) == ["AUS", "CHL", "CHN"])
    }

    @Test func cobaltRecycledShare2021IsTheSecondaryOverApparentConsumption() throws {
        let s = try #require(try catalog.loadMineralCommoditySummaries(edition: 2022).salient["cobal"])
        let secondary = try #require(s.columns.first { $0.name == "USprod_Secondary_t" })
        let apparent = try #require(s.columns.first { $0.name == "Consump_Apparent_t" })
        let year = MineralSupplyInput.SalientYear(year: 2021, apparentConsumption: s.value(apparent, year: 2021).map(amount),
                                                  secondarySupply: s.value(secondary, year: 2021).map(amount))
        let r = try #require(RecycledShare(year))
        #expect(abs(r.share - 1_600.0 / 6_700.0) < 1e-12)  // 24%, the paper's Table 3
    }
}

@Suite("Minerals measures (fixtures)")
struct MineralsMeasuresFixtureTests {
    let src = MineralProvenance(edition: 2099, file: "f.csv", line: 2, column: "c")
    func a(_ x: ReportedAmount, _ unit: String = "t") -> MineralAmount { MineralAmount(x, unit: unit, source: src) }
    func row(_ code: String?, _ x: ReportedAmount) -> PlaceAmount { PlaceAmount(country: code.map(Country.init), label: code ?? "Other countries", amount: a(x)) }

    @Test func sharesLeaveWithheldOutAndAggregatesOutOfHHI() throws {
        let s = try #require(WorldShares(rows: [row("AAA", .exact(60)), row("BBB", .exact(20)), row("USA", .withheld),
                                               row("CCC", .below(1)), row(nil, .exact(20))], world: a(.exact(100))))
        #expect(s.shares.map(\.share) == [0.6, 0.2])
        #expect(abs(s.hhi - 0.4) < 1e-12 && abs(s.top3Share - 0.8) < 1e-12)
        #expect(s.withheld == ["USA"] && s.bounded == ["CCC"])
        let noTotal = try #require(WorldShares(rows: [row("AAA", .exact(30)), row(nil, .exact(10))], world: a(.withheld)))
        #expect(noTotal.worldBasis == .sumOfRows && noTotal.share(of: Country("AAA")) == 0.75)
        #expect(WorldShares(rows: [row("AAA", .withheld)], world: nil) == nil)
    }

    @Test func relianceIsRecomputedOnlyFromNumbers() {
        let withConsumption = NetImportReliance(.init(year: 2020, reportedReliance: a(.exact(50), "pct"), usProduction: a(.exact(999)),
                                                      imports: a(.exact(110)), exports: a(.exact(10)), apparentConsumption: a(.exact(200))))
        #expect(withConsumption.recomputed == 50)
        let fromProduction = NetImportReliance(.init(year: 2020, usProduction: a(.exact(100)), imports: a(.exact(110)), exports: a(.exact(10))))
        #expect(fromProduction.recomputed == 50)
        #expect(fromProduction.planningPercent == 50)
        let withheld = NetImportReliance(.init(year: 2020, reportedReliance: a(.above(50), "pct"), usProduction: a(.withheld),
                                               imports: a(.exact(1)), exports: a(.exact(1)), apparentConsumption: a(.withheld)))
        #expect(withheld.recomputed == nil && withheld.method.contains("apparent consumption is W"))
        #expect(withheld.planningPercent == 50 && withheld.reported?.amount.isBound == true)
        let mixedUnits = NetImportReliance(.init(year: 2020, imports: a(.exact(1), "kt"), exports: a(.exact(1), "t")))
        #expect(mixedUnits.recomputed == nil)
    }

    @Test func supplyRiskShowsEveryComponent() throws {
        let s = try #require(WorldShares(rows: [row("CHN", .exact(80)), row("AAA", .exact(20))], world: a(.exact(100))))
        let r = try #require(SupplyRisk(shares: s, rivalProductionShare: 0.8,
                                        reliance: NetImportReliance(.init(year: 2020, reportedReliance: a(.exact(100), "pct")))))
        #expect(abs(r.hhi - 0.68) < 1e-12)
        #expect(abs(r.disruptionPotential - (0.5 * 0.68 + 0.5 * 0.8)) < 1e-12)
        #expect(r.tradeExposure == 1 && abs(r.score - 0.74) < 1e-12)
        #expect(SupplyRisk(shares: s, rivalProductionShare: 0.8, reliance: nil) == nil)
        let exporter = try #require(SupplyRisk(shares: s, rivalProductionShare: 0.8,
                                               reliance: NetImportReliance(.init(year: 2020, reportedReliance: a(.netExporter, "pct")))))
        #expect(exporter.score == 0)
    }

    @Test func importExposureFromSharesOrRanks() {
        let withShares = ImportExposure(sources: [
            .init(country: Country("CHN"), label: "China", share: a(.exact(53), "pct"), source: src),
            .init(country: Country("GBR"), label: "United Kingdom", share: a(.exact(11), "pct"), source: src),
            .init(country: nil, label: "Other", share: a(.exact(36), "pct"), source: src),
        ], rival: .china, allies: [Country("GBR")])
        #expect(withShares.rivalImportShare == 53 && withShares.allyImportShare == 11 && withShares.rivalRank == 1)
        let ranked = ImportExposure(sources: [.init(country: Country("ARG"), label: "Argentina", share: nil, source: src),
                                              .init(country: .china, label: "China", share: nil, source: src)],
                                    rival: .china, allies: [])
        #expect(ranked.rivalImportShare == nil && ranked.rivalRank == 2 && !ranked.hasShares)
    }
}
