@testable import DecoupleAnalyses
@testable import DecoupleRendering
import Testing

private let catalog = DataCatalog(root: DataCatalog.sourceCheckoutDataFolder)

/// `decouple minerals` for an edition, on the bundled data, every commodity unless `all` is false.
private func document(_ edition: Int, all: Bool = true, mineral: String? = nil) throws -> MineralsDocument {
    let mcs = try catalog.loadMineralCommoditySummaries(edition: edition)
    var q = MineralsRequest(edition: edition, mineral: mineral, allies: try MineralsDefaults.allies(catalog: catalog))
    q.allCommodities = all
    return try MineralsRun.document(q, mcs: mcs, list: try MineralsRun.criticalList(edition: edition, catalog: catalog))
}

private func assessment(_ doc: MineralsDocument, _ code: String) throws -> MineralAssessment {
    try #require(doc.minerals.first { $0.profile.code == code })
}

private func close(_ a: Double?, _ b: Double) -> Bool { a.map { abs($0 - b) < 1e-12 } ?? false }

/// Issue 16, defect 2: a share of the world needs a world total; the critical-minerals counts
/// come from one function.
@Suite("Minerals: no share of the world without a world total (bundled USGS MCS)")
struct MineralsWorldTotalTests {
    /// MCS 2024 dimension stone lists only the United States (2,300 kt) and "NA" for other
    /// countries and the world: it was "USA and allies produce 100 % of world mine production",
    /// an export-restriction lever. Now n/a, and no lever.
    @Test func dimensionStoneHasNoWorldShareAndIsNoLever() throws {
        let stone = try assessment(try document(2024), "stond")
        #expect(stone.profile.production == nil)
        #expect(stone.profile.productionGap == .worldTotalNotPublished)
        #expect(stone.profile.alliedShares.mine == .notAvailable("n/a — world total not published"))
        #expect(stone.classification.strategy != .exportRestrictionLever)
        #expect(stone.classification.reasons.first == "USA and allies' share of world mine production, dimension stone: n/a — world total not published")
    }

    /// MCS 2024 bromine reserves: United States 11,000,000 t, Azerbaijan 300,000, China 130,000,
    /// everyone else and the world "NA". The sum of those rows made the US 96.2 % of world reserves.
    @Test func bromineReservesShareIsNotAvailable() throws {
        let bromine = try assessment(try document(2024), "bromi")
        let rows: Double = 11_000_000 + 300_000 + 130_000
        let oldShare: Double = 11_000_000 / rows
        #expect(NumberText.oneDecimal(oldShare * 100) == "96.2")  // the old figure
        #expect(bromine.profile.reserves == nil && bromine.profile.reservesGap == .worldTotalNotPublished)
        #expect(bromine.profile.leaderShares.reserves.text == "n/a — world total not published")
        #expect(bromine.profile.leaderReservesShare == nil)
        // Production has a published world total (400,000 t, "Excludes U.S. production"): China 76,000.
        #expect(bromine.profile.production?.worldBasis == .publishedWorldTotal)
        #expect(close(bromine.profile.rivalShares.refinery.value, 76_000.0 / 400_000))
    }

    /// No edition has an export-restriction lever resting on a table without a world total:
    /// MCS 2023 loses boron, iron oxide pigments and dimension stone, MCS 2024 dimension stone.
    @Test func everyLeverRestsOnAWorldTotal() throws {
        let expected = [2022: ["lithi"], 2023: ["beryl", "diato", "heliu", "peat", "sodaa"], 2024: ["beryl", "peat"]]
        for edition in [2022, 2023, 2024] {
            let levers = try document(edition).minerals.filter { $0.classification.strategy == .exportRestrictionLever }
            #expect(levers.map(\.profile.code).sorted() == expected[edition], "MCS \(edition)")
            for a in levers {
                let tables = [a.profile.production, a.profile.processing].compactMap { $0 }
                #expect(tables.contains { $0.worldBasis == .publishedWorldTotal }, "MCS \(edition) \(a.profile.code)")
            }
        }
        // Peat stays a lever on its published world total: MCS 2024, 2023e, 23,000 kt;
        // Finland 5,800 + Germany 2,600 + Sweden 2,500 + Canada 2,400 + United States 360.
        let peat = try assessment(try document(2024), "peat")
        let allied: Double = 5_800 + 2_600 + 2_500 + 2_400 + 360
        #expect(close(peat.profile.alliedShares.mine.value, allied / 23_000))
    }

    /// Rows that account for the whole world (a residual with a number, every country a number)
    /// stand in for a missing world total; rows that do not give no shares.
    @Test func rowsStandInOnlyWhenTheyCoverTheWorld() {
        let src = MineralProvenance(edition: 2099, file: "f.csv")
        func row(_ c: String?, _ x: ReportedAmount) -> PlaceAmount {
            PlaceAmount(country: c.map(Country.init), label: c ?? "Other countries", amount: MineralAmount(x, unit: "t", source: src))
        }
        let covered = [row("AAA", .exact(30)), row("BBB", .exact(10)), row(nil, .exact(10))]
        #expect(WorldShares(rows: covered, world: MineralAmount(.unavailable("NA"), unit: "t", source: src))?.worldBasis == .sumOfRows)
        #expect(WorldShares(rows: [row("AAA", .exact(30)), row("BBB", .unavailable("NA")), row(nil, .exact(10))], world: nil) == nil)
        #expect(WorldShares.gap(rows: [row("USA", .exact(2_300)), row(nil, .unavailable("NA"))], world: nil) == .worldTotalNotPublished)
        let bounded = WorldShares(rows: [row("USA", .exact(340_000)), row("IDN", .exact(55_000_000))],
                                  world: MineralAmount(.above(130_000_000), unit: "t", source: src))
        #expect(bounded?.sharesAreUpperBounds == true)
        #expect(WorldShareValue(of: [Country("USA")], in: bounded, rows: [], gap: nil) == .atMost(340_000.0 / 130_000_000))
    }

    /// The critical-minerals count: MCS 2024, the 50 minerals of its table 4; 12 published at
    /// 100 % net import reliance. Counted independently here from the Fig. 2 file: its 100 %
    /// entries whose name is on the list. The report's finding and figure, the minerals
    /// document (CLI, API, dashboard page) and the dashboard card all read this one count.
    @Test func criticalMineralsCountIsOneNumber() throws {
        let mcs = try catalog.loadMineralCommoditySummaries(edition: 2024)
        let list = try #require(mcs.criticalMinerals), ranking = try #require(mcs.netImportReliance)
        let names = Set(list.entries.map { $0.mineral.uppercased() })
        let full = ranking.fullyReliant.map { e -> String in
            var head = e.commodity.split(separator: ",").first.map(String.init) ?? e.commodity
            if let p = head.firstIndex(of: "(") { head = String(head[..<p]) }
            return head.trimmingCharacters(in: .whitespaces).uppercased()
        }.filter(names.contains)
        #expect(full.sorted() == ["ARSENIC", "CESIUM", "FLUORSPAR", "GALLIUM", "GRAPHITE", "INDIUM", "MANGANESE", "NIOBIUM",
                                  "RUBIDIUM", "SCANDIUM", "TANTALUM", "YTTRIUM"])

        let input = try MineralSupplySelection.reportInput(catalog: catalog, leader: .usa, rival: .china)
        let count = try #require(input.critical)
        #expect(count.listSize == 50 && list.entries.count == 50)
        #expect(count.fullyImportReliant == full.count)
        #expect(count.entries.first { $0.mineral == "Cerium" }?.chapters == ["raree"])
        #expect(count.entries.first { $0.mineral == "Iridium" }?.reliance == nil)  // the PGM chapter's figure is platinum's

        let doc = try document(2024, all: false)
        #expect(doc.criticalMinerals?.fullyImportReliant == count.fullyImportReliant)
        #expect(Set(doc.minerals.map(\.profile.code)) == Set(count.codes))
        #expect(try document(2024).minerals.count > doc.minerals.count)  // --all-commodities

        var inputs = ReportInputs()
        inputs.minerals = input
        let section = try #require(ReportBuilder(options: ReportOptions()).build(inputs).sections.first { $0.id == "minerals" })
        #expect(section.findings.first == "MCS 2024: United States was 100% net-import-reliant for 12 of the 50 minerals of the US critical-minerals list (MCS 2024, table 4) (\(count.withReliance) of them with a published net import reliance).")
        #expect(section.figures.first { $0.metric == .criticalMineralsFullyImportReliant }?.value == 12)
    }
}

/// Issue 16, defect 3: bounds are drawn as bounds.
@Suite("Minerals: bounds drawn as bounds (bundled USGS MCS)")
struct MineralsBoundsChartTests {
    /// MCS 2024 lithium: net import reliance >25, >50, >25, >25, >25 (2019–2023), nothing
    /// recomputable (consumption W). ">50" was plotted as 50, joined to the rest: a fake spike.
    @Test func lithiumRelianceChartDrawsBoundsNotALine() throws {
        let p = try assessment(try document(2024, mineral: "lithium"), "lithi").profile
        let chart = try #require(MineralCharts.reliance(p, leaderName: "United States", citation: "USGS MCS 2024"))
        #expect(chart.xLabels == ["2019", "2020", "2021", "2022", "2023"])
        #expect(chart.series[0].values == [0.25, 0.5, 0.25, 0.25, 0.25])
        #expect(chart.series[0].bounds == Array(repeating: .above, count: 5))
        #expect(chart.series[1].values.allSatisfy { $0 == nil })
        let svg = chart.svg()
        #expect(svg.components(separatedBy: #"data-bound="above""#).count - 1 == 5)
        #expect(!svg.contains(#"class="point""#))  // no exact point, so no line either
        #expect(!svg.contains(#"stroke-linejoin="round""#))
        #expect(svg.contains("legend-bound"))
        #expect(svg.contains(">Published<") && !svg.contains(">Recomputed<"))  // the legend lists only what is drawn
        #expect(svg.contains("2020: &gt;50% (a lower bound)"))
    }

    /// MCS 2023 lithium has a recomputed series (imports − exports over consumption): drawn in
    /// the same unit as the published one (2018: (3,420 − 1,660) / 3,000 = 58.7 %, not 5,867 %).
    @Test func recomputedRelianceIsAFraction() throws {
        let p = try assessment(try document(2023, mineral: "lithium"), "lithi").profile
        let chart = try #require(MineralCharts.reliance(p, leaderName: "United States", citation: "USGS MCS 2023"))
        #expect(close(chart.series[1].values[0], (3_420.0 - 1_660) / 3_000))
        #expect(chart.svg().contains(">Recomputed<"))
    }

    /// A line joins exact values only; a bound between two numbers breaks it.
    @Test func boundBreaksTheLine() {
        let svg = LineChart(title: "t", xLabels: ["a", "b", "c"],
                            series: [ChartSeries(name: "s", values: [0.2, 0.5, 0.3], bounds: [nil, .above, nil]),
                                     ChartSeries(name: "empty", values: [nil, nil, nil])],
                            format: .percent(decimals: 0), source: "x").svg()
        #expect(svg.components(separatedBy: #"class="point""#).count - 1 == 2)
        #expect(svg.components(separatedBy: #"data-bound="above""#).count - 1 == 1)
        // Two isolated exact points and no segment: the series' line path moves ("M") but draws no "L".
        let lines = svg.split(separator: "\n").filter { $0.contains(#"stroke-linejoin="round""#) }
        #expect(!lines.isEmpty && lines.allSatisfy { !$0.contains("L") })
        #expect(!svg.contains(">empty<"))
    }
}

/// Issue 16, defect 4: mine and refinery production are separate stages.
@Suite("Minerals: stage of supply (bundled USGS MCS)")
struct MineralsStageTests {
    /// Cobalt: MCS 2024 lists no China row for mine production (it is in "Other countries",
    /// 6,600 of 230,000 t) and publishes no refinery production in its world table. It was
    /// shown as "China 0.0 %".
    @Test func cobaltChinaIsNotListedNotZero() throws {
        let p = try assessment(try document(2024), "cobal").profile
        #expect(p.productionStage == .mine)
        #expect(p.rivalProductionShare == 0)  // the old reading
        #expect(p.rivalShares.mine == .notListed(atMost: 6_600.0 / 230_000))
        #expect(p.rivalShares.mine.text == "not listed (≤ 2.9% in Other countries)")
        #expect(p.rivalShares.refinery == .notAvailable("n/a — no refinery production in the MCS 2024 world table"))
        // MCS 2022 lists China: 2,200 of 170,000 t (2021e).
        let p22 = try assessment(try document(2022), "cobal").profile
        #expect(close(p22.rivalShares.mine.value, 2_200.0 / 170_000))
    }

    /// Copper and bauxite publish both stages: China's mine and refinery shares differ.
    @Test func mineAndRefinerySharesAreSeparate() throws {
        let doc = try document(2024)
        let copper = try assessment(doc, "coppe").profile
        #expect(close(copper.rivalShares.mine.value, 1_700.0 / 22_000))
        #expect(close(copper.rivalShares.refinery.value, 12_000.0 / 27_000))
        // The taxonomy stage picks the stage: ore → mine, chemical and metal → refinery.
        #expect(copper.rivalShare(taxonomyStage: "ore") == copper.rivalShares.mine)
        #expect(copper.rivalShare(taxonomyStage: "metal") == copper.rivalShares.refinery)
        #expect(copper.rivalShare(taxonomyStage: "chemical") == copper.rivalShares.refinery)
        let bauxite = try assessment(doc, "bauxi").profile
        #expect(close(bauxite.rivalShares.mine.value, 93_000.0 / 400_000))
        #expect(close(bauxite.rivalShares.refinery.value, 82_000.0 / 140_000))
        // A refinery-only table is the refinery stage (aluminum: smelter production).
        #expect(try assessment(doc, "alumi").profile.productionStage == .refinery)
        #expect(SupplyStage(productionType: "Plant production, bromine content") == .refinery)  // "bromine" is no mine
    }

    /// The report's Table 3 shows both stages: cobalt (MCS 2022) 1.3 % of mine production and no
    /// refinery table; copper (MCS 2022, 2021e) 1,800 / 21,000 mine and 10,000 / 26,000 refinery.
    @Test func reportTable3ShowsBothStages() throws {
        var inputs = ReportInputs()
        inputs.minerals = try MineralSupplySelection.reportInput(catalog: catalog, leader: .usa, rival: .china)
        let section = try #require(ReportBuilder(options: ReportOptions()).build(inputs).sections.first { $0.id == "minerals" })
        let table3 = try #require(section.tables.first)
        #expect(table3.columns.suffix(2) == ["China share of world mine production", "China share of world refinery production"])
        let cobalt = try #require(table3.rows.first { $0[0] == "Cobalt" })
        #expect(cobalt.suffix(2) == ["1.3%", "n/a"])
        let copper = try #require(table3.rows.first { $0[0] == "Copper" })
        #expect(copper.suffix(2) == ["8.6%", "38.5%"])
        let mine: Double = 1_800.0 / 21_000, refined: Double = 10_000.0 / 26_000
        #expect(Fmt.pct(mine) == "8.6%" && Fmt.pct(refined) == "38.5%")
        let refinery = section.figures.filter { $0.metric == .rivalWorldRefineryShare && $0.product == "coppe" }
        #expect(refinery.contains { close($0.value, 10_000.0 / 26_000) && $0.source == "usgs-mcs2022" })
    }
}
