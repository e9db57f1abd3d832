/// A query result decoded from Arrow IPC: named columns of equal length.
public struct ArrowTable: Sendable, Equatable {
    public var columns: [ArrowColumn]
    /// The number of rows.
    public var rowCount: Int

    public init(columns: [ArrowColumn], rowCount: Int) {
        self.columns = columns
        self.rowCount = rowCount
    }

    /// The column called `name` (case-insensitive, as Spark SQL names are).
    public func column(_ name: String) -> ArrowColumn? {
        let wanted = name.lowercased()
        return columns.first { $0.name.lowercased() == wanted }
    }
}
