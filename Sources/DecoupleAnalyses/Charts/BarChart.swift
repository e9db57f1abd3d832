import DecoupleCore

/// A horizontal bar chart rendered as a self-contained inline SVG.
///
/// One row per label; the chart's height grows with the number of rows.
/// Negative values are drawn to the left of a zero line in a second colour.
/// Each bar ends in a formatted value label; long category labels are
/// truncated with "…" and keep their full text in a `<title>` tooltip.
public struct BarChart: Sendable {
    /// Chart heading; also the SVG's `aria-label`.
    public var title: String
    /// Optional second line under the title.
    public var subtitle: String?
    /// Category labels, one per bar, drawn top to bottom.
    public var labels: [String]
    /// Bar values aligned with `labels`. Missing or non-finite values draw no
    /// bar and print "n/a"; values beyond `labels.count` are ignored.
    public var values: [Double]
    /// How values are formatted.
    public var format: ValueFormat
    /// Data source, printed under the chart as "Source: …".
    public var source: String
    /// Total SVG width in user units (pixels).
    public var width: Double

    /// Creates a bar chart.
    /// - Parameters:
    ///   - title: Heading and accessible name.
    ///   - subtitle: Optional line under the title.
    ///   - labels: Category labels, one per bar.
    ///   - values: Values aligned with `labels`.
    ///   - format: Value formatting for bar-end labels and tooltips.
    ///   - source: Text printed as "Source: …" under the chart.
    ///   - width: SVG width (default 760).
    public init(
        title: String, subtitle: String? = nil, labels: [String], values: [Double],
        format: ValueFormat, source: String, width: Double = 760
    ) {
        self.title = title
        self.subtitle = subtitle
        self.labels = labels
        self.values = values
        self.format = format
        self.source = source
        self.width = width
    }
}
