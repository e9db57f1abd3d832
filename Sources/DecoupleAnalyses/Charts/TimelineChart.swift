import DecoupleCore
import DecoupleMinerals

/// A timeline rendered as a self-contained inline SVG: one row per item (a policy measure, an
/// alliance), a bar from its start to its end — running to the right edge while it is still in
/// force — or a diamond for a one-day event, coloured by category, on a year axis.
///
/// Every bar and marker carries a `<title>` tooltip with the label, dates and detail.
public struct TimelineChart: Sendable {
    /// One row of the timeline.
    public struct Item: Sendable, Equatable {
        public var label: String
        public var start: CalendarDay
        /// The last day; nil with `ongoing` runs to the axis end, nil without it is an event.
        public var end: CalendarDay?
        /// Still in force: the bar runs to the axis end and is drawn open-ended.
        public var ongoing: Bool
        /// Legend key; colours follow the order of ``TimelineChart/categories``.
        public var category: String
        /// Extra text for the tooltip (a summary, the members).
        public var detail: String?

        public init(label: String, start: CalendarDay, end: CalendarDay? = nil, ongoing: Bool = false,
                    category: String, detail: String? = nil) {
            self.label = label
            self.start = start
            self.end = end
            self.ongoing = ongoing
            self.category = category
            self.detail = detail
        }
    }

    public var title: String
    public var subtitle: String?
    public var items: [Item]
    /// Legend order; categories of items not listed here are appended in order of appearance.
    public var categories: [String]
    /// First and last year on the axis (default: from the items).
    public var fromYear: Int?
    public var throughYear: Int?
    public var source: String
    public var width: Double

    public init(title: String, subtitle: String? = nil, items: [Item], categories: [String] = [],
                fromYear: Int? = nil, throughYear: Int? = nil, source: String, width: Double = 760) {
        self.title = title
        self.subtitle = subtitle
        self.items = items
        self.categories = categories
        self.fromYear = fromYear
        self.throughYear = throughYear
        self.source = source
        self.width = width
    }
}
