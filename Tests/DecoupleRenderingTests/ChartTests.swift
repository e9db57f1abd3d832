import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Testing
import DecoupleAnalyses
@testable import DecoupleRendering

// MARK: - Helpers

/// Parses SVG markup as XML; throws if it is not well-formed.
private func parseSVG(_ svg: String) throws -> XMLElement {
    let doc = try XMLDocument(xmlString: svg, options: [])
    return try #require(doc.rootElement())
}

/// All elements named `name` (namespace-agnostic) below `root`, optionally filtered by class.
private func elements(_ root: XMLElement, _ name: String, withClass cls: String? = nil) throws -> [XMLElement] {
    var xpath = "//*[local-name()='\(name)']"
    if let cls { xpath += "[contains(concat(' ', @class, ' '), ' \(cls) ')]" }
    return try root.nodes(forXPath: xpath).compactMap { $0 as? XMLElement }
}

/// String value of attribute `name` (looked up by local name; FoundationXML on
/// Linux does not find unprefixed attributes of namespaced elements via `attribute(forName:)`).
private func attrString(_ e: XMLElement, _ name: String) -> String? {
    (e.attributes ?? []).first { ($0.localName ?? $0.name) == name }?.stringValue
}

private func attr(_ e: XMLElement, _ name: String) -> Double? {
    attrString(e, name).flatMap(Double.init)
}

private func text(_ e: XMLElement) -> String {
    // Text content without nested <title> tooltips.
    (e.children ?? []).filter { $0.kind == .text }.compactMap(\.stringValue).joined()
}

private let months: [String] = (0..<120).map { i in
    String(format: "%04d-%02d", 2015 + i / 12, i % 12 + 1)
}

// MARK: - ValueFormat

@Suite struct ValueFormatTests {
    @Test func percent() {
        #expect(ValueFormat.percent(decimals: 1).format(0.163) == "16.3%")
        #expect(ValueFormat.percent(decimals: 0).format(0.2) == "20%")
        #expect(ValueFormat.percent(decimals: 1).format(-0.05) == "\u{2212}5.0%")
        #expect(ValueFormat.percent(decimals: 1).format(-0.00001) == "0.0%")
        #expect(ValueFormat.percent(decimals: 2).format(1) == "100.00%")
    }

    @Test func number() {
        #expect(ValueFormat.number(decimals: 0).format(1234567) == "1,234,567")
        #expect(ValueFormat.number(decimals: 2).format(3.14159) == "3.14")
        #expect(ValueFormat.number(decimals: 1).format(-1234.56) == "\u{2212}1,234.6")
        #expect(ValueFormat.number(decimals: 0).format(999) == "999")
        #expect(ValueFormat.number(decimals: 0).format(0) == "0")
    }

    @Test func usd() {
        #expect(ValueFormat.usd.format(1.2e9) == "$1.2bn")
        #expect(ValueFormat.usd.format(3.4e6) == "$3.4m")
        #expect(ValueFormat.usd.format(5e3) == "$5.0k")
        #expect(ValueFormat.usd.format(2.5e12) == "$2.5tn")
        #expect(ValueFormat.usd.format(950) == "$950")
        #expect(ValueFormat.usd.format(0) == "$0")
        #expect(ValueFormat.usd.format(-4.56e8) == "\u{2212}$456.0m")
        #expect(ValueFormat.usd.format(999_990) == "$1.0m")  // not "$1000.0k"
    }

    @Test func percentagePoints() {
        #expect(ValueFormat.percentagePoints(decimals: 1).format(-0.031) == "\u{2212}3.1 pp")
        #expect(ValueFormat.percentagePoints(decimals: 1).format(0.02) == "+2.0 pp")
        #expect(ValueFormat.percentagePoints(decimals: 1).format(0) == "0.0 pp")
    }

    @Test func nonFinite() {
        #expect(ValueFormat.usd.format(.nan) == "n/a")
        #expect(ValueFormat.percent(decimals: 1).format(.infinity) == "n/a")
    }

    @Test func tickLabelsUseMinimalDecimals() {
        let s = NiceScale(min: 0, max: 0.163)
        #expect(ValueFormat.percent(decimals: 1).tickLabels(s.ticks, step: s.step)
                == ["0%", "5%", "10%", "15%", "20%"])
        let u = NiceScale(min: 0, max: 1.4e9)
        #expect(ValueFormat.usd.tickLabels(u.ticks, step: u.step)
                == ["$0", "$0.5bn", "$1.0bn", "$1.5bn"])
        let m = NiceScale(min: 0, max: 3.8e9)
        #expect(ValueFormat.usd.tickLabels(m.ticks, step: m.step) == ["$0", "$1bn", "$2bn", "$3bn", "$4bn"])
    }
}

// MARK: - Escaping and number text

@Suite struct SVGTextTests {
    @Test func escaping() {
        #expect(xmlEscaped(#"a<b & c>"d" 'e'"#) == "a&lt;b &amp; c&gt;&quot;d&quot; &#39;e&#39;")
        #expect(xmlEscaped("plain – ü") == "plain – ü")
    }

    @Test func coordinatesHaveAtMostTwoDecimals() {
        #expect(NumberText.coordinate(12.3456) == "12.35")
        #expect(NumberText.coordinate(10.0) == "10")
        #expect(NumberText.coordinate(10.5) == "10.5")
        #expect(NumberText.coordinate(-0.001) == "0")
        #expect(NumberText.coordinate(.nan) == "0")
    }

    @Test func truncation() {
        #expect(TextMetrics.truncated("abcdef", maxChars: 4) == "abc…")
        #expect(TextMetrics.truncated("abc", maxChars: 4) == "abc")
    }
}

// MARK: - NiceScale

@Suite struct NiceScaleTests {
    @Test func percentShareTicks() {
        let s = NiceScale(min: 0.02, max: 0.163)
        let expected = [0, 0.05, 0.10, 0.15, 0.20]
        #expect(s.ticks.count == expected.count)
        for (a, b) in zip(s.ticks, expected) { #expect(abs(a - b) < 1e-12) }
    }

    @Test func exactMaximumIsNotExtended() {
        #expect(NiceScale(min: 0, max: 0.2).upper == 0.2 || abs(NiceScale(min: 0, max: 0.2).upper - 0.2) < 1e-12)
        #expect(NiceScale(min: 0, max: 100).ticks == [0, 20, 40, 60, 80, 100])
    }

    @Test func negativesExtendBelowZero() {
        let s = NiceScale(min: -0.031, max: 0.012)
        #expect(s.lower < 0 && s.lower <= -0.031)
        #expect(s.upper >= 0.012)
        #expect(s.ticks.contains(0))
        let steps = zip(s.ticks.dropFirst(), s.ticks).map { $0 - $1 }
        #expect(steps.allSatisfy { abs($0 - s.step) < 1e-12 })
    }

    @Test func degenerateRanges() {
        #expect(NiceScale(min: 0, max: 0).ticks.last == 1)
        #expect(NiceScale(min: .nan, max: .infinity).ticks.count >= 2)
    }

    @Test(arguments: [0.00037, 0.9, 7.0, 13.0, 480.0, 2.3e9])
    func stepsAreOneTwoFive(max: Double) {
        let s = NiceScale(min: 0, max: max)
        let mantissa = s.step / pow(10, log10(s.step).rounded(.down))
        #expect([1.0, 2, 5].contains { abs($0 - mantissa) < 1e-9 })
        #expect(s.upper >= max && s.lower == 0)
        #expect((2...11).contains(s.ticks.count))
    }
}

// MARK: - LineChart

@Suite struct LineChartTests {
    private func shareChart(title: String = "China's share of US imports") -> LineChart {
        LineChart(
            title: title, subtitle: "Goods, annual",
            xLabels: ["2017", "2018", "2019", "2020", "2021"],
            series: [
                ChartSeries(name: "China", values: [0.163, 0.151, nil, 0.125, 0.119]),
                ChartSeries(name: "Vietnam", values: [0.02, 0.024, 0.031, .nan, 0.041]),
            ],
            format: .percent(decimals: 1), source: "US Census Bureau")
    }

    @Test func wellFormedWithAccessibility() throws {
        let root = try parseSVG(shareChart().svg())
        #expect(root.name == "svg")
        #expect(attrString(root, "role") == "img")
        #expect(attrString(root, "aria-label") == "China's share of US imports")
    }

    @Test func yTicksAreNice() throws {
        let root = try parseSVG(shareChart().svg())
        let ticks = try elements(root, "text", withClass: "y-tick").map(text)
        #expect(ticks == ["0%", "5%", "10%", "15%", "20%"])
    }

    @Test func tooltipsPerPointAndLineBreaks() throws {
        let svg = shareChart().svg()
        let root = try parseSVG(svg)
        let points = try elements(root, "circle", withClass: "point")
        #expect(points.count == 8)  // 10 slots minus one nil and one NaN
        let tips = points.compactMap { $0.elements(forName: "title").first?.stringValue }
        #expect(tips.contains("China · 2017: 16.3%"))
        #expect(tips.contains("Vietnam · 2021: 4.1%"))
        // The missing 2019 China value splits its path into two subpaths.
        let paths = try elements(root, "path")
        #expect(paths.count == 2)
        let chinaPath = try #require(paths.first.flatMap { attrString($0, "d") })
        #expect(chinaPath.filter { $0 == "M" }.count == 2)
        #expect(!svg.contains("nan") && !svg.contains("inf"))
    }

    @Test func legendAndSource() throws {
        let root = try parseSVG(shareChart().svg())
        let legend = try elements(root, "g", withClass: "legend-item")
        #expect(legend.count == 2)
        let source = try elements(root, "text", withClass: "chart-source").map(text)
        #expect(source == ["Source: US Census Bureau"])
    }

    @Test func titleIsEscaped() throws {
        let svg = shareChart(title: "Tariffs <&> \"trade\"").svg()
        #expect(svg.contains("Tariffs &lt;&amp;&gt; &quot;trade&quot;"))
        #expect(!svg.contains("<&>"))
        let root = try parseSVG(svg)
        #expect(attrString(root, "aria-label") == "Tariffs <&> \"trade\"")
    }

    @Test func xLabelsThinnedForMonthlySeries() throws {
        let values: [Double?] = (0..<120).map { 1e9 + Double($0) * 1e7 }
        let chart = LineChart(title: "Monthly imports", xLabels: months,
                              series: [ChartSeries(name: "Imports", values: values)],
                              format: .usd, source: "Census")
        let root = try parseSVG(chart.svg())
        let labels = try elements(root, "text", withClass: "x-label")
        #expect(labels.count > 3 && labels.count <= 20)
        // Ticks on calendar years (issue #20 item 7), not every k-th month.
        #expect(labels.first.map(text) == "2015")
        #expect(labels.allSatisfy { text($0).count == 4 && Int(text($0)) != nil })
        // Neighbouring labels must not overlap (estimated glyph width 0.6 em).
        let xs = labels.compactMap { attr($0, "x") }
        let labelWidth = Double("2015-01".count) * 11 * 0.6
        for (a, b) in zip(xs, xs.dropFirst()) { #expect(b - a >= labelWidth) }
        // All 120 points still carry tooltips.
        #expect(try elements(root, "circle", withClass: "point").count == 120)
    }

    /// A series starting in March ticks on the first January, then every year (or quarter when
    /// there is room), never at 2013-03, 2014-01, 2014-11 …
    @Test func monthlyTicksFallOnCalendarBoundaries() throws {
        let labels = (0..<100).map { i -> String in let m = (2 + i) % 12 + 1, y = 2013 + (2 + i) / 12; return "\(y)-\(m < 10 ? "0" : "")\(m)" }
        let ticks = try #require(MonthTicks.ticks(labels, slot: 6, labelWidth: { Double($0.count) * 6.6 }))
        #expect(ticks.first?.0 == 10 && ticks.first?.1 == "2014")
        #expect(ticks.allSatisfy { labels[$0.0].hasSuffix("-01") })
        let wide = try #require(MonthTicks.ticks(Array(labels.prefix(24)), slot: 40, labelWidth: { Double($0.count) * 6.6 }))
        #expect(wide.map(\.1).contains("2013-04") && wide.allSatisfy { [1, 4, 7, 10].contains(Int($0.1.suffix(2))!) })
        #expect(MonthTicks.ticks(["2020", "2021"], slot: 10, labelWidth: { _ in 10 }) == nil)
    }

    @Test func negativeValuesMoveAxisBelowZero() throws {
        let chart = LineChart(title: "Change", xLabels: ["a", "b", "c"],
                              series: [ChartSeries(name: "x", values: [-0.031, 0.01, 0.02])],
                              format: .percentagePoints(decimals: 1), source: "")
        let root = try parseSVG(chart.svg())
        let ticks = try elements(root, "text", withClass: "y-tick").map(text)
        #expect(ticks.first == "\u{2212}4 pp")
        #expect(ticks.contains("0 pp"))
        #expect(ticks.last == "+2 pp")
    }

    @Test func noDataCases() throws {
        let cases = [
            LineChart(title: "Empty", xLabels: [], series: [], format: .usd, source: "x"),
            LineChart(title: "No series", xLabels: ["2020"], series: [], format: .usd, source: "x"),
            LineChart(title: "All nil", xLabels: ["2020", "2021"],
                      series: [ChartSeries(name: "s", values: [nil, .nan])], format: .usd, source: "x"),
            LineChart(title: "No labels", xLabels: [],
                      series: [ChartSeries(name: "s", values: [1, 2])], format: .usd, source: "x"),
        ]
        for chart in cases {
            let root = try parseSVG(chart.svg())
            #expect(try elements(root, "text", withClass: "no-data").map(text) == ["No data"])
            #expect(try elements(root, "path").isEmpty)
        }
    }

    @Test func singlePointAndConstantSeries() throws {
        let one = LineChart(title: "One", xLabels: ["2020"],
                            series: [ChartSeries(name: "s", values: [0])], format: .number(decimals: 0), source: "")
        let root = try parseSVG(one.svg())
        #expect(try elements(root, "circle", withClass: "point").count == 1)
        let ticks = try elements(root, "text", withClass: "y-tick").map(text)
        #expect(ticks.first == "0.0" && ticks.count >= 2)
    }
}

// MARK: - BarChart

@Suite struct BarChartTests {
    private let chart = BarChart(
        title: "Change in China's import share by sector",
        labels: ["Electronics & electrical machinery, parts and accessories thereof", "Furniture", "Toys"],
        values: [-0.084, 0.012, -0.02],
        format: .percentagePoints(decimals: 1), source: "UN Comtrade")

    @Test func wellFormedAndSized() throws {
        let root = try parseSVG(chart.svg())
        #expect(attrString(root, "aria-label") == chart.title)
        #expect(attr(root, "height") == chart.height)
        let more = BarChart(title: "t", labels: (0..<30).map { "L\($0)" }, values: (0..<30).map(Double.init),
                            format: .number(decimals: 0), source: "s")
        #expect(more.height > chart.height + 20 * BarChart.rowHeight)
        #expect(try elements(parseSVG(more.svg()), "rect", withClass: "bar").count == 30)
    }

    @Test func negativeBarsLeftOfZeroLine() throws {
        let root = try parseSVG(chart.svg())
        let zero = try #require(try elements(root, "line", withClass: "zero-line").first)
        let zeroX = try #require(attr(zero, "x1"))
        let neg = try elements(root, "rect", withClass: "bar-neg")
        let pos = try elements(root, "rect", withClass: "bar-pos")
        #expect(neg.count == 2 && pos.count == 1)
        for r in neg {
            let x = try #require(attr(r, "x")), w = try #require(attr(r, "width"))
            #expect(x < zeroX)
            #expect(abs(x + w - zeroX) < 0.02)
            #expect(attrString(r, "fill") == ChartPalette.negative)
        }
        for r in pos {
            #expect(abs((attr(r, "x") ?? -1) - zeroX) < 0.02)
            #expect(attrString(r, "fill") == ChartPalette.positive)
        }
        // Larger magnitude → longer bar.
        let widths = neg.compactMap { attr($0, "width") }
        #expect(widths[0] > widths[1] * 3)
    }

    @Test func valueLabelsAndTruncation() throws {
        let root = try parseSVG(chart.svg())
        let values = try elements(root, "text", withClass: "bar-value").map(text)
        #expect(values == ["\u{2212}8.4 pp", "+1.2 pp", "\u{2212}2.0 pp"])
        let labels = try elements(root, "text", withClass: "bar-label")
        let first = try #require(labels.first)
        #expect(text(first).hasSuffix("…"))
        #expect(first.elements(forName: "title").first?.stringValue == chart.labels[0])
        #expect(text(labels[1]) == "Furniture")
        #expect(labels[1].elements(forName: "title").isEmpty)
    }

    @Test func escapingInLabelsAndTitle() throws {
        let c = BarChart(title: "A <&> B", labels: ["x<y & z>w"], values: [1], format: .usd, source: "S&P")
        let svg = c.svg()
        #expect(svg.contains("A &lt;&amp;&gt; B"))
        #expect(svg.contains("x&lt;y &amp; z&gt;w"))
        #expect(svg.contains("Source: S&amp;P"))
        _ = try parseSVG(svg)
    }

    @Test func noDataAndMissingValues() throws {
        let empty = BarChart(title: "Empty", labels: [], values: [], format: .usd, source: "s")
        #expect(try elements(parseSVG(empty.svg()), "text", withClass: "no-data").count == 1)
        let allNaN = BarChart(title: "NaN", labels: ["a", "b"], values: [.nan, .infinity], format: .usd, source: "s")
        #expect(try elements(parseSVG(allNaN.svg()), "text", withClass: "no-data").count == 1)
        // Fewer values than labels: the missing row draws no bar but keeps its label.
        let short = BarChart(title: "Short", labels: ["a", "b", "c"], values: [1e9, .nan], format: .usd, source: "s")
        let root = try parseSVG(short.svg())
        #expect(try elements(root, "rect", withClass: "bar").count == 1)
        #expect(try elements(root, "text", withClass: "bar-label").count == 3)
        #expect(try elements(root, "text", withClass: "bar-value").map(text) == ["$1.0bn", "n/a", "n/a"])
    }

    @Test func allNegativeAndAllZero() throws {
        let neg = BarChart(title: "Neg", labels: ["a", "b"], values: [-1, -2], format: .number(decimals: 0), source: "")
        let root = try parseSVG(neg.svg())
        let zeroLine = try #require(try elements(root, "line", withClass: "zero-line").first)
        let zeroX = try #require(attr(zeroLine, "x1"))
        for r in try elements(root, "rect", withClass: "bar") { #expect((attr(r, "x") ?? .infinity) < zeroX) }
        let zero = BarChart(title: "Zero", labels: ["a"], values: [0], format: .number(decimals: 0), source: "")
        _ = try parseSVG(zero.svg())
    }
}

// MARK: - Robustness

@Suite struct RobustnessTests {
    @Test func absurdSizesAndValuesStillRenderValidSVG() throws {
        let huge: [Double?] = [1e300, -1e300, .nan, -.infinity, 0]
        let line = LineChart(title: "", subtitle: "", xLabels: ["", "<", "&", "\"", "'"],
                             series: [ChartSeries(name: "", values: huge)],
                             format: .usd, source: "", width: .nan, height: 0)
        _ = try parseSVG(line.svg())
        let bar = BarChart(title: "", labels: ["a", "b"], values: [1e300, -1e300],
                           format: .percent(decimals: 40), source: "", width: -5)
        _ = try parseSVG(bar.svg())
    }
}
