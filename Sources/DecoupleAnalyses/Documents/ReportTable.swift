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

    public init(title: String, columns: [String], numericColumns: Set<Int> = [], rows: [[String]], sources: [String]) {
        self.title = title
        self.columns = columns
        self.numericColumns = numericColumns
        self.rows = rows
        self.sources = sources
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
