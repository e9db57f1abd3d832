import DecoupleCore
import DecoupleInstrumentChoice

extension ReportBuilder {
    /// The framework section led by its evaluation (issue #18), as the report, `decouple
    /// framework` and the dashboard's framework page show it.
    public func framework(_ result: FrameworkResult?, evaluation: FrameworkEvaluation?, sensitivity: FrameworkSensitivity?) -> ReportSection {
        var section = framework(result)
        guard let e = evaluation, section.skippedBecause == nil else { return section }
        let parts = evaluationParts(e, sensitivity: sensitivity)
        section.findings = parts.findings + section.findings
        section.figures = parts.figures + section.figures
        section.tables = parts.tables + section.tables
        section.charts = parts.charts + section.charts
        return section
    }

    /// The evaluation that leads the framework section (issue #18): the framework's score beside
    /// the null models, the permutation p-value, the sensitivity over the configuration grid, a
    /// chart of the scores and the stage-by-stage table of predicted and observed families.
    func evaluationParts(_ e: FrameworkEvaluation, sensitivity s: FrameworkSensitivity?) -> (findings: [String], figures: [Figure], tables: [ReportTable], charts: [Chart]) {
        func pct(_ v: Double) -> String { v.isFinite ? Fmt.pct(v) : "n/a" }
        let years = e.cases.compactMap { Int($0.outcomeDate.prefix(4)) }
        let span = years.isEmpty ? "" : "\(years.min()!)..\(years.max()!)"
        let best = e.nulls.max { $0.balancedAccuracy < $1.balancedAccuracy }
        var findings = [
            "Evaluation first: on \(e.cases.count) chain stages with a dated first measure, the framework's prediction (from predictors read the year before) is right for \(e.framework.correct) (balanced accuracy \(pct(e.framework.balancedAccuracy))); "
                + e.nulls.map { "\($0.model) \($0.correct) (\(pct($0.balancedAccuracy)))" }.joined(separator: ", ")
                + "; permutation p = \(NumberText.printf(e.permutation.pValue, decimals: 3)).",
        ]
        if e.cases.isEmpty {
            findings = ["Evaluation first: no chain stage has a dated first measure of \(options.reporter.code) against \(options.rival.code) in the policy data, so the framework cannot be tested for this pair (\(e.excluded.count) stages without a measure)."]
        } else if let best {
            findings.append(e.framework.balancedAccuracy > best.balancedAccuracy
                ? "The framework beats every null model on these data."
                : "The framework does not beat the best null model (\(best.model)) on these data; reported as it is.")
        }
        if let s, !e.cases.isEmpty {
            findings.append("Sensitivity: over \(s.points.count) configurations the framework's balanced accuracy ranges \(pct(s.quantiles.first ?? .nan))–\(pct(s.quantiles.last ?? .nan)) (median \(pct(s.quantiles.count == 5 ? s.quantiles[2] : .nan))); it beats every null in \(pct(s.shareBeatingEveryNull)) of them.")
        }
        var figures = [Figure(metric: .evaluationBalancedAccuracy, reporter: options.reporter, partner: options.rival, product: "framework",
                              period: span, value: e.framework.balancedAccuracy, unit: .fraction, source: "framework",
                              note: "\(e.framework.correct) of \(e.framework.total) stages right")]
        for n in e.nulls {
            figures.append(Figure(metric: .evaluationBalancedAccuracy, reporter: options.reporter, partner: options.rival, product: n.model,
                                  period: span, value: n.balancedAccuracy, unit: .fraction, source: "framework", note: n.description))
        }
        figures.append(Figure(metric: .evaluationPValue, reporter: options.reporter, partner: options.rival, product: "framework",
                              period: span, value: e.permutation.pValue, unit: .fraction, source: "framework",
                              note: "\(e.permutation.permutations) shuffles, seed \(e.permutation.seed)"))
        let chart = Chart.bar(BarChart(
            title: "The framework against null models: balanced accuracy on dated stage outcomes",
            subtitle: "\(e.cases.count) chain stages; permutation p = \(NumberText.printf(e.permutation.pValue, decimals: 3))",
            labels: ["framework"] + e.nulls.map(\.model), values: [e.framework.balancedAccuracy] + e.nulls.map(\.balancedAccuracy),
            format: .percent(decimals: 0), source: "Decouple framework evaluation (Data/policy/measures.json; NCSES patents)"))
        // The per-stage heat map: predicted and observed family side by side.
        let heatMap = Chart.heatMap(HeatMapChart(
            title: "Predicted and observed instrument family, by stage",
            subtitle: "Predicted from predictors read the year before the stage's first measure; observed: that measure's family",
            rows: e.cases.map(\.unit), columns: ["predicted", "observed"],
            cells: e.cases.map { [$0.predicted?.rawValue ?? "no prediction", $0.observed.rawValue] },
            categories: [("restrict", ChartPalette.negative), ("substitute", ChartPalette.color(at: 0)), ("no prediction", "rgb(200,200,200)")],
            source: "Decouple framework evaluation (Data/policy/measures.json; NCSES patents)"))
        let rows = e.cases.map { c in
            [c.unit, c.predicted?.rawValue ?? "none", c.observed.rawValue, c.predicted == c.observed ? "yes" : "no",
             "\(c.outcomeMeasure) (\(c.outcomeDate))", String(c.predictorYear)]
        }
        let table = ReportTable(title: "Predicted and observed instrument family by stage (predictors read the year before the first measure)",
                                columns: ["Stage", "Predicted", "Observed", "Right", "First measure", "Predictors of"], rows: rows,
                                sources: ["framework"])
        return (findings, figures, [table], [chart, heatMap])
    }
}
