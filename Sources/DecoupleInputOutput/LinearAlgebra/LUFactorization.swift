import DecoupleCore
import CLapack

/// Why a linear-algebra step failed. Never a crash: callers get the reason.
public enum LinearAlgebraError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The shapes do not fit (what was expected, what was given).
    case dimensionMismatch(String)
    /// `U(k, k)` is exactly zero after partial pivoting: the matrix is singular (k is 0-based).
    case singular(pivot: Int)
    /// A LAPACK routine reported an illegal argument (should not happen; kept for diagnosis).
    case lapack(routine: String, info: Int)
    /// The matrix holds NaN or infinite values.
    case notFinite(String)
    /// The size exceeds what LAPACK's 32-bit integers can address.
    case tooLarge(Int)

    public var description: String {
        switch self {
        case .dimensionMismatch(let s): "dimension mismatch: \(s)"
        case .singular(let k): "the matrix is singular: pivot \(k + 1) of its LU factorisation is exactly zero"
        case .lapack(let r, let info): "\(r) failed with info = \(info)"
        case .notFinite(let s): "non-finite values: \(s)"
        case .tooLarge(let n): "matrix of size \(n) is too large for 32-bit LAPACK indices"
        }
    }
}

/// The LU factorisation `P M = L U` of a square matrix (LAPACK `dgetrf`, partial pivoting),
/// computed once and reused for every solve.
///
/// For the Leontief model `M = I − A`: `solve(B)` gives `(I − A)⁻¹ B = L B` (e.g. `x = L y`, or
/// columns of the Leontief inverse with `B = [e_j]`), and `solve(B, transposed: true)` gives
/// `(I − A)⁻ᵀ B = Lᵀ B` (rows of L, multipliers `S L` as `(Lᵀ Sᵀ)ᵀ`). The explicit inverse is
/// formed only by ``inverse()``.
public struct LUFactorization: Sendable {
    /// The order of the matrix.
    public let n: Int
    /// `L` (unit lower, below the diagonal) and `U` (upper) packed column-major, as `dgetrf` leaves them.
    let factors: [Double]
    /// 1-based row interchanges from `dgetrf`.
    let pivots: [Int32]

    /// Factorises a square matrix (`dgetrf`).
    public init(_ m: DenseMatrix) throws {
        guard m.rows == m.columns else {
            throw LinearAlgebraError.dimensionMismatch("LU needs a square matrix, got \(m.rows)×\(m.columns)")
        }
        guard m.isFinite else { throw LinearAlgebraError.notFinite("the matrix to factorise") }
        try self.init(factorizing: m.values, n: m.rows)
    }

    /// Factorises an n × n column-major matrix handed over by value (no defensive copy; the
    /// caller has checked that the values are finite).
    init(factorizing values: consuming [Double], n: Int) throws {
        precondition(values.count == n * n, "LUFactorization: \(values.count) values for n = \(n)")
        guard n < Int(Int32.max) / max(1, n) else { throw LinearAlgebraError.tooLarge(n) }
        self.n = n
        var a = values
        var ipiv = [Int32](repeating: 0, count: n)
        if n > 0 {
            BLASThreads.prepare(order: n)
            let info = LAPACKE_dgetrf(LAPACK_COL_MAJOR, Int32(n), Int32(n), &a, Int32(n), &ipiv)
            if info > 0 { throw LinearAlgebraError.singular(pivot: Int(info) - 1) }
            if info < 0 { throw LinearAlgebraError.lapack(routine: "dgetrf", info: Int(info)) }
        }
        factors = a
        pivots = ipiv
    }

    /// Factors read back from a cache (``IOTableCache``), as `dgetrf` left them.
    init(factors: [Double], pivots: [Int32], n: Int) {
        precondition(factors.count == n * n && pivots.count == n, "LUFactorization: factors do not fit n = \(n)")
        self.n = n
        self.factors = factors
        self.pivots = pivots
    }

    /// Solves `M X = B` (or `Mᵀ X = B` when `transposed`) for all columns of B at once (`dgetrs`).
    public func solve(_ b: DenseMatrix, transposed: Bool = false) throws -> DenseMatrix {
        guard b.rows == n else {
            throw LinearAlgebraError.dimensionMismatch("right-hand side has \(b.rows) rows, the system has \(n)")
        }
        var x = b
        guard n > 0, b.columns > 0 else { return x }
        BLASThreads.prepare(order: n)
        let info = LAPACKE_dgetrs(LAPACK_COL_MAJOR, CChar(UInt8(ascii: transposed ? "T" : "N")), Int32(n), Int32(b.columns),
                                  factors, Int32(n), pivots, &x.values, Int32(n))
        if info != 0 { throw LinearAlgebraError.lapack(routine: "dgetrs", info: Int(info)) }
        return x
    }

    /// Solves `M x = b` for one vector.
    public func solve(_ b: [Double], transposed: Bool = false) throws -> [Double] {
        try solve(DenseMatrix(column: b), transposed: transposed).values
    }

    /// The explicit inverse `M⁻¹` (`dgetri`). Forms n² numbers: only when the user asks for it.
    public func inverse() throws -> DenseMatrix {
        var a = factors
        if n > 0 {
            BLASThreads.prepare(order: n)
            let info = LAPACKE_dgetri(LAPACK_COL_MAJOR, Int32(n), &a, Int32(n), pivots)
            if info > 0 { throw LinearAlgebraError.singular(pivot: Int(info) - 1) }
            if info < 0 { throw LinearAlgebraError.lapack(routine: "dgetri", info: Int(info)) }
        }
        return DenseMatrix(rows: n, columns: n, columnMajor: a)!
    }

    /// An estimate of the reciprocal condition number of M in the 1-norm (`dgecon`); `norm1`
    /// is `‖M‖₁` of the matrix that was factorised. Near 0: ill-conditioned.
    public func reciprocalCondition(norm1: Double) throws -> Double {
        guard n > 0 else { return 1 }
        var rcond = 0.0
        let info = LAPACKE_dgecon(LAPACK_COL_MAJOR, CChar(UInt8(ascii: "1")), Int32(n), factors, Int32(n), norm1, &rcond)
        if info != 0 { throw LinearAlgebraError.lapack(routine: "dgecon", info: Int(info)) }
        return rcond
    }
}
