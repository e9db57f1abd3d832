import DecoupleAnalyses

extension Chart {
    /// The chart as a standalone SVG element.
    public func svg() -> String {
        switch self {
        case .bar(let c): c.svg()
        case .line(let c): c.svg()
        case .scatter(let c): c.svg()
        case .stackedBar(let c): c.svg()
        case .timeline(let c): c.svg()
        case .heatMap(let c): c.svg()
        }
    }
}
