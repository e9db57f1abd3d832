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

    /// Creates a series.
    /// - Parameters:
    ///   - name: Display name shown in the legend and tooltips.
    ///   - values: Values aligned with the chart's x labels; `nil` = missing.
    public init(name: String, values: [Double?]) {
        self.name = name
        self.values = values
    }
}
