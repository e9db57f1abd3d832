import DecoupleCore
import DecoupleMinerals
import DecoupleTrade

extension ReportBuilder {
    /// The product cross-section grouped by strategic chain and stage: how much of each stage
    /// the reporter still buys from the rival, and who supplies most.
    func strategicChains(_ data: TradeDataset?, taxonomy: StrategicTaxonomy?) -> ReportSection {
        let r = options.reporter, v = options.rival
        let id = "chains", title = "Strategic supply chains, by stage (HS6)"
        guard let data, let taxonomy else {
            return ReportSection(id: id, title: title, skippedBecause: data == nil ? "no product cross-section was loaded" : "no taxonomy was loaded")
        }
        guard let imports = StrategicImports(data: data, taxonomy: taxonomy, reporter: r, countries: countries) else {
            return ReportSection(id: id, title: title, skippedBecause: "\(data.id) has no \(possessive(r)) imports")
        }
        let period = imports.period, edition = imports.edition
        var rows: [[String]] = []
        var figures: [Figure] = []
        var chartLabels: [String] = [], chartValues: [Double] = []
        // The headline count: stages whose imports reach the minimum, and those at least half from the rival.
        let minimum = options.minimumStageValue
        var counted = 0, below = 0
        var mostly: [String] = []
        let arenaOrder = Dictionary(uniqueKeysWithValues: Arena.allCases.enumerated().map { ($1, $0) })
        for chain in taxonomy.chains.sorted(by: { (arenaOrder[$0.arena]!, $0.id) < (arenaOrder[$1.arena]!, $1.id) }) {
            for stage in chain.stages {
                let codes = imports.codes(chain: chain.id, stage: stage.id)
                guard !codes.isEmpty else { continue }
                let trade = imports.trade(chain: chain.id, stage: stage.id)
                guard let share = trade.share(of: v) else { continue }
                let total = trade.total, fromRival = trade.value(v)
                let top = trade.largestPartner
                let shared = stage.products.contains { $0.shared && !($0.codes[edition] ?? []).isEmpty }
                let weighted = stage.products.contains { $0.weight?[edition].map { $0 < 1 } ?? false }
                let notes = [shared ? "shared HS lines" : nil, weighted ? "weighted lines" : nil].compactMap { $0 }.joined(separator: ", ")
                rows.append([chain.arena.rawValue, chain.name, "\(stage.name) (\(stage.level.rawValue))", "\(codes.count)",
                             Fmt.usd(total), Fmt.usd(fromRival), Fmt.pct(share),
                             top.map { "\(name($0.partner)) \(Fmt.pct($0.value / total))" } ?? "–", notes])
                let product = "\(chain.id)/\(stage.id)"
                figures.append(Figure(metric: .partnerShare, reporter: r, partner: v, flow: .imports, product: product,
                                      period: period.description, value: share, unit: .fraction, source: data.id,
                                      note: "taxonomy stage, \(edition.rawValue) codes; denominator: \(DenominatorBasis.sumOfPartners.rawValue)\(notes.isEmpty ? "" : "; " + notes)"))
                figures.append(Figure(metric: .tradeValue, reporter: r, partner: v, flow: .imports, product: product,
                                      period: period.description, value: fromRival, unit: .usd, source: data.id))
                if total >= minimum {
                    counted += 1
                    if share >= 0.5 { mostly.append(product) }
                } else {
                    below += 1
                }
                if chain.arena != .criticalMinerals {
                    chartLabels.append("\(chain.name): \(stage.name)")
                    chartValues.append(share)
                }
            }
        }
        guard !rows.isEmpty else {
            return ReportSection(id: id, title: title, skippedBecause: "no taxonomy code of \(edition.rawValue) appears in \(data.id)")
        }
        var findings: [String] = []
        let green = figures.filter { $0.metric == .partnerShare && ($0.product ?? "").hasPrefix("batteries/") }
        if let cells = green.max(by: { $0.value < $1.value }) {
            findings.append("Batteries: \(possessive(v)) highest share of a stage is \(Fmt.pct(cells.value)) (\(cells.product!)) in \(period).")
        }
        let minimumText = Fmt.usdThreshold(minimum)
        findings.append("\(mostly.count) of \(counted) chain stages with imports of at least \(minimumText) still come at least half from \(name(v)) in \(period)\(mostly.isEmpty ? "" : ": " + mostly.prefix(8).joined(separator: ", ") + (mostly.count > 8 ? " …" : ""))\(below == 0 ? "" : "; \(below) stage\(below == 1 ? "" : "s") below \(minimumText) not counted").")
        figures.append(Figure(metric: .chainStagesMostlyFromRival, reporter: r, partner: v, flow: .imports, product: "chain stages",
                              period: period.description, value: Double(mostly.count), unit: .count, source: data.id,
                              note: "of \(counted) stages with imports of at least \(minimumText); \(below) below that not counted"))
        figures.append(Figure(metric: .chainStagesCounted, reporter: r, partner: v, flow: .imports, product: "chain stages",
                              period: period.description, value: Double(counted), unit: .count, source: data.id,
                              note: "stages with imports of at least \(minimumText); \(below) below that"))
        let chart = Chart.bar(BarChart(
            title: "\(possessive(v)) share of \(possessive(r)) imports by green and digital chain stage, \(period)",
            subtitle: "Share of imports from the partners in the data; weighted HS6 lines",
            labels: chartLabels, values: chartValues, format: .percent(decimals: 0), source: data.provenance.citation))
        let table = ReportTable(
            title: "\(possessive(r)) imports by strategic chain and stage, \(period) (\(edition.rawValue) codes)",
            columns: ["Arena", "Chain", "Stage", "HS6 lines", "Imports", "From \(name(v))", "\(name(v)) share", "Largest supplier", "Notes"],
            numericColumns: [3, 4, 5, 6], rows: rows, sources: [data.id, "taxonomy"])
        var section = ReportSection(id: id, title: title, findings: findings, figures: figures, tables: [table], charts: [chart])
        section.notes = ["Headline count: stages with imports of at least \(minimumText) (--min-value); the table lists every stage."]
        return section
    }
}
