import DecoupleCore

/// A grid of categorical cells: one row per item, one column per attribute, each cell coloured
/// by its category (the framework's per-stage predicted and observed instrument families).
public struct HeatMapChart: Sendable {
    public var title: String
    public var subtitle: String?
    public var rows: [String]
    public var columns: [String]
    /// cells[row][column]: the category shown (nil: empty cell).
    public var cells: [[String?]]
    /// Categories in legend order, each with its colour.
    public var categories: [(name: String, color: String)]
    public var source: String
    public var width: Double

    public init(title: String, subtitle: String? = nil, rows: [String], columns: [String], cells: [[String?]],
                categories: [(name: String, color: String)], source: String, width: Double = 760) {
        self.title = title
        self.subtitle = subtitle
        self.rows = rows
        self.columns = columns
        self.cells = cells
        self.categories = categories
        self.source = source
        self.width = width
    }
}
