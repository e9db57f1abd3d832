import DecoupleAnalyses

extension DecouplingReport {
    /// Every figure as one CSV row, with its source's citation and licence.
    public func csv() -> String {
        var out = "section,metric,reporter,partner,flow,product,period,value,unit,source,source_citation,source_licence,note\n"
        for section in sections {
            for f in section.figures {
                let p = sources[f.source]
                let fields: [String] = [section.id, f.metric.rawValue, f.reporter ?? "", f.partner ?? "", f.flow?.rawValue ?? "", f.product ?? "",
                                        f.period, "\(f.value)", f.unit.rawValue, f.source, p?.citation ?? "", p?.licence ?? "", f.note ?? ""]
                out += fields.map(csvField).joined(separator: ",") + "\n"
            }
        }
        return out
    }
}

/// Quotes a CSV field when it needs it (RFC 4180).
func csvField(_ s: String) -> String {
    guard s.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return s }
    return "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\""
}
