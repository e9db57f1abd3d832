import DecoupleCore
import Foundation

/// Reads the alliance data file (`Data/policy/alliances.json`, schema version 1, described in
/// `docs/policy.md`) and checks it: members resolved to known country codes, membership spells
/// that start on or after the founding, end after they start and do not overlap, and at least
/// one source per alliance. Problems are reported with their JSON path.
public struct AlliancesLoader: Sendable {
    public var errorLimit = 20

    public init() {}

    public static let bundledPath = "policy/alliances.json"

    /// The bundled alliances.
    public static func bundled(catalog: DataCatalog? = nil) throws -> AllianceCatalog {
        let catalog = try catalog ?? DataCatalog.locate()
        return try AlliancesLoader().load(path: catalog.root + "/" + bundledPath, displayName: catalog.displayPath(bundledPath))
    }

    static let topKeys: Set = ["schemaVersion", "title", "transcription", "alliances"]
    static let allianceKeys: Set = ["id", "abbreviation", "name", "issue", "founded", "ended", "inTable4", "members", "sources", "note"]
    static let memberKeys: Set = ["country", "joined", "left", "note"]

    public func load(path: String, displayName: String? = nil) throws -> AllianceCatalog {
        let file = displayName ?? path
        let (json, positions) = try PolicyJSONReader.parse(path: path, file: file, what: "a JSON list of alliances")
        var r = PolicyJSONReader(file: file, limit: errorLimit, positions: positions)
        var alliances: [Alliance] = []
        let list = try CuratedListEnvelope(json, keys: Self.topKeys, listKey: "alliances", defaultTitle: "Issue-based alliances", &r)
        var seen: Set<String> = []
        for (i, item) in list.items.enumerated() {
            guard let a = try alliance(item, "alliances[\(i)]", &r) else { continue }
            for key in Set([a.id, a.abbreviation.lowercased()]) where !seen.insert(key).inserted {
                try r.fail("alliances[\(i)] (\(a.id))", "id or abbreviation '\(key)' is used twice")
            }
            alliances.append(a)
        }
        try r.finish()
        return AllianceCatalog(alliances: alliances, provenance: list.provenance(
            file: file, licence: "Decouple's curation of public membership facts (sources cited per alliance)"))
    }

    private func alliance(_ value: Any, _ path0: String, _ r: inout PolicyJSONReader) throws -> Alliance? {
        guard let o = try r.object(value, path0, keys: Self.allianceKeys) else { return nil }
        let id = try r.id(o, path0, example: "msp")
        let path = id.map { "\(path0) (\($0))" } ?? path0
        let abbreviation = try r.string(o, "abbreviation", path)
        let name = try r.string(o, "name", path)
        let issue = try r.string(o, "issue", path)
        let founded = try r.policyDate(o, "founded", path, required: true)
        let ended = try r.policyDate(o, "ended", path)
        let inTable4 = try r.bool(o, "inTable4", path, required: false) ?? false
        var members: [AllianceMembership] = []
        for (i, item) in (try r.list(o, "members", path, nonEmpty: true) ?? []).enumerated() {
            let p = "\(PolicyJSONReader.join(path, "members"))[\(i)]"
            guard let m = try r.object(item, p, keys: Self.memberKeys) else { continue }
            let country = try r.country(m, "country", p)
            let joined = try r.policyDate(m, "joined", p, required: true)
            let left = try r.policyDate(m, "left", p)
            let note = try r.string(m, "note", p, required: false)
            guard let country, let joined else { continue }
            if let founded, joined.firstDay < founded.firstDay {
                try r.fail(PolicyJSONReader.join(p, "joined"), "joined \(joined), before the founding (\(founded))")
            }
            if let left, left.firstDay <= joined.firstDay {
                try r.fail(PolicyJSONReader.join(p, "left"), "left \(left), not after joining (\(joined))")
            }
            let spell = AllianceMembership(country: country, joined: joined, left: left, note: note)
            for other in members where other.country == country && overlaps(other, spell) {
                try r.fail(p, "\(country) has overlapping membership spells (\(other.joined)–\(other.left?.description ?? "") and \(joined)–\(left?.description ?? ""))")
            }
            members.append(spell)
        }
        let sources = try r.sources(o, path)
        let note = try r.string(o, "note", path, required: false)
        guard let id, let abbreviation, let name, let issue, let founded, !sources.isEmpty else { return nil }
        return Alliance(id: id, abbreviation: abbreviation, name: name, issue: issue, founded: founded, ended: ended,
                        inTable4: inTable4, members: members, sources: sources, note: note)
    }

    private func overlaps(_ a: AllianceMembership, _ b: AllianceMembership) -> Bool {
        let aEnd = a.left?.firstDay, bEnd = b.left?.firstDay
        return (aEnd.map { b.joined.firstDay < $0 } ?? true) && (bEnd.map { a.joined.firstDay < $0 } ?? true)
    }
}
