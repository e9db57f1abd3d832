import DecoupleAnalyses

/// Accumulates the markup of one SVG chart and draws the parts every chart
/// shares: the root element, title block, source line and "no data" notice.
struct SVGWriter {
    /// Markup written so far.
    private(set) var markup = ""

    /// Font size of the chart title.
    static let titleSize = 16.0
    /// Font size of the subtitle.
    static let subtitleSize = 12.0
    /// Font size of axis, legend and value labels.
    static let labelSize = 11.0
    /// Horizontal padding at the chart's left and right edges.
    static let pad = 4.0

    /// Shorthand for coordinate text.
    static func n(_ v: Double) -> String { NumberText.coordinate(v) }

    /// Starts the `<svg>` root with accessibility attributes.
    init(width: Double, height: Double, title: String) {
        let w = Self.n(width), h = Self.n(height)
        markup.reserveCapacity(8_192)
        markup += #"<svg xmlns="http://www.w3.org/2000/svg" width="\#(w)" height="\#(h)" viewBox="0 0 \#(w) \#(h)" "#
        markup += #"role="img" aria-label="\#(xmlEscaped(title))" "#
        markup += #"font-family="system-ui, -apple-system, 'Segoe UI', Roboto, Helvetica, Arial, sans-serif" "#
        markup += #"style="max-width:100%;height:auto">"#
        markup += "\n"
    }

    /// Appends raw markup.
    mutating func append(_ s: String) { markup += s }

    /// Draws a text element; `content` is escaped here.
    mutating func text(
        _ content: String, x: Double, y: Double, size: Double = labelSize,
        anchor: String = "start", fill: String = ChartPalette.mutedText,
        weight: String? = nil, cssClass: String? = nil, tooltip: String? = nil, rotation: Double? = nil
    ) {
        markup += #"<text x="\#(Self.n(x))" y="\#(Self.n(y))" font-size="\#(Self.n(size))""#
        if let rotation { markup += #" transform="rotate(\#(Self.n(rotation)) \#(Self.n(x)) \#(Self.n(y)))""# }
        if anchor != "start" { markup += #" text-anchor="\#(anchor)""# }
        markup += #" fill="\#(fill)""#
        if let weight { markup += #" font-weight="\#(weight)""# }
        if let cssClass { markup += #" class="\#(cssClass)""# }
        markup += ">"
        if let tooltip { markup += "<title>\(xmlEscaped(tooltip))</title>" }
        markup += xmlEscaped(content) + "</text>\n"
    }

    /// Draws a line segment.
    mutating func line(
        x1: Double, y1: Double, x2: Double, y2: Double,
        stroke: String, width: Double = 1, cssClass: String? = nil
    ) {
        markup += #"<line x1="\#(Self.n(x1))" y1="\#(Self.n(y1))" x2="\#(Self.n(x2))" y2="\#(Self.n(y2))" stroke="\#(stroke)" stroke-width="\#(Self.n(width))""#
        if let cssClass { markup += #" class="\#(cssClass)""# }
        markup += "/>\n"
    }

    /// Draws the title and optional subtitle; returns the y just below them.
    mutating func header(title: String, subtitle: String?, width: Double) -> Double {
        let maxChars = max(4, Int((width - 2 * Self.pad) / (Self.titleSize * 0.6)))
        let shown = TextMetrics.truncated(title, maxChars: maxChars)
        text(shown, x: Self.pad, y: 20, size: Self.titleSize, fill: ChartPalette.text,
             weight: "600", cssClass: "chart-title", tooltip: shown == title ? nil : title)
        var y = 28.0
        if let subtitle, !subtitle.isEmpty {
            let subChars = max(4, Int((width - 2 * Self.pad) / (Self.subtitleSize * 0.6)))
            let sub = TextMetrics.truncated(subtitle, maxChars: subChars)
            text(sub, x: Self.pad, y: 44, size: Self.subtitleSize, cssClass: "chart-subtitle",
                 tooltip: sub == subtitle ? nil : subtitle)
            y = 52
        }
        return y
    }

    /// Height reserved for the source line at the bottom of a chart.
    static let footerHeight = 22.0

    /// Draws "Source: …" along the bottom edge (nothing if `source` is empty).
    mutating func footer(source: String, width: Double, height: Double) {
        guard !source.isEmpty else { return }
        let full = "Source: " + source
        let maxChars = max(4, Int((width - 2 * Self.pad) / (10 * 0.6)))
        let shown = TextMetrics.truncated(full, maxChars: maxChars)
        text(shown, x: Self.pad, y: height - 7, size: 10, cssClass: "chart-source",
             tooltip: shown == full ? nil : full)
    }

    /// Draws a centred "No data" notice inside the given box.
    /// Row `i` of a horizontal bar chart: its label right-aligned at `labelRight` (cut to
    /// `maxChars`, the full text as a tooltip), and where the row's bar and value text go.
    mutating func barRow(_ i: Int, label full: String, top: Double, rowHeight: Double, barHeight: Double,
                         labelRight: Double, maxChars: Int) -> (barY: Double, midY: Double) {
        let rowTop = top + Double(i) * rowHeight
        let midY = rowTop + rowHeight / 2 + 4
        let shown = TextMetrics.truncatedLabel(full, maxChars: maxChars)
        text(shown, x: labelRight, y: midY, anchor: "end", fill: ChartPalette.text,
             cssClass: "bar-label", tooltip: shown == full ? nil : full)
        return (rowTop + (rowHeight - barHeight) / 2, midY)
    }

    /// A chart with nothing to draw: the "no data" box and the source line, finished.
    mutating func finishedEmpty(x: Double, y: Double, width: Double, boxHeight: Double, source: String, height: Double) -> String {
        noData(x: x, y: y, width: width - 2 * x, height: boxHeight)
        footer(source: source, width: width, height: height)
        return finished()
    }

    mutating func noData(x: Double, y: Double, width: Double, height: Double) {
        markup += #"<rect x="\#(Self.n(x))" y="\#(Self.n(y))" width="\#(Self.n(max(0, width)))" height="\#(Self.n(max(0, height)))" fill="rgb(247,247,247)" stroke="\#(ChartPalette.grid)"/>"#
        markup += "\n"
        text("No data", x: x + width / 2, y: y + height / 2 + 5, size: 14, anchor: "middle",
             cssClass: "no-data")
    }

    /// Closes the root element and returns the finished SVG.
    func finished() -> String { markup + "</svg>\n" }
}
