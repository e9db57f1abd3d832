import DecoupleAnalyses

/// Drawing: layout and SVG markup of a ``BarChart``.
extension BarChart {
    /// Vertical space per bar.
    static let rowHeight = 24.0
    /// Thickness of a bar.
    static let barHeight = 16.0
    /// Height of the "no data" box when there is nothing to draw.
    static let emptyHeight = 80.0

    /// Space above the first bar (title block plus a gap).
    private var headerHeight: Double { (subtitle?.isEmpty ?? true) ? 36 : 60 }
    /// Space below the last bar (source line plus a gap).
    private var footerHeight: Double { source.isEmpty ? 8 : SVGWriter.footerHeight + 6 }

    /// Total SVG height: grows with the number of bars.
    public var height: Double {
        let body = labels.isEmpty ? Self.emptyHeight : Double(labels.count) * Self.rowHeight
        return headerHeight + body + footerHeight
    }

    /// Renders the chart as an SVG element (UTF-8 text, no scripts, no external references).
    public func svg() -> String {
        let width = self.width.isFinite ? max(self.width, 160) : 760
        let height = self.height
        let pad = SVGWriter.pad
        let labelSize = SVGWriter.labelSize
        let n = labels.count
        let vals: [Double?] = (0..<n).map { i in
            i < values.count && values[i].isFinite ? values[i] : nil
        }
        let finite = vals.compactMap { $0 }

        var w = SVGWriter(width: width, height: height, title: title)
        _ = w.header(title: title, subtitle: subtitle, width: width)
        let top = headerHeight
        guard n > 0, !finite.isEmpty else {
            let boxHeight = n > 0 ? Double(n) * Self.rowHeight : Self.emptyHeight
            return w.finishedEmpty(x: pad, y: top, width: width, boxHeight: boxHeight, source: source, height: height)
        }

        // Category label column: at most 35% of the width.
        let (labelColumn, maxLabelChars) = TextMetrics.labelColumn(labels, fontSize: labelSize, plotWidth: width - 2 * pad)

        // Value labels need room beyond the bar ends on each side that has bars.
        let valueText = vals.map { $0.map(format.format) ?? "n/a" }
        let valueRoom = (valueText.map { TextMetrics.width($0, fontSize: labelSize) }.max() ?? 0) + 6
        let lo = min(0, finite.min() ?? 0), hi = max(0, finite.max() ?? 0)
        let left = pad + labelColumn + 10 + (lo < 0 ? valueRoom : 0)
        let right = width - pad - (hi > 0 || lo == hi ? valueRoom : 0)
        let plotWidth = max(10, right - left)
        let span = hi - lo
        func xPos(_ v: Double) -> Double { span == 0 ? left : left + plotWidth * (v - lo) / span }
        let zeroX = xPos(0)

        for i in 0..<n {
            let full = labels[i]
            let (barY, midY) = w.barRow(i, label: full, top: top, rowHeight: Self.rowHeight, barHeight: Self.barHeight,
                                        labelRight: pad + labelColumn, maxChars: maxLabelChars)
            let tip = "\(full): \(valueText[i])"
            guard let v = vals[i] else {
                w.text("n/a", x: zeroX + 4, y: midY, cssClass: "bar-value", tooltip: tip)
                continue
            }
            let x0 = min(zeroX, xPos(v)), x1 = max(zeroX, xPos(v))
            let negative = v < 0
            let fill = negative ? ChartPalette.negative : ChartPalette.positive
            w.append(#"<rect class="bar \#(negative ? "bar-neg" : "bar-pos")" x="\#(SVGWriter.n(x0))" y="\#(SVGWriter.n(barY))" width="\#(SVGWriter.n(x1 - x0))" height="\#(SVGWriter.n(Self.barHeight))" fill="\#(fill)"><title>\#(xmlEscaped(tip))</title></rect>"# + "\n")
            if negative {
                w.text(valueText[i], x: x0 - 4, y: midY, anchor: "end", fill: ChartPalette.text, cssClass: "bar-value")
            } else {
                w.text(valueText[i], x: x1 + 4, y: midY, fill: ChartPalette.text, cssClass: "bar-value")
            }
        }
        w.line(x1: zeroX, y1: top - 2, x2: zeroX, y2: top + Double(n) * Self.rowHeight + 2,
               stroke: ChartPalette.axis, cssClass: "zero-line")

        w.footer(source: source, width: width, height: height)
        return w.finished()
    }
}
