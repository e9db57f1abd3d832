import DecoupleCore
import Foundation

/// Supply gap and substitution capacity (docs/scenario.md §1).
///
/// - gap `G = f · S`, with `f` the cut fraction and `S` the cut supplier's supply (the
///   importer's imports from it, or its production × the share assumed to leave the country);
/// - capacity `c_i ≥ 0` of every other supplier i (a stated, transparent proxy: spare
///   capacity = capacity − production, spare exports, or a headroom × current shipments);
/// - only the alliance's capacity counts: `C = Σ_{i∈alliance} c_i`;
/// - covered `= min(G, C)`, uncovered `= G − covered` (so covered + uncovered = G exactly),
///   allotted to the alliance suppliers in proportion to their capacity: `covered_i = covered · c_i / C`;
/// - time to cover with capacity growing at g per year: `T = ln(G / C) / ln(1 + g)` when
///   `C < G` (0 when `C ≥ G`; none when `C = 0` or `g ≤ 0` and `C < G`).
public struct SupplyGap: Sendable, Codable, Hashable {
    public struct Supplier: Sendable, Codable, Hashable {
        public let name: String
        /// Current supply (imports from it, or its production).
        public let current: Double
        /// Its substitution capacity `c_i`.
        public let capacity: Double
        public let inAlliance: Bool
        /// Its share of the covered amount (0 outside the alliance).
        public let covered: Double
    }

    public let supplier: String
    public let supplierSupply: Double
    public let cutFraction: Double
    public let gap: Double
    public let allianceCapacity: Double
    public let covered: Double
    public let uncovered: Double
    public let capacityGrowthPerYear: Double
    /// Years until the alliance's capacity covers the gap; nil = never under the assumption.
    public let yearsToCover: Double?
    public let capacityMeasure: String
    public let unit: String
    public let suppliers: [Supplier]

    public init(supplier: String, supplierSupply: Double, cutFraction: Double,
                others: [(name: String, current: Double, capacity: Double)], alliance: Set<String>,
                capacityGrowthPerYear g: Double, capacityMeasure: String, unit: String) {
        self.supplier = supplier
        self.supplierSupply = max(0, supplierSupply)
        self.cutFraction = cutFraction
        let gap = cutFraction * max(0, supplierSupply)
        self.gap = gap
        let C = others.filter { alliance.contains($0.name) }.reduce(0) { $0 + max(0, $1.capacity) }
        allianceCapacity = C
        let covered = min(gap, C)
        self.covered = covered
        uncovered = gap - covered
        capacityGrowthPerYear = g
        if gap <= C { yearsToCover = 0 }
        else if C > 0 && g > 0 { yearsToCover = log(gap / C) / log(1 + g) }
        else { yearsToCover = nil }
        self.capacityMeasure = capacityMeasure
        self.unit = unit
        suppliers = others.map { o in
            let inA = alliance.contains(o.name)
            return Supplier(name: o.name, current: o.current, capacity: max(0, o.capacity), inAlliance: inA,
                            covered: inA && C > 0 ? covered * max(0, o.capacity) / C : 0)
        }.sorted { ($0.inAlliance ? 1 : 0, $0.capacity, $0.current) > ($1.inAlliance ? 1 : 0, $1.capacity, $1.current) }
    }
}
