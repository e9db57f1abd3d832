import DecoupleCore

/// Region sums of a Leontief model's matrices, the same for every importer. With `S` the
/// region-aggregation matrix (R × n; `s_ri = 1` when node i belongs to region r):
///
/// - `SL = S L` (R × n): one transposed solve `(I − A)ᵀ X = Sᵀ` with R right-hand sides,
/// - `SvL = S v̂ L`: the same with `v̂ Sᵀ`,
/// - `SA[k−1] = S A^k` for k = 1 … K: `S A` summed from Z, then `S A^{k+1} = ((S A^k) Z) x̂⁻¹`.
///
/// Every importer's exposure (``ImporterExposure``) is then a selection of columns of these
/// matrices — no solve and no n × n product per query. Building them costs about twice the
/// direct computation for one importer; they pay off from the second query (a server, the
/// report's pairs) and are kept with the factors in ``IOTableCache``.
public struct RegionMultipliers: Sendable {
    /// The regions, the rows of every matrix (the system's order).
    public let regions: [String]
    /// `S L` (R × n).
    public let SL: DenseMatrix
    /// `S v̂ L` (R × n).
    public let SvL: DenseMatrix
    /// `S A^k` for k = 1 … ``tiers`` (R × n each).
    public let SA: [DenseMatrix]

    /// The powers of A held: exposures with up to `tiers + 1` tiers need no further product.
    public var tiers: Int { SA.count }

    /// Builds the matrices of `model` with the powers `S A^k` for k = 1 … `tiers` (≥ 1).
    public init(model: LeontiefModel, tiers: Int) throws {
        let system = model.system
        let n = system.n
        let regions = system.regions
        var index: [String: Int] = [:]
        for (k, r) in regions.enumerated() { index[r] = k }
        let rowRegion = system.nodes.map { index[$0.region]! }
        // Sᵀ (n × R) and v̂ Sᵀ.
        var St = DenseMatrix(rows: n, columns: regions.count)
        for i in 0..<n { St[i, rowRegion[i]] = 1 }
        let v = system.v
        var vSt = St
        for i in 0..<n { vSt[i, rowRegion[i]] = v[i] }
        SL = try model.factorization.solve(St, transposed: true).transposed
        SvL = try model.factorization.solve(vSt, transposed: true).transposed
        // S A from Z: (S Z) x̂⁻¹.
        let rx = system.reciprocalOutput
        var SZ = DenseMatrix(rows: regions.count, columns: n)
        let R = regions.count
        system.Z.values.withUnsafeBufferPointer { z in
            SZ.values.withUnsafeMutableBufferPointer { o in
                for j in 0..<n { for i in 0..<n { o[j * R + rowRegion[i]] += z[j * n + i] } }
            }
        }
        var powers = [SZ.scalingColumns(by: rx)]
        while powers.count < max(1, tiers) {
            powers.append(powers.last!.multiplied(by: system.Z).scalingColumns(by: rx))
        }
        SA = powers
        self.regions = regions
    }

    /// Matrices read back from a cache.
    init(regions: [String], SL: DenseMatrix, SvL: DenseMatrix, SA: [DenseMatrix]) {
        self.regions = regions
        self.SL = SL
        self.SvL = SvL
        self.SA = SA
    }

    /// These multipliers with the powers of A up to `tiers` (more products when needed).
    public func extended(to tiers: Int, system: InputOutputSystem) -> RegionMultipliers {
        guard tiers > SA.count else { return self }
        let rx = system.reciprocalOutput
        var powers = SA
        while powers.count < tiers { powers.append(powers.last!.multiplied(by: system.Z).scalingColumns(by: rx)) }
        return RegionMultipliers(regions: regions, SL: SL, SvL: SvL, SA: powers)
    }
}
