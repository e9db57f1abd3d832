import DecoupleCore
import DecoupleMinerals
import DecoupleTrade

extension ReportBuilder {
    /// The rival's share of the reporter's goods trade, imports and exports, per year.
    /// - Parameter laterExports: the reporter's exports by partner for years after `data` ends
    ///   (USITC DataWeb 2020–2024 for the US): the export column and line go on to its last year,
    ///   each figure labelled with that source; imports and total stay empty there (no file).
    func annualShares(_ data: TradeDataset?, laterExports: TradeDataset? = nil) -> ReportSection {
        let r = options.reporter, v = options.rival
        let id = "annual-shares", title = "\(possessive(v)) share of \(possessive(r)) goods trade, by year"
        guard let data else {
            return ReportSection(id: id, title: title, skippedBecause: "no annual bilateral dataset was loaded")
        }
        var cubes: [(FlowSelection, TradeCube)] = []
        for flow in [FlowSelection.imports, .exports, .total] {
            cubes.append((flow, TradeCube(flows: data.flows, query: TradeQuery(reporter: r, flow: flow), countries: countries)))
        }
        let periods = cubes[0].1.periods
        guard !periods.isEmpty else {
            return ReportSection(id: id, title: title, skippedBecause: "\(data.id) has no flows reported by \(name(r))")
        }
        var figures: [Figure] = []
        var rows: [[String]] = []
        var series: [FlowSelection: [Double?]] = [:]
        for p in periods {
            var row = [p.description]
            for (flow, cube) in cubes {
                let s = cube.share(of: v, period: p)
                series[flow, default: []].append(s?.share)
                row.append(s.map { Fmt.pct($0.share) } ?? "–")
                if let s {
                    figures.append(Figure(metric: .partnerShare, reporter: r, partner: v, flow: FigureFlow(rawValue: flow.rawValue),
                                          product: "TOTAL", period: p.description, value: s.share, unit: .fraction,
                                          source: data.id, note: s.basis == .reportedWorld ? nil : s.basis.rawValue))
                    figures.append(Figure(metric: .tradeValue, reporter: r, partner: v, flow: FigureFlow(rawValue: flow.rawValue),
                                          product: "TOTAL", period: p.description, value: s.partnerValue, unit: .usd,
                                          source: data.id))
                }
            }
            let total = cubes[2].1
            let ranking = total.partners(period: p)
            if let rank = ranking.firstIndex(where: { $0.partner == v }) {
                row.append("\(rank + 1)")
                figures.append(Figure(metric: .partnerRank, reporter: r, partner: v, flow: .total, product: "TOTAL",
                                      period: p.description, value: Double(rank + 1), unit: .rank, source: data.id))
                let ahead = ranking.prefix(rank).map { name($0.partner) }
                row.append(ahead.isEmpty ? "" : ahead.joined(separator: ", "))
            } else {
                row.append("–"); row.append("")
            }
            if let t = total.total(period: p) { row.append(Fmt.usd(t.value)) } else { row.append("–") }
            rows.append(row)
        }
        var findings: [String] = []
        let totalCube = cubes[2].1
        let shares = totalCube.shares(of: v)
        if let peak = shares.max(by: { $0.share < $1.share }), let last = shares.last, let first = shares.first {
            findings.append("\(name(v)) took \(Fmt.pct(first.share)) of \(possessive(r)) goods trade in \(first.period), peaked at \(Fmt.pct(peak.share)) in \(peak.period) and stood at \(Fmt.pct(last.share)) in \(last.period).")
        }
        let base = Period.year(options.baseYear)
        if let change = totalCube.shareChange(of: v, from: base, to: periods.last!), periods.last! > base {
            findings.append("From \(options.baseYear) to \(periods.last!): \(Fmt.pct(change.from.share)) → \(Fmt.pct(change.to.share)) (\(Fmt.pp(change.change))) of total trade.")
            figures.append(Figure(metric: .shareChange, reporter: r, partner: v, flow: .total, product: "TOTAL",
                                  period: "\(options.baseYear)..\(periods.last!)", value: change.change,
                                  unit: .fractionPoints, source: data.id))
            for flow in [FlowSelection.imports, .exports] {
                let cube = cubes.first { $0.0 == flow }!.1
                if let c = cube.shareChange(of: v, from: base, to: periods.last!) {
                    findings.append("\(flow.rawValue.capitalized): \(Fmt.pct(c.from.share)) → \(Fmt.pct(c.to.share)) (\(Fmt.pp(c.change))).")
                    figures.append(Figure(metric: .shareChange, reporter: r, partner: v, flow: FigureFlow(rawValue: flow.rawValue), product: "TOTAL",
                                          period: "\(options.baseYear)..\(periods.last!)", value: c.change,
                                          unit: .fractionPoints, source: data.id))
                }
            }
        }
        // The export side after the bilateral file ends, from a later exports file.
        var labels = periods.map(\.description)
        var sources = [data.id]
        var chartSource = data.provenance.citation
        if let later = laterExports, let last = periods.last {
            let cube = TradeCube(flows: later.flows, query: TradeQuery(reporter: r, flow: .exports), countries: countries)
            let extra = cube.periods.filter { $0 > last }
            for p in extra {
                let s = cube.share(of: v, period: p)
                series[.exports, default: []].append(s?.share)
                series[.imports, default: []].append(nil)
                series[.total, default: []].append(nil)
                labels.append(p.description)
                rows.append([p.description, "–", s.map { Fmt.pct($0.share) } ?? "–", "–", "–", "", "–"])
                if let s {
                    figures.append(Figure(metric: .partnerShare, reporter: r, partner: v, flow: .exports, product: "TOTAL",
                                          period: p.description, value: s.share, unit: .fraction, source: later.id,
                                          note: s.basis == .reportedWorld ? nil : s.basis.rawValue))
                    figures.append(Figure(metric: .tradeValue, reporter: r, partner: v, flow: .exports, product: "TOTAL",
                                          period: p.description, value: s.partnerValue, unit: .usd, source: later.id))
                }
            }
            if let lastExtra = extra.last, let s = cube.share(of: v, period: lastExtra) {
                let bridge = cube.share(of: v, period: last).map { " (\(last) in the same file: \(Fmt.pct($0.share)))" } ?? ""
                findings.append("Exports after \(last) (\(later.provenance.source)): \(name(v)) took \(Fmt.pct(s.share)) of \(possessive(r)) exports in \(lastExtra)\(bridge); imports by partner for these years are not in the bundled data.")
                sources.append(later.id)
                chartSource += "; exports \(extra.first!)–\(lastExtra): " + later.provenance.citation
            }
        }
        let chart = Chart.line(LineChart(
            title: "\(possessive(v)) share of \(possessive(r)) goods trade",
            subtitle: "As reported by \(name(r)); imports CIF (US: customs value), exports FOB",
            xLabels: labels,
            series: [ChartSeries(name: "Total trade", values: series[.total] ?? []),
                     ChartSeries(name: "Imports", values: series[.imports] ?? []),
                     ChartSeries(name: "Exports", values: series[.exports] ?? [])],
            format: .percent(decimals: 1), source: chartSource))
        let table = ReportTable(
            title: "\(possessive(v)) share of \(possessive(r)) trade (reported by \(name(r)))",
            columns: ["Year", "Imports", "Exports", "Total trade", "Rank (total)", "Partners ahead", "\(name(r)) total trade"],
            numericColumns: [1, 2, 3, 4, 6], rows: rows, sources: sources)
        return ReportSection(id: id, title: title, findings: findings, figures: figures, tables: [table], charts: [chart])
    }
}
