import DecoupleAnalyses
@testable import DecoupleRendering
import DecoupleTestSupport
import Foundation
import Testing

/// Issue #20: presentation fixes that need no browser.
@Suite struct PresentationTests {
    /// Item 9: one colour per economy, whatever the series' position.
    @Test func oneColourPerEconomy() {
        let china = ChartPalette.economies["CHN"]!
        #expect(ChartPalette.color(for: "China", at: 0) == china && ChartPalette.color(for: "CHN", at: 5) == china)
        #expect(ChartPalette.color(for: "European Union (aggregate)", at: 0) == ChartPalette.economies["EU"])
        #expect(ChartPalette.color(for: "Imports", at: 2) == ChartPalette.color(at: 2))
        let a = LineChart(title: "t", xLabels: ["2020", "2021"], series: [ChartSeries(name: "China", values: [1, 2])], format: .number(decimals: 0), source: "s").svg()
        let b = LineChart(title: "t", xLabels: ["2020", "2021"], series: [ChartSeries(name: "Mexico", values: [1, 2]), ChartSeries(name: "China", values: [2, 3])],
                          format: .number(decimals: 0), source: "s").svg()
        #expect(a.contains("stroke=\"\(china)\"") && b.contains("stroke=\"\(china)\"") && b.contains("stroke=\"\(ChartPalette.economies["MEX"]!)\""))
    }

    /// Item 21: HS2017 854140 is one match of leds-photosensitive (weights 0.163 + 0.083), and the
    /// lookup has a real CSV (item 18).
    @Test func lookupListsAStageOnceAndHasCSV() throws {
        let (t, concordance) = try TaxonomyData.load(catalog: Bundled.catalog, files: [])
        let matches = t.matches(for: "854140", edition: .hs2017)
        let leds = matches.filter { $0.stage == "leds-photosensitive" }
        #expect(leds.count == 1 && abs((leds.first?.weight ?? 0) - 0.246) < 1e-9)
        #expect(Set(matches.map { "\($0.chain)/\($0.stage)" }).count == matches.count)
        let csv = TaxonomyLookupCSV.csv(TaxonomyData.lookup(code: "854140", taxonomy: t, concordance: concordance))
        let lines = csv.split(separator: "\n")
        #expect(lines.first == Substring(TaxonomyLookupCSV.header))
        #expect(lines.contains { $0.hasPrefix("854140,HS2017,") && $0.contains(",match,") && $0.contains("leds-photosensitive") })
        #expect(lines.contains { $0.contains(",conversion,HS2022,854143,") })
        #expect(!csv.hasPrefix("{"))
    }

    /// Item 13: scenario tables are HTML tables with formatted US dollars.
    @Test func scenarioTablesAreHTML() throws {
        let result = try ScenarioAnalysis.run(path: Bundled.catalog.root + "/scenarios/battery-ban.json", catalog: Bundled.catalog)
        let html = ScenarioText.htmlTables(result, top: 10)
        #expect(html.contains("<table") && !html.contains("<pre"))
        #expect(html.contains("$15.7bn") && !html.contains("15,656,111,816"))
    }

    /// Item 10: the input–output scenario's sectors carry their ICIO names in tables and charts
    /// (C26 is the most exposed US sector when China's C26 sales are cut).
    @Test func scenarioSectorsNamed() throws {
        let result = try ScenarioAnalysis.run(path: Bundled.catalog.root + "/scenarios/icio-c26-cut.json", catalog: Bundled.catalog)
        let io = try #require(result.io)
        #expect(io.label("C26") == "C26 computer, electronic and optical products")
        #expect(io.importerSectors.allSatisfy { io.sectorNames[$0.sector] != nil })
        let chart = ScenarioText.charts(result, top: 10).last ?? ""
        #expect(chart.contains("C26 computer, electronic and optical products"), "\(chart.prefix(600))")
        let html = ScenarioText.htmlTables(result, top: 10)
        #expect(html.contains("CHN_C26 computer, electronic") && html.contains("J61 Telecommunications"), "\(html.prefix(600))")
        #expect(ScenarioText.text(result, top: 10).contains("C26 computer, electronic and optical products"))
    }

    /// Item 4: minerals amounts with thousands separators, and the column's unit.
    @Test func mineralAmountsHaveSeparatorsAndUnits() throws {
        #expect(MineralsText.amount(180_000) == "180,000" && MineralsText.amount(1234.5) == "1,234.5")
        let mcs = try Bundled.catalog.loadMineralCommoditySummaries(edition: 2024)
        let doc = try MineralsRun.document(MineralsRequest(edition: 2024, mineral: "lithium", allies: []), mcs: mcs)
        let text = MineralsText.detail(doc.minerals[0])
        #expect(text.contains("Amount (metric tons)") || text.contains("Amount (thousand metric tons)"), "\(text.prefix(1500))")
        #expect(text.range(of: #"\d,\d{3}"#, options: .regularExpression) != nil)
    }

    /// Item 16: a bad --sector fails before the table is read; codes are case-insensitive.
    @Test func sectorCheckedBeforeLoading() throws {
        try InputOutputTables.checkBundledSector("c26", dataDir: Bundled.catalog.root)
        #expect(throws: AnalysisInputError.self) { try InputOutputTables.checkBundledSector("C99", dataDir: Bundled.catalog.root) }
    }

    /// Item 8: policy measures on the time charts, at their start month (or year), inside the plot.
    @Test func policyMarkersOnTimeCharts() throws {
        let d = { PolicyDate($0)! }
        let labels = (1...24).map { "2018-\($0 <= 12 ? ($0 < 10 ? "0\($0)" : "\($0)") : "x")" }.filter { !$0.hasSuffix("x") }
        let markers = ChartMarker.markers([("a", "A", d("2018-07-06")), ("b", "B", d("2018-07-20")), ("c", "C", d("2019-01-01")), ("y", "Y", d("2018"))], xLabels: labels)
        #expect(markers == [ChartMarker(at: "2018-07", ids: ["a", "b"], names: ["A", "B"])])
        #expect(ChartMarker.markers([("y", "Y", d("2018")), ("c", "C", d("2019-03-01"))], xLabels: ["2018", "2019"]).map(\.at) == ["2018", "2019"])
        var chart = LineChart(title: "t", xLabels: labels, series: [ChartSeries(name: "China share", values: labels.map { _ in 0.2 })], format: .percent(decimals: 1), source: "s")
        chart.markers = markers
        let svg = chart.svg()
        #expect(svg.contains("class=\"policy-marker\"") && svg.contains(">1</text>") && svg.contains("2018-07 — a: A\nb: B"))
        // The report's charts carry the US measures aimed at China (Section 301 list 1, July 2018).
        let report = try ReportBuilder(options: ReportOptions(asOf: CalendarDay(year: 2026, month: 12, day: 5)!)).build({
            var i = ReportInputs(annualBilateral: try Bundled.catalog.loadDOTS(reporters: [.usa, .china]),
                                 monthlyByChapter: try Bundled.catalog.loadCensusHS2Monthly())
            i.policyMeasures = try PolicyData.measures(file: nil, catalog: Bundled.catalog, taxonomy: TaxonomyData.load(catalog: Bundled.catalog, files: []).0).measures
            return i
        }())
        let monthly = try #require(report.sections.first { $0.id == "monthly" }?.charts.first)
        guard case .line(let line) = monthly else { Issue.record("not a line chart"); return }
        #expect(line.markers.contains { $0.at == "2018-07" && $0.ids.contains { $0.contains("301") } }, "\(line.markers)")
        #expect(line.markers.allSatisfy { line.xLabels.contains($0.at) })
        let key = try #require(report.sections.first { $0.id == "monthly" }?.notes.first { $0.hasPrefix("Policy markers on the monthly chart") })
        #expect(key.contains("2018-07"))
    }

    /// Items 2 and 3: tables fit the terminal width by dropping their least important columns
    /// (and say which); sources are cited once per section by key, in full once at the end.
    @Test func terminalTablesFitAndCiteOnce() throws {
        let report = ReportBuilder(options: ReportOptions(asOf: CalendarDay(year: 2026, month: 12, day: 5)!)).build(
            ReportInputs(annualBilateral: try Bundled.catalog.loadDOTS(reporters: [.usa, .china]),
                         monthlyByChapter: try Bundled.catalog.loadCensusHS2Monthly()))
        #expect(report.sections.first?.id == "annual-shares")
        let text = report.text(colour: false, width: 80)
        let tableLines = text.split(separator: "\n").filter { $0.hasPrefix("  +-") || $0.hasPrefix("  |") }
        #expect(!tableLines.isEmpty && tableLines.allSatisfy { $0.count <= 80 }, "\(tableLines.map(\.count).max() ?? 0)")
        #expect(text.contains("more columns (") && !text.contains("  Source: "))
        #expect(text.contains("Sources: imf-dots [1]") && text.contains("── Sources") && text.contains("[1] imf-dots: IMF Direction of Trade Statistics"))
        let wide = report.text(colour: false)
        #expect(wide.split(separator: "\n").contains { $0.hasPrefix("  | Year") && $0.contains("Partners ahead") })
    }

    /// Item 6: stage bars keep the stage and shorten the chain.
    @Test func stageLabelsKeepTheStage() {
        let label = "Semiconductor manufacturing equipment: wafer fab tools"
        let short = TextMetrics.truncatedLabel(label, maxChars: 40)
        #expect(short.count == 40 && short.hasSuffix(": wafer fab tools") && short.hasPrefix("Semiconductor manufact"))
        #expect(TextMetrics.truncatedLabel("Short: one", maxChars: 40) == "Short: one")
        #expect(TextMetrics.truncatedLabel("No stage here but a long name indeed", maxChars: 12) == "No stage he…")
    }

    /// Item 1: a wide table shows its key columns, the rest behind a CSS-only switch; text wraps,
    /// numbers stay right-aligned on one line; the first column is sticky.
    @Test func wideHTMLTablesShowKeyColumns() {
        let t = ReportTable(title: "Wide", columns: ["A", "B", "C", "D"], numericColumns: [2], rows: [["a", "b", "1", "d"]], sources: [],
                            terminalColumns: [0, 2])
        let html = DecouplingReport.html(t, sources: [:])
        #expect(html.contains("<input type=\"checkbox\" class=\"cols\"") && html.contains("Show all 4 columns (2 more: B, D)"))
        #expect(html.contains("<th class=\"minor\">B</th>") && html.contains("<td class=\"n\">1</td>") && html.contains("<td class=\"minor\">d</td>"))
        #expect(DecouplingReport.css.contains("input.cols:not(:checked)~.table .minor{display:none}") && DecouplingReport.css.contains("position:sticky"))
        let narrow = DecouplingReport.html(ReportTable(title: "N", columns: ["A"], rows: [["a"]], sources: []), sources: [:])
        #expect(!narrow.contains("checkbox"))
    }

    /// Item 5: scatter labels never overlap and stay inside the chart (a crowded point keeps its
    /// tooltip and is counted); a label at the right edge moves to the point's left.
    @Test func scatterLabelsDoNotCollide() {
        let points = (0..<12).map { ScatterChart.Point(label: "Mineral \($0)", x: 0.5 + Double($0) * 0.002, y: 0.5) }
            + [ScatterChart.Point(label: "Gallium", x: 0.99, y: 0.98)]
        let svg = ScatterChart(title: "t", xTitle: "x", yTitle: "y", points: points, source: "s").svg()
        #expect(svg.contains("unlabelled (crowded): hover for names"))
        #expect(svg.contains("text-anchor=\"end\"") && svg.contains(">Gallium</text>"))
        #expect(svg.components(separatedBy: "<circle").count - 1 == 13)
    }

    /// Item 3 in HTML: a section cites its sources once, linked to their full provenance.
    @Test func htmlSectionCitesOnce() {
        let t = ReportTable(title: "T", columns: ["A"], rows: [["a"]], sources: ["imf-dots"])
        let section = ReportSection(id: "s", title: "S", findings: [], figures: [], tables: [t, t])
        let report = DecouplingReport(title: "r", reporter: .usa, rival: .china, reporterName: "United States", rivalName: "China",
                                      sections: [section], sources: ["imf-dots": BundledDataset.imfDOTS.provenance])
        let html = report.html(section)
        #expect(html.components(separatedBy: "class=\"source\"").count - 1 == 1)
        #expect(html.contains("Sources: <a href=\"#src-imf-dots\"") && !html.contains("Source: "))
        #expect(DecouplingReport.html(t, sources: [:]).contains("Source: "))
    }
}
