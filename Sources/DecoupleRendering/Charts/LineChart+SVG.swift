import DecoupleAnalyses

/// Drawing: layout and SVG markup of a ``LineChart``.
extension LineChart {
    /// Strides tried when thinning x labels, smallest first (12 suits monthly data).
    private static let niceStrides = [1, 2, 3, 4, 5, 6, 10, 12, 24, 36, 48, 60, 120, 240, 600, 1200]

    /// Renders the chart as an SVG element (UTF-8 text, no scripts, no external references).
    public func svg() -> String {
        let width = self.width.isFinite ? max(self.width, 120) : 760
        let height = self.height.isFinite ? max(self.height, 120) : 360
        let pad = SVGWriter.pad
        let labelSize = SVGWriter.labelSize
        let n = xLabels.count
        // Clean data: align with xLabels; non-finite → nil.
        let rows: [[Double?]] = series.map { s in
            (0..<n).map { i in
                guard i < s.values.count, let v = s.values[i], v.isFinite else { return nil }
                return v
            }
        }
        // Bounds (`>50`, `<1`, ranges): drawn as open markers with an arrow (a band for a
        // range), never joined to the exact values.
        let bounds: [[ChartBound?]] = series.enumerated().map { si, s in
            (0..<n).map { i in rows[si][i] == nil ? nil : s.bound(at: i) }
        }
        let exact: [[Double?]] = rows.enumerated().map { si, row in row.enumerated().map { i, v in bounds[si][i] == nil ? v : nil } }
        let rangeTops: [Double] = bounds.flatMap { $0.compactMap { b in if case .range(let u)? = b, u.isFinite { u } else { nil } } }
        // Room on the value axis for the arrow of a lower bound at the top of the data.
        let arrowRoom: [Double] = zip(rows, bounds).flatMap { row, b in
            zip(row, b).compactMap { v, k in if let v, k == .above { v + max(abs(v) * 0.15, 1e-9) } else { nil } }
        }
        let finite = rows.flatMap { $0.compactMap { $0 } } + rangeTops + arrowRoom
        let anyBound = bounds.contains { $0.contains { $0 != nil } }

        var w = SVGWriter(width: width, height: height, title: title)
        var top = w.header(title: title, subtitle: subtitle, width: width)
        let footer = source.isEmpty ? 6 : SVGWriter.footerHeight
        guard n > 0, let dataMin = finite.min(), let dataMax = finite.max() else {
            w.noData(x: pad, y: top + 8, width: width - 2 * pad, height: max(20, height - top - 8 - footer))
            w.footer(source: source, width: width, height: height)
            return w.finished()
        }

        // Legend (wraps onto several rows if needed).
        let swatch = 18.0, rowHeight = 16.0
        var lx = pad, ly = top + 12
        var legend = ""
        // Only the series drawn are listed, then the bound marker when one is drawn.
        for (i, s) in series.enumerated() where rows[i].contains(where: { $0 != nil }) {
            let maxNameChars = max(4, Int((width - 2 * pad - swatch - 6) / (labelSize * 0.6)))
            let name = TextMetrics.truncated(s.name, maxChars: maxNameChars)
            let itemWidth = swatch + 6 + TextMetrics.width(name, fontSize: labelSize) + 16
            if lx > pad, lx + itemWidth > width - pad { lx = pad; ly += rowHeight }
            let c = ChartPalette.color(for: s.name, at: i)
            let y = SVGWriter.n(ly)
            legend += #"<g class="legend-item"><line x1="\#(SVGWriter.n(lx))" y1="\#(y)" x2="\#(SVGWriter.n(lx + swatch))" y2="\#(y)" stroke="\#(c)" stroke-width="3" stroke-linecap="round"/>"#
            legend += #"<text x="\#(SVGWriter.n(lx + swatch + 6))" y="\#(SVGWriter.n(ly + 4))" font-size="\#(SVGWriter.n(labelSize))" fill="\#(ChartPalette.text)">"#
            if name != s.name { legend += "<title>\(xmlEscaped(s.name))</title>" }
            legend += xmlEscaped(name) + "</text></g>\n"
            lx += itemWidth
        }
        if anyBound {
            let name = "published as a bound (arrow: >x above, <x below)"
            let itemWidth = swatch + 6 + TextMetrics.width(name, fontSize: labelSize) + 16
            if lx > pad, lx + itemWidth > width - pad { lx = pad; ly += rowHeight }
            let cx = lx + swatch / 2, y = ly
            legend += #"<g class="legend-item legend-bound"><circle cx="\#(SVGWriter.n(cx))" cy="\#(SVGWriter.n(y + 2))" r="3.5" fill="white" stroke="\#(ChartPalette.text)" stroke-width="1.5"/>"#
            legend += #"<path d="M\#(SVGWriter.n(cx)),\#(SVGWriter.n(y - 2)) L\#(SVGWriter.n(cx)),\#(SVGWriter.n(y - 8)) M\#(SVGWriter.n(cx - 3)),\#(SVGWriter.n(y - 5)) L\#(SVGWriter.n(cx)),\#(SVGWriter.n(y - 8)) L\#(SVGWriter.n(cx + 3)),\#(SVGWriter.n(y - 5))" fill="none" stroke="\#(ChartPalette.text)" stroke-width="1.5"/>"#
            legend += #"<text x="\#(SVGWriter.n(lx + swatch + 6))" y="\#(SVGWriter.n(ly + 4))" font-size="\#(SVGWriter.n(labelSize))" fill="\#(ChartPalette.text)">"#
            legend += xmlEscaped(name) + "</text></g>\n"
            lx += itemWidth
        }
        if !legend.isEmpty {
            w.append(#"<g class="legend">"# + "\n" + legend + "</g>\n")
            top = ly + 14
        }

        // Value axis.
        let xLabelBand = 24.0
        let plotTop = top + 10
        let plotBottom = height - footer - xLabelBand
        let plotHeight = max(10, plotBottom - plotTop)
        let scale = NiceScale(min: dataMin, max: dataMax, targetTickCount: plotHeight >= 180 ? 5 : 3)
        let ticks = scale.ticks
        let tickText = format.tickLabels(ticks, step: scale.step)
        let tickWidth = tickText.map { TextMetrics.width($0, fontSize: labelSize) }.max() ?? 0
        let plotLeft = pad + tickWidth + 8
        // Keep room for half of the last x label on the right.
        let lastLabelHalf = min(40, TextMetrics.width(xLabels[n - 1], fontSize: labelSize) / 2)
        let plotRight = width - pad - max(8, lastLabelHalf)
        let plotWidth = max(10, plotRight - plotLeft)
        let span = scale.upper - scale.lower
        func yPos(_ v: Double) -> Double { plotTop + plotHeight * (1 - (v - scale.lower) / span) }
        func xPos(_ i: Int) -> Double {
            n == 1 ? plotLeft + plotWidth / 2 : plotLeft + plotWidth * Double(i) / Double(n - 1)
        }

        w.append(#"<g class="y-axis">"# + "\n")
        for (t, label) in zip(ticks, tickText) {
            let y = yPos(t)
            if t != 0 {
                w.line(x1: plotLeft, y1: y, x2: plotRight, y2: y, stroke: ChartPalette.grid, cssClass: "gridline")
            }
            w.text(label, x: plotLeft - 6, y: y + 4, anchor: "end", cssClass: "y-tick")
        }
        w.append("</g>\n")
        let zeroY = yPos(0)
        w.line(x1: plotLeft, y1: zeroY, x2: plotRight, y2: zeroY, stroke: ChartPalette.axis, cssClass: "zero-line")

        // X labels, thinned so neighbours don't overlap.
        let widest = xLabels.map { TextMetrics.width($0, fontSize: labelSize) }.max() ?? 0
        let stride: Int
        if let forced = xLabelStride, forced > 0 {
            stride = forced
        } else if n <= 1 {
            stride = 1
        } else {
            let slot = plotWidth / Double(n - 1)
            let needed = Int(((widest + 10) / slot).rounded(.up))
            stride = Self.niceStrides.first { $0 >= needed } ?? needed
        }
        w.append(#"<g class="x-axis">"# + "\n")
        // Monthly labels tick on calendar boundaries (quarters, years, or several years), not
        // every k-th month from wherever the series starts.
        let xTicks: [(Int, String)] = MonthTicks.ticks(xLabels, slot: n > 1 ? plotWidth / Double(n - 1) : plotWidth,
                                                     labelWidth: { TextMetrics.width($0, fontSize: labelSize) })
            ?? Swift.stride(from: 0, to: n, by: stride).map { ($0, xLabels[$0]) }
        for (i, label) in xTicks {
            let half = TextMetrics.width(label, fontSize: labelSize) / 2
            let x = min(max(xPos(i), half + pad), width - pad - half)
            w.text(label, x: x, y: plotBottom + 18, anchor: "middle", cssClass: "x-label")
        }
        w.append("</g>\n")

        // Policy markers: a dashed vertical line at each measure's start, numbered at the top
        // (1, 2 … in order; a marker close to the previous one drops a row), every measure's id
        // and name in the tooltip; the numbers are keyed in the section's notes.
        if !markers.isEmpty {
            w.append(#"<g class="policy-markers">"# + "\n")
            let markerSize = max(9, labelSize - 2)
            var row = 0, lastX = -Double.infinity
            for (k, m) in markers.enumerated() {
                guard let i = xLabels.firstIndex(of: m.at), !m.ids.isEmpty else { continue }
                let x = xPos(i)
                let text = "\(k + 1)"
                let tw = TextMetrics.width(text, fontSize: markerSize)
                row = x - lastX < tw + 6 ? (row + 1) % 3 : 0
                lastX = x
                let ty = plotTop + markerSize + Double(row) * (markerSize + 2)
                let rightRoom = x + 3 + tw <= plotRight
                let tooltip = zip(m.ids, m.names).map { "\($0): \($1)" }.joined(separator: "\n")
                w.append(#"<g class="policy-marker"><title>"# + xmlEscaped("\(m.at) — " + tooltip) + "</title>")
                w.append(#"<line x1="\#(SVGWriter.n(x))" y1="\#(SVGWriter.n(plotTop))" x2="\#(SVGWriter.n(x))" y2="\#(SVGWriter.n(plotBottom))" stroke="rgb(150,150,150)" stroke-width="1" stroke-dasharray="3,3"/>"#)
                w.append(#"<text x="\#(SVGWriter.n(rightRoom ? x + 3 : max(plotLeft + tw, x - 3)))" y="\#(SVGWriter.n(ty))" font-size="\#(SVGWriter.n(markerSize))" text-anchor="\#(rightRoom ? "start" : "end")" fill="\#(ChartPalette.mutedText)">"# + xmlEscaped(text) + "</text></g>\n")
            }
            w.append("</g>\n")
        }

        // Lines, broken at missing values, then point markers with tooltips.
        let showDots = n <= 60
        for (si, row) in exact.enumerated() {
            let c = ChartPalette.color(for: series[si].name, at: si)
            var d = ""
            var penDown = false
            for (i, v) in row.enumerated() {
                guard let v else { penDown = false; continue }
                d += (penDown ? "L" : (d.isEmpty ? "M" : " M")) + SVGWriter.n(xPos(i)) + "," + SVGWriter.n(yPos(v))
                penDown = true
            }
            w.append(#"<g class="series" data-series="\#(si)">"# + "\n")
            if !d.isEmpty {
                w.append(#"<path d="\#(d)" fill="none" stroke="\#(c)" stroke-width="2" stroke-linejoin="round" stroke-linecap="round"/>"# + "\n")
            }
            let name = series[si].name
            for (i, v) in row.enumerated() {
                guard let v else { continue }
                // Isolated points (no neighbours) must stay visible even in dense charts.
                let isolated = (i == 0 || row[i - 1] == nil) && (i == n - 1 || row[i + 1] == nil)
                let visible = showDots || isolated
                let tip = "\(name) · \(xLabels[i]): \(format.format(v))"
                w.append(#"<circle class="point" cx="\#(SVGWriter.n(xPos(i)))" cy="\#(SVGWriter.n(yPos(v)))" r="\#(visible ? "3" : "4")" fill="\#(c)""#)
                if !visible { w.append(#" fill-opacity="0""#) }
                w.append("><title>\(xmlEscaped(tip))</title></circle>\n")
            }
            // Bounds: an open marker at the bound, an arrow towards where the value lies (a band for a range).
            for (i, b) in bounds[si].enumerated() {
                guard let b, let v = rows[si][i] else { continue }
                let x = xPos(i), y = yPos(v)
                let tip: String, kind: String
                switch b {
                case .above:
                    kind = "above"
                    tip = "\(name) · \(xLabels[i]): >\(format.format(v)) (a lower bound)"
                    w.append(#"<path class="bound-arrow" d="M\#(SVGWriter.n(x)),\#(SVGWriter.n(y - 5)) L\#(SVGWriter.n(x)),\#(SVGWriter.n(y - 18)) M\#(SVGWriter.n(x - 4)),\#(SVGWriter.n(y - 13)) L\#(SVGWriter.n(x)),\#(SVGWriter.n(y - 18)) L\#(SVGWriter.n(x + 4)),\#(SVGWriter.n(y - 13))" fill="none" stroke="\#(c)" stroke-width="1.5"/>"# + "\n")
                case .below:
                    kind = "below"
                    tip = "\(name) · \(xLabels[i]): <\(format.format(v)) (an upper bound)"
                    w.append(#"<path class="bound-arrow" d="M\#(SVGWriter.n(x)),\#(SVGWriter.n(y + 5)) L\#(SVGWriter.n(x)),\#(SVGWriter.n(y + 18)) M\#(SVGWriter.n(x - 4)),\#(SVGWriter.n(y + 13)) L\#(SVGWriter.n(x)),\#(SVGWriter.n(y + 18)) L\#(SVGWriter.n(x + 4)),\#(SVGWriter.n(y + 13))" fill="none" stroke="\#(c)" stroke-width="1.5"/>"# + "\n")
                case .range(let upper):
                    kind = "range"
                    tip = "\(name) · \(xLabels[i]): \(format.format(v))–\(format.format(upper)) (a range)"
                    let top = upper.isFinite ? yPos(upper) : y
                    w.append(#"<rect class="bound-range" x="\#(SVGWriter.n(x - 4))" y="\#(SVGWriter.n(min(top, y)))" width="8" height="\#(SVGWriter.n(abs(y - top)))" fill="\#(c)" fill-opacity="0.25"/>"# + "\n")
                }
                w.append(#"<circle class="bound" data-bound="\#(kind)" cx="\#(SVGWriter.n(x))" cy="\#(SVGWriter.n(y))" r="4" fill="white" stroke="\#(c)" stroke-width="2">"#)
                w.append("<title>\(xmlEscaped(tip))</title></circle>\n")
            }
            w.append("</g>\n")
        }

        w.footer(source: source, width: width, height: height)
        return w.finished()
    }
}

/// Axis ticks for monthly labels (`YYYY-MM`): every month, quarter, year or several years,
/// always on a calendar boundary (January for years), the finest step whose labels do not overlap.
enum MonthTicks {
    /// Ticks as (index, label), or nil when the labels are not all `YYYY-MM`.
    static func ticks(_ labels: [String], slot: Double, labelWidth: (String) -> Double) -> [(Int, String)]? {
        var months: [Int] = []
        for l in labels {
            let parts = l.split(separator: "-")
            guard parts.count == 2, parts[0].count == 4, parts[1].count == 2, let y = Int(parts[0]), let m = Int(parts[1]), (1...12).contains(m) else { return nil }
            months.append(y * 12 + m - 1)
        }
        guard labels.count > 1 else { return labels.isEmpty ? nil : [(0, labels[0])] }
        for step in [1, 3, 6, 12, 24, 60, 120, 240] {
            let picked = months.indices.filter { months[$0] % step == 0 }
            let text = picked.map { step >= 12 ? String(labels[$0].prefix(4)) : labels[$0] }
            let widest = text.map(labelWidth).max() ?? 0
            // Neighbouring ticks are `step` months apart (one slot a month).
            if Double(step) * slot >= widest + 10 || step == 240 { return Array(zip(picked, text)) }
        }
        return nil
    }
}
