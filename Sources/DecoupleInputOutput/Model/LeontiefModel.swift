import DecoupleCore

/// The demand-driven Leontief model of an ``InputOutputSystem``: `x = A x + y`, so
/// `x = (I − A)⁻¹ y = L y`, with the Leontief inverse `L = (I − A)⁻¹ = I + A + A² + A³ + …`.
///
/// `I − A` is factorised once (LAPACK `dgetrf`); everything else is a triangular solve with
/// that factorisation (`dgetrs`), for exactly what is asked:
/// - `x = L y` — ``output(for:)``; one solve per demand vector (all at once for a matrix `Y`),
/// - selected columns `L[:, J] = (I − A)⁻¹ E_J` — ``leontiefColumns(_:)``,
/// - selected rows `L[I, :] = ((I − A)⁻ᵀ E_I)ᵀ` — ``leontiefRows(_:)``,
/// - multipliers `M = S L` as `Mᵀ = (I − A)⁻ᵀ Sᵀ` — ``multipliers(_:)``.
/// The explicit inverse (n² numbers) is formed only by ``leontiefInverse()``, on request.
public struct LeontiefModel: Sendable {
    public let system: InputOutputSystem
    /// `A = Z x̂⁻¹`, formed on each access (n² numbers; the model keeps only Z and the factors).
    public var A: DenseMatrix { system.A }
    /// LU factors of `I − A`.
    public let factorization: LUFactorization

    /// Builds A and factorises `I − A`. Throws ``LinearAlgebraError/singular(pivot:)`` when
    /// `I − A` is singular (a closed economy without primary inputs).
    public init(_ system: InputOutputSystem) throws {
        self.system = system
        let a = system.A
        // I − A in one pass into a fresh buffer, handed to dgetrf without a further copy
        // (Z and x are checked finite by InputOutputSystem, so A is).
        let n = system.n
        let m = [Double](unsafeUninitializedCapacity: n * n) { out, count in
            a.values.withUnsafeBufferPointer { p in
                for k in 0..<(n * n) { out[k] = -p[k] }
            }
            for i in 0..<n { out[i * n + i] += 1 }
            count = n * n
        }
        factorization = try LUFactorization(factorizing: m, n: n)
    }

    /// A model whose `I − A` was factorised before (read back from ``IOTableCache``).
    init(system: InputOutputSystem, factorization: LUFactorization) throws {
        guard factorization.n == system.n else {
            throw LinearAlgebraError.dimensionMismatch("factors of order \(factorization.n) for a system of \(system.n) nodes")
        }
        self.system = system
        self.factorization = factorization
    }

    public var n: Int { system.n }

    /// `x = L y`: the gross output that final demand `y` requires.
    public func output(for y: [Double]) throws -> [Double] {
        guard y.count == n else { throw LinearAlgebraError.dimensionMismatch("y has \(y.count) values, the system has \(n) nodes") }
        return try factorization.solve(y)
    }

    /// `X = L Y` for several demand vectors at once (one column each).
    public func outputs(for Y: DenseMatrix) throws -> DenseMatrix { try factorization.solve(Y) }

    /// Columns `J` of the Leontief inverse: `L[:, J]` (n × |J|), by solving `(I − A) X = E_J`.
    public func leontiefColumns(_ columns: [Int]) throws -> DenseMatrix {
        try checkIndices(columns)
        return try factorization.solve(DenseMatrix.unitColumns(columns, size: n))
    }

    /// Rows `I` of the Leontief inverse: `L[I, :]` (|I| × n), by solving `(I − A)ᵀ X = E_I`.
    public func leontiefRows(_ rows: [Int]) throws -> DenseMatrix {
        try checkIndices(rows)
        return try factorization.solve(DenseMatrix.unitColumns(rows, size: n), transposed: true).transposed
    }

    /// Multipliers `M = S L` (k × n) for a stressor/factor matrix `S` (k × n, e.g. `vᵀ` or
    /// `F x̂⁻¹`), without forming L: `Mᵀ = (I − A)⁻ᵀ Sᵀ`.
    public func multipliers(_ S: DenseMatrix) throws -> DenseMatrix {
        guard S.columns == n else {
            throw LinearAlgebraError.dimensionMismatch("S has \(S.columns) columns, the system has \(n) nodes")
        }
        return try factorization.solve(S.transposed, transposed: true).transposed
    }

    /// The explicit Leontief inverse `L = (I − A)⁻¹` (`dgetri`). n² numbers: use the solves
    /// above unless the whole matrix is wanted.
    public func leontiefInverse() throws -> DenseMatrix { try factorization.inverse() }

    /// The Ghosh inverse `G = (I − B)⁻¹ = x̂⁻¹ L x̂` (`g_ij = l_ij x_j / x_i`; rows with
    /// `x_i = 0` are 0, as in pymrio's `calc_G` from L). Pass L when it is already formed.
    public func ghoshInverse(leontief L: DenseMatrix? = nil) throws -> DenseMatrix {
        let l = try L ?? leontiefInverse()
        return l.scalingRows(by: system.reciprocalOutput).scalingColumns(by: system.x)
    }

    /// `max |L (I − A) − I|` for a given L (an identity check of the inverse).
    public func identityResidual(leontief L: DenseMatrix) -> Double {
        var r = L.multiplied(by: A)            // L A
        let n = self.n
        var worst = 0.0
        L.values.withUnsafeBufferPointer { l in
            r.values.withUnsafeMutableBufferPointer { p in
                for j in 0..<n {
                    for i in 0..<n {
                        let e = l[j * n + i] - p[j * n + i] - (i == j ? 1 : 0)   // (L − L A − I)_ij
                        worst = max(worst, abs(e))
                    }
                }
            }
        }
        return worst
    }

    /// `max |(I − A) L[:, J] − E_J|` for columns `J` of L (from ``leontiefColumns(_:)``).
    public func residual(leontiefColumns LJ: DenseMatrix, indices J: [Int]) -> Double {
        precondition(LJ.rows == n && LJ.columns == J.count, "residual: L[:, J] must be n × |J|")
        let ALJ = A.multiplied(by: LJ)
        var worst = 0.0
        for (k, j) in J.enumerated() {
            for i in 0..<n { worst = max(worst, abs(LJ[i, k] - ALJ[i, k] - (i == j ? 1 : 0))) }
        }
        return worst
    }

    /// `max |L[I, :] (I − A) − E_Iᵀ|` for rows `I` of L (from ``leontiefRows(_:)``): the
    /// identity `L (I − A) = I` restricted to those rows.
    public func residual(leontiefRows LI: DenseMatrix, indices I: [Int]) -> Double {
        precondition(LI.columns == n && LI.rows == I.count, "residual: L[I, :] must be |I| × n")
        let LIA = LI.multiplied(by: A)
        var worst = 0.0
        for (k, i) in I.enumerated() {
            for j in 0..<n { worst = max(worst, abs(LI[k, j] - LIA[k, j] - (i == j ? 1 : 0))) }
        }
        return worst
    }

    private func checkIndices(_ indices: [Int]) throws {
        if let bad = indices.first(where: { !(0..<n).contains($0) }) {
            throw LinearAlgebraError.dimensionMismatch("node index \(bad) is outside 0..<\(n)")
        }
    }
}
