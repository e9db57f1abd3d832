import DecoupleCore
import DecoupleMinerals
import DecoupleTrade

extension ReportBuilder {
    /// The rival's share of the reporter's imports by HS2 chapter and year; the chapters
    /// where it fell most; and which partners gained.
    func chapterShares(_ data: TradeDataset?) -> ReportSection {
        let r = options.reporter, v = options.rival
        let id = "chapters", title = "Which products moved, and who gained"
        guard let data else {
            return ReportSection(id: id, title: title, skippedBecause: "no chapter-level dataset was loaded")
        }
        let byChapter = TradeCube(flows: data.flows, query: TradeQuery(reporter: r, flow: .imports, productLevel: .hs2, annual: true), countries: countries)
        // All products, less gold unless asked (GoldExclusion): "who gained" and the rival's overall change.
        let level = GoldExclusion.level(of: data)
        let excluded = options.includeGold ? [] : GoldExclusion.prefixes(level: level)
        let all = TradeCube(flows: data.flows, query: TradeQuery(reporter: r, flow: .imports, annual: true, excluding: excluded), countries: countries)
        let complete = all.periods.filter { all.isComplete($0) }
        let base = Period.year(options.baseYear)
        guard all.value(v, period: base) > 0, let end = complete.last, end > base else {
            return ReportSection(id: id, title: title,
                                 skippedBecause: "\(data.id) has no \(possessive(r)) imports from \(name(v)) in \(options.baseYear) and a later complete year")
        }
        let span = "\(options.baseYear)..\(end)"
        var figures: [Figure] = []
        var findings: [String] = []
        var charts: [Chart] = []
        func chapterName(_ code: String) -> String {
            (data.productNames[code] ?? "").capitalized
        }

        // Shares by chapter and year.
        let periods = byChapter.periods
        var matrix: [[String]] = []
        for chapter in byChapter.productGroups {
            var row = [chapter, chapterName(chapter)]
            for p in periods {
                if let s = byChapter.share(of: v, period: p, product: chapter) {
                    row.append(Fmt.pct(s.share))
                    figures.append(Figure(metric: .partnerShare, reporter: r, partner: v, flow: .imports, product: chapter,
                                          period: p.description, value: s.share, unit: .fraction, source: data.id,
                                          note: (s.months ?? 12) < 12 ? "\(s.months!) months only" : nil))
                } else { row.append("–") }
            }
            matrix.append(row)
        }

        // Largest falls, among chapters that matter (at least 0.1% of the rival's imports in the base year).
        let rivalBase = all.value(v, period: base)
        let changes = byChapter.shareChangesByProduct(of: v, from: base, to: end)
            .filter { $0.from.partnerValue >= rivalBase * 0.001 }
        let falls = Array(changes.prefix(options.topCount))
        var fallRows: [[String]] = []
        for c in falls {
            let gainers = byChapter.shareShift(from: base, to: end, product: c.product).filter { $0.partner != v }
            let top = gainers.prefix(3).filter { $0.change > 0 }
                .map { "\(name($0.partner)) \(Fmt.pp($0.change))" }.joined(separator: ", ")
            fallRows.append([c.product, chapterName(c.product), Fmt.usd(c.from.partnerValue), Fmt.usd(c.to.partnerValue),
                             Fmt.pct(c.from.share), Fmt.pct(c.to.share), Fmt.pp(c.change), top])
            figures.append(Figure(metric: .shareChange, reporter: r, partner: v, flow: .imports, product: c.product,
                                  period: span, value: c.change, unit: .fractionPoints, source: data.id))
        }
        if let worst = falls.first {
            findings.append("\(possessive(v)) share fell most in chapter \(worst.product) (\(chapterName(worst.product))): \(Fmt.pct(worst.from.share)) → \(Fmt.pct(worst.to.share)) from \(options.baseYear) to \(end).")
        }
        charts.append(.bar(BarChart(
            title: "Change in \(possessive(v)) share of \(possessive(r)) imports, \(options.baseYear)–\(end), largest falls",
            subtitle: "HS2 chapters with at least 0.1% of \(options.baseYear) imports from \(name(v))",
            labels: falls.map { "\($0.product) \(chapterName($0.product))" }, values: falls.map(\.change),
            format: .percentagePoints(decimals: 1), source: data.provenance.citation)))

        // Who gained, all products.
        let shift = all.shareShift(from: base, to: end)
        let rivalChange = shift.first { $0.partner == v }
        let gainers = shift.filter { $0.partner != v && $0.change > 0 }.prefix(options.topCount)
        var shiftRows: [[String]] = []
        for c in shift.filter({ $0.partner == v }) + gainers {
            shiftRows.append([name(c.partner), Fmt.usd(c.from.partnerValue), Fmt.usd(c.to.partnerValue),
                              Fmt.pct(c.from.share), Fmt.pct(c.to.share), Fmt.pp(c.change)])
            figures.append(Figure(metric: .shareChange, reporter: r, partner: c.partner, flow: .imports, product: "TOTAL",
                                  period: span, value: c.change, unit: .fractionPoints, source: data.id))
        }
        if let rivalChange {
            let names = gainers.prefix(4).map { "\(name($0.partner)) (\(Fmt.pp($0.change)))" }.joined(separator: ", ")
            findings.append("\(possessive(v)) share of \(possessive(r)) imports moved \(Fmt.pp(rivalChange.change)) from \(options.baseYear) to \(end); the largest gains went to \(names).")
        }
        charts.append(.bar(BarChart(
            title: "Who gained: change in partner shares of \(possessive(r)) imports, \(options.baseYear)–\(end)",
            subtitle: options.includeGold ? "All products; partners in the data" : "All products except gold; partners in the data",
            labels: (shift.filter { $0.partner == v } + gainers).map { name($0.partner) },
            values: (shift.filter { $0.partner == v } + gainers).map(\.change),
            format: .percentagePoints(decimals: 1), source: data.provenance.citation)))

        let last = periods.last.map { all.isComplete($0) ? "" : " (\($0): \(all.monthsCovered[$0.year] ?? 0) months)" } ?? ""
        var section = ReportSection(id: id, title: title, findings: findings, figures: figures, tables: [
            ReportTable(title: "Chapters where \(possessive(v)) share of \(possessive(r)) imports fell most, \(options.baseYear)–\(end)",
                        columns: ["HS2", "Chapter", "From \(name(v)) \(options.baseYear)", "From \(name(v)) \(end)",
                                  "Share \(options.baseYear)", "Share \(end)", "Change", "Largest gainers"],
                        numericColumns: [2, 3, 4, 5, 6], rows: fallRows, sources: [data.id]),
            ReportTable(title: "Who gained \(name(r)) import share, \(options.baseYear)–\(end) (all products\(options.includeGold ? "" : " except gold"))",
                        columns: ["Partner", "Imports \(options.baseYear)", "Imports \(end)", "Share \(options.baseYear)", "Share \(end)", "Change"],
                        numericColumns: [1, 2, 3, 4, 5], rows: shiftRows, sources: [data.id]),
            ReportTable(title: "\(possessive(v)) share of \(possessive(r)) imports by HS2 chapter\(last)",
                        columns: ["HS2", "Chapter"] + periods.map(\.description),
                        numericColumns: Set(2..<(2 + periods.count)), rows: matrix, sources: [data.id]),
        ], charts: charts)
        if !options.includeGold { section.notes = ["Who gained, and \(possessive(v)) change over all products: \(GoldExclusion.note(level: level))."] }
        return section
    }
}
