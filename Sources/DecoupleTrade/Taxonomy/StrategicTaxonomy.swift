import DecoupleCore

/// The map from traded products to strategic supply chains and their stages, across HS editions.
///
/// Built by `TaxonomyLoader` from the bundled `Data/taxonomy/strategic-products.json`,
/// optionally extended or overridden by a user file.
public struct StrategicTaxonomy: Sendable, Codable {
    public var chains: [SupplyChain]
    public var criticalMinerals: [CriticalMineral]
    public var editionChanges: [EditionChange]
    /// The files the taxonomy was read from, in order (bundled first, then overrides).
    public var provenance: [Provenance]

    public init(chains: [SupplyChain], criticalMinerals: [CriticalMineral] = [], editionChanges: [EditionChange] = [],
                provenance: [Provenance] = []) {
        self.chains = chains
        self.criticalMinerals = criticalMinerals
        self.editionChanges = editionChanges
        self.provenance = provenance
    }

    /// The chain with this id.
    public func chain(_ id: String) -> SupplyChain? { chains.first { $0.id == id } }

    /// Every place an HS6 code stands in the taxonomy, in the given edition (all editions when nil).
    public func matches(for code: String, edition: HSEdition? = nil) -> [TaxonomyMatch] {
        var out: [TaxonomyMatch] = []
        for chain in chains {
            for stage in chain.stages {
                for product in stage.products {
                    for (e, codes) in product.codes where edition == nil || e == edition {
                        guard codes.contains(code) else { continue }
                        out.append(TaxonomyMatch(chain: chain.id, chainName: chain.name, arena: chain.arena,
                                                 stage: stage.id, stageName: stage.name, level: stage.level,
                                                 edition: e, code: code, weight: product.weight?[e],
                                                 shared: product.shared, product: product.description,
                                                 source: product.source))
                    }
                }
            }
        }
        // One match per edition, chain and stage: two product lines of a stage that list the same
        // code (HS2017 854140 in LEDs and in other photosensitive devices) add their weights.
        var merged: [TaxonomyMatch] = []
        for m in out {
            if let i = merged.firstIndex(where: { $0.edition == m.edition && $0.chain == m.chain && $0.stage == m.stage }) {
                let a = merged[i].weight, b = m.weight
                merged[i].weight = (a != nil && b != nil) ? min(1, a! + b!) : nil
                merged[i].shared = merged[i].shared || m.shared
                if !merged[i].product.contains(m.product) { merged[i].product += "; " + m.product }
            } else {
                merged.append(m)
            }
        }
        return merged.sorted { ($0.edition, $0.chain, $0.stage) < ($1.edition, $1.chain, $1.stage) }
    }

    /// The HS6 codes of a chain (or of one of its stages) in an edition, each with the share of
    /// its trade that belongs here (1 when the whole code does).
    public func codes(chain id: String, stage: String? = nil, edition: HSEdition) -> [String: Double] {
        guard let chain = chain(id) else { return [:] }
        var out: [String: Double] = [:]
        for s in chain.stages where stage == nil || s.id == stage {
            for p in s.products {
                for code in p.codes[edition] ?? [] {
                    out[code, default: 0] += p.weight?[edition] ?? 1
                }
            }
        }
        return out.mapValues { min($0, 1) }
    }
}

/// One place a code stands in the taxonomy.
public struct TaxonomyMatch: Sendable, Codable, Hashable {
    public var chain: String
    public var chainName: String
    public var arena: Arena
    public var stage: String
    public var stageName: String
    public var level: StageLevel
    public var edition: HSEdition
    public var code: String
    /// The share of the code's trade that belongs to this stage; nil = all of it.
    public var weight: Double?
    /// The code also holds goods outside this stage, share unknown.
    public var shared: Bool
    public var product: String
    public var source: String
}
