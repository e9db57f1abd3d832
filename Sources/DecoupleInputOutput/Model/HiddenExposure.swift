import DecoupleCore

/// Supply-chain exposure of one importing country's sectors to every source region, direct and
/// through the whole input–output network — the measures of Baldwin, Freeman &
/// Theodorakopoulos (2023, "Hidden exposure: measuring US supply chain reliance", NBER w31820).
///
/// Notation: importer r, source region s, a sector (node) j of r, nodes i of s (`i ∈ s`);
/// `A = Z x̂⁻¹`, `L = (I − A)⁻¹ = I + A + A² + …`, `v` value-added coefficients, `x` gross output.
///
/// - **Face value** (direct purchases, from A): `FV_sj = Σ_{i∈s} a_ij` — inputs bought directly
///   from s per unit of j's output. As a share of j's direct inputs:
///   `FV_sj / Σ_i a_ij`; as a share of j's imported inputs: `FV_sj / Σ_{i∉r} a_ij`;
///   as value: `FV_sj · x_j = Σ_{i∈s} z_ij`.
/// - **Look-through** (from L): `LT_sj = Σ_{i∈s} (L − I)_ij = Σ_{k≥1} Σ_{i∈s} (A^k)_ij` — s's
///   output needed, directly and at every upstream tier, per unit of j's output (for s ≠ r
///   this equals `Σ_{i∈s} l_ij`; the identity only removes j's own unit of output). As a share
///   of j's total input requirements: `LT_sj / Σ_i (L − I)_ij`; of its foreign requirements:
///   `LT_sj / Σ_{i∉r} (L − I)_ij`; as value: `LT_sj · x_j`.
/// - **Hidden** exposure: look-through minus face value, exactly what arrives through tiers 2
///   and above, `Σ_{k≥2} Σ_{i∈s} (A^k)_ij`. Its share uses the look-through share's
///   denominator, total requirements: `(LT_sj − FV_sj) / Σ_i (L − I)_ij` — never negative, and
///   `LT share = tier-1 share + hidden share`. (Subtracting a face-value share of *direct* inputs
///   from a look-through share of *total requirements* mixes two denominators and can go negative:
///   Mexico's C26 read −0.7 pp before #16.)
/// - **Tiers**: tier k is `Σ_{i∈s} (A^k)_ij` for `k = 1 … K−1` (tier 1 = face value), and the
///   last tier is the remainder `LT_sj − Σ_{k<K} tier_k` (tiers K and above). Tier shares
///   divide by `Σ_i (L − I)_ij`, so they add up to the look-through share.
/// - **Value-added** exposure (from `v̂ L`): `VA_sj = Σ_{i∈s} v_i l_ij` — the part of the value
///   of j's output that is value added in s (`Σ_i v_i l_ij = 1` when v covers all primary inputs).
///
/// Computed from `L[:, J]` for the importer's columns J only: one LU of `I − A` and one solve
/// with |J| right-hand sides, plus `A · A^{k−1}[:, J]` products for the tiers; L is never formed.
public struct ImporterExposure: Sendable {
    public let importer: String
    /// Source regions (all regions of the table, the importer included), the rows of the matrices.
    public let regions: [String]
    /// The importer's sectors, the columns of the matrices.
    public let sectors: [String]
    /// Node indices of the importer's sectors in the system.
    public let nodes: [Int]
    /// Gross output `x_j` of the importer's sectors.
    public let grossOutput: [Double]
    /// Face value `Σ_{i∈s} a_ij` (regions × sectors).
    public let faceValue: DenseMatrix
    /// Look-through `Σ_{i∈s} (L − I)_ij` (regions × sectors).
    public let lookThrough: DenseMatrix
    /// `tiers[k−1]` = `Σ_{i∈s} (A^k)_ij` for `k < tierCount`; the last one is tiers `tierCount`
    /// and above (regions × sectors each).
    public let tiers: [DenseMatrix]
    /// Value-added exposure `Σ_{i∈s} v_i l_ij` (regions × sectors).
    public let valueAdded: DenseMatrix
    /// `Σ_i a_ij`.
    public let totalInputs: [Double]
    /// `Σ_i (L − I)_ij`.
    public let totalRequirements: [Double]
    private let regionIndex: [String: Int]
    private let importerRow: Int

    /// The number of tiers shown (the last one collects that tier and all above it).
    public var tierCount: Int { tiers.count }

    /// Exposure of `importer`'s sectors to every region, with `tiers` tiers (≥ 2: tier 1 = face
    /// value, …, tier `tiers` and above).
    public init(model: LeontiefModel, importer: String, tiers tierCount: Int = 4) throws {
        let system = model.system
        let J = try Self.columns(of: importer, in: system, tiers: tierCount)
        let n = system.n, m = J.count
        let regions = system.regions
        var regionIndex: [String: Int] = [:]
        for (k, r) in regions.enumerated() { regionIndex[r] = k }
        let rowRegion = system.nodes.map { regionIndex[$0.region]! }

        /// Sums the rows of an n × m matrix by region: R × m.
        func byRegion(_ M: DenseMatrix) -> DenseMatrix {
            var out = DenseMatrix(rows: regions.count, columns: m)
            let R = regions.count
            M.values.withUnsafeBufferPointer { p in
                out.values.withUnsafeMutableBufferPointer { o in
                    for c in 0..<m {
                        for i in 0..<n { o[c * R + rowRegion[i]] += p[c * n + i] }
                    }
                }
            }
            return out
        }

        // L[:, J] by one solve; (L − I)[:, J] by removing the unit of own output.
        var T = try model.leontiefColumns(J)
        let LJ = T
        for (c, j) in J.enumerated() { T[j, c] -= 1 }
        // Tiers: A^1[:, J] = A[:, J], A^k[:, J] = A · A^{k−1}[:, J] = Z (x̂⁻¹ A^{k−1}[:, J]): A
        // itself (n² numbers) is never formed.
        let rx = system.reciprocalOutput
        var power = system.Z.selectingColumns(J).scalingColumns(by: J.map { rx[$0] })
        var tierMatrices: [DenseMatrix] = []
        var explained = DenseMatrix(rows: regions.count, columns: m)
        for k in 1..<tierCount {
            if k > 1 { power = system.Z.multiplied(by: power.scalingRows(by: rx)) }
            let t = byRegion(power)
            tierMatrices.append(t)
            for e in explained.values.indices { explained.values[e] += t.values[e] }
        }
        let lt = byRegion(T)
        tierMatrices.append(lt - explained)
        self.init(importer: importer, system: system, columns: J, regionIndex: regionIndex, lookThrough: lt, tiers: tierMatrices,
                  valueAdded: byRegion(LJ.scalingRows(by: system.v)))
    }

    /// The same exposure from a model's ``RegionMultipliers`` (built once for every importer):
    /// columns J of `S L`, `S v̂ L` and `S A^k`, with the importer's own unit of output removed
    /// from `S L` (`S (L − I)[:, J] = S L[:, J] − S E_J`). Equal to ``init(model:importer:tiers:)``
    /// up to rounding; `multipliers` must hold at least `tiers − 1` powers of A.
    public init(multipliers M: RegionMultipliers, system: InputOutputSystem, importer: String, tiers tierCount: Int) throws {
        let J = try Self.columns(of: importer, in: system, tiers: tierCount)
        precondition(M.tiers >= tierCount - 1 && M.regions == system.regions, "ImporterExposure: multipliers do not fit")
        var regionIndex: [String: Int] = [:]
        for (k, r) in M.regions.enumerated() { regionIndex[r] = k }
        let own = regionIndex[importer]!
        var lt = M.SL.selectingColumns(J)
        for c in J.indices { lt[own, c] -= 1 }
        var tierMatrices = (1..<tierCount).map { M.SA[$0 - 1].selectingColumns(J) }
        var rest = lt
        for t in tierMatrices { for e in rest.values.indices { rest.values[e] -= t.values[e] } }
        tierMatrices.append(rest)
        self.init(importer: importer, system: system, columns: J, regionIndex: regionIndex, lookThrough: lt, tiers: tierMatrices,
                  valueAdded: M.SvL.selectingColumns(J))
    }

    /// The importer's node columns, checked (a region of the table; at least two tiers).
    private static func columns(of importer: String, in system: InputOutputSystem, tiers tierCount: Int) throws -> [Int] {
        let J = system.indices(ofRegion: importer)
        guard !J.isEmpty else {
            throw InputOutputError("no region '\(importer)' in the table; its regions are \(system.regions.joined(separator: ", "))")
        }
        guard tierCount >= 2 else { throw InputOutputError("--tiers must be at least 2 (tier 1 is the face value), got \(tierCount)") }
        return J
    }

    /// The stored measures from the region sums of either computation.
    private init(importer: String, system: InputOutputSystem, columns J: [Int], regionIndex: [String: Int],
                 lookThrough lt: DenseMatrix, tiers tierMatrices: [DenseMatrix], valueAdded: DenseMatrix) {
        self.importer = importer
        regions = system.regions
        sectors = J.map { system.nodes[$0].sector }
        nodes = J
        grossOutput = J.map { system.x[$0] }
        faceValue = tierMatrices[0]
        lookThrough = lt
        tiers = tierMatrices
        self.valueAdded = valueAdded
        totalInputs = faceValue.columnSums
        totalRequirements = lt.columnSums
        self.regionIndex = regionIndex
        importerRow = regionIndex[importer]!
    }

    /// The row of a source region, if the table has it.
    public func row(of region: String) -> Int? { regionIndex[region] }

    /// The column of one of the importer's sectors, if it has it.
    /// The column of a sector code, compared without regard to case (`c26` is C26; WIOD's `C14` is c14).
    public func column(ofSector sector: String) -> Int? {
        sectors.firstIndex(of: sector) ?? sectors.firstIndex { $0.caseInsensitiveCompare(sector) == .orderedSame }
    }

    /// The foreign region with the largest look-through exposure of sector column `c`, and that
    /// exposure (`LT_sj`); nil when the sector has no foreign input requirements.
    public func topForeignSupplier(_ c: Int) -> (region: String, lookThrough: Double)? {
        var best: (String, Double)? = nil
        for (k, r) in regions.enumerated() where k != importerRow {
            let v = lookThrough[k, c]
            if v > 0, v > (best?.1 ?? 0) { best = (r, v) }
        }
        return best
    }

    /// The exposure of sector column `c` to `source`.
    public func sector(_ c: Int, source: String) -> SectorExposure? {
        aggregate([c], source: source, label: sectors[c])
    }

    /// The output-weighted exposure of several sector columns to `source`: every coefficient
    /// is `Σ_j c_j x_j / Σ_j x_j`, so value shares are those of the summed values (e.g. the
    /// face-value share is `Σ_j Σ_{i∈s} z_ij / Σ_j Σ_i z_ij`). Nil when `source` is not a
    /// region of the table or `columns` is empty.
    public func aggregate(_ columns: [Int], source: String, label: String) -> SectorExposure? {
        guard let s = regionIndex[source], !columns.isEmpty else { return nil }
        let xs = columns.map { grossOutput[$0] }
        let total = xs.reduce(0, +)
        func weighted(_ f: (Int) -> Double) -> Double {
            guard total > 0 else { return 0 }
            return zip(columns, xs).reduce(0) { $0 + f($1.0) * $1.1 } / total
        }
        func foreign(_ M: DenseMatrix, _ c: Int) -> Double {
            var t = 0.0
            for k in regions.indices where k != importerRow { t += M[k, c] }
            return t
        }
        var top: (region: String, lookThrough: Double)? = nil
        if columns.count == 1 {
            top = topForeignSupplier(columns[0])
        } else {
            for (k, r) in regions.enumerated() where k != importerRow {
                let v = weighted { lookThrough[k, $0] }
                if v > 0, v > (top?.lookThrough ?? 0) { top = (r, v) }
            }
        }
        return SectorExposure(
            importer: importer, sector: label, source: source, grossOutput: total,
            faceValue: weighted { faceValue[s, $0] }, lookThrough: weighted { lookThrough[s, $0] },
            tiers: tiers.map { t in weighted { t[s, $0] } }, valueAdded: weighted { valueAdded[s, $0] },
            totalInputs: weighted { totalInputs[$0] }, totalRequirements: weighted { totalRequirements[$0] },
            foreignInputs: weighted { foreign(faceValue, $0) }, foreignRequirements: weighted { foreign(lookThrough, $0) },
            topForeignSupplier: top?.region, topForeignSupplierLookThrough: top?.lookThrough ?? 0)
    }
}

/// Exposure of one sector (or an output-weighted group of sectors) of an importer to one
/// source region. Coefficients are per unit of the sector's gross output; see
/// ``ImporterExposure`` for the formulas.
public struct SectorExposure: Sendable, Codable, Hashable {
    public let importer: String
    public let sector: String
    public let source: String
    /// `x_j` (the sum over the group).
    public let grossOutput: Double
    /// `FV_sj = Σ_{i∈s} a_ij`.
    public let faceValue: Double
    /// `LT_sj = Σ_{i∈s} (L − I)_ij`.
    public let lookThrough: Double
    /// Tier coefficients `Σ_{i∈s} (A^k)_ij`, the last one the remainder (they add up to `lookThrough`).
    public let tiers: [Double]
    /// `VA_sj = Σ_{i∈s} v_i l_ij`: share of the output's value that is value added in s.
    public let valueAdded: Double
    /// `Σ_i a_ij`: all direct input purchases per unit of output.
    public let totalInputs: Double
    /// `Σ_i (L − I)_ij`: total (direct and indirect) input requirements per unit of output.
    public let totalRequirements: Double
    /// `Σ_{i∉r} a_ij`: direct imported inputs.
    public let foreignInputs: Double
    /// `Σ_{i∉r} (L − I)_ij`: foreign input requirements.
    public let foreignRequirements: Double
    /// The foreign region with the largest look-through exposure, and that exposure.
    public let topForeignSupplier: String?
    public let topForeignSupplierLookThrough: Double

    /// `FV_sj / Σ_i a_ij`: the source's share of the sector's direct inputs.
    public var faceValueShare: Double { ratio(faceValue, totalInputs) }
    /// `LT_sj / Σ_i (L − I)_ij`: the source's share of total input requirements.
    public var lookThroughShare: Double { ratio(lookThrough, totalRequirements) }
    /// `FV_sj / Σ_i (L − I)_ij`: face value as a share of total requirements (tier 1's share).
    public var faceValueShareOfRequirements: Double { ratio(faceValue, totalRequirements) }
    /// `(LT_sj − FV_sj) / Σ_i (L − I)_ij`: what arrives through tiers 2 and above, as a share of
    /// total requirements (the look-through share's denominator), so
    /// `lookThroughShare = faceValueShareOfRequirements + hiddenShare` and it is never negative.
    public var hiddenShare: Double { ratio(lookThrough - faceValue, totalRequirements) }
    /// `FV_sj / Σ_{i∉r} a_ij`: the source's share of imported direct inputs.
    public var faceValueShareOfImported: Double { ratio(faceValue, foreignInputs) }
    /// `LT_sj / Σ_{i∉r} (L − I)_ij`: the source's share of foreign input requirements.
    public var lookThroughShareOfForeign: Double { ratio(lookThrough, foreignRequirements) }
    /// Tier coefficients divided by total requirements (they add up to ``lookThroughShare``).
    public var tierShares: [Double] { tiers.map { ratio($0, totalRequirements) } }
    /// `Σ_{i∈s} z_ij`: direct purchases from the source, in money.
    public var faceValueAmount: Double { faceValue * grossOutput }
    /// `LT_sj · x_j`: the source's output required through the whole chain, in money.
    public var lookThroughAmount: Double { lookThrough * grossOutput }
    /// `(LT_sj − FV_sj) · x_j`: what arrives through tiers 2 and above, in money.
    public var hiddenAmount: Double { (lookThrough - faceValue) * grossOutput }
    /// `VA_sj · x_j`: the source's value added embodied in the output, in money.
    public var valueAddedAmount: Double { valueAdded * grossOutput }
    /// `LT_sj / FV_sj`: how many times the face value the look-through exposure is (nil without face value).
    public var lookThroughMultiple: Double? { faceValue > 0 ? lookThrough / faceValue : nil }

    private func ratio(_ a: Double, _ b: Double) -> Double { b > 0 ? a / b : 0 }
}
