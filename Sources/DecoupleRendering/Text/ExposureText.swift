import DecoupleAnalyses
import Foundation

/// Text and CSV of hidden (look-through) exposure (`decouple exposure`).
public enum ExposureText {
    public static func pct(_ v: Double) -> String { ValueFormat.percent(decimals: 1).format(v) }
    public static func pp(_ v: Double) -> String { ValueFormat.percentagePoints(decimals: 1).format(v) }
    public static func money(_ v: Double) -> String { ValueFormat.number(decimals: 0).format(v) }

    public static func render(_ rows: [[String]], header: [String], numeric: Set<Int>) -> String {
        TableText.render(header: header, rows: rows, numeric: numeric, layout: .plain(rule: "─"))
    }

    public static func tierNames(_ k: Int) -> [String] { (1...k).map { $0 == k ? "tier \($0)+" : "tier \($0)" } }

    public static func text(_ rows: [SectorExposure], total: SectorExposure?, manufacturing: SectorExposure? = nil,
                            loaded: LoadedIOTable, tiers: Int) -> String {
        guard let first = rows.first else { return "No sectors.\n" }
        var out = "\(loaded.table.name)\n"
        out += "Exposure of \(first.importer)'s sectors to \(first.source): face value (direct inputs, A) vs look-through (all tiers, L − I)\n"
        out += "Shares: face value of direct inputs; look-through, hidden (tiers 2+) and tiers of total input requirements; VA = \(first.source) value added in the output.\n\n"
        let header = ["sector", "face value", "look-through", "hidden (tiers 2+)"] + tierNames(tiers) + ["VA", "LT ÷ FV", "top LT foreign", "(its LT share)"]
        func row(_ e: SectorExposure) -> [String] {
            [e.sector, pct(e.faceValueShare), pct(e.lookThroughShare), pct(e.hiddenShare)] + e.tierShares.map(pct)
                + [pct(e.valueAdded), e.lookThroughMultiple.map { ExposureNumberText.fixed1($0) + "×" } ?? "–",
                   e.topForeignSupplier ?? "–", e.topForeignSupplier == nil ? "–" : pct(e.totalRequirements > 0 ? e.topForeignSupplierLookThrough / e.totalRequirements : 0)]
        }
        var table = rows.map(row)
        if let total { table.append(row(total)) }
        out += render(table, header: header, numeric: Set(1..<(header.count - 2)).union([header.count - 1]))
        let top = rows.filter { $0.topForeignSupplier == first.source }.count
        out += "\n\(first.source) is the top look-through foreign supplier of \(top) of \(rows.count) sectors.\n"
        if let m = manufacturing {
            out += "Manufacturing (the \(first.importer) sectors C…, output-weighted): \(first.source) supplies \(pct(m.faceValueShareOfImported)) of imported direct inputs at face value "
                + "and \(pct(m.lookThroughShareOfForeign)) of foreign input requirements looking through all tiers "
                + "(\(pct(m.faceValueShare)) of all direct inputs; \(pct(m.lookThroughShare)) of total requirements, of which \(pct(m.hiddenShare)) hidden in tiers 2+).\n"
        }
        for note in loaded.table.notes { out += "Note: \(note)\n" }
        if let p = loaded.provenance { out += "Source: \(p.citation). \(p.licence).\n" }
        return out
    }

    public static func detail(_ e: SectorExposure, exposure: ImporterExposure, column: Int, loaded: LoadedIOTable, top: Int) -> String {
        var out = "\(loaded.table.name)\n"
        out += "\(e.importer) \(e.sector)\(loaded.sectorNames[e.sector].map { " (\($0))" } ?? ""): exposure to \(e.source)\n"
        out += "Gross output \(money(e.grossOutput)); coefficients per unit of output, amounts in the table's unit (USD million).\n\n"
        var rows: [[String]] = []
        rows.append(["face value (tier 1, A)", ExposureNumberText.coef(e.faceValue), money(e.faceValueAmount), pct(e.faceValueShare), pct(e.faceValueShareOfImported)])
        for (k, t) in e.tiers.enumerated() where k > 0 {
            let name = k == e.tiers.count - 1 ? "tier \(k + 1)+ (remainder)" : "tier \(k + 1) (A^\(k + 1))"
            rows.append([name, ExposureNumberText.coef(t), money(t * e.grossOutput), pct(e.tierShares[k]), ""])
        }
        rows.append(["look-through (L − I)", ExposureNumberText.coef(e.lookThrough), money(e.lookThroughAmount), pct(e.lookThroughShare), pct(e.lookThroughShareOfForeign)])
        rows.append(["hidden (LT − FV, tiers 2+)", ExposureNumberText.coef(e.lookThrough - e.faceValue), money(e.hiddenAmount), pct(e.hiddenShare), ""])
        rows.append(["value added (v̂ L)", ExposureNumberText.coef(e.valueAdded), money(e.valueAddedAmount), pct(e.valueAdded), ""])
        out += render(rows, header: ["measure", "coefficient", "amount", "share of inputs", "share of foreign"], numeric: [1, 2, 3, 4])
        out += "\n(face value: shares of direct inputs; tiers and look-through: shares of total input requirements Σ_i (L − I)_ij)\n\n"
        let suppliers = ExposureRun.suppliers(exposure, column: column, top: top)
        out += "Top look-through foreign suppliers of \(e.importer) \(e.sector)\n"
        out += render(suppliers.map { [$0.region, pct($0.faceValueShare), pct($0.lookThroughShare), pct($0.hiddenShare), pct($0.valueAdded)] },
                      header: ["source", "face value", "look-through", "hidden", "VA"], numeric: [1, 2, 3, 4])
        for note in loaded.table.notes { out += "Note: \(note)\n" }
        if let p = loaded.provenance { out += "Source: \(p.citation). \(p.licence).\n" }
        return out
    }

    public static func csv(_ rows: [SectorExposure], tiers: Int) -> String {
        var header = ["importer", "sector", "source", "gross_output", "face_value", "look_through", "face_value_share", "look_through_share",
                      "hidden_share", "face_value_share_of_imported", "look_through_share_of_foreign"]
        header += (1...tiers).map { "tier\($0)\($0 == tiers ? "_plus" : "")_share" }
        header += ["value_added", "face_value_amount", "look_through_amount", "hidden_amount", "top_foreign_supplier"]
        var out = header.joined(separator: ",") + "\n"
        for e in rows {
            var f = [e.importer, e.sector, e.source].map(PanelOutput.csvField)
            f += [e.grossOutput, e.faceValue, e.lookThrough, e.faceValueShare, e.lookThroughShare, e.hiddenShare,
                  e.faceValueShareOfImported, e.lookThroughShareOfForeign].map { "\($0)" }
            f += e.tierShares.map { "\($0)" }
            f += [e.valueAdded, e.faceValueAmount, e.lookThroughAmount, e.hiddenAmount].map { "\($0)" }
            f.append(e.topForeignSupplier ?? "")
            out += f.joined(separator: ",") + "\n"
        }
        return out
    }
}

/// Number texts of the exposure tables.
enum ExposureNumberText {
    static func fixed1(_ v: Double) -> String { NumberText.printf(v, decimals: 1) }
    static func coef(_ v: Double) -> String { NumberText.printf(v, decimals: 5) }
}
