import DecoupleCore

/// A table of a report, already formatted for display, with the datasets it comes from.
public struct ReportTable: Sendable, Codable, Hashable {
    public var title: String
    public var columns: [String]
    /// Which columns are numbers (right-aligned).
    public var numericColumns: Set<Int>
    public var rows: [[String]]
    /// Dataset ids.
    public var sources: [String]
    /// The columns a terminal shows, most important first (shown in the table's order; a narrow
    /// terminal drops them from the end of this list). Nil: every column, or the first and last
    /// few of a very wide table. A presentation hint; not part of the JSON.
    public var terminalColumns: [Int]?

    public init(title: String, columns: [String], numericColumns: Set<Int> = [], rows: [[String]], sources: [String],
                terminalColumns: [Int]? = nil) {
        self.title = title
        self.columns = columns
        self.numericColumns = numericColumns
        self.rows = rows
        self.sources = sources
        self.terminalColumns = terminalColumns
    }

    enum CodingKeys: String, CodingKey { case title, columns, numericColumns, rows, sources }

    /// `numericColumns` is written in ascending order, so the JSON is the same in every run.
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(title, forKey: .title)
        try c.encode(columns, forKey: .columns)
        try c.encode(numericColumns.sorted(), forKey: .numericColumns)
        try c.encode(rows, forKey: .rows)
        try c.encode(sources, forKey: .sources)
    }
}
