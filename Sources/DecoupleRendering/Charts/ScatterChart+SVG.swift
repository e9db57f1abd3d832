import DecoupleAnalyses

/// Drawing: layout and SVG markup of a ``ScatterChart``.
extension ScatterChart {
    /// The chart as SVG markup. Points outside 0–1 or not finite are left out.
    public func svg() -> String {
        var w = SVGWriter(width: width, height: height, title: title)
        let top = w.header(title: title, subtitle: subtitle, width: width) + 16
        let left = 56.0, right = width - 24, bottom = height - SVGWriter.footerHeight - 40
        let plotW = right - left, plotH = bottom - top
        let shown = points.filter { $0.x.isFinite && $0.y.isFinite && (0...1).contains($0.x) && (0...1).contains($0.y) }
        if shown.isEmpty {
            w.noData(x: left, y: top, width: plotW, height: plotH)
        } else {
            for k in 0...4 {
                let f = Double(k) / 4
                let x = left + f * plotW, y = bottom - f * plotH
                w.line(x1: left, y1: y, x2: right, y2: y, stroke: ChartPalette.grid)
                w.line(x1: x, y1: top, x2: x, y2: bottom, stroke: ChartPalette.grid)
                w.text("\(k * 25)%", x: left - 6, y: y + 4, anchor: "end")
                w.text("\(k * 25)%", x: x, y: bottom + 16, anchor: "middle")
            }
            w.line(x1: left, y1: bottom, x2: right, y2: bottom, stroke: ChartPalette.axis)
            w.line(x1: left, y1: top, x2: left, y2: bottom, stroke: ChartPalette.axis)
            // Labels placed without overlap and inside the view box: right or left of the point,
            // above or below; a point with no free place keeps its tooltip only (counted below).
            var placed: [(x0: Double, y0: Double, x1: Double, y1: Double)] = []
            var unlabelled = 0
            for p in shown {
                let cx = left + p.x * plotW, cy = bottom - p.y * plotH
                let fill = p.isBound ? "none" : ChartPalette.positive
                let tip = "\(p.label): \(ValueFormat.percent(decimals: 0).format(p.y)) \(yTitle.lowercased()), \(ValueFormat.percent(decimals: 0).format(p.x)) \(xTitle.lowercased())"
                w.append(#"<circle cx="\#(SVGWriter.n(cx))" cy="\#(SVGWriter.n(cy))" r="4" fill="\#(fill)" stroke="\#(ChartPalette.positive)" stroke-width="1.5"><title>\#(xmlEscaped(tip))</title></circle>"#)
                w.append("\n")
                let text = TextMetrics.truncated(p.label, maxChars: 18)
                let tw = TextMetrics.width(text, fontSize: 10), th = 10.0
                let candidates: [(x: Double, y: Double, anchor: String)] = [(cx + 6, cy - 5, "start"), (cx - 6, cy - 5, "end"),
                                                                           (cx + 6, cy + 13, "start"), (cx - 6, cy + 13, "end")]
                let spot = candidates.first { c in
                    let x0 = c.anchor == "start" ? c.x : c.x - tw, x1 = x0 + tw, y0 = c.y - th, y1 = c.y + 2
                    guard x0 >= 2, x1 <= width - 2, y0 >= top - 12, y1 <= bottom + 2 else { return false }
                    return !placed.contains { $0.x0 < x1 && x0 < $0.x1 && $0.y0 < y1 && y0 < $0.y1 }
                }
                if let c = spot {
                    let x0 = c.anchor == "start" ? c.x : c.x - tw
                    placed.append((x0, c.y - th, x0 + tw, c.y + 2))
                    w.text(text, x: c.x, y: c.y, size: 10, anchor: c.anchor)
                } else {
                    unlabelled += 1
                }
            }
            if unlabelled > 0 {
                w.text("\(unlabelled) point\(unlabelled == 1 ? "" : "s") unlabelled (crowded): hover for names", x: right, y: bottom - 4, size: 10, anchor: "end", fill: ChartPalette.mutedText)
            }
        }
        w.text(xTitle, x: left + plotW / 2, y: bottom + 34, anchor: "middle", fill: ChartPalette.text)
        w.append(#"<text x="14" y="\#(SVGWriter.n(top + plotH / 2))" font-size="11" fill="\#(ChartPalette.text)" text-anchor="middle" transform="rotate(-90 14 \#(SVGWriter.n(top + plotH / 2)))">\#(xmlEscaped(yTitle))</text>"#)
        w.append("\n")
        w.footer(source: source, width: width, height: height)
        return w.finished()
    }
}
