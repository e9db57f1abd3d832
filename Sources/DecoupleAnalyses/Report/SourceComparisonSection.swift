import DecoupleCore
import DecoupleMinerals
import DecoupleTrade

extension ReportBuilder {
    /// The same annual totals from independent sources side by side, and the rival's mirror
    /// figures, so that valuation differences are visible rather than mixed into one ratio.
    func sourceComparison(_ inputs: ReportInputs) -> ReportSection {
        let r = options.reporter, v = options.rival
        let id = "sources", title = "Do the sources agree?"
        struct Column { let label: String; let source: String; let values: [Int: Double] }
        var columns: [Column] = []

        func annual(_ data: TradeDataset?, reporter: Country, partner: Country, flow: FlowSelection, label: String) {
            guard let data else { return }
            let cube = TradeCube(flows: data.flows, query: TradeQuery(reporter: reporter, flow: flow, annual: true), countries: countries)
            var values: [Int: Double] = [:]
            for p in cube.periods where cube.isComplete(p) {
                let x = cube.value(partner, period: p)
                if x > 0 { values[p.year] = x }
            }
            if !values.isEmpty { columns.append(Column(label: label, source: data.id, values: values)) }
        }
        annual(inputs.annualBilateral, reporter: r, partner: v, flow: .imports, label: "\(possessive(r)) imports from \(name(v)) (IMF DOTS)")
        annual(inputs.monthlyWithRival, reporter: r, partner: v, flow: .imports, label: "\(possessive(r)) imports from \(name(v)) (Census, monthly table)")
        annual(inputs.monthlyByChapter, reporter: r, partner: v, flow: .imports, label: "\(possessive(r)) imports from \(name(v)) (Census, HS2 sum)")
        annual(inputs.annualBilateral, reporter: v, partner: r, flow: .exports, label: "\(name(v)) exports to \(name(r)), mirror (IMF DOTS)")
        annual(inputs.annualBilateral, reporter: r, partner: v, flow: .exports, label: "\(name(r)) exports to \(name(v)) (IMF DOTS)")
        annual(inputs.monthlyWithRival, reporter: r, partner: v, flow: .exports, label: "\(name(r)) exports to \(name(v)) (Census, monthly table)")
        guard columns.count >= 2 else {
            return ReportSection(id: id, title: title, skippedBecause: "fewer than two sources cover \(name(r))–\(name(v)) trade")
        }
        let years = Set(columns.flatMap { $0.values.keys }).sorted()
        var rows: [[String]] = []
        var figures: [Figure] = []
        for y in years {
            rows.append([String(y)] + columns.map { c in c.values[y].map(Fmt.usd) ?? "–" })
        }
        var findings: [String] = []
        // Compare the first column (DOTS) with each other column of the same flow where years overlap.
        let reference = columns[0]
        for other in columns.dropFirst() where other.label.contains("imports from") {
            let common = years.filter { reference.values[$0] != nil && other.values[$0] != nil }
            guard let last = common.last else { continue }
            let gap = other.values[last]! / reference.values[last]! - 1
            figures.append(Figure(metric: .sourceGap, reporter: r, partner: v, flow: .imports, product: "TOTAL",
                                  period: String(last), value: gap, unit: .fraction, source: other.source,
                                  note: "relative to \(reference.source)"))
            findings.append("\(last): \(other.label) is \(Fmt.pct(gap)) off IMF DOTS (\(Fmt.usd(other.values[last]!)) vs \(Fmt.usd(reference.values[last]!))).")
        }
        if let mirror = columns.first(where: { $0.label.contains("mirror") }) {
            let common = years.filter { reference.values[$0] != nil && mirror.values[$0] != nil }
            if let last = common.last {
                let gap = reference.values[last]! / mirror.values[last]! - 1
                findings.append("Mirror gap \(last): \(name(r)) records \(Fmt.usd(reference.values[last]!)) of imports from \(name(v)), \(Fmt.pct(abs(gap))) \(gap >= 0 ? "more" : "less") than the \(Fmt.usd(mirror.values[last]!)) of exports \(name(v)) records to \(name(r)) (CIF vs FOB, re-exports via third economies, timing); shares are never computed across reporters.")
                figures.append(Figure(metric: .mirrorGap, reporter: r, partner: v, flow: .imports, product: "TOTAL",
                                      period: String(last), value: gap, unit: .fraction, source: mirror.source))
            }
        }
        for c in columns {
            for (y, x) in c.values.sorted(by: { $0.key < $1.key }) {
                let flow: FigureFlow = c.label.contains("exports") ? .exports : .imports
                let mirror = c.label.contains("mirror")
                figures.append(Figure(metric: .tradeValue, reporter: mirror ? v : r, partner: mirror ? r : v, flow: flow,
                                      product: "TOTAL", period: String(y), value: x, unit: .usd, source: c.source,
                                      note: c.label))
            }
        }
        let table = ReportTable(title: "Annual \(name(r))–\(name(v)) goods trade by source", columns: ["Year"] + columns.map(\.label),
                                numericColumns: Set(1...columns.count), rows: rows, sources: Array(Set(columns.map(\.source))).sorted())
        return ReportSection(id: id, title: title, findings: findings, figures: figures, tables: [table])
    }
}
