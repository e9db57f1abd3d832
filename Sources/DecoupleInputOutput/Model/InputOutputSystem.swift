import DecoupleCore

/// One node of a multi-regional input–output table: a sector in a region ("USA", "C26").
public struct IONode: Sendable, Hashable, Codable, CustomStringConvertible {
    public let region: String
    public let sector: String

    public init(region: String, sector: String) {
        self.region = region
        self.sector = sector
    }

    public var description: String { region + "_" + sector }
}

/// Why an input–output system cannot be built from the numbers given.
public struct InputOutputError: Error, Sendable, Equatable, CustomStringConvertible {
    public let message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}

/// A multi-regional input–output (MRIO) system in the textbook notation (Miller & Blair 2009;
/// pymrio's names), industry-by-industry, n = regions × sectors nodes:
///
/// - `Z` (n × n): intermediate flows; `Z[i, j]` is what node j buys from node i (seller = row,
///   buyer = column), in money.
/// - `x` (n): gross output. Given by the table (the OECD `OUT` row) or, as pymrio's `calc_x`
///   does, `x = Z 1 + Y 1`.
/// - `Y` (n × k, optional): final demand by category and region.
/// - `valueAdded` (n, optional): the value-added row `w` (money), pymrio's `factor_inputs.F`.
///
/// Derived (computed on demand, never stored twice):
/// - `A = Z x̂⁻¹` (technical coefficients; `a_ij = z_ij / x_j`, 0 where `x_j = 0` as in pymrio),
/// - `B = x̂⁻¹ Z` (allocation coefficients, the Ghosh model's counterpart of A),
/// - `v` (value-added coefficients `v_j = w_j / x_j`; when the table has no value-added row,
///   `v_j = 1 − Σ_i a_ij`, i.e. every primary input: value added, net taxes and intermediate
///   imports from outside the table).
/// The Leontief inverse `L = (I − A)⁻¹` and the Ghosh inverse `G = (I − B)⁻¹ = x̂⁻¹ L x̂`
/// live in ``LeontiefModel``, which factorises `I − A` once.
public struct InputOutputSystem: Sendable {
    /// The nodes in matrix order.
    public let nodes: [IONode]
    /// Distinct regions in order of first appearance.
    public let regions: [String]
    /// Distinct sectors in order of first appearance.
    public let sectors: [String]
    /// Intermediate flows, seller = row, buyer = column.
    public let Z: DenseMatrix
    /// Gross output.
    public let x: [Double]
    /// Final demand (n × k), when the table has it.
    public let Y: DenseMatrix?
    /// Labels of the columns of `Y` ("USA_HFCE").
    public let finalDemandLabels: [String]
    /// The value-added row (money), when the table has it.
    public let valueAdded: [Double]?
    private let nodeIndex: [IONode: Int]

    /// Builds and checks a system. `Z` is n × n column-major; `Y`, when given, n × k column-major.
    /// `x` nil means `x = Z 1 + Y 1` (pymrio's `calc_x`).
    public init(nodes: [IONode], Z: DenseMatrix, x: [Double]? = nil, Y: DenseMatrix? = nil,
                finalDemandLabels: [String] = [], valueAdded: [Double]? = nil) throws {
        let n = nodes.count
        guard Z.rows == n, Z.columns == n else {
            throw InputOutputError("Z is \(Z.rows)×\(Z.columns) but there are \(n) nodes: expected \(n)×\(n)")
        }
        var index: [IONode: Int] = [:]
        index.reserveCapacity(n)
        for (i, node) in nodes.enumerated() {
            if let first = index[node] { throw InputOutputError("node \(node) appears twice (positions \(first + 1) and \(i + 1))") }
            index[node] = i
        }
        if let bad = Z.values.firstIndex(where: { !$0.isFinite }) {
            throw InputOutputError("Z[\(nodes[bad % n]), \(nodes[bad / n])] is not a finite number")
        }
        if let Y {
            guard Y.rows == n else { throw InputOutputError("Y has \(Y.rows) rows, expected \(n) (one per node)") }
            guard finalDemandLabels.isEmpty || finalDemandLabels.count == Y.columns else {
                throw InputOutputError("Y has \(Y.columns) columns but \(finalDemandLabels.count) labels")
            }
            if let bad = Y.values.firstIndex(where: { !$0.isFinite }) {
                throw InputOutputError("Y[\(nodes[bad % n]), column \(bad / n + 1)] is not a finite number")
            }
        }
        let output: [Double]
        if let x {
            guard x.count == n else { throw InputOutputError("x has \(x.count) values, expected \(n) (one per node)") }
            output = x
        } else {
            var s = Z.rowSums
            if let Y { for (i, f) in Y.rowSums.enumerated() { s[i] += f } }
            output = s
        }
        for (i, v) in output.enumerated() where !v.isFinite || v < 0 {
            throw InputOutputError("gross output of \(nodes[i]) is \(v): expected a finite number ≥ 0")
        }
        if let valueAdded {
            guard valueAdded.count == n else {
                throw InputOutputError("the value-added row has \(valueAdded.count) values, expected \(n)")
            }
            if let bad = valueAdded.firstIndex(where: { !$0.isFinite }) {
                throw InputOutputError("value added of \(nodes[bad]) is not a finite number")
            }
        }
        self.nodes = nodes
        self.Z = Z
        self.x = output
        self.Y = Y
        self.finalDemandLabels = finalDemandLabels.isEmpty && Y != nil ? (0..<Y!.columns).map { "Y\($0 + 1)" } : finalDemandLabels
        self.valueAdded = valueAdded
        nodeIndex = index
        var seenR = Set<String>(), seenS = Set<String>()
        regions = nodes.map(\.region).filter { seenR.insert($0).inserted }
        sectors = nodes.map(\.sector).filter { seenS.insert($0).inserted }
    }

    /// The number of nodes.
    public var n: Int { nodes.count }

    /// The matrix index of a node, if the table has it.
    public func index(of node: IONode) -> Int? { nodeIndex[node] }

    /// The indices of a region's nodes, in matrix order.
    public func indices(ofRegion region: String) -> [Int] { nodes.indices.filter { nodes[$0].region == region } }

    /// `1 / x_j`, with 0 where `x_j = 0` (pymrio's convention for inactive nodes).
    public var reciprocalOutput: [Double] { x.map { $0 == 0 ? 0 : 1 / $0 } }

    /// Technical coefficients `A = Z x̂⁻¹`: `a_ij = z_ij / x_j` (0 where `x_j = 0`).
    public var A: DenseMatrix { Z.scalingColumns(by: reciprocalOutput) }

    /// Allocation (output) coefficients `B = x̂⁻¹ Z`: `b_ij = z_ij / x_i` (0 where `x_i = 0`).
    public var B: DenseMatrix { Z.scalingRows(by: reciprocalOutput) }

    /// Value-added coefficients `v_j = w_j / x_j` from the value-added row, or, without one,
    /// `v_j = 1 − Σ_i a_ij` (all primary inputs); 0 where `x_j = 0`.
    public var v: [Double] {
        let r = reciprocalOutput
        if let w = valueAdded { return zip(w, r).map { $0 * $1 } }
        let colSums = Z.columnSums
        return (0..<n).map { x[$0] == 0 ? 0 : 1 - colSums[$0] * r[$0] }
    }
}
