import DecoupleCore

/// Which products an aggregation covers, and with what weight each counts.
public enum ProductFilter: Sendable, Hashable {
    /// Every product, weight 1.
    case all
    /// Products whose code starts with one of the prefixes (`8507` takes every HS6 line of
    /// heading 8507), any edition, weight 1.
    case prefixes([String])
    /// Taxonomy members: each member adds `weight × value` of its code to its chain and stage.
    /// A code that belongs to two members counts in both (grouped by chain or stage that is what
    /// a split code means; summed over both it is counted twice, so select one stage per query
    /// when the codes overlap).
    case groups([ProductGroupMember])

    /// The members that a product belongs to, as `(chain, stage, weight)`; empty when it is not selected.
    public func memberships(of product: ProductCode) -> [ProductGroupMembership] {
        switch self {
        case .all:
            return [ProductGroupMembership(chain: "", stage: "", weight: 1)]
        case .prefixes(let prefixes):
            return prefixes.contains { product.code.hasPrefix($0) } ? [ProductGroupMembership(chain: "", stage: "", weight: 1)] : []
        case .groups(let members):
            // A product without an edition matches the code in every edition: per chain and
            // stage it takes the largest weight, never the sum.
            var out: [ProductGroupMembership] = []
            for m in members where m.code == product.code
                && (m.edition == nil || product.edition == nil || m.edition == product.edition) {
                if let i = out.firstIndex(where: { $0.chain == m.chain && $0.stage == m.stage }) {
                    out[i].weight = max(out[i].weight, m.weight)
                } else {
                    out.append(ProductGroupMembership(chain: m.chain, stage: m.stage, weight: m.weight))
                }
            }
            return out
        }
    }
}

/// One product of a taxonomy selection: an HS code (in one edition, or any when `edition` is
/// nil), the chain and stage it belongs to, and the share of its trade that counts there.
public struct ProductGroupMember: Sendable, Hashable, Codable {
    public var code: String
    public var edition: HSEdition?
    public var chain: String
    public var stage: String
    public var weight: Double

    public init(code: String, edition: HSEdition? = nil, chain: String, stage: String, weight: Double = 1) {
        self.code = code
        self.edition = edition
        self.chain = chain
        self.stage = stage
        self.weight = weight
    }
}

/// Where a selected product counts: its chain, stage and weight.
public struct ProductGroupMembership: Sendable, Hashable {
    public var chain: String
    public var stage: String
    public var weight: Double
}
