import DecoupleAnalyses

/// Drawing: a grid of coloured cells with row and column labels and a legend.
extension HeatMapChart {
    static let rowHeight = 16.0
    static let cellWidth = 84.0

    private var safeWidth: Double { width.isFinite ? max(width, 240) : 760 }
    private var headerHeight: Double { (subtitle?.isEmpty ?? true) ? 36 : 60 }

    /// Total SVG height: grows with the number of rows.
    public var height: Double { headerHeight + 22 + 20 + Double(rows.count) * Self.rowHeight + SVGWriter.footerHeight + 6 }

    /// Renders the chart as an SVG element (no scripts, no external references).
    public func svg() -> String {
        let width = safeWidth, height = self.height, pad = SVGWriter.pad
        var w = SVGWriter(width: width, height: height, title: title)
        _ = w.header(title: title, subtitle: subtitle, width: width)
        var top = headerHeight
        // Legend.
        var x = pad
        w.append(#"<g class="legend">"# + "\n")
        for c in categories {
            w.append(#"<rect x="\#(SVGWriter.n(x))" y="\#(SVGWriter.n(top))" width="12" height="12" fill="\#(c.color)"/>"#)
            w.text(c.name, x: x + 18, y: top + 10, fill: ChartPalette.text, cssClass: "legend-label")
            x += 18 + TextMetrics.width(c.name, fontSize: SVGWriter.labelSize) + 16
        }
        w.append("</g>\n")
        top += 22
        let labelColumn = min(rows.map { TextMetrics.width($0, fontSize: SVGWriter.labelSize) }.max() ?? 0,
                              width - 2 * pad - Double(columns.count) * Self.cellWidth - 10)
        let left = pad + max(40, labelColumn) + 8
        for (j, c) in columns.enumerated() {
            w.text(c, x: left + (Double(j) + 0.5) * Self.cellWidth, y: top + 12, anchor: "middle", cssClass: "x-tick")
        }
        top += 20
        let colors = Dictionary(categories.map { ($0.name, $0.color) }, uniquingKeysWith: { a, _ in a })
        let maxChars = max(3, Int(max(40, labelColumn) / (SVGWriter.labelSize * 0.6)))
        for (i, r) in rows.enumerated() {
            let y = top + Double(i) * Self.rowHeight
            let shown = TextMetrics.truncated(r, maxChars: maxChars)
            w.text(shown, x: left - 8, y: y + 12, anchor: "end", fill: ChartPalette.text, cssClass: "row-label", tooltip: shown == r ? nil : r)
            for j in columns.indices {
                guard i < cells.count, j < cells[i].count, let category = cells[i][j] else { continue }
                let tip = xmlEscaped("\(r) — \(columns[j]): \(category)")
                w.append(#"<rect class="cell" x="\#(SVGWriter.n(left + Double(j) * Self.cellWidth + 1))" y="\#(SVGWriter.n(y + 1))" width="\#(SVGWriter.n(Self.cellWidth - 2))" height="\#(SVGWriter.n(Self.rowHeight - 2))" fill="\#(colors[category] ?? "rgb(200,200,200)")"><title>\#(tip)</title></rect>"#)
                w.append("\n")
            }
        }
        w.footer(source: source, width: width, height: height)
        return w.finished()
    }
}
