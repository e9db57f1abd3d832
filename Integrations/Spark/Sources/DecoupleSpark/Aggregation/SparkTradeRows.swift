import DecoupleCore
import DecoupleTrade

/// The rows of a trade source as the local readers keep them, written as one Spark SQL
/// subquery with the same columns for every layout:
///
/// | column | meaning |
/// | --- | --- |
/// | `yr` | year (INT) |
/// | `own_iso`, `own_code` | the side's reporter as the file writes it (alpha-3 text, numeric text) |
/// | `other_iso`, `other_code` | the partner, likewise |
/// | `product`, `cls` | the HS6 code (6 digits) and the Comtrade classification (`H5`; '' for BACI) |
/// | `value` | US dollars (DOUBLE) |
/// | `quantity` | metric tonnes, NULL when not reported |
///
/// BACI (`t,i,j,k,v,q`): every row is kept (reconciled flows count on both sides); `v` is in
/// thousand dollars, `q` is `NA` or empty when not reported, `k` regains its lost leading zero.
/// UN Comtrade: only `M` rows for imports and `X` rows for exports, only totals over transport
/// modes (`motCode` 0), customs procedures (`C00`) and second partners (`0`) where those columns
/// exist, only 6-digit HS lines; `netWgt` in kg. Country codes are mapped back to countries in
/// Swift, with the same tables as the local readers (``SparkCountryKeys``).
struct SparkTradeRows {
    let source: SparkTradeSource
    /// The source's column names (needed for Comtrade, whose spelling varies).
    let columnNames: [String]

    /// The subquery for one side (nil: both sides, for listing years).
    func subquery(side: TradeSide?) throws -> String {
        switch source.layout {
        case .baci: baci(side: side)
        case .comtrade: try comtrade(side: side)
        }
    }

    private func baci(side: TradeSide?) -> String {
        func text(_ c: String) -> String { "trim(CAST(\(c) AS STRING))" }
        func code(_ c: String) -> String { "CAST(CAST(\(text(c)) AS INT) AS STRING)" }
        let own = side == .exports ? "i" : "j", other = side == .exports ? "j" : "i"
        return """
        SELECT CAST(\(text("t")) AS INT) AS yr, '' AS own_iso, \(code(own)) AS own_code, \
        '' AS other_iso, \(code(other)) AS other_code, lpad(\(text("k")), 6, '0') AS product, '' AS cls, \
        CAST(\(text("v")) AS DOUBLE) * 1000 AS value, \
        CASE WHEN q IS NULL OR \(text("q")) IN ('', 'NA') THEN NULL ELSE CAST(\(text("q")) AS DOUBLE) END AS quantity \
        FROM \(source.relation)
        """
    }

    /// A Comtrade column found by name in any spelling (`refYear`, `ref_year`, `REFYEAR`).
    private func column(_ names: String...) -> String? {
        let keys = columnNames.map { $0.lowercased().filter { $0 != "_" && $0 != " " } }
        for n in names { if let i = keys.firstIndex(of: n) { return columnNames[i] } }
        return nil
    }

    private func comtrade(side: TradeSide?) throws -> String {
        func text(_ c: String) -> String { "CAST(\(SparkSQLText.identifier(c)) AS STRING)" }
        let year = column("refyear", "period"), flow = column("flowcode"), cmd = column("cmdcode")
        let value = column("primaryvalue")
        let reporterCode = column("reportercode"), reporterISO = column("reporteriso")
        let partnerCode = column("partnercode"), partnerISO = column("partneriso")
        var missing: [String] = []
        if year == nil { missing.append("refYear") }
        if flow == nil { missing.append("flowCode") }
        if reporterCode == nil && reporterISO == nil { missing.append("reporterCode") }
        if partnerCode == nil && partnerISO == nil { missing.append("partnerCode") }
        if cmd == nil { missing.append("cmdCode") }
        if value == nil { missing.append("primaryValue") }
        guard missing.isEmpty else {
            throw SparkTradeSourceError("not a UN Comtrade v1 source: \(source.location) lacks \(missing.joined(separator: ", ")) (found '\(columnNames.prefix(8).joined(separator: ","))')")
        }
        func raw(_ c: String?) -> String { c.map { "coalesce(\(text($0)), '')" } ?? "''" }
        let classification: String
        if let c = column("classificationcode") {
            classification = raw(c)
        } else if let edition = source.edition {
            classification = SparkSQLText.string(edition.comtradeCode)
        } else {
            throw SparkTradeSourceError("\(source.location) has no classificationCode column: give the HS edition (--spark-edition)")
        }
        let quantity = column("netwgt").map { c in
            "CASE WHEN \(text(c)) IS NULL OR \(text(c)) = '' THEN NULL ELSE CAST(\(text(c)) AS DOUBLE) / 1000 END"
        } ?? "CAST(NULL AS DOUBLE)"
        let product = text(cmd!)
        var conditions = [
            side.map { "\(text(flow!)) = \($0 == .imports ? "'M'" : "'X'")" } ?? "\(text(flow!)) IN ('M', 'X')",
            "length(\(product)) = 6 AND translate(\(product), '0123456789', '') = ''",
        ]
        for (names, total) in [(["motcode"], "0"), (["customscode"], "C00"), (["partner2code"], "0")] {
            if let c = column(names[0]) {
                conditions.append("(\(text(c)) IS NULL OR \(text(c)) IN ('', \(SparkSQLText.string(total))))")
            }
        }
        return """
        SELECT CAST(\(text(year!)) AS INT) AS yr, \(raw(reporterISO)) AS own_iso, \(raw(reporterCode)) AS own_code, \
        \(raw(partnerISO)) AS other_iso, \(raw(partnerCode)) AS other_code, \(product) AS product, \(classification) AS cls, \
        CAST(\(text(value!)) AS DOUBLE) AS value, \(quantity) AS quantity \
        FROM \(source.relation) WHERE \(conditions.joined(separator: " AND "))
        """
    }
}
