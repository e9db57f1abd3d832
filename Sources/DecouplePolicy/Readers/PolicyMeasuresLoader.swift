import DecoupleCore
import DecoupleTrade
import Foundation

/// Reads the policy-measure data file (`Data/policy/measures.json`, schema version 1, described
/// in `docs/policy.md`) and checks it: every field typed, every date valid and in order, every
/// country known, every chain and stage present in the taxonomy (when one is given), at least
/// one source per measure, each flagged `primary` or `as-quoted`, and every `partOf` naming
/// another measure of the file. Problems are reported with their JSON path, up to `errorLimit`.
public struct PolicyMeasuresLoader: Sendable {
    /// Chains and stages targets are checked against; nil skips that check.
    public var taxonomy: StrategicTaxonomy?
    public var errorLimit = 20

    public init(taxonomy: StrategicTaxonomy? = nil) {
        self.taxonomy = taxonomy
    }

    public static let bundledPath = "policy/measures.json"

    /// The bundled measures, checked against the bundled taxonomy.
    public static func bundled(catalog: DataCatalog? = nil) throws -> PolicyMeasureCatalog {
        let catalog = try catalog ?? DataCatalog.locate()
        let taxonomy = try TaxonomyLoader.bundled(catalog: catalog)
        return try PolicyMeasuresLoader(taxonomy: taxonomy).load(path: catalog.root + "/" + bundledPath, displayName: catalog.displayPath(bundledPath))
    }

    static let topKeys: Set = ["schemaVersion", "title", "transcription", "measures"]
    static let measureKeys: Set = ["id", "name", "jurisdiction", "instrument", "partOf", "announced", "inForce", "ended", "targets",
                                   "hsCodes", "targetedCountries", "summary", "sources", "note"]

    public func load(path: String, displayName: String? = nil) throws -> PolicyMeasureCatalog {
        let file = displayName ?? path
        let (json, positions) = try PolicyJSONReader.parse(path: path, file: file, what: "a JSON list of policy measures")
        var r = PolicyJSONReader(file: file, limit: errorLimit, positions: positions)
        var measures: [PolicyMeasure] = []
        let list = try CuratedListEnvelope(json, keys: Self.topKeys, listKey: "measures", defaultTitle: "Policy measures", &r)
        var seen: Set<String> = []
        var paths: [String: String] = [:]
        for (i, item) in list.items.enumerated() {
            guard let m = try measure(item, "measures[\(i)]", &r) else { continue }
            if !seen.insert(m.id).inserted { try r.fail("measures[\(i)] (\(m.id))", "id '\(m.id)' is used twice") }
            paths[m.id] = "measures[\(i)] (\(m.id))"
            measures.append(m)
        }
        // `partOf` names an umbrella measure of the same file, one level deep.
        let byID = Dictionary(measures.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        for m in measures {
            guard let parent = m.partOf, let path = paths[m.id] else { continue }
            let p = PolicyJSONReader.join(path, "partOf")
            if parent == m.id {
                try r.fail(p, "a measure cannot be part of itself")
            } else if let umbrella = byID[parent] {
                if let grand = umbrella.partOf { try r.fail(p, "'\(parent)' is itself part of '\(grand)': name the umbrella measure") }
                if umbrella.jurisdiction != m.jurisdiction {
                    try r.fail(p, "'\(parent)' is a measure of \(umbrella.jurisdiction.code), this one of \(m.jurisdiction.code)")
                }
            } else {
                try r.fail(p, "unknown measure '\(parent)' (expected the id of another measure in this file)")
            }
        }
        try r.finish()
        return PolicyMeasureCatalog(measures: measures, provenance: list.provenance(
            file: file, licence: "Decouple's curation of public legal texts (facts; sources cited per measure)"))
    }

    private func measure(_ value: Any, _ path0: String, _ r: inout PolicyJSONReader) throws -> PolicyMeasure? {
        guard let o = try r.object(value, path0, keys: Self.measureKeys) else { return nil }
        let id = try r.id(o, path0, example: "us-chips-act-2022")
        let path = id.map { "\(path0) (\($0))" } ?? path0
        let name = try r.string(o, "name", path)
        let jurisdiction = try r.country(o, "jurisdiction", path)
        let instrumentText = try r.string(o, "instrument", path)
        let partOf = try r.string(o, "partOf", path, required: false)
        let instrument = instrumentText.flatMap(MeasureInstrument.init(rawValue:))
        if let instrumentText, instrument == nil {
            try r.fail(PolicyJSONReader.join(path, "instrument"),
                       "unknown instrument '\(instrumentText)' (expected \(MeasureInstrument.allCases.map(\.rawValue).joined(separator: ", ")))")
        }
        let announced = try r.policyDate(o, "announced", path)
        let inForce = try r.policyDate(o, "inForce", path)
        let ended = try r.policyDate(o, "ended", path)
        if announced == nil && inForce == nil { try r.fail(path, "expected at least one of 'announced' and 'inForce'") }
        if let a = announced, let f = inForce, a.firstDay > f.lastDay {
            try r.fail(PolicyJSONReader.join(path, "inForce"), "in force \(f) before it was announced (\(a))")
        }
        if let e = ended, let s = inForce ?? announced, e.lastDay < s.firstDay {
            try r.fail(PolicyJSONReader.join(path, "ended"), "ended \(e) before it started (\(s))")
        }
        let targets = try r.targets(o, path, taxonomy: taxonomy)
        var codes: [String] = []
        for (i, c) in (try r.strings(o, "hsCodes", path)).enumerated() {
            guard [2, 4, 6].contains(c.utf8.count), c.utf8.allSatisfy({ $0 >= 48 && $0 <= 57 }) else {
                try r.fail("\(PolicyJSONReader.join(path, "hsCodes"))[\(i)]", "expected an HS code of 2, 4 or 6 digits as a string, found '\(c)'")
                continue
            }
            codes.append(c)
        }
        let targeted = try r.countryList(o, "targetedCountries", path)
        let summary = try r.string(o, "summary", path)
        let sources = try r.sources(o, path, requireVerification: true)
        let note = try r.string(o, "note", path, required: false)
        guard let id, let name, let jurisdiction, let instrument, let summary, !sources.isEmpty else { return nil }
        return PolicyMeasure(id: id, name: name, jurisdiction: jurisdiction, instrument: instrument, partOf: partOf, announced: announced,
                             inForce: inForce, ended: ended, targets: targets, hsCodes: codes, targetedCountries: targeted,
                             summary: summary, sources: sources, note: note)
    }
}

/// The envelope of the curated policy lists (measures, alliances): `schemaVersion`, `title`,
/// `transcription` and a non-empty list under `listKey`. Nil items when the top level is not
/// an object (the reader has recorded why).
struct CuratedListEnvelope {
    var title: String
    var transcription: String
    var items: [Any]

    init(_ json: Any, keys: Set<String>, listKey: String, defaultTitle: String, _ r: inout PolicyJSONReader) throws {
        title = defaultTitle
        transcription = ""
        items = []
        guard let top = try r.object(json, "", keys: keys) else { return }
        try checkSchemaVersion(top, &r)
        title = try r.string(top, "title", "") ?? title
        transcription = try r.string(top, "transcription", "") ?? ""
        items = try r.list(top, listKey, "", nonEmpty: true) ?? []
    }

    /// The provenance of the list in `file`.
    func provenance(file: String, licence: String) -> Provenance {
        Provenance(source: title, edition: "schema version 1", url: file, licence: licence,
                   retrievedFrom: transcription.isEmpty ? file : "\(file): \(transcription)")
    }
}

func checkSchemaVersion(_ top: [String: Any], _ r: inout PolicyJSONReader) throws {
    if let v = top["schemaVersion"] {
        if (v as? NSNumber)?.intValue != 1 || (v as? NSNumber).map(isJSONBool) == true || (v as? NSNumber)?.doubleValue != 1 {
            try r.fail("schemaVersion", "expected 1, found \(PolicyJSONReader.show(v))")
        }
    } else {
        try r.fail("", "missing field 'schemaVersion' (expected 1)")
    }
}
