/// A table of a report, already formatted for display, with the datasets it comes from.
public struct ReportTable: Sendable, Codable, Hashable {
    public var title: String
    public var columns: [String]
    /// Which columns are numbers (right-aligned).
    public var numericColumns: Set<Int>
    public var rows: [[String]]
    /// Dataset ids.
    public var sources: [String]

    public init(title: String, columns: [String], numericColumns: Set<Int> = [], rows: [[String]], sources: [String]) {
        self.title = title
        self.columns = columns
        self.numericColumns = numericColumns
        self.rows = rows
        self.sources = sources
    }
}
