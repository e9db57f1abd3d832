/// A dense matrix of doubles in contiguous column-major storage (the layout LAPACK expects).
public struct DenseMatrix: Sendable, Equatable {
    public let rows: Int
    public let columns: Int
    /// Element (i, j) is at `values[j * rows + i]`.
    public var values: [Double]

    /// A matrix of zeros.
    public init(rows: Int, columns: Int) {
        self.rows = rows
        self.columns = columns
        values = [Double](repeating: 0, count: rows * columns)
    }

    /// A matrix from column-major values; `values.count` must be `rows * columns`.
    public init?(rows: Int, columns: Int, columnMajor values: [Double]) {
        guard rows >= 0, columns >= 0, values.count == rows * columns else { return nil }
        self.rows = rows
        self.columns = columns
        self.values = values
    }

    /// The identity matrix of size n.
    public static func identity(_ n: Int) -> DenseMatrix {
        var m = DenseMatrix(rows: n, columns: n)
        for i in 0..<n { m.values[i * n + i] = 1 }
        return m
    }

    public subscript(i: Int, j: Int) -> Double {
        get { values[j * rows + i] }
        set { values[j * rows + i] = newValue }
    }
}
