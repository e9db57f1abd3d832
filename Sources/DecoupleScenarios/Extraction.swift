import DecoupleCore
import DecoupleInputOutput
import Foundation

/// Hypothetical extraction of a source's sales to an importer, and its supply-driven (Ghosh)
/// propagation (docs/scenario.md §3).
///
/// Let `S` be the source nodes (e.g. CHN_C26), `J` the importer's nodes and `f` the cut
/// fraction. The extracted flows are `E = f Z[S, J]` (zero elsewhere); `Z* = Z − E`,
/// `A* = Z* x̂⁻¹`, `B* = x̂⁻¹ Z*`, `L* = (I − A*)⁻¹`, `G* = (I − B*)⁻¹ = x̂⁻¹ L* x̂`.
///
/// - Backward (demand-driven) extraction, final demand y fixed: from `x = A x + y` and
///   `x* = A* x* + y`, `Δx = x − x* = L* (A − A*) x = L* d` with `d = E 1` (the extracted
///   sales of each source node). `L* ≥ 0` and `d ≥ 0` ⇒ `Δx ≥ 0`: extraction never raises output.
/// - Forward (Ghosh, supply-driven), primary inputs v fixed: from `xᵀ = xᵀ B + vᵀ`,
///   `Δxᵀ = xᵀ (B − B*) G* = eᵀ G*` with `e = 1ᵀ E` (the inputs each importer node loses);
///   computed as `Δx_j = x_j [(I − A*)⁻ᵀ (e ⊘ x)]_j`. Also ≥ 0.
///
/// One LU factorisation of `I − A*`, one solve and one transposed solve.
public struct HypotheticalExtraction: Sendable {
    public struct Node: Sendable, Codable, Hashable {
        public let region: String
        public let sector: String
        public let grossOutput: Double
        public let loss: Double
        public var lossShare: Double { grossOutput > 0 ? loss / grossOutput : 0 }
    }

    /// `d`, summed: the extracted sales.
    public let extractedSales: Double
    /// Backward loss Δx per node (same order as the system's nodes).
    public let backwardLoss: [Double]
    /// Forward (Ghosh) loss per node.
    public let forwardLoss: [Double]
    /// The inputs each importer node loses directly (`e`).
    public let directInputLoss: [Double]
    public let system: InputOutputSystem

    public init(system: InputOutputSystem, sources: [Int], importer: [Int], fraction f: Double) throws {
        let n = system.n
        var zStar = system.Z
        var d = [Double](repeating: 0, count: n), e = [Double](repeating: 0, count: n)
        for j in importer {
            for s in sources where s != j {
                let z = f * system.Z[s, j]
                guard z > 0 else { continue }
                zStar.values[j * n + s] -= z
                d[s] += z
                e[j] += z
            }
        }
        let star = try InputOutputSystem(nodes: system.nodes, Z: zStar, x: system.x)
        let model = try LeontiefModel(star)
        backwardLoss = try model.factorization.solve(d)
        let rx = system.reciprocalOutput
        let u = try model.factorization.solve(zip(e, rx).map { $0 * $1 }, transposed: true)
        forwardLoss = zip(u, system.x).map { $0 * $1 }
        directInputLoss = e
        extractedSales = d.reduce(0, +)
        self.system = system
    }

    public func nodes(_ loss: [Double]) -> [Node] {
        system.nodes.indices.map { Node(region: system.nodes[$0].region, sector: system.nodes[$0].sector,
                                        grossOutput: system.x[$0], loss: loss[$0]) }
    }
}
