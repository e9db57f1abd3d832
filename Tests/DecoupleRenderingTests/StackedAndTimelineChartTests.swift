import DecoupleAnalyses
@testable import DecoupleRendering
import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Testing

private func parse(_ svg: String) throws -> XMLElement {
    try #require(try XMLDocument(xmlString: svg, options: []).rootElement())
}

private func nodes(_ root: XMLElement, _ name: String, cls: String? = nil) throws -> [XMLElement] {
    var xpath = "//*[local-name()='\(name)']"
    if let cls { xpath += "[contains(concat(' ', @class, ' '), ' \(cls) ')]" }
    return try root.nodes(forXPath: xpath).compactMap { $0 as? XMLElement }
}

private func attr(_ e: XMLElement, _ name: String) -> Double? {
    (e.attributes ?? []).first { ($0.localName ?? $0.name) == name }?.stringValue.flatMap(Double.init)
}

@Suite struct StackedBarChartTests {
    func chart(_ series: [ChartSeries], labels: [String] = ["Polysilicon", "Wafers", "Cells"], fixed: Double? = 1) -> StackedBarChart {
        StackedBarChart(title: "Sources of imports <by stage>", subtitle: "shares", labels: labels, series: series,
                        format: .percent(decimals: 0), source: "US Census Bureau", fixedMaximum: fixed)
    }

    @Test func segmentsStackLeftToRightWithTooltips() throws {
        let svg = chart([ChartSeries(name: "China", values: [0.5, 0.2, 0.1]),
                         ChartSeries(name: "Others", values: [0.5, 0.8, 0.9])]).svg()
        let root = try parse(svg)
        let segments = try nodes(root, "rect", cls: "segment")
        #expect(segments.count == 6)
        // Second segment of the first bar starts where the first ends.
        let first = segments[0], second = segments[1]
        #expect(abs((attr(first, "x")! + attr(first, "width")!) - attr(second, "x")!) < 0.02)
        #expect(svg.contains("China · Polysilicon: 50%"))
        #expect(svg.contains("&lt;by stage&gt;"))
        #expect(svg.contains("Source: US Census Bureau"))
        // 100% bars all end at the same x.
        let ends = stride(from: 1, to: 6, by: 2).map { attr(segments[$0], "x")! + attr(segments[$0], "width")! }
        #expect(Set(ends.map { ($0 * 10).rounded() }).count == 1)
    }

    @Test func negativeMissingAndNonFiniteCountAsZero() throws {
        let svg = chart([ChartSeries(name: "A", values: [-0.3, nil, .nan]), ChartSeries(name: "B", values: [0.4, 0.1, 0.2])]).svg()
        let root = try parse(svg)
        #expect(try nodes(root, "rect", cls: "segment").count == 3)
    }

    @Test func noDataAndGrowingHeight() throws {
        let empty = chart([], labels: [], fixed: nil)
        #expect(empty.svg().contains("No data"))
        let small = chart([ChartSeries(name: "A", values: [1])], labels: ["a"])
        let big = chart([ChartSeries(name: "A", values: Array(repeating: 1, count: 30))], labels: (0..<30).map { "row \($0)" })
        #expect(big.height > small.height)
        _ = try parse(big.svg())
    }

    @Test func absoluteValuesGetNiceTicks() throws {
        let svg = StackedBarChart(title: "t", labels: ["a", "b"], series: [ChartSeries(name: "x", values: [3e9, 1e9]), ChartSeries(name: "y", values: [1e9, 0])],
                                  format: .usd, source: "s").svg()
        #expect(svg.contains("$4bn"))
        _ = try parse(svg)
    }
}

@Suite struct TimelineChartTests {
    let items = [
        TimelineChart.Item(label: "Export controls on advanced chips", start: CalendarDay("2022-10-07")!, ongoing: true, category: "export control"),
        TimelineChart.Item(label: "Tariff & quota", start: CalendarDay("2018-07-06")!, end: CalendarDay("2020-01-15")!, category: "import tariff"),
        TimelineChart.Item(label: "Summit", start: CalendarDay("2021-06-13")!, category: "strategy", detail: "one day"),
    ]

    @Test func barsEventsAndLegend() throws {
        let chart = TimelineChart(title: "Measures", items: items, categories: ["import tariff", "export control"], throughYear: 2025, source: "Decouple")
        let svg = chart.svg()
        let root = try parse(svg)
        #expect(try nodes(root, "rect", cls: "span").count == 2)
        #expect(try nodes(root, "polygon", cls: "event").count == 3)
        #expect(svg.contains("Tariff &amp; quota"))
        #expect(svg.contains("2018-07-06 – 2020-01-15"))
        #expect(svg.contains("(in force)"))
        #expect(svg.contains("Summit (strategy), 2021-06-13: one day"))
        // Legend follows the given order, then categories of items.
        #expect(chart.legendCategories == ["import tariff", "export control", "strategy"])
        // The ongoing bar runs further right than the ended one.
        let spans = try nodes(root, "rect", cls: "span")
        let ends = spans.map { attr($0, "x")! + attr($0, "width")! }
        #expect(ends[0] > ends[1])
        // Year labels within the axis range.
        let years = try nodes(root, "text", cls: "x-tick").compactMap { Int($0.stringValue ?? "") }
        #expect(years.first! >= 2018 && years.last! <= 2025)
    }

    @Test func positionsAndEmpty() throws {
        #expect(abs(TimelineChart.position(CalendarDay("2022-07-01")!) - 2022.5) < 0.01)
        let empty = TimelineChart(title: "none", items: [], source: "")
        #expect(empty.svg().contains("No data"))
        _ = try parse(empty.svg())
    }

    @Test func manyYearsThinLabels() throws {
        let long = [TimelineChart.Item(label: "a", start: CalendarDay("1900-01-01")!, end: CalendarDay("2100-01-01")!, category: "x")]
        let root = try parse(TimelineChart(title: "t", items: long, source: "s", width: 400).svg())
        let labels = try nodes(root, "text", cls: "x-tick")
        #expect(labels.count <= 12)
    }
}
