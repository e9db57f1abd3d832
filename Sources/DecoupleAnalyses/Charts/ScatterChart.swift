import DecoupleCore

/// A scatter chart of labelled points on two 0–100% axes, rendered as a self-contained
/// inline SVG (used for net import reliance against the rival's share of world production).
public struct ScatterChart: Sendable {
    /// One labelled point; `x` and `y` are fractions (0.5 = 50%).
    public struct Point: Sendable, Equatable {
        public var label: String
        public var x: Double
        public var y: Double
        /// True when the value rests on a bound (drawn hollow).
        public var isBound: Bool
        public init(label: String, x: Double, y: Double, isBound: Bool = false) {
            self.label = label
            self.x = x
            self.y = y
            self.isBound = isBound
        }
    }

    public var title: String
    public var subtitle: String?
    public var xTitle: String
    public var yTitle: String
    public var points: [Point]
    public var source: String
    public var width: Double
    public var height: Double

    public init(title: String, subtitle: String? = nil, xTitle: String, yTitle: String, points: [Point],
                source: String, width: Double = 760, height: Double = 480) {
        self.title = title
        self.subtitle = subtitle
        self.xTitle = xTitle
        self.yTitle = yTitle
        self.points = points
        self.source = source
        self.width = width
        self.height = height
    }
}
