import DecoupleCore

/// One named series of values plotted against a chart's x labels.
///
/// `values[i]` belongs to the chart's `xLabels[i]`. A `nil` value marks a
/// missing observation: a line chart breaks its line there. Non-finite values
/// (NaN, ±infinity) are treated exactly like `nil`.
public struct ChartSeries: Sendable, Equatable {
    /// Display name, used in the legend and in per-point tooltips.
    public var name: String
    /// Values aligned with the chart's x labels; `nil` means missing.
    public var values: [Double?]
    /// Which values are bounds rather than numbers, aligned with ``values`` (missing or nil =
    /// a number). A line chart draws a bound as an open marker with an arrow (a range as a
    /// band), never joined to the line of exact values.
    public var bounds: [ChartBound?]

    /// Creates a series.
    /// - Parameters:
    ///   - name: Display name shown in the legend and tooltips.
    ///   - values: Values aligned with the chart's x labels; `nil` = missing.
    ///   - bounds: Which values are bounds (`>50` is `.above` with value 50); default none.
    public init(name: String, values: [Double?], bounds: [ChartBound?] = []) {
        self.name = name
        self.values = values
        self.bounds = bounds
    }

    /// The bound of value `i`, nil when it is a number.
    public func bound(at i: Int) -> ChartBound? { i < bounds.count ? bounds[i] : nil }
}

/// A value published as a bound, not a number (USGS `>50`, `<1`, `50–300`).
public enum ChartBound: Sendable, Equatable {
    /// The true value is above the plotted value (`>50`).
    case above
    /// The true value is below the plotted value (`<1`).
    case below
    /// The true value lies between the plotted value and `upper`.
    case range(upper: Double)
}
