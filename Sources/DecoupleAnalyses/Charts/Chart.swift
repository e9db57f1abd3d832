import DecoupleCore

/// A chart of an analysis document, as data: what to draw, not how. DecoupleRendering draws it
/// (`Chart.svg()`); the document never holds markup.
public enum Chart: Sendable {
    case bar(BarChart)
    case line(LineChart)
    case scatter(ScatterChart)
    case stackedBar(StackedBarChart)
    case timeline(TimelineChart)
    case heatMap(HeatMapChart)

    /// The chart's title.
    public var title: String {
        switch self {
        case .bar(let c): c.title
        case .line(let c): c.title
        case .scatter(let c): c.title
        case .stackedBar(let c): c.title
        case .timeline(let c): c.title
        case .heatMap(let c): c.title
        }
    }
}
