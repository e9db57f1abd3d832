import DecoupleCore
import DecoupleMinerals
import DecoupleTrade

extension ReportBuilder {
    /// The rival's monthly share of the reporter's imports (from chapter data with a world
    /// total) and the monthly values of trade with the rival.
    func monthlyShares(_ chapters: TradeDataset?, _ withRival: TradeDataset?) -> ReportSection {
        let r = options.reporter, v = options.rival
        let id = "monthly", title = "Month by month"
        var figures: [Figure] = []
        var charts: [Chart] = []
        var findings: [String] = []
        var tables: [ReportTable] = []
        var markerNotes: [String] = []

        if let chapters {
            let cube = TradeCube(flows: chapters.flows, query: TradeQuery(reporter: r, flow: .imports), countries: countries)
            let shares = cube.shares(of: v)
            if !shares.isEmpty {
                for s in shares {
                    figures.append(Figure(metric: .partnerShare, reporter: r, partner: v, flow: .imports, product: "TOTAL",
                                          period: s.period.description, value: s.share, unit: .fraction, source: chapters.id,
                                          note: "sum of HS2 chapters"))
                }
                let labels = shares.map(\.period.description)
                var line = LineChart(
                    title: "\(possessive(v)) share of \(possessive(r)) imports, monthly",
                    subtitle: "Customs value, all HS2 chapters" + (policyMarkers(labels).isEmpty ? "" : "; dashed: measures aimed at \(name(v)) (notes)"),
                    xLabels: labels,
                    series: [ChartSeries(name: "\(name(v)) share", values: shares.map(\.share))],
                    format: .percent(decimals: 1), source: chapters.provenance.citation)
                line.markers = policyMarkers(labels)
                charts.append(.line(line))
                if let key = markerKey(line.markers, chart: "the monthly chart") { markerNotes.append(key) }
                let annual = TradeCube(flows: chapters.flows, query: TradeQuery(reporter: r, flow: .imports, annual: true), countries: countries)
                var rows: [[String]] = []
                for s in annual.shares(of: v) {
                    let months = s.months ?? 12
                    rows.append([s.period.description + (months < 12 ? " (\(months) months)" : ""),
                                 Fmt.usd(s.partnerValue), Fmt.usd(s.totalValue), Fmt.pct(s.share)])
                    figures.append(Figure(metric: .partnerShare, reporter: r, partner: v, flow: .imports, product: "TOTAL",
                                          period: s.period.description, value: s.share, unit: .fraction, source: chapters.id,
                                          note: months < 12 ? "\(months) months only" : nil))
                }
                tables.append(ReportTable(title: "\(possessive(v)) share of \(possessive(r)) imports (Census, summed from months)",
                                          columns: ["Year", "From \(name(v))", "From the world", "Share"],
                                          numericColumns: [1, 2, 3], rows: rows, sources: [chapters.id]))
                if let lo = shares.min(by: { $0.share < $1.share }), let hi = shares.max(by: { $0.share < $1.share }) {
                    findings.append("Monthly, \(possessive(v)) share of \(possessive(r)) imports ranged from \(Fmt.pct(lo.share)) (\(lo.period)) to \(Fmt.pct(hi.share)) (\(hi.period)).")
                }
            }
        }
        if let withRival {
            let mCube = TradeCube(flows: withRival.flows, query: TradeQuery(reporter: r, flow: .imports), countries: countries)
            let xCube = TradeCube(flows: withRival.flows, query: TradeQuery(reporter: r, flow: .exports), countries: countries)
            let periods = mCube.periods
            if !periods.isEmpty, withRival.flows.contains(where: { $0.partner == v }) {
                let imports = periods.map { mCube.value(v, period: $0) }
                let exports = periods.map { xCube.value(v, period: $0) }
                charts.append(.line(LineChart(
                    title: "\(possessive(r)) goods trade with \(name(v)), monthly",
                    subtitle: "Exports FAS, general imports at customs value, not seasonally adjusted",
                    xLabels: periods.map(\.description),
                    series: [ChartSeries(name: "Imports from \(name(v))", values: imports),
                             ChartSeries(name: "Exports to \(name(v))", values: exports)],
                    format: .usd, source: withRival.provenance.citation)))
                for (i, p) in periods.enumerated() {
                    figures.append(Figure(metric: .tradeValue, reporter: r, partner: v, flow: .imports, product: "TOTAL",
                                          period: p.description, value: imports[i], unit: .usd, source: withRival.id))
                    figures.append(Figure(metric: .tradeValue, reporter: r, partner: v, flow: .exports, product: "TOTAL",
                                          period: p.description, value: exports[i], unit: .usd, source: withRival.id))
                }
            }
        }
        if figures.isEmpty {
            return ReportSection(id: id, title: title,
                                 skippedBecause: "the monthly datasets cover US imports (and US trade with China) only; none matches \(name(r)) and \(name(v))")
        }
        var section = ReportSection(id: id, title: title, findings: findings, figures: figures, tables: tables, charts: charts)
        section.notes += markerNotes
        return section
    }
}
