import DecoupleCore
import DecoupleMinerals
import DecoupleScenarios
import DecoupleTrade

extension ReportBuilder {
    /// The latest product cross-section: what the reporter still buys from the rival at HS6,
    /// and where the rival's share is highest.
    func productCrossSection(_ data: TradeDataset?, taxonomy: StrategicTaxonomy? = nil, names: [String: String] = [:]) -> ReportSection {
        let r = options.reporter, v = options.rival
        let id = "products", title = "Product detail (HS6)"
        guard let data else {
            return ReportSection(id: id, title: title, skippedBecause: "no product cross-section was loaded")
        }
        let cube = TradeCube(flows: data.flows, query: TradeQuery(reporter: r, flow: .imports, productLevel: .hs6), countries: countries)
        // Partner totals and ranks, less gold unless asked (GoldExclusion).
        let level = GoldExclusion.level(of: data)
        let excluded = options.includeGold ? [] : GoldExclusion.prefixes(level: level)
        let totals = TradeCube(flows: data.flows, query: TradeQuery(reporter: r, flow: .imports, excluding: excluded), countries: countries)
        guard let period = cube.periods.last, totals.value(v, period: period) > 0 else {
            return ReportSection(id: id, title: title, skippedBecause: "\(data.id) has no \(possessive(r)) imports from \(name(v))")
        }
        var figures: [Figure] = []
        var findings: [String] = []
        let basisNote = "denominator: \(DenominatorBasis.sumOfPartners.rawValue)"

        // Partners overall.
        let top = totals.topPartners(period: period, k: options.topCount)
        let partnerRows = top.map { [name($0.partner), Fmt.usd($0.partnerValue), Fmt.pct($0.share)] }
        for s in top {
            figures.append(Figure(metric: .partnerShare, reporter: r, partner: s.partner, flow: .imports, product: "TOTAL",
                                  period: period.description, value: s.share, unit: .fraction, source: data.id,
                                  note: s.basis == .reportedWorld ? nil : basisNote))
        }
        let partnerCount = totals.partners(period: period).count
        if let rivalShare = totals.share(of: v, period: period) {
            let rank = (totals.partners(period: period).firstIndex { $0.partner == v } ?? 0) + 1
            findings.append("In \(period), \(name(v)) supplied \(Fmt.usd(rivalShare.partnerValue)) of \(possessive(r)) imports, \(Fmt.pct(rivalShare.share)) of imports from the \(partnerCount) partners in the data (rank \(rank)).")
        }

        // Products bought from the rival.
        var lines: [(code: String, value: Double, share: Double)] = []
        for code in cube.productGroups {
            guard let s = cube.share(of: v, period: period, product: code), s.partnerValue > 0 else { continue }
            lines.append((code, s.partnerValue, s.share))
        }
        let byValue = lines.sorted { $0.value != $1.value ? $0.value > $1.value : $0.code < $1.code }
        let edition = data.flows.first { $0.product.edition != nil }?.product.edition ?? .hs2022
        func chains(_ code: String) -> String {
            guard let taxonomy else { return "" }
            return Set(taxonomy.matches(for: code, edition: edition).map { "\($0.chain)/\($0.stage)" }).sorted().joined(separator: ", ")
        }
        func label(_ code: String) -> String {
            if let n = names[code] { return String(n.prefix(60)) }
            // Census codes outside the HS nomenclature (chapters 98–99: returned goods, low-value estimates …).
            switch code {
            case "999995": return "Census: estimated low-value shipments (not classified)"
            case "980100": return "Census: US goods returned (chapter 98)"
            default: return code.hasPrefix("98") || code.hasPrefix("99") ? "Census special provision (chapter \(code.prefix(2)))" : ""
            }
        }
        let productRows = byValue.prefix(options.topCount * 2).map { [$0.code, label($0.code), Fmt.usd($0.value), Fmt.pct($0.share), chains($0.code)] }
        for l in byValue.prefix(options.topCount * 2) {
            figures.append(Figure(metric: .partnerShare, reporter: r, partner: v, flow: .imports, product: l.code,
                                  period: period.description, value: l.share, unit: .fraction, source: data.id, note: basisNote))
        }
        let dominant = lines.filter { $0.share >= 0.5 }
        let dominantValue = dominant.reduce(0) { $0 + $1.value }
        findings.append("\(dominant.count) of \(lines.count) HS6 lines bought from \(name(v)) come mostly (≥ 50%) from \(name(v)); together \(Fmt.usd(dominantValue)).")
        figures.append(Figure(metric: .dominatedProductLines, reporter: r, partner: v, flow: .imports, product: "HS6",
                              period: period.description, value: Double(dominant.count), unit: .count, source: data.id,
                              note: "HS6 lines where the partner's share is at least 50% (\(basisNote))"))
        let dominantRows = dominant.sorted { $0.value > $1.value }.prefix(options.topCount * 2)
            .map { [$0.code, label($0.code), Fmt.usd($0.value), Fmt.pct($0.share), chains($0.code)] }

        let chart = Chart.bar(BarChart(
            title: "Largest \(possessive(r)) imports from \(name(v)) in \(period), HS6",
            subtitle: "Value of imports for consumption",
            labels: byValue.prefix(15).map(\.code), values: byValue.prefix(15).map(\.value),
            format: .usd, source: data.provenance.citation))
        var section = ReportSection(id: id, title: title, findings: findings, figures: figures, tables: [
            ReportTable(title: "Largest partners, \(period) (share of imports from the partners in the data\(options.includeGold ? "" : ", except gold"))",
                        columns: ["Partner", "Imports", "Share"], numericColumns: [1, 2], rows: partnerRows, sources: [data.id]),
            ReportTable(title: "Largest HS6 imports from \(name(v)), \(period)",
                        columns: ["HS6", "Product", "From \(name(v))", "\(name(v)) share", "Strategic chain/stage"], numericColumns: [2, 3],
                        rows: productRows, sources: [data.id] + (taxonomy == nil ? [] : ["taxonomy"])),
            ReportTable(title: "HS6 lines where \(name(v)) supplies at least half, \(period), largest first",
                        columns: ["HS6", "Product", "From \(name(v))", "\(name(v)) share", "Strategic chain/stage"], numericColumns: [2, 3],
                        rows: dominantRows, sources: [data.id] + (taxonomy == nil ? [] : ["taxonomy"])),
        ], charts: [chart])
        section.notes = ["Partner totals, shares and ranks: \(options.includeGold ? "gold included (--include-gold)" : GoldExclusion.note(level: level))."]
        for a in totals.partnerAggregates(period: period) {
            let listed = (CountryGroup.group(a.aggregate)?.members(in: period.year) ?? [])
                .filter { totals.value($0, period: period) > 0 }.map { countries.name($0) }.sorted()
            section.notes.append("\(name(a.aggregate)) is one partner (not all its members are listed in \(data.id))"
                + (listed.isEmpty ? "." : "; \(listed.joined(separator: ", ")), listed beside it, \(listed.count == 1 ? "is" : "are") counted once in the total."))
        }
        return section
    }
}
