import DecoupleCore
import Foundation

/// Reads the strategic-product taxonomy (JSON, schema version 1, described in
/// `Data/taxonomy/SOURCES.md`), checks it against its schema and against the HS product lists,
/// and merges user files that extend or override it.
///
/// Every problem is reported with the file and the JSON path of the offending value
/// (`chains[0] (solar-pv) › stages[3] (cells) › products[0] › codes › HS2022[0]`), or the line
/// and column of a JSON syntax error; up to 20 are collected before failing.
public struct TaxonomyLoader: Sendable {
    /// The HS product lists codes are checked against; nil skips the existence check.
    public var concordance: HSConcordance?
    public var errorLimit = 20

    public init(concordance: HSConcordance?) {
        self.concordance = concordance
    }

    /// The bundled taxonomy, checked against the bundled HS product lists.
    public static func bundled(catalog: DataCatalog? = nil) throws -> StrategicTaxonomy {
        let catalog = try catalog ?? DataCatalog.locate()
        let concordance = try HSConcordance.load(folder: catalog.root + "/hs")
        return try TaxonomyLoader(concordance: concordance).load(path: catalog.root + "/" + bundledPath, displayName: catalog.displayPath(bundledPath))
    }

    public static let bundledPath = "taxonomy/strategic-products.json"

    /// Reads and checks one taxonomy file.
    public func load(path: String, displayName: String? = nil) throws -> StrategicTaxonomy {
        let file = displayName ?? path
        let (part, positions) = try parse(path: path, file: file)
        var taxonomy = StrategicTaxonomy(chains: part.chains, criticalMinerals: part.minerals, editionChanges: part.changes,
                                         provenance: [provenance(of: file, title: part.title)])
        try check(taxonomy, file: file, locate: Locator(part: part, positions: positions))
        taxonomy.chains.sort { $0.id < $1.id }
        return taxonomy
    }

    /// Reads a user file and merges it into `base`: a chain (or mineral) with the id (name) of an
    /// existing one replaces it; new ones are added; edition changes are appended. The merged
    /// taxonomy is checked as a whole, so a contradiction between the two files is reported.
    public func merge(_ base: StrategicTaxonomy, withFileAt path: String, displayName: String? = nil) throws -> StrategicTaxonomy {
        let file = displayName ?? path
        let (part, positions) = try parse(path: path, file: file)
        var merged = base
        for chain in part.chains {
            if let i = merged.chains.firstIndex(where: { $0.id == chain.id }) { merged.chains[i] = chain } else { merged.chains.append(chain) }
        }
        for mineral in part.minerals {
            if let i = merged.criticalMinerals.firstIndex(where: { $0.name == mineral.name }) { merged.criticalMinerals[i] = mineral } else { merged.criticalMinerals.append(mineral) }
        }
        merged.editionChanges += part.changes
        merged.provenance.append(provenance(of: file, title: part.title))
        try check(merged, file: file, locate: Locator(part: part, positions: positions))
        merged.chains.sort { $0.id < $1.id }
        return merged
    }

    private func provenance(of file: String, title: String?) -> Provenance {
        Provenance(source: title ?? "Strategic-product taxonomy", edition: "schema version 1",
                   url: file, licence: "Decouple's curation; HS codes checked against \(HSConcordance.provenance.source) (Apache-2.0)",
                   retrievedFrom: file)
    }

    // MARK: - Parsing with JSON paths

    struct Part {
        var title: String?
        var chains: [SupplyChain] = []
        var minerals: [CriticalMineral] = []
        var changes: [EditionChange] = []
    }

    private func parse(path: String, file: String) throws -> (Part, JSONPositions) {
        let data: Data
        do { data = try Data(contentsOf: URL(fileURLWithPath: path)) } catch {
            throw DataReadError(issues: [DataIssue(file: file, message: "cannot read file: \(error.localizedDescription)")])
        }
        guard !data.isEmpty else { throw DataReadError(issues: [DataIssue(file: file, line: 1, column: 1, message: "empty file: expected a JSON taxonomy")]) }
        let object: Any
        do { object = try JSONSerialization.jsonObject(with: data) } catch {
            let (line, column) = JSONText.location(of: error, in: data)
            throw DataReadError(issues: [DataIssue(file: file, line: line, column: column, message: "invalid JSON: expected a JSON document (\(JSONText.detail(of: error)))")])
        }
        if let d = JSONText.firstStrictnessFault(in: data) {
            throw DataReadError(issues: [DataIssue(file: file, line: d.line, column: d.column, message: d.message)])
        }
        let positions = JSONPositions(data)
        var s = Scanner(file: file, limit: errorLimit, positions: positions)
        let part = try s.document(object)
        try s.finish()
        return (part, positions)
    }

    /// Finds the line and column of a chain, stage, product or mineral of the file just read
    /// (nil for one that came from the base of a merge).
    struct Locator {
        let part: Part
        let positions: JSONPositions

        func callAsFunction(chain: String, stage: String? = nil, product: Int? = nil) -> JSONPositions.Position? {
            guard let c = part.chains.firstIndex(where: { $0.id == chain }) else { return nil }
            var path = "chains[\(c)]"
            if let stage, let s = part.chains[c].stages.firstIndex(where: { $0.id == stage }) {
                path += " › stages[\(s)]"
                if let product { path += " › products[\(product)]" }
            }
            return positions.position(path: path)
        }

        func callAsFunction(mineral: String) -> JSONPositions.Position? {
            part.minerals.firstIndex(where: { $0.name == mineral }).flatMap { positions.position(path: "criticalMinerals[\($0)]") }
        }
    }

    // MARK: - Cross-checks on the whole taxonomy

    private func check(_ t: StrategicTaxonomy, file: String, locate: Locator) throws {
        var issues = IssueCollector(file: file, limit: errorLimit)
        let chainIDs = Set(t.chains.map(\.id))
        let mineralNames = Set(t.criticalMinerals.map(\.name))
        var seenChains: Set<String> = []
        // Weighted and unweighted uses of each (edition, code), across chains.
        var weightSum: [String: Double] = [:]
        var users: [String: [(chain: String, weighted: Bool, alsoIn: [String])]] = [:]
        for chain in t.chains {
            if !seenChains.insert(chain.id).inserted { try issues.add(at: locate(chain: chain.id), "chain '\(chain.id)' is defined twice") }
            var inChain: [String: [(stage: String, weighted: Bool)]] = [:]
            for stage in chain.stages {
                for (pi, product) in stage.products.enumerated() {
                    let where_ = "chain '\(chain.id)' › stage '\(stage.id)' › products[\(pi)]"
                    for other in product.alsoIn where !chainIDs.contains(other) {
                        try issues.add(at: locate(chain: chain.id, stage: stage.id, product: pi), "\(where_) › alsoIn: unknown chain '\(other)'")
                    }
                    for m in product.minerals where !mineralNames.isEmpty && !mineralNames.contains(m) {
                        try issues.add(at: locate(chain: chain.id, stage: stage.id, product: pi), "\(where_) › minerals: unknown critical mineral '\(m)'")
                    }
                    for (edition, codes) in product.codes {
                        for code in codes {
                            if let concordance, concordance.codes[edition] != nil, !concordance.contains(code, in: edition) {
                                try issues.add(at: locate(chain: chain.id, stage: stage.id, product: pi), "\(where_) › codes › \(edition.rawValue): code \(code) does not exist in \(edition.rawValue)")
                            }
                            let key = "\(edition.rawValue) \(code)"
                            let w = product.weight?[edition]
                            inChain[key, default: []].append((stage.id, w != nil))
                            if let w { weightSum[key, default: 0] += w }
                            users[key, default: []].append((chain.id, w != nil, product.alsoIn))
                        }
                    }
                }
            }
            for (key, uses) in inChain.sorted(by: { $0.key < $1.key }) where uses.count > 1 && !uses.allSatisfy(\.weighted) {
                let stages = uses.map(\.stage).joined(separator: ", ")
                try issues.add(at: locate(chain: chain.id), "chain '\(chain.id)': code \(key) stands in several places (\(stages)) without weights on every one; give each a weight, or list it once")
            }
        }
        for (key, sum) in weightSum.sorted(by: { $0.key < $1.key }) where sum > 1.0001 {
            try issues.add(at: locate(chain: users[key]?.first?.chain ?? ""), "code \(key): weights add up to \(sum), more than 1")
        }
        for (key, list) in users.sorted(by: { $0.key < $1.key }) {
            let chains = Set(list.map(\.chain))
            guard chains.count > 1 else { continue }
            for use in list where !use.weighted && !Set(use.alsoIn).isSuperset(of: chains.subtracting([use.chain])) {
                try issues.add(at: locate(chain: use.chain), "chain '\(use.chain)': code \(key) is also in \(chains.subtracting([use.chain]).sorted().joined(separator: ", ")) without weights or an alsoIn naming them")
                break
            }
        }
        for m in t.criticalMinerals {
            if let c = m.chain, !chainIDs.contains(c) {
                try issues.add(at: locate(mineral: m.name), "critical mineral '\(m.name)': unknown chain '\(c)'")
            }
            if m.hsAvailable == false && (m.reason ?? "").isEmpty {
                try issues.add(at: locate(mineral: m.name), "critical mineral '\(m.name)': hsAvailable is false but no reason is given")
            }
        }
        try issues.finish()
    }
}
