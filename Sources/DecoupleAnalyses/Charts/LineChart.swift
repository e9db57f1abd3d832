import DecoupleCore

/// A multi-series line chart rendered as a self-contained inline SVG.
///
/// The value axis starts at 0 (or at the data minimum when values are
/// negative) and uses 1-2-5 ticks. X labels are thinned so they never overlap,
/// every data point carries a `<title>` tooltip ("series · label: value"),
/// and lines break at missing (`nil` / non-finite) values.
public struct LineChart: Sendable {
    /// Chart heading; also the SVG's `aria-label`.
    public var title: String
    /// Optional second line under the title.
    public var subtitle: String?
    /// One label per x position (e.g. "2018" or "2018-07").
    public var xLabels: [String]
    /// Series to draw; each series' `values` align with `xLabels`
    /// (extra values are ignored, missing trailing values count as `nil`).
    public var series: [ChartSeries]
    /// How values, ticks and tooltips are formatted.
    public var format: ValueFormat
    /// Data source, printed under the chart as "Source: …".
    public var source: String
    /// Total SVG width in user units (pixels).
    public var width: Double
    /// Total SVG height in user units, including title, legend and source line.
    public var height: Double
    /// Show every n-th x label; `nil` (the default) picks the smallest stride
    /// at which labels don't overlap.
    public var xLabelStride: Int?
    /// Policy measures drawn as vertical markers at their x labels.
    public var markers: [ChartMarker] = []

    /// Creates a line chart.
    /// - Parameters:
    ///   - title: Heading and accessible name.
    ///   - subtitle: Optional line under the title.
    ///   - xLabels: One label per x position.
    ///   - series: Series aligned with `xLabels`.
    ///   - format: Value formatting for ticks and tooltips.
    ///   - source: Text printed as "Source: …" under the chart.
    ///   - width: SVG width (default 760).
    ///   - height: SVG height (default 360).
    ///   - xLabelStride: Force showing every n-th x label (default: automatic).
    public init(
        title: String, subtitle: String? = nil, xLabels: [String], series: [ChartSeries],
        format: ValueFormat, source: String, width: Double = 760, height: Double = 360,
        xLabelStride: Int? = nil
    ) {
        self.title = title
        self.subtitle = subtitle
        self.xLabels = xLabels
        self.series = series
        self.format = format
        self.source = source
        self.width = width
        self.height = height
        self.xLabelStride = xLabelStride
    }
}
