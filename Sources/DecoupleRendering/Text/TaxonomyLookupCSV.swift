import DecoupleAnalyses

/// `decouple taxonomy lookup CODE --format csv`: one row per chain/stage match of the code in
/// each edition, and one per match of the codes its trade converts to in the neighbouring editions.
public enum TaxonomyLookupCSV {
    public static let header = "code,edition,name,kind,to_edition,to_code,conversion_weight,chain,stage,level,arena,stage_weight,shared"

    public static func csv(_ lookup: TaxonomyLookup) -> String {
        var lines = [header]
        func field(_ s: String) -> String { s.contains(where: { ",\"\n".contains($0) }) ? "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : s }
        func row(_ e: TaxonomyLookup.EditionEntry, kind: String, to: (String, String, String), _ m: TaxonomyMatch?) -> String {
            [lookup.code, e.edition.rawValue, e.name ?? "", kind, to.0, to.1, to.2, m?.chain ?? "", m?.stage ?? "", m?.level.rawValue ?? "",
             m?.arena.rawValue ?? "", m?.weight.map { "\($0)" } ?? (m == nil ? "" : "1"), m.map { $0.shared ? "true" : "false" } ?? ""]
                .map(field).joined(separator: ",")
        }
        for e in lookup.editions {
            if e.matches.isEmpty { lines.append(row(e, kind: "match", to: ("", "", ""), nil)) }
            for m in e.matches { lines.append(row(e, kind: "match", to: ("", "", ""), m)) }
            for c in e.conversions {
                let to = (c.edition.rawValue, c.code, "\(c.weight)")
                if c.matches.isEmpty { lines.append(row(e, kind: "conversion", to: to, nil)) }
                for m in c.matches { lines.append(row(e, kind: "conversion", to: to, m)) }
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }
}
