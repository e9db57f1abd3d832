import DecoupleCore
import DecoupleTrade

/// Turns Spark's answer to a ``TradeAggregationSQL`` statement into the rows of a
/// ``TradeAggregate``: codes become countries and products, the exact country filters are
/// applied, and groups that mean the same keys are merged.
struct SparkAggregateReader {
    let sql: TradeAggregationSQL

    private struct Key: Hashable {
        var year: Int?, reporter: Country?, partner: Country?, product: ProductCode?, chain: String?, stage: String?
    }

    private struct Sum {
        var value = 0.0, quantity = 0.0, count = 0
    }

    func rows(of table: ArrowTable) throws -> [TradeAggregateRow] {
        typealias C = TradeAggregationSQL.Column
        func column(_ c: C) throws -> ArrowColumn {
            guard let col = table.column(c.rawValue) else {
                throw SparkConnectError.malformedResult("the result lacks the column \(c.rawValue) (found \(table.columns.map(\.name)))")
            }
            return col
        }
        let query = sql.query
        let grouped = Set(query.groupBy)
        let value = try column(.value), quantity = try column(.quantity), count = try column(.rowCount)
        let year = grouped.contains(.year) ? try column(.year) : nil
        let reporter = sql.groupsReporter ? (try column(.reporterISO), try column(.reporterCode)) : nil
        let partner = sql.groupsPartner ? (try column(.partnerISO), try column(.partnerCode)) : nil
        let product = grouped.contains(.product) ? (try column(.product), try column(.classification)) : nil
        let (byChain, byStage) = sql.groupsChainStage
        let chain = byChain ? try column(.chain) : nil
        let stage = byStage ? try column(.stage) : nil
        let reporterSet = query.reporters.map(Set.init), partnerSet = query.partners.map(Set.init)
        let source = sql.rows.source

        var sums: [Key: Sum] = [:]
        var order: [Key] = []
        for r in 0..<table.rowCount {
            let n = count.int(r) ?? 0
            guard n > 0 else { continue }  // the one row of an ungrouped query over no rows
            var key = Key()
            if let year {
                guard let y = year.int(r) else { throw SparkConnectError.malformedResult("a group has no year") }
                key.year = y
            }
            if let (iso, code) = reporter {
                let c = try sql.countries.country(iso: iso.string(r), code: code.string(r))
                if let reporterSet, !reporterSet.contains(c) { continue }
                if grouped.contains(.reporter) { key.reporter = c }
            }
            if let (iso, code) = partner {
                let c = try sql.countries.country(iso: iso.string(r), code: code.string(r))
                if let partnerSet, !partnerSet.contains(c) { continue }
                if grouped.contains(.partner) { key.partner = c }
            }
            if let (code, cls) = product {
                let text = code.string(r) ?? ""
                let edition = source.layout == .baci ? source.edition : cls.string(r).flatMap { ComtradeReader.edition(comtradeCode: $0) }
                guard edition != nil || source.layout == .baci else {
                    throw SparkTradeSourceError("product \(text) has the classification '\(cls.string(r) ?? "NULL")', expected H0–H6")
                }
                do { key.product = try ProductCode(text, edition: edition) } catch {
                    throw SparkTradeSourceError("Spark returned the product code '\(text)', which is not an HS code")
                }
            }
            if grouped.contains(.chain) { key.chain = chain?.string(r) ?? "" }
            if grouped.contains(.stage) { key.stage = stage?.string(r) ?? "" }
            if sums[key] == nil { order.append(key) }
            sums[key, default: Sum()].value += value.double(r) ?? 0
            sums[key, default: Sum()].quantity += quantity.double(r) ?? 0
            sums[key, default: Sum()].count += n
        }
        return order.map { k in
            let s = sums[k]!
            return TradeAggregateRow(year: k.year, reporter: k.reporter, partner: k.partner, product: k.product,
                                     chain: k.chain, stage: k.stage, value: s.value, quantity: s.quantity, rowCount: s.count)
        }
    }
}
