import DecoupleCore
import DecoupleTrade

/// A ``TradeAggregationQuery`` as one Spark SQL statement over a ``SparkTradeRows`` subquery.
///
/// Filters on years, products and (for BACI) countries run in Spark; so do the group-by and
/// the sums. Spark groups by the codes as the file writes them; ``SparkAggregateReader`` maps
/// them to countries and products and merges groups that mean the same country (two codes of
/// one country), so the result is the local engine's. A taxonomy selection
/// (``ProductFilter/groups(_:)``) is an inline `VALUES` table joined on the product code: a row
/// that matches several members counts once per member, weighted, as in the local engine.
struct TradeAggregationSQL {
    let query: TradeAggregationQuery
    let rows: SparkTradeRows
    let countries: SparkCountryKeys

    /// The output columns, in order.
    enum Column: String {
        case year, reporterISO = "reporter_iso", reporterCode = "reporter_code", partnerISO = "partner_iso"
        case partnerCode = "partner_code", product, classification, chain, stage, value, quantity
        case rowCount = "row_count"
    }

    /// Taxonomy members that can match this source (BACI has one edition).
    var members: [ProductGroupMember]? {
        guard case .groups(let all) = query.products else { return nil }
        guard rows.source.layout == .baci, let edition = rows.source.edition else { return all }
        return all.filter { $0.edition == nil || $0.edition == edition }
    }

    /// Keys that Spark groups by: the grouped dimensions, plus the country codes needed to
    /// filter exactly in Swift.
    var groupsReporter: Bool { query.groupBy.contains(.reporter) || (query.reporters != nil && !countries.filterIsExact) }
    var groupsPartner: Bool { query.groupBy.contains(.partner) || (query.partners != nil && !countries.filterIsExact) }
    var groupsChainStage: (chain: Bool, stage: Bool) {
        guard members != nil else { return (false, false) }
        return (query.groupBy.contains(.chain), query.groupBy.contains(.stage))
    }

    /// The statement; nil when no row can match (an empty taxonomy selection), so Spark need
    /// not be asked.
    func statement() throws -> String? {
        var keys: [(expr: String, column: Column)] = []
        if query.groupBy.contains(.year) { keys.append(("r.yr", .year)) }
        if groupsReporter { keys += [("r.own_iso", .reporterISO), ("r.own_code", .reporterCode)] }
        if groupsPartner { keys += [("r.other_iso", .partnerISO), ("r.other_code", .partnerCode)] }
        if query.groupBy.contains(.product) { keys += [("r.product", .product), ("r.cls", .classification)] }
        let (byChain, byStage) = groupsChainStage
        if byChain { keys.append(("m.chain", .chain)) }
        if byStage { keys.append(("m.stage", .stage)) }

        let weight = members == nil ? "" : "m.weight * "
        let select = keys.map { "\($0.expr) AS \($0.column.rawValue)" } + [
            "SUM(\(weight)r.value) AS value",
            "SUM(CASE WHEN r.quantity IS NULL THEN 0 ELSE \(weight)r.quantity END) AS quantity",
            "COUNT(*) AS row_count",
        ]
        var from = "(\(try rows.subquery(side: query.side))) r"
        if let members {
            guard !members.isEmpty else { return nil }
            let values = members.map { m in
                let cls = rows.source.layout == .comtrade ? m.edition.map { SparkSQLText.string($0.comtradeCode) } : nil
                return "(\(SparkSQLText.string(m.code)), \(cls ?? "CAST(NULL AS STRING)"), \(SparkSQLText.string(m.chain)), "
                    + "\(SparkSQLText.string(m.stage)), \(SparkSQLText.double(m.weight)))"
            }
            from += " JOIN (VALUES \(values.joined(separator: ", "))) AS m(code, cls, chain, stage, weight)"
                + " ON r.product = m.code AND (m.cls IS NULL OR r.cls = m.cls)"
        }
        var conditions: [String] = []
        if let years = query.years { conditions.append(SparkSQLText.isIn("r.yr", years.sorted())) }
        if let reporters = query.reporters {
            conditions.append(countries.condition(iso: "r.own_iso", code: "r.own_code", countries: reporters))
        }
        if let partners = query.partners {
            conditions.append(countries.condition(iso: "r.other_iso", code: "r.other_code", countries: partners))
        }
        if case .prefixes(let prefixes) = query.products {
            conditions.append(prefixes.isEmpty ? "1 = 0" : "(" + prefixes.map {
                "substring(r.product, 1, \($0.count)) = \(SparkSQLText.string($0))"
            }.joined(separator: " OR ") + ")")
        }
        var sql = "SELECT \(select.joined(separator: ", ")) FROM \(from)"
        if !conditions.isEmpty { sql += " WHERE " + conditions.joined(separator: " AND ") }
        if !keys.isEmpty { sql += " GROUP BY " + keys.map(\.expr).joined(separator: ", ") }
        return sql
    }

    /// The statement that lists the years of the source.
    func yearsStatement() throws -> String {
        "SELECT DISTINCT r.yr AS year FROM (\(try rows.subquery(side: nil))) r ORDER BY year"
    }
}
