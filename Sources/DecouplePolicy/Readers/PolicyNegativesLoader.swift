import DecoupleCore
import DecoupleTrade
import Foundation

/// Reads `Data/policy/negatives.json` (schema version 1, described in `docs/policy.md`): sourced
/// findings that a measure was not taken. Checked like the measures — typed fields, a valid
/// `asOf` date, known countries, chains and stages in the taxonomy, at least one source each
/// flagged `primary` or `as-quoted` — and every `relatedMeasures` id must name a measure of
/// `measureIDs` (when given). Problems are reported with their JSON path, up to `errorLimit`.
public struct PolicyNegativesLoader: Sendable {
    /// Chains and stages targets are checked against; nil skips that check.
    public var taxonomy: StrategicTaxonomy?
    /// Ids `relatedMeasures` may name; nil skips that check.
    public var measureIDs: Set<String>?
    public var errorLimit = 20

    public init(taxonomy: StrategicTaxonomy? = nil, measureIDs: Set<String>? = nil) {
        self.taxonomy = taxonomy
        self.measureIDs = measureIDs
    }

    public static let bundledPath = "policy/negatives.json"

    /// The bundled findings, checked against the bundled taxonomy and measures.
    public static func bundled(catalog: DataCatalog? = nil) throws -> PolicyNegativeCatalog {
        let catalog = try catalog ?? DataCatalog.locate()
        let taxonomy = try TaxonomyLoader.bundled(catalog: catalog)
        let measures = try PolicyMeasuresLoader.bundled(catalog: catalog)
        return try PolicyNegativesLoader(taxonomy: taxonomy, measureIDs: Set(measures.measures.map(\.id)))
            .load(path: catalog.root + "/" + bundledPath, displayName: catalog.displayPath(bundledPath))
    }

    static let topKeys: Set = ["schemaVersion", "title", "transcription", "negatives"]
    static let negativeKeys: Set = ["id", "jurisdiction", "instrument", "targets", "targetedCountries", "asOf", "statement",
                                    "relatedMeasures", "sources", "note"]

    public func load(path: String, displayName: String? = nil) throws -> PolicyNegativeCatalog {
        let file = displayName ?? path
        let (json, positions) = try PolicyJSONReader.parse(path: path, file: file, what: "a JSON list of negative findings")
        var r = PolicyJSONReader(file: file, limit: errorLimit, positions: positions)
        var negatives: [PolicyNegative] = []
        let list = try CuratedListEnvelope(json, keys: Self.topKeys, listKey: "negatives", defaultTitle: "Negative findings", &r)
        var seen: Set<String> = []
        for (i, item) in list.items.enumerated() {
            guard let n = try negative(item, "negatives[\(i)]", &r) else { continue }
            if !seen.insert(n.id).inserted { try r.fail("negatives[\(i)] (\(n.id))", "id '\(n.id)' is used twice") }
            negatives.append(n)
        }
        try r.finish()
        return PolicyNegativeCatalog(negatives: negatives, provenance: list.provenance(
            file: file, licence: "Decouple's curation of public legal texts (facts; sources cited per finding)"))
    }

    private func negative(_ value: Any, _ path0: String, _ r: inout PolicyJSONReader) throws -> PolicyNegative? {
        guard let o = try r.object(value, path0, keys: Self.negativeKeys) else { return nil }
        let id = try r.id(o, path0, example: "us-no-export-control-green-goods-2010")
        let path = id.map { "\(path0) (\($0))" } ?? path0
        let jurisdiction = try r.country(o, "jurisdiction", path)
        let instrumentText = try r.string(o, "instrument", path)
        let instrument = instrumentText.flatMap(MeasureInstrument.init(rawValue:))
        if let instrumentText, instrument == nil {
            try r.fail(PolicyJSONReader.join(path, "instrument"),
                       "unknown instrument '\(instrumentText)' (expected \(MeasureInstrument.allCases.map(\.rawValue).joined(separator: ", ")))")
        }
        let targets = try r.targets(o, path, taxonomy: taxonomy)
        let targeted = try r.countryList(o, "targetedCountries", path)
        let asOf = try r.policyDate(o, "asOf", path, required: true)
        let statement = try r.string(o, "statement", path)
        let related = try r.strings(o, "relatedMeasures", path)
        if let measureIDs {
            for (i, m) in related.enumerated() where !measureIDs.contains(m) {
                try r.fail("\(PolicyJSONReader.join(path, "relatedMeasures"))[\(i)]", "unknown measure '\(m)' (not in measures.json)")
            }
        }
        let sources = try r.sources(o, path, requireVerification: true)
        let note = try r.string(o, "note", path, required: false)
        guard let id, let jurisdiction, let instrument, let asOf, let statement, !sources.isEmpty else { return nil }
        return PolicyNegative(id: id, jurisdiction: jurisdiction, instrument: instrument, targets: targets, targetedCountries: targeted,
                              asOf: asOf, statement: statement, relatedMeasures: related, sources: sources, note: note)
    }
}
