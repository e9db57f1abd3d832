import DecoupleAnalyses

/// Drawing: a grid of coloured cells with row and column labels and a legend.
extension HeatMapChart {
    static let rowHeight = 16.0
    /// The widest cell; narrower when many columns must fit the width.
    static let cellWidth = 84.0
    /// The longest a rotated column label may be (longer ones are shortened, whole in a tooltip).
    static let rotatedLabelLength = 110.0

    private var safeWidth: Double { width.isFinite ? max(width, 240) : 760 }
    private var headerHeight: Double { (subtitle?.isEmpty ?? true) ? 36 : 60 }

    /// The row-label column, the cell width, and whether column labels are turned upright
    /// (when a label is wider than its cell): the grid always fits the width.
    private var layout: (labelColumn: Double, cell: Double, rotated: Bool, columnHeader: Double) {
        let width = safeWidth, pad = SVGWriter.pad
        let rowLabels = rows.map { TextMetrics.width($0, fontSize: SVGWriter.labelSize) }.max() ?? 0
        let wanted = max(40, min(rowLabels, width * 0.35))
        let cell = max(12, min(Self.cellWidth, (width - 2 * pad - wanted - 18) / Double(max(1, columns.count))))
        let labelColumn = max(40, min(rowLabels, width - 2 * pad - Double(columns.count) * cell - 18))
        let columnLabels = columns.map { TextMetrics.width($0, fontSize: SVGWriter.labelSize) }.max() ?? 0
        let rotated = columnLabels > cell - 4
        return (labelColumn, cell, rotated, rotated ? min(columnLabels, Self.rotatedLabelLength) + 10 : 20)
    }

    /// Total SVG height: grows with the number of rows (and with upright column labels).
    public var height: Double { headerHeight + 22 + layout.columnHeader + Double(rows.count) * Self.rowHeight + SVGWriter.footerHeight + 6 }

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
        let (labelColumn, cellWidth, rotated, columnHeader) = layout
        let left = pad + labelColumn + 8
        for (j, c) in columns.enumerated() {
            let cx = left + (Double(j) + 0.5) * cellWidth
            if rotated {
                let maxChars = max(3, Int(Self.rotatedLabelLength / (SVGWriter.labelSize * 0.6)))
                let shown = TextMetrics.truncated(c, maxChars: maxChars)
                w.text(shown, x: cx + 4, y: top + columnHeader - 4, cssClass: "x-tick", tooltip: shown == c ? nil : c, rotation: -90)
            } else {
                w.text(c, x: cx, y: top + 12, anchor: "middle", cssClass: "x-tick")
            }
        }
        top += columnHeader
        let colors = Dictionary(categories.map { ($0.name, $0.color) }, uniquingKeysWith: { a, _ in a })
        let maxChars = max(3, Int(labelColumn / (SVGWriter.labelSize * 0.6)))
        for (i, r) in rows.enumerated() {
            let y = top + Double(i) * Self.rowHeight
            let shown = TextMetrics.truncated(r, maxChars: maxChars)
            w.text(shown, x: left - 8, y: y + 12, anchor: "end", fill: ChartPalette.text, cssClass: "row-label", tooltip: shown == r ? nil : r)
            for j in columns.indices {
                guard i < cells.count, j < cells[i].count, let category = cells[i][j] else { continue }
                let tip = xmlEscaped("\(r) — \(columns[j]): \(category)")
                w.append(#"<rect class="cell" x="\#(SVGWriter.n(left + Double(j) * cellWidth + 1))" y="\#(SVGWriter.n(y + 1))" width="\#(SVGWriter.n(cellWidth - 2))" height="\#(SVGWriter.n(Self.rowHeight - 2))" fill="\#(colors[category] ?? "rgb(200,200,200)")"><title>\#(tip)</title></rect>"#)
                w.append("\n")
            }
        }
        w.footer(source: source, width: width, height: height)
        return w.finished()
    }
}
