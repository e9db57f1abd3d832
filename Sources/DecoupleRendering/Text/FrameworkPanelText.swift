import DecoupleAnalyses
import Foundation

/// Text and CSV of the framework panel and the stage timelines (`decouple framework panel`,
/// `decouple framework timeline`).
public enum FrameworkPanelText {
    static func share(_ v: Double?) -> String { v.map { NumberText.printf($0 * 100, decimals: 1) + "%" } ?? "n/a" }
    static func points(_ v: Double?) -> String { v.map { NumberText.printf($0 * 100, decimals: 1, plus: true) + " pp" } ?? "n/a" }

    /// The panel's rows as a table: one line per chain stage, dimension, indicator and year.
    public static func text(_ d: FrameworkPanelDocument) -> String {
        let names = CountryTable.standard
        var out = "Framework panel: \(names.name(Country(d.panel.leader))) (leader) and \(names.name(Country(d.panel.challenger))) (challenger), \(d.panel.rows.count) rows\n"
        out += "Granularity: stage = the stage's own HS6 lines, or a published figure for that stage; chain = the chain's patent field, or a figure for the whole chain; sector = ICIO industries containing the chain; arena = a figure for all green (digital, minerals) technologies.\n"
        out += "Published figures (Data/framework/stage-figures.json) name their publisher; \"as quoted\" figures were read from a page quoting the original. Projections are not shown.\n\n"
        let rows = d.panel.rows.map { r in
            [r.chain, r.stage ?? "–", r.dimension.rawValue, String(r.year), share(r.leaderValue), share(r.challengerValue), points(r.gap),
             r.granularity.rawValue, r.indicator]
        }
        out += PanelOutput.table(["Chain", "Stage", "Dimension", "Year", d.panel.leader, d.panel.challenger, "Gap", "Granularity", "Indicator"], rows)
        out += "\nSources: " + d.provenance.map(\.citation).joined(separator: "; ") + "\n"
        return out
    }

    /// One CSV row per panel row, with source and vintage.
    public static func csv(_ d: FrameworkPanelDocument) -> String {
        var lines = ["leader,challenger,chain,stage,year,dimension,leader_value,challenger_value,indicator,granularity,source,vintage"]
        for r in d.panel.rows {
            lines.append([r.leader, r.challenger, r.chain, r.stage ?? "", String(r.year), r.dimension.rawValue,
                          r.leaderValue.map { "\($0)" } ?? "", r.challengerValue.map { "\($0)" } ?? "", r.indicator,
                          r.granularity.rawValue, r.source, r.vintage].map(PanelOutput.csvField).joined(separator: ","))
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// Per stage: catch-up per dimension, designation, first instrument, the challenger's first
    /// measure, and whether catch-up preceded securitisation.
    public static func timelineText(_ d: FrameworkTimelineDocument) -> String {
        let t = d.timeline
        let names = CountryTable.standard
        let leader = names.name(Country(t.leader)), challenger = names.name(Country(t.challenger))
        var out = "Timeline: \(challenger) catching up, \(leader) securitising\n"
        out += "Catch-up rule: \(t.rule.note ?? "parity gap \(t.rule.parityGap), closing \(t.rule.closingRatePerYear)/yr over \(t.rule.window) years")\n"
        for s in t.stages {
            out += "\n\(s.chain)\(s.stage.map { "/" + $0 } ?? "")\n"
            for c in s.catchUps {
                let when = c.catchUpYear.map { "catch-up \($0) (\(c.criterion ?? ""))" } ?? "no catch-up \(c.firstYear)–\(c.lastYear)"
                out += "  \(c.dimension.rawValue) [\(c.granularity.rawValue)] gap \(points(c.gapFirst)) (\(c.firstYear)) → \(points(c.gapLast)) (\(c.lastYear)), \(c.changePerYear.map { NumberText.printf($0 * 100, decimals: 2, plus: true) + " pp/yr" } ?? "n/a"); \(when) — \(c.indicator)\n"
            }
            if s.catchUps.isEmpty { out += "  no indicator with a time series for this stage\n" }
            out += "  designated: \(s.designated.map { "\($0) (\(s.designatedBy ?? ""))" } ?? "none in the data")\n"
            out += "  first \(leader) instrument: \(s.firstInstrument.map { "\($0) (\(s.firstInstrumentMeasure ?? ""))" } ?? "none in the data")\n"
            out += "  first \(challenger) measure: \(s.challengerFirstMeasure.map { "\($0) (\(s.challengerFirstMeasureID ?? ""))" } ?? "none in the data")\n"
            if let v = s.vulnerability {
                out += "  vulnerability (\(v.year); \(v.note)): imports from \(challenger) \(share(v.importShareFromChallenger)), from allies \(share(v.alliedShare)) (\(v.allyCount) allies), non-allied HHI \(v.nonAlliedConcentration.map { NumberText.printf($0, decimals: 3) } ?? "n/a")\n"
            }
            if !s.actions.isEmpty {
                out += "  actions: " + s.actions.map { "\($0.date) \($0.by) \($0.instrument) (\($0.measure))" }.joined(separator: "; ") + "\n"
            }
            var order = "  order: \(s.order.rawValue)"
            if let y = s.yearsFromCatchUpToSecuritisation {
                let n = abs(y)
                order += " (\(n) year\(n == 1 ? "" : "s") \(y >= 0 ? "after" : "before") catch-up)"
            }
            out += order + "\n"
        }
        out += "\nSources: " + d.provenance.map(\.citation).joined(separator: "; ") + "\n"
        return out
    }
}

extension FrameworkPanelText {
    /// The evaluation: the framework's score beside the null models, the p-value, the confusion
    /// matrix and the mispredicted stages with their reasons.
    public static func evaluationText(_ d: FrameworkEvaluationDocument) -> String {
        let e = d.evaluation
        func pct(_ v: Double) -> String { v.isFinite ? NumberText.printf(v * 100, decimals: 1) + "%" : "n/a" }
        var out = "Framework evaluation: \(d.leader) (leader) vs \(d.challenger), \(e.cases.count) stages with a dated first measure\n\n"
        if e.cases.isEmpty {
            out += "No chain stage has a dated first measure of \(d.leader) in the policy data: nothing to evaluate for this pair.\n"
            if !e.excluded.isEmpty { out += "\(e.excluded.count) stages left out, e.g. \(e.excluded.prefix(3).joined(separator: "; ")).\n" }
            return out + "\nSources: " + d.provenance.map(\.citation).joined(separator: "; ") + "\n"
        }
        let rows = ([e.framework] + e.nulls).map { [$0.model, "\($0.correct)/\($0.total)", pct($0.accuracy), pct($0.balancedAccuracy), $0.description] }
        out += PanelOutput.table(["Model", "Correct", "Accuracy", "Balanced accuracy", "How it predicts"], rows)
        out += "\nPermutation test (\(e.permutation.permutations) shuffles of the predictions across stages, seed \(e.permutation.seed)): "
        out += "p = \(NumberText.printf(e.permutation.pValue, decimals: 4)); shuffled balanced accuracy \(pct(e.permutation.nullMean)) on average.\n"
        out += "Primary or secondary family right: \(e.primaryOrSecondaryCorrect)/\(e.cases.count) (a looser score, not the test).\n\n"
        let families = InstrumentFamily.allCases.map(\.rawValue)
        out += "Confusion (rows: observed; columns: predicted)\n"
        out += PanelOutput.table(["observed"] + families + ["none"], zip(families, e.framework.confusion).map { [$0] + $1.map(String.init) })
        out += "\nPredictors used: " + d.predictorsUsed.joined(separator: "; ") + "\n"
        out += "Left out (dated after the outcomes): " + d.predictorsLeftOut.joined(separator: "; ") + "\n"
        if !e.mispredicted.isEmpty {
            out += "\nMispredicted stages\n"
            for c in e.mispredicted {
                out += "  \(c.unit): predicted \(c.predicted?.rawValue ?? "none"), observed \(c.observed.rawValue) (\(c.outcomeMeasure), \(c.outcomeDate)); predictors of \(c.predictorYear): \(c.reasons.joined(separator: "; "))\n"
            }
        }
        if !e.excluded.isEmpty { out += "\nNot scored: \(e.excluded.count) stages (\(e.excluded.prefix(5).joined(separator: "; "))\(e.excluded.count > 5 ? " …" : ""))\n" }
        out += "\nSources: " + d.provenance.map(\.citation).joined(separator: "; ") + "\n"
        return out
    }
}

extension FrameworkPanelText {
    /// The sensitivity grid: score distribution, the region beating every null, and per stage
    /// the share of configurations predicting each family.
    public static func sensitivityText(_ d: FrameworkSensitivityDocument) -> String {
        let s = d.sensitivity
        func pct(_ v: Double) -> String { v.isFinite ? NumberText.printf(v * 100, decimals: 1) + "%" : "n/a" }
        var out = "Framework sensitivity: \(d.leader) (leader) vs \(d.challenger), \(s.points.count) configurations "
        out += "(weights 1–3 per dimension × net lead 1–3 × \"+\" threshold factor 0.5–3)\n\n"
        out += "Balanced accuracy over the grid: min \(pct(s.quantiles.first ?? .nan)), quartiles \(s.quantiles.dropFirst().dropLast().map(pct).joined(separator: ", ")), max \(pct(s.quantiles.last ?? .nan))\n"
        out += "Best null model: \(s.bestNullModel) \(pct(s.bestNull)). The framework beats every null in \(pct(s.shareBeatingEveryNull)) of the configurations"
        let winners = s.points.filter(\.beatsEveryNull)
        if !winners.isEmpty {
            out += ": " + winners.prefix(6).map { "weights \($0.weights.map(String.init).joined(separator: "/")), lead \($0.minimumNetLead), factor \($0.scaleFactor)" }.joined(separator: "; ")
            if winners.count > 6 { out += " …" }
        }
        out += ".\n\nShare of configurations predicting each family, by stage\n"
        out += PanelOutput.table(["Stage", "Observed", "Restrict", "Substitute", "None"],
                                 s.stages.map { [$0.unit, $0.observed.rawValue, pct($0.restrict), pct($0.substitute), pct($0.none)] })
        out += "\nSources: " + d.provenance.map(\.citation).joined(separator: "; ") + "\n"
        return out
    }
}
