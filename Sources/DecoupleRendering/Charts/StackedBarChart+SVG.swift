import DecoupleAnalyses

/// Drawing: layout and SVG markup of a ``StackedBarChart``.
extension StackedBarChart {
    /// Vertical space per bar.
    static let rowHeight = 26.0
    /// Thickness of a bar.
    static let barHeight = 18.0
    /// Height of the "no data" box when there is nothing to draw.
    static let emptyHeight = 80.0
    /// Height of one legend row.
    static let legendRowHeight = 16.0
    /// Band under the bars for the value-axis tick labels.
    static let axisBand = 22.0

    private var safeWidth: Double { width.isFinite ? max(width, 200) : 760 }
    private var headerHeight: Double { (subtitle?.isEmpty ?? true) ? 36 : 60 }
    private var footerHeight: Double { source.isEmpty ? 8 : SVGWriter.footerHeight + 6 }

    /// Legend items laid out in rows: (series index, x, row, shown name).
    private func legendLayout() -> [(index: Int, x: Double, row: Int, name: String)] {
        let pad = SVGWriter.pad, size = SVGWriter.labelSize
        var out: [(Int, Double, Int, String)] = []
        var x = pad, row = 0
        for (i, s) in series.enumerated() {
            let maxChars = max(4, Int((safeWidth - 2 * pad - 20) / (size * 0.6)))
            let name = TextMetrics.truncated(s.name, maxChars: maxChars)
            let itemWidth = 12 + 6 + TextMetrics.width(name, fontSize: size) + 16
            if x > pad, x + itemWidth > safeWidth - pad { x = pad; row += 1 }
            out.append((i, x, row, name))
            x += itemWidth
        }
        return out
    }

    private var legendHeight: Double {
        guard !series.isEmpty else { return 0 }
        return Double((legendLayout().map(\.row).max() ?? 0) + 1) * Self.legendRowHeight + 6
    }

    /// Total SVG height: grows with the number of bars and legend rows.
    public var height: Double {
        let body = labels.isEmpty ? Self.emptyHeight : Double(labels.count) * Self.rowHeight + Self.axisBand
        return headerHeight + legendHeight + body + footerHeight
    }

    /// The colour of series `i`.
    func color(_ i: Int) -> String {
        if let colors, i < colors.count { return colors[i] }
        return ChartPalette.color(for: i < series.count ? series[i].name : "", at: i)
    }

    /// Renders the chart as an SVG element (UTF-8 text, no scripts, no external references).
    public func svg() -> String {
        let width = safeWidth
        let height = self.height
        let pad = SVGWriter.pad
        let labelSize = SVGWriter.labelSize
        let n = labels.count
        // values[s][i] ≥ 0
        let values: [[Double]] = series.map { s in
            (0..<n).map { i in
                guard i < s.values.count, let v = s.values[i], v.isFinite, v > 0 else { return 0 }
                return v
            }
        }
        let totals = (0..<n).map { i in values.reduce(0) { $0 + $1[i] } }

        var w = SVGWriter(width: width, height: height, title: title)
        _ = w.header(title: title, subtitle: subtitle, width: width)
        var top = headerHeight
        if !series.isEmpty {
            w.append(#"<g class="legend">"# + "\n")
            for item in legendLayout() {
                let y = top + Double(item.row) * Self.legendRowHeight
                w.append(#"<rect x="\#(SVGWriter.n(item.x))" y="\#(SVGWriter.n(y))" width="12" height="12" fill="\#(color(item.index))"/>"#)
                w.text(item.name, x: item.x + 18, y: y + 10, fill: ChartPalette.text, cssClass: "legend-label",
                       tooltip: item.name == series[item.index].name ? nil : series[item.index].name)
            }
            w.append("</g>\n")
            top += legendHeight
        }
        guard n > 0, totals.contains(where: { $0 > 0 }) || fixedMaximum != nil else {
            let boxHeight = n > 0 ? Double(n) * Self.rowHeight + Self.axisBand : Self.emptyHeight
            return w.finishedEmpty(x: pad, y: top, width: width, boxHeight: boxHeight, source: source, height: height)
        }

        // Label column: at most 35% of the width.
        let (labelColumn, maxLabelChars) = TextMetrics.labelColumn(labels, fontSize: labelSize, plotWidth: width - 2 * pad)
        let totalText = totals.map(format.format)
        let valueRoom = showTotals ? (totalText.map { TextMetrics.width($0, fontSize: labelSize) }.max() ?? 0) + 8 : 8
        let maxTotal = totals.max() ?? 0
        let fixed = fixedMaximum.flatMap { $0.isFinite && $0 > 0 ? $0 : nil }
        let scale = NiceScale(min: 0, max: fixed ?? maxTotal, targetTickCount: 5)
        let upper = fixed ?? scale.upper
        // Gridlines and ticks; the last tick label is centred on the right end, so keep half of it.
        let ticks = scale.ticks.filter { $0 <= upper * (1 + 1e-9) }
        let tickText = format.tickLabels(ticks, step: scale.step)
        let lastTickHalf = TextMetrics.width(tickText.last ?? "", fontSize: labelSize) / 2 + 2
        let left = pad + labelColumn + 10
        let right = width - pad - max(valueRoom, lastTickHalf)
        let plotWidth = max(10, right - left)
        func xPos(_ v: Double) -> Double { left + plotWidth * min(v, upper) / upper }
        let plotBottom = top + Double(n) * Self.rowHeight

        w.append(#"<g class="x-axis">"# + "\n")
        for (t, label) in zip(ticks, tickText) {
            let x = xPos(t)
            if t != 0 { w.line(x1: x, y1: top - 2, x2: x, y2: plotBottom, stroke: ChartPalette.grid, cssClass: "gridline") }
            w.text(label, x: x, y: plotBottom + 15, anchor: "middle", cssClass: "x-tick")
        }
        w.append("</g>\n")

        for i in 0..<n {
            let full = labels[i]
            let (barY, midY) = w.barRow(i, label: full, top: top, rowHeight: Self.rowHeight, barHeight: Self.barHeight,
                                        labelRight: pad + labelColumn, maxChars: maxLabelChars)
            var cumulative = 0.0
            w.append(#"<g class="stack">"#)
            for (s, row) in values.enumerated() where row[i] > 0 {
                let x0 = xPos(cumulative), x1 = xPos(cumulative + row[i])
                cumulative += row[i]
                let tip = "\(series[s].name) · \(full): \(format.format(row[i]))"
                w.append(#"<rect class="segment" data-series="\#(s)" x="\#(SVGWriter.n(x0))" y="\#(SVGWriter.n(barY))" width="\#(SVGWriter.n(max(0, x1 - x0)))" height="\#(SVGWriter.n(Self.barHeight))" fill="\#(color(s))"><title>\#(xmlEscaped(tip))</title></rect>"#)
            }
            w.append("</g>\n")
            if showTotals { w.text(totalText[i], x: xPos(totals[i]) + 4, y: midY, fill: ChartPalette.text, cssClass: "bar-total") }
        }
        w.line(x1: left, y1: top - 2, x2: left, y2: plotBottom, stroke: ChartPalette.axis, cssClass: "zero-line")
        w.footer(source: source, width: width, height: height)
        return w.finished()
    }
}
