import DecoupleCore
import DecoupleMinerals
import DecoupleTrade

extension ReportBuilder {
    /// The rival's share of the reporter's goods trade, imports and exports, per year.
    /// - Parameter later: the reporter's trade by partner for years after `data` ends, in order
    ///   of preference (Census data fetched by `decouple data fetch census`: imports and exports;
    ///   USITC DataWeb 2020–2024: exports): the table and lines go on to their last year, each
    ///   figure labelled with the file it comes from; a flow no file has stays empty.
    func annualShares(_ data: TradeDataset?, later: [TradeDataset] = []) -> ReportSection {
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
        // Years after the bilateral file ends, from later files (fetched Census data: imports and
        // exports; USITC DataWeb: exports), the first file that has a flow for a year giving it.
        var labels = periods.map(\.description)
        var sources = [data.id]
        var chartSource = data.provenance.citation
        if let last = periods.last, !later.isEmpty {
            let laterCubes = later.map { d in
                (d, [FlowSelection.imports, .exports, .total].map { flow in
                    (flow, TradeCube(flows: d.flows, query: TradeQuery(reporter: r, flow: flow), countries: countries))
                })
            }
            let extra = Set(laterCubes.flatMap { $0.1.flatMap { $0.1.periods } }).filter { $0 > last }.sorted()
            var used: [String: (first: Period, last: Period)] = [:]
            var latest: [FlowSelection: (Period, PartnerShare, TradeDataset)] = [:]
            for p in extra {
                var row = [p.description]
                var totalRank = "–", ahead = "", totalValue = "–"
                for flow in [FlowSelection.imports, .exports, .total] {
                    var found: (PartnerShare, TradeDataset, TradeCube)?
                    for (d, cubes) in laterCubes {
                        let cube = cubes.first { $0.0 == flow }!.1
                        // The total needs both directions from the same file.
                        if flow == .total, !Set(d.flows.lazy.filter { $0.period == p }.map(\.direction)).isSuperset(of: [.imports, .exports]) { continue }
                        if let s = cube.share(of: v, period: p) { found = (s, d, cube); break }
                    }
                    series[flow, default: []].append(found?.0.share)
                    row.append(found.map { Fmt.pct($0.0.share) } ?? "–")
                    guard let (s, d, cube) = found else { continue }
                    used[d.id] = (used[d.id]?.first ?? p, p)
                    latest[flow] = (p, s, d)
                    figures.append(Figure(metric: .partnerShare, reporter: r, partner: v, flow: FigureFlow(rawValue: flow.rawValue), product: "TOTAL",
                                          period: p.description, value: s.share, unit: .fraction, source: d.id,
                                          note: s.basis == .reportedWorld ? nil : s.basis.rawValue))
                    figures.append(Figure(metric: .tradeValue, reporter: r, partner: v, flow: FigureFlow(rawValue: flow.rawValue), product: "TOTAL",
                                          period: p.description, value: s.partnerValue, unit: .usd, source: d.id))
                    if flow == .total {
                        let ranking = cube.partners(period: p)
                        if let rank = ranking.firstIndex(where: { $0.partner == v }) {
                            totalRank = "\(rank + 1)"
                            ahead = ranking.prefix(rank).map { name($0.partner) }.joined(separator: ", ")
                            figures.append(Figure(metric: .partnerRank, reporter: r, partner: v, flow: .total, product: "TOTAL",
                                                  period: p.description, value: Double(rank + 1), unit: .rank, source: d.id))
                        }
                        if let t = cube.total(period: p) { totalValue = Fmt.usd(t.value) }
                    }
                }
                rows.append(row + [totalRank, ahead, totalValue])
                labels.append(p.description)
            }
            for (d, _) in laterCubes {
                guard let span = used[d.id] else { continue }
                sources.append(d.id)
                chartSource += "; \(span.first)–\(span.last): " + d.provenance.citation
            }
            for flow in [FlowSelection.imports, .exports] {
                guard let (p, s, d) = latest[flow] else { continue }
                let cube = TradeCube(flows: d.flows, query: TradeQuery(reporter: r, flow: flow), countries: countries)
                let bridge = cube.share(of: v, period: last).map { " (\(last) in the same file: \(Fmt.pct($0.share)))" } ?? ""
                let missing = flow == .exports && latest[.imports] == nil ? "; imports by partner for these years are not in the data loaded" : ""
                findings.append("\(flow.rawValue.capitalized) after \(last) (\(d.provenance.source)): \(name(v)) took \(Fmt.pct(s.share)) of \(possessive(r)) \(flow.rawValue) in \(p)\(bridge)\(missing).")
            }
        }
        var line = LineChart(
            title: "\(possessive(v)) share of \(possessive(r)) goods trade",
            subtitle: "As reported by \(name(r)); imports CIF (US: customs value), exports FOB" + (policyMarkers(labels).isEmpty ? "" : "; dashed: measures (notes)"),
            xLabels: labels,
            series: [ChartSeries(name: "Total trade", values: series[.total] ?? []),
                     ChartSeries(name: "Imports", values: series[.imports] ?? []),
                     ChartSeries(name: "Exports", values: series[.exports] ?? [])],
            format: .percent(decimals: 1), source: chartSource)
        line.markers = policyMarkers(labels)
        let chart = Chart.line(line)
        let notes = markerKey(line.markers, chart: "the annual chart").map { [$0] } ?? []
        let table = ReportTable(
            title: "\(possessive(v)) share of \(possessive(r)) trade (reported by \(name(r)))",
            columns: ["Year", "Imports", "Exports", "Total trade", "Rank (total)", "Partners ahead", "\(name(r)) total trade"],
            numericColumns: [1, 2, 3, 4, 6], rows: rows, sources: sources)
        var section = ReportSection(id: id, title: title, findings: findings, figures: figures, tables: [table], charts: [chart])
        section.notes += notes
        return section
    }
}
