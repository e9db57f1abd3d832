import DecoupleCore
import DecoupleInstrumentChoice
import DecoupleTrade

extension ReportBuilder {
    /// The framework applied: Table 1 rebuilt from data next to the paper's, the predicted
    /// instruments per chain and stage, catch-up signals, and agreement with observed measures.
    public func framework(_ result: FrameworkResult?) -> ReportSection {
        let id = "framework", title = "The framework: advantage, vulnerability and predicted instruments"
        guard let r = result else {
            return ReportSection(id: id, title: title, skippedBecause: "the framework inputs were not loaded")
        }
        let l = name(r.leader), c = name(r.challenger)
        var figures: [Figure] = []
        var findings: [String] = []

        // Table 1.
        var t1: [[String]] = []
        var agree = 0, disagree = 0
        for row in r.table1 {
            var cells = [row.arena.rawValue, name(row.country)]
            for cell in row.cells {
                let data = cell.data.map(PlusScale.symbol) ?? "n/a"
                let paper = cell.paper.map(PlusScale.symbol) ?? "n/a"
                let value = cell.value.map { " (\(Fmt.pct($0)) \(cell.year.map(String.init) ?? ""))" } ?? ""
                cells.append("\(data)\(value) / paper \(paper)")
                if let a = cell.agrees { if a { agree += 1 } else { disagree += 1 } }
                if let v = cell.value {
                    figures.append(Figure(metric: FigureMetric(rawValue: "\(cell.dimension.rawValue)_share")!, reporter: row.country, flow: nil,
                                          product: row.arena.rawValue, period: cell.year.map(String.init) ?? "",
                                          value: v, unit: .fraction, source: "framework",
                                          note: "\(cell.indicator ?? ""); \(cell.source ?? "")"))
                }
            }
            t1.append(cells)
        }
        findings.append("Table 1 from data: \(agree) cells agree with the paper's pluses, \(disagree) differ; dimensions without data are shown as n/a, not as zero.")

        // Predictions.
        var rows: [[String]] = []
        for p in r.predictions {
            let v = r.vulnerabilities[p.stage.map { "\(p.chain)/\($0)" } ?? p.chain]
            let profile = r.profiles.first { $0.chain == p.chain && $0.stage == p.stage }
            let tech = profile?.indicators(.technology).first
            let manufacturing = profile?.indicators(.manufacturing).first
            // A value measured more coarsely than the stage says so: "[chain]", "[sector]".
            func coarser(_ i: Indicator) -> String {
                guard let g = i.granularity, g > (p.stage == nil ? .chain : .stage) else { return "" }
                return " [\(g.rawValue)]"
            }
            rows.append([p.arena.rawValue, p.chain, p.stage ?? "–",
                         tech.map { "\($0.leaderValue.map(Fmt.pct) ?? "n/a") vs \($0.challengerValue.map(Fmt.pct) ?? "n/a")\(coarser($0))" } ?? "n/a",
                         manufacturing.map { "\($0.leaderValue.map(Fmt.pct) ?? "n/a") vs \($0.challengerValue.map(Fmt.pct) ?? "n/a")\(coarser($0))" } ?? "n/a",
                         p.position?.rawValue ?? "undetermined",
                         v?.importShareFromChallenger.map(Fmt.pct) ?? "n/a",
                         p.vulnerability.rawValue,
                         p.predicted.map(\.rawValue).joined(separator: ", "),
                         String(format: "%.2f", p.confidence)])
            if let share = v?.importShareFromChallenger {
                figures.append(Figure(metric: .importShareFromChallenger, reporter: r.leader, partner: r.challenger, flow: .imports,
                                      product: p.stage.map { "\(p.chain)/\($0)" } ?? p.chain, period: v?.year.map(String.init) ?? "",
                                      value: share, unit: .fraction, source: "framework", note: v?.sources.joined(separator: "; ")))
            }
        }
        let restrict = r.predictions.filter { $0.predicted.first == .exportControls }.count
        let substitute = r.predictions.filter { $0.predicted.first == .importSubstitution }.count
        findings.append("Predictions for \(r.predictions.count) chain stages: \(restrict) point to restriction (export controls first), \(substitute) to substitution (import substitution first); \(r.predictions.filter { $0.predicted.isEmpty }.count) undetermined.")
        for name in ["semiconductors", "solar-pv", "batteries"] {
            let ps = r.predictions.filter { $0.chain == name }
            if let first = ps.first, !first.predicted.isEmpty {
                findings.append("\(name): \(first.position?.rawValue ?? "undetermined") — predicted \(first.predicted.map(\.rawValue).joined(separator: ", ")) (stage \(first.stage ?? "all")).")
            }
        }

        // Signals.
        var signalRows: [[String]] = []
        for s in r.signals where ["green", "digital"].contains(s.scope) || r.predictions.contains(where: { $0.chain == s.scope }) {
            signalRows.append([s.scope, "\(s.fromYear)–\(s.toYear)", "\(Fmt.pct(s.leaderFrom)) → \(Fmt.pct(s.leaderTo))",
                               "\(Fmt.pct(s.challengerFrom)) → \(Fmt.pct(s.challengerTo))", Fmt.pp(s.gapClosedPerYear),
                               s.yearsToParity.map { $0 == 0 ? "overtaken" : String(format: "%.0f", $0) } ?? "not closing"])
        }
        if let d = r.signals.first(where: { $0.scope == "digital" }), let g = r.signals.first(where: { $0.scope == "green" }) {
            findings.append("Catch-up in patents \(g.fromYear)–\(g.toYear): \(c)'s share rose \(Fmt.pct(g.challengerFrom)) → \(Fmt.pct(g.challengerTo)) in green and \(Fmt.pct(d.challengerFrom)) → \(Fmt.pct(d.challengerTo)) in digital technologies.")
        }

        // Agreement.
        var agreementRows: [[String]] = []
        for k in r.agreement.cases {
            agreementRows.append([k.chain, k.predicted.map(\.rawValue).joined(separator: ", "), k.observed.map(\.rawValue).joined(separator: ", "),
                                  k.measures.joined(separator: "; "), k.explained.map { $0 ? "yes" : "no" } ?? "–"])
        }
        if r.agreement.cases.contains(where: { !$0.observed.isEmpty }) {
            let judged = r.agreement.explainedCount + r.agreement.unexplainedCount
            findings.append("Against observed measures (by chain, both families allowed; the dated stage-level test is the evaluation above): the framework's instruments match \(r.agreement.explainedCount) of the \(judged) chains with measures" + (r.agreement.unexplainedCount > 0 ? "; \(r.agreement.unexplainedCount) do not match." : "."))
        }

        var securitisationRows: [[String]] = []
        for s in r.securitisation {
            securitisationRows.append([s.chain, s.designated.map { "\($0) (\(s.designatedBy ?? ""))" } ?? "–",
                                       s.firstInstrument.map { "\($0) (\(s.firstInstrumentMeasure ?? ""))" } ?? "–", "\(s.measures.count)"])
        }
        if let first = r.securitisation.compactMap({ s in s.designated.map { (s.chain, $0) } }).min(by: { $0.1 < $1.1 }) {
            findings.append("Securitisation: \(l) first designated a chain strategic on \(first.1) (\(first.0)); \(r.securitisation.count) chains are named by its measures.")
        }

        var tables = [
            ReportTable(title: "Table 1 rebuilt from data: competitive advantage of \(l) and \(c) (data / paper)",
                        columns: ["Arena", "Country", "Technology", "Manufacturing", "Market"], rows: t1, sources: ["framework"]),
            ReportTable(title: "Predicted instruments by chain and stage (leader \(l), challenger \(c))",
                        columns: ["Arena", "Chain", "Stage", "Technology (\(l) vs \(c))", "Manufacturing (\(l) vs \(c))", "Position",
                                  "Imports from \(c)", "Vulnerability", "Predicted instruments", "Confidence"],
                        numericColumns: [6, 9], rows: rows, sources: ["framework"], terminalColumns: [1, 2, 8, 3, 4, 6, 9]),
            ReportTable(title: "Catch-up: shares of world patents",
                        columns: ["Scope", "Years", l, c, "Gap closed per year", "Years to parity"], numericColumns: [4, 5],
                        rows: signalRows, sources: ["framework"]),
        ]
        if !securitisationRows.isEmpty {
            tables.append(ReportTable(title: "Securitisation: when \(l) designated each chain and first acted on it",
                                      columns: ["Chain", "Designated strategic", "First instrument", "Measures"], numericColumns: [3],
                                      rows: securitisationRows, sources: ["framework"]))
        }
        if !agreementRows.isEmpty {
            tables.append(ReportTable(title: "Predicted vs observed instruments, by chain",
                                      columns: ["Chain", "Predicted", "Observed", "Measures", "Explained"], rows: agreementRows, sources: ["framework"]))
        }
        return ReportSection(id: id, title: title, findings: findings, figures: figures, tables: tables)
    }
}
