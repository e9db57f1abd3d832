import DecoupleCore
import CLapack

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

    /// A column vector (n × 1).
    public init(column: [Double]) {
        rows = column.count
        columns = 1
        values = column
    }

    /// The identity matrix of size n.
    public static func identity(_ n: Int) -> DenseMatrix {
        var m = DenseMatrix(rows: n, columns: n)
        for i in 0..<n { m.values[i * n + i] = 1 }
        return m
    }

    /// The columns `indices` of the n × n identity: the unit vectors e_j, as an n × k matrix.
    public static func unitColumns(_ indices: [Int], size n: Int) -> DenseMatrix {
        var m = DenseMatrix(rows: n, columns: indices.count)
        for (k, j) in indices.enumerated() { m.values[k * n + j] = 1 }
        return m
    }

    public subscript(i: Int, j: Int) -> Double {
        get { values[j * rows + i] }
        set { values[j * rows + i] = newValue }
    }

    /// Column j as an array.
    public func column(_ j: Int) -> [Double] { Array(values[(j * rows)..<((j + 1) * rows)]) }

    /// Row i as an array.
    public func row(_ i: Int) -> [Double] { (0..<columns).map { values[$0 * rows + i] } }

    /// The sub-matrix made of the given columns, in that order.
    public func selectingColumns(_ indices: [Int]) -> DenseMatrix {
        var out = [Double]()
        out.reserveCapacity(rows * indices.count)
        for j in indices { out.append(contentsOf: values[(j * rows)..<((j + 1) * rows)]) }
        return DenseMatrix(rows: rows, columns: indices.count, columnMajor: out)!
    }

    /// The transpose (blocked copy).
    public var transposed: DenseMatrix {
        var t = DenseMatrix(rows: columns, columns: rows)
        let block = 64
        values.withUnsafeBufferPointer { src in
            t.values.withUnsafeMutableBufferPointer { dst in
                var jb = 0
                while jb < columns {
                    var ib = 0
                    while ib < rows {
                        for j in jb..<min(jb + block, columns) {
                            for i in ib..<min(ib + block, rows) { dst[i * columns + j] = src[j * rows + i] }
                        }
                        ib += block
                    }
                    jb += block
                }
            }
        }
        return t
    }

    /// Column sums: `1ᵀ M`.
    public var columnSums: [Double] {
        values.withUnsafeBufferPointer { p in
            (0..<columns).map { j in
                var s = 0.0
                for i in 0..<rows { s += p[j * rows + i] }
                return s
            }
        }
    }

    /// Row sums: `M 1`.
    public var rowSums: [Double] {
        var s = [Double](repeating: 0, count: rows)
        values.withUnsafeBufferPointer { p in
            for j in 0..<columns { for i in 0..<rows { s[i] += p[j * rows + i] } }
        }
        return s
    }

    /// `M d̂`: column j multiplied by `d[j]`.
    public func scalingColumns(by d: [Double]) -> DenseMatrix {
        precondition(d.count == columns, "scalingColumns: \(d.count) factors for \(columns) columns")
        var m = self
        m.values.withUnsafeMutableBufferPointer { p in
            for j in 0..<columns { let f = d[j]; for i in 0..<rows { p[j * rows + i] *= f } }
        }
        return m
    }

    /// `d̂ M`: row i multiplied by `d[i]`.
    public func scalingRows(by d: [Double]) -> DenseMatrix {
        precondition(d.count == rows, "scalingRows: \(d.count) factors for \(rows) rows")
        var m = self
        m.values.withUnsafeMutableBufferPointer { p in
            for j in 0..<columns { for i in 0..<rows { p[j * rows + i] *= d[i] } }
        }
        return m
    }

    /// The matrix product `self · other` (BLAS `dgemm`).
    public func multiplied(by other: DenseMatrix) -> DenseMatrix {
        precondition(columns == other.rows, "multiplied: (\(rows)×\(columns)) · (\(other.rows)×\(other.columns))")
        var c = DenseMatrix(rows: rows, columns: other.columns)
        guard rows > 0, other.columns > 0, columns > 0 else { return c }
        BLASThreads.prepare(order: max(rows, columns, other.columns))
        cblas_dgemm(CblasColMajor, CblasNoTrans, CblasNoTrans, Int32(rows), Int32(other.columns), Int32(columns),
                    1.0, values, Int32(rows), other.values, Int32(other.rows), 0.0, &c.values, Int32(rows))
        return c
    }

    /// `self · v` (BLAS `dgemv`).
    public func multiplied(by v: [Double]) -> [Double] {
        precondition(columns == v.count, "multiplied: (\(rows)×\(columns)) · vector of \(v.count)")
        var y = [Double](repeating: 0, count: rows)
        guard rows > 0, columns > 0 else { return y }
        BLASThreads.prepare(order: max(rows, columns))
        cblas_dgemv(CblasColMajor, CblasNoTrans, Int32(rows), Int32(columns), 1.0, values, Int32(rows), v, 1, 0.0, &y, 1)
        return y
    }

    public static func * (a: DenseMatrix, b: DenseMatrix) -> DenseMatrix { a.multiplied(by: b) }

    public static func - (a: DenseMatrix, b: DenseMatrix) -> DenseMatrix {
        precondition(a.rows == b.rows && a.columns == b.columns, "subtracting matrices of different shapes")
        var c = a
        for k in c.values.indices { c.values[k] -= b.values[k] }
        return c
    }

    /// The largest absolute element, `max |m_ij|` (0 for an empty matrix).
    public var maxAbs: Double { values.reduce(0) { max($0, abs($1)) } }

    /// True when no element is NaN or infinite.
    public var isFinite: Bool { values.allSatisfy(\.isFinite) }
}
