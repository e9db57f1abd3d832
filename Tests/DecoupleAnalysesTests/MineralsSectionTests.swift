@testable import DecoupleAnalyses
@testable import DecoupleRendering
import Testing

@Suite("Minerals report section and scatter chart")
struct MineralsSectionTests {
    let src = MineralProvenance(edition: 2022, file: "usgs-mcs/mcs2022/salient/cobalt_mcs2022-cobal_salient.csv", line: 6, column: "c")
    func a(_ x: Double, _ unit: String = "t") -> MineralAmount { MineralAmount(.exact(x), unit: unit, source: src) }

    func assessment(_ code: String, _ name: String, china: Double, reliance: Double) -> MineralAssessment {
        let input = MineralSupplyInput(
            code: code, name: name, edition: 2022, productionYear: 2021, productionType: "Mine production",
            production: [PlaceAmount(country: .china, label: "China", amount: a(china)),
                         PlaceAmount(country: Country("COD"), label: "Congo (Kinshasa)", amount: a(100 - china))],
            worldProduction: a(100),
            salient: [.init(year: 2021, reportedReliance: a(reliance, "pct"), apparentConsumption: a(6_700), secondarySupply: a(1_600))],
            importSources: [.init(country: Country("NOR"), label: "Norway", share: a(20, "pct"), source: src)])
        let p = MineralSupplyProfile(input, leader: .usa, rival: .china, allies: [])
        return MineralAssessment(profile: p, classification: MineralStrategyRule().classify(p))
    }

    @Test func sectionHasTable3TheClassificationAndTheChart() throws {
        var inputs = ReportInputs()
        let latest = [assessment("cobal", "Cobalt", china: 2, reliance: 76), assessment("galli", "Gallium", china: 98, reliance: 100)]
        let list = CriticalMineralsList(edition: 2022, file: "t4.csv", entries: [
            .init(line: 2, mineral: "Cobalt", primaryApplications: "", note: ""),
            .init(line: 3, mineral: "Gallium", primaryApplications: "", note: ""),
            .init(line: 4, mineral: "Cesium", primaryApplications: "", note: "")])
        inputs.minerals = MineralsReportInput(tableMinerals: [assessment("cobal", "Cobalt", china: 2, reliance: 76)],
                                              latest: latest,
                                              sources: ["usgs-mcs2022": Provenance(source: "USGS", edition: "MCS 2022", url: "", licence: "public domain", retrievedFrom: "")],
                                              critical: CriticalMineralsCount(list: list, assessments: latest, ranking: nil, edition: 2022, rival: .china))
        let report = ReportBuilder(options: ReportOptions()).build(inputs)
        let section = try #require(report.sections.first { $0.id == "minerals" })
        #expect(section.skippedBecause == nil)
        let table3 = try #require(section.tables.first)
        #expect(table3.rows.count == 1)
        #expect(table3.rows[0][1].hasPrefix("23.9%"))  // 1,600 / 6,700
        #expect(table3.rows[0][2] == "Norway 20%")
        #expect(section.findings.first == "MCS 2022: United States was 100% net-import-reliant for 1 of the 3 minerals of the US critical-minerals list (MCS 2022, table 4) (2 of them with a published net import reliance).")
        #expect(section.findings[1].hasPrefix("China is the leading producer of 1 of them"))
        #expect(section.charts.count == 1 && section.charts[0].svg().contains("<circle"))
        #expect(report.sources["usgs-mcs2022"] != nil)
        #expect(section.figures.contains { $0.metric == .recycledShare && $0.source == "usgs-mcs2022" })
    }

    @Test func sectionIsSkippedWithoutData() {
        let report = ReportBuilder(options: ReportOptions()).build(ReportInputs())
        #expect(report.sections.first { $0.id == "minerals" }?.skippedBecause == "no USGS Mineral Commodity Summaries were loaded")
    }

    @Test func scatterChartDrawsOnePointPerMineralAndBoundsHollow() {
        let svg = ScatterChart(title: "t", xTitle: "x", yTitle: "y",
                               points: [.init(label: "Gallium", x: 0.98, y: 1), .init(label: "Lithium", x: 0.18, y: 0.25, isBound: true),
                                        .init(label: "Bad", x: .nan, y: 2)], source: "USGS").svg()
        #expect(svg.components(separatedBy: "<circle").count - 1 == 2)
        #expect(svg.contains(#"fill="none""#))
        #expect(ScatterChart(title: "t", xTitle: "x", yTitle: "y", points: [], source: "").svg().contains("No data"))
    }

    /// A world total smaller than one country's amount (a 21-digit cell) once made the HHI ~1e40
    /// and trapped in `Int(Double)` (#22): it is printed, or "n/a" when not finite.
    @Test func hhiTextNeverTraps() {
        #expect(NumberText.hhiPoints(0.2534) == "2534")
        #expect(NumberText.hhiPoints(1e40) == "n/a")
        #expect(NumberText.hhiPoints(.nan) == "n/a")
        #expect(NumberText.hhiPoints(.infinity) == "n/a")
    }
}
