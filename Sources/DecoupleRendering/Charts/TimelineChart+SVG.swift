import DecoupleAnalyses

/// Drawing: layout and SVG markup of a ``TimelineChart``.
extension TimelineChart {
    /// The palette's colours, then four more, so up to twelve categories stay distinct.
    static let colors = ChartPalette.series + ["rgb(120,120,120)", "rgb(140,86,75)", "rgb(23,190,207)", "rgb(148,103,189)"]
    static func color(at i: Int) -> String { colors[((i % colors.count) + colors.count) % colors.count] }

    static let rowHeight = 20.0
    static let barHeight = 12.0
    static let legendRowHeight = 16.0
    static let axisBand = 22.0
    static let emptyHeight = 80.0

    private var safeWidth: Double { width.isFinite ? max(width, 240) : 760 }
    private var headerHeight: Double { (subtitle?.isEmpty ?? true) ? 36 : 60 }
    private var footerHeight: Double { source.isEmpty ? 8 : SVGWriter.footerHeight + 6 }

    /// Categories in legend order.
    var legendCategories: [String] {
        var out = categories
        for item in items where !out.contains(item.category) { out.append(item.category) }
        return out.filter { c in items.contains { $0.category == c } }
    }

    private func legendLayout() -> [(category: String, index: Int, x: Double, row: Int)] {
        let pad = SVGWriter.pad
        var out: [(String, Int, Double, Int)] = []
        var x = pad, row = 0
        for (i, c) in legendCategories.enumerated() {
            let itemWidth = 12 + 6 + TextMetrics.width(c, fontSize: SVGWriter.labelSize) + 16
            if x > pad, x + itemWidth > safeWidth - pad { x = pad; row += 1 }
            out.append((c, i, x, row))
            x += itemWidth
        }
        return out
    }

    private var legendHeight: Double {
        let layout = legendLayout()
        guard !layout.isEmpty else { return 0 }
        return Double((layout.map(\.row).max() ?? 0) + 1) * Self.legendRowHeight + 6
    }

    /// Total SVG height: grows with the number of items.
    public var height: Double {
        let body = items.isEmpty ? Self.emptyHeight : Double(items.count) * Self.rowHeight + Self.axisBand
        return headerHeight + legendHeight + body + footerHeight
    }

    /// A day as a fractional year (2022-07-01 ≈ 2022.5).
    static func position(_ d: CalendarDay) -> Double {
        Double(d.year) + (Double(d.month) - 1) / 12 + (Double(d.day) - 1) / (12 * Double(CalendarDay.daysIn(month: d.month, year: d.year)))
    }

    /// The axis years covered: the items' first year to the last year an item starts or ends in.
    var yearRange: ClosedRange<Int> {
        let starts = items.map(\.start.year), ends = items.compactMap { $0.end?.year }
        var lo = fromYear ?? starts.min() ?? 2000
        var hi = throughYear ?? (starts + ends).max() ?? lo
        if hi < lo { swap(&lo, &hi) }
        // Keep the axis bounded whatever the input.
        lo = max(lo, CalendarDay.plausibleYears.lowerBound)
        hi = min(max(hi, lo), lo + 500)
        return lo...hi
    }

    /// Renders the chart as an SVG element (UTF-8 text, no scripts, no external references).
    public func svg() -> String {
        let width = safeWidth, height = self.height
        let pad = SVGWriter.pad, labelSize = SVGWriter.labelSize
        var w = SVGWriter(width: width, height: height, title: title)
        _ = w.header(title: title, subtitle: subtitle, width: width)
        var top = headerHeight
        let categories = legendCategories
        func color(_ category: String) -> String { Self.color(at: categories.firstIndex(of: category) ?? 0) }
        if !categories.isEmpty {
            w.append(#"<g class="legend">"# + "\n")
            for item in legendLayout() {
                let y = top + Double(item.row) * Self.legendRowHeight
                w.append(#"<rect x="\#(SVGWriter.n(item.x))" y="\#(SVGWriter.n(y))" width="12" height="12" fill="\#(color(item.category))"/>"#)
                w.text(item.category, x: item.x + 18, y: y + 10, fill: ChartPalette.text, cssClass: "legend-label")
            }
            w.append("</g>\n")
            top += legendHeight
        }
        guard !items.isEmpty else {
            w.noData(x: pad, y: top, width: width - 2 * pad, height: Self.emptyHeight)
            w.footer(source: source, width: width, height: height)
            return w.finished()
        }
        let years = yearRange
        let axisStart = Double(years.lowerBound), axisEnd = Double(years.upperBound + 1)
        let widestLabel = items.map { TextMetrics.width($0.label, fontSize: labelSize) }.max() ?? 0
        let labelColumn = min(widestLabel, (width - 2 * pad) * 0.38)
        let maxLabelChars = max(3, Int(labelColumn / (labelSize * 0.6)))
        let left = pad + labelColumn + 10, right = width - pad - 8
        let plotWidth = max(10, right - left)
        func xPos(_ t: Double) -> Double { left + plotWidth * (min(max(t, axisStart), axisEnd) - axisStart) / (axisEnd - axisStart) }
        let plotBottom = top + Double(items.count) * Self.rowHeight

        // Year gridlines, labelled every 1, 2, 5 … years so labels never overlap.
        let span = years.count
        let slot = plotWidth / Double(span)
        let every = [1, 2, 5, 10, 20, 50, 100].first { Double($0) * slot >= 36 } ?? 100
        w.append(#"<g class="x-axis">"# + "\n")
        for y in years where y % every == 0 {
            let x = xPos(Double(y))
            w.line(x1: x, y1: top - 2, x2: x, y2: plotBottom, stroke: ChartPalette.grid, cssClass: "gridline")
            w.text(String(y), x: x, y: plotBottom + 15, anchor: "middle", cssClass: "x-tick")
        }
        w.append("</g>\n")

        for (i, item) in items.enumerated() {
            let rowTop = top + Double(i) * Self.rowHeight
            let midY = rowTop + Self.rowHeight / 2 + 4
            let shown = TextMetrics.truncated(item.label, maxChars: maxLabelChars)
            w.text(shown, x: pad + labelColumn, y: midY, anchor: "end", fill: ChartPalette.text, cssClass: "row-label",
                   tooltip: shown == item.label ? nil : item.label)
            let c = color(item.category)
            let startX = xPos(Self.position(item.start))
            var when = "\(item.start)"
            if let end = item.end { when += " – \(end)" } else if item.ongoing { when += " – (in force)" }
            let tip = xmlEscaped("\(item.label) (\(item.category)), \(when)" + (item.detail.map { ": \($0)" } ?? ""))
            let barY = rowTop + (Self.rowHeight - Self.barHeight) / 2
            if item.end != nil || item.ongoing {
                let endX = item.end.map { xPos(Self.position($0) + 1.0 / 365) } ?? right
                w.append(#"<rect class="span\#(item.ongoing && item.end == nil ? " ongoing" : "")" x="\#(SVGWriter.n(startX))" y="\#(SVGWriter.n(barY))" width="\#(SVGWriter.n(max(2, endX - startX)))" height="\#(SVGWriter.n(Self.barHeight))" rx="2" fill="\#(c)" fill-opacity="0.8"><title>\#(tip)</title></rect>"#)
                w.append("\n")
            }
            // A diamond marks the start (the event itself when there is no span).
            let cy = barY + Self.barHeight / 2, r = 5.0
            let points = [(startX, cy - r), (startX + r, cy), (startX, cy + r), (startX - r, cy)]
                .map { "\(SVGWriter.n($0.0)),\(SVGWriter.n($0.1))" }.joined(separator: " ")
            w.append(#"<polygon class="event" points="\#(points)" fill="\#(c)" stroke="white" stroke-width="1"><title>\#(tip)</title></polygon>"#)
            w.append("\n")
        }
        w.line(x1: left, y1: plotBottom, x2: right, y2: plotBottom, stroke: ChartPalette.axis, cssClass: "axis")
        w.footer(source: source, width: width, height: height)
        return w.finished()
    }
}
