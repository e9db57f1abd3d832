import DecoupleCore

/// A taxonomy chain (or stage) that does not exist, with what the taxonomy has instead.
public struct UnknownChainOrStage: Error, CustomStringConvertible, Sendable {
    public let description: String
}

extension ProductSelection {
    /// A chain of the taxonomy, or one of its stages, as a weighted product selection over every
    /// HS edition the taxonomy maps (the one place chain → products is decided).
    /// - Throws: ``UnknownChainOrStage`` naming the chains or stages that exist.
    public static func chain(_ chain: String, stage: String? = nil, taxonomy: StrategicTaxonomy) throws -> ProductSelection {
        guard let c = taxonomy.chain(chain) else {
            throw UnknownChainOrStage(description: "unknown chain '\(chain)'; the taxonomy has: \(taxonomy.chains.map(\.id).joined(separator: ", "))")
        }
        if let stage, !c.stages.contains(where: { $0.id == stage }) {
            throw UnknownChainOrStage(description: "chain '\(chain)' has no stage '\(stage)'; its stages: \(c.stages.map(\.id).joined(separator: ", "))")
        }
        var byEdition: [HSEdition: [String: Double]] = [:]
        for e in HSEdition.allCases {
            let codes = taxonomy.codes(chain: chain, stage: stage, edition: e)
            if !codes.isEmpty { byEdition[e] = codes }
        }
        return .weighted(byEdition, name: stage.map { "\(chain)/\($0)" } ?? chain)
    }

    /// Every product of every chain of the taxonomy, each with its largest weight in any chain.
    public static func allStrategicChains(of taxonomy: StrategicTaxonomy) -> ProductSelection {
        var union: [HSEdition: [String: Double]] = [:]
        for chain in taxonomy.chains {
            for e in HSEdition.allCases {
                for (code, w) in taxonomy.codes(chain: chain.id, edition: e) {
                    union[e, default: [:]][code] = max(union[e]?[code] ?? 0, w)
                }
            }
        }
        return .weighted(union, name: "all strategic chains")
    }
}
