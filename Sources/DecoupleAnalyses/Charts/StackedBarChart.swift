import DecoupleCore

/// A horizontal stacked bar chart rendered as a self-contained inline SVG: one bar per label,
/// one segment per series (e.g. the rival, allies and the rest of the world's shares of a
/// stage's imports).
///
/// Segments are drawn left to right in series order. Missing, non-finite and negative values
/// count as 0 (a stack of signed parts has no meaningful length). Every segment carries a
/// `<title>` tooltip ("series · label: value"), each bar ends in its total, and the value axis
/// uses 1-2-5 ticks; `fixedMaximum` pins it (1 for shares that sum to 100%).
public struct StackedBarChart: Sendable {
    /// Chart heading; also the SVG's `aria-label`.
    public var title: String
    /// Optional second line under the title.
    public var subtitle: String?
    /// Category labels, one per bar, drawn top to bottom.
    public var labels: [String]
    /// The stacked parts; each series' `values` align with `labels`.
    public var series: [ChartSeries]
    /// How values, ticks, totals and tooltips are formatted.
    public var format: ValueFormat
    /// Data source, printed under the chart as "Source: …".
    public var source: String
    /// Total SVG width in user units (pixels).
    public var width: Double
    /// The value axis ends here instead of at the largest total (1 for 100% bars).
    public var fixedMaximum: Double?
    /// Colours per series; `ChartPalette` order when nil or too short.
    public var colors: [String]?
    /// Print each bar's total at its end (off for shares that always sum to 100%).
    public var showTotals: Bool

    /// Creates a stacked bar chart.
    /// - Parameters:
    ///   - title: Heading and accessible name.
    ///   - subtitle: Optional line under the title.
    ///   - labels: Category labels, one per bar.
    ///   - series: Parts of each bar, in stacking order.
    ///   - format: Value formatting.
    ///   - source: Text printed as "Source: …" under the chart.
    ///   - width: SVG width (default 760).
    ///   - fixedMaximum: End of the value axis (default: from the data).
    ///   - showTotals: Print each bar's total at its end (default true).
    ///   - colors: Colours per series (default: the palette).
    public init(
        title: String, subtitle: String? = nil, labels: [String], series: [ChartSeries],
        format: ValueFormat, source: String, width: Double = 760, fixedMaximum: Double? = nil,
        showTotals: Bool = true, colors: [String]? = nil
    ) {
        self.title = title
        self.subtitle = subtitle
        self.labels = labels
        self.series = series
        self.format = format
        self.source = source
        self.width = width
        self.fixedMaximum = fixedMaximum
        self.colors = colors
        self.showTotals = showTotals
    }
}
