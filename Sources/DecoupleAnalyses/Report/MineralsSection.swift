import DecoupleCore
import DecoupleInstrumentChoice
import DecoupleScenarios
import DecoupleTrade

extension ReportBuilder {
    /// Critical minerals: the paper's Table 3 (recycled share and main import sources of
    /// cobalt, copper, lithium, nickel, rare earths and silicon, with the rival's shares of
    /// world mine and refinery production), the counts over the critical-minerals list
    /// (``CriticalMineralsCount``, the same as the dashboard's), the framework's classification
    /// of the list's commodities, and net import reliance against the rival's share of world
    /// production.
    func minerals(_ input: MineralsReportInput?) -> ReportSection {
        let id = "minerals", title = "Critical minerals (USGS Mineral Commodity Summaries)"
        guard let input, !input.tableMinerals.isEmpty || !input.latest.isEmpty else {
            return ReportSection(id: id, title: title, skippedBecause: "no USGS Mineral Commodity Summaries were loaded")
        }
        let r = options.reporter, v = options.rival
        var figures: [Figure] = []
        var findings: [String] = []
        func sourceID(_ edition: Int) -> String { "usgs-mcs\(edition)" }
        // A stage share as a cell: the number, "not listed (≤ x% in Other countries)", "W" or "n/a".
        func cell(_ x: WorldShareValue) -> String {
            if case .notListed = x { return x.text }
            return x.shortText
        }
        // The rival's shares of world mine and refinery production, one figure per stage published.
        var staged: Set<String> = []
        func stageFigures(_ p: MineralSupplyProfile) {
            guard staged.insert("\(p.edition)|\(p.code)").inserted else { return }
            for (stage, metric) in [(SupplyStage.mine, FigureMetric.rivalWorldProductionShare), (.refinery, .rivalWorldRefineryShare)] {
                guard let value = p.rivalShares.at(stage).value, let shares = p.shares(at: stage) else { continue }
                let type = stage == p.productionStage ? p.productionType : (p.processingType ?? stage.productionName)
                figures.append(Figure(metric: metric, reporter: v, product: p.code, period: p.productionYear.map(String.init) ?? "",
                                      value: value, unit: .fraction, source: sourceID(p.edition),
                                      note: "\(type); \(shares.worldBasis.rawValue)"))
            }
        }

        // Table 3.
        var table3: [[String]] = []
        for a in input.tableMinerals {
            let p = a.profile
            let recycled: String
            if let rec = p.recycled {
                recycled = "\(Fmt.pct(rec.share)) (\(rec.year); \(rec.secondary.source.column ?? "") / \(rec.consumption.source.column ?? ""))"
                figures.append(Figure(metric: .recycledShare, reporter: r, product: p.code, period: String(rec.year), value: rec.share,
                                      unit: .fraction, source: sourceID(rec.secondary.source.edition),
                                      note: "\(rec.secondary.source) / \(rec.consumption.source.column ?? "")"))
            } else {
                recycled = "not given"
            }
            let sources = p.imports.sources.prefix(6).map { s in
                (s.country.map(name) ?? s.label) + (s.share?.amount.exact.map { " \(NumberText.oneDecimal($0))%" } ?? "")
            }.joined(separator: ", ")
            let period = p.imports.sources.first.map { s in s.share != nil ? "shares, MCS 2022 chapter" : "order of share, \(URLFreeName(s.source.file))" } ?? ""
            for s in p.imports.sources {
                if let share = s.share?.amount.exact, let c = s.country {
                    figures.append(Figure(metric: .importSourceShare, reporter: r, partner: c, flow: .imports, product: p.code,
                                          period: "2017-2020", value: share / 100, unit: .fraction,
                                          source: sourceID(s.share!.source.edition), note: s.share!.source.description))
                }
            }
            table3.append([p.name, recycled, sources.isEmpty ? "–" : sources, period, cell(p.rivalShares.mine), cell(p.rivalShares.refinery)])
            stageFigures(p)
        }

        // Classification of the minerals of the critical-minerals list (the latest edition).
        let scoped = input.critical?.scoped(input.latest) ?? input.latest
        var counts: [MineralStrategy: Int] = [:]
        var classRows: [[String]] = []
        let points = MineralCharts.reliancePoints(scoped)
        for a in scoped {
            let p = a.profile
            counts[a.classification.strategy, default: 0] += 1
            let rel = p.latestReliance
            // The reliance of each point of the chart, as a figure.
            if let pct = rel?.reported?.amount.planningValue, MineralCharts.rivalProductionShare(p) != nil {
                figures.append(Figure(metric: .netImportReliance, reporter: r, product: p.code, period: String(rel!.year),
                                      value: pct / 100, unit: .fraction, source: sourceID(p.edition),
                                      note: "reported as \(rel!.reported!.amount.text); \(rel!.reported!.source)"))
            }
            stageFigures(p)
            guard a.classification.strategy != .notAPriority && a.classification.strategy != .insufficientData else { continue }
            classRows.append([p.name, (rel?.reportedText ?? "–"), cell(p.rivalShares.mine), cell(p.rivalShares.refinery),
                              cell(p.leaderShares.reserves), a.classificationLabel,
                              a.classification.reasons.joined(separator: "; ")])
        }
        if let critical = input.critical {
            findings += critical.findings(leaderName: name(r), rivalName: name(v))
            figures.append(Figure(metric: .criticalMineralsFullyImportReliant, reporter: r, period: String(critical.edition),
                                  value: Double(critical.fullyImportReliant), unit: .count, source: sourceID(critical.edition),
                                  note: "of \(critical.listName); net import reliance published as 100%"))
        }
        if !scoped.isEmpty {
            let what = input.critical.map { "the \(scoped.count) commodities that report \($0.listName)" } ?? "\(scoped.count) commodities"
            findings.append(MineralStrategy.allCases.compactMap { s in counts[s].map { "\($0) \(s.rawValue)" } }.joined(separator: ", ")
                            + " among \(what) (framework rule, default thresholds; a share of the world needs a published world total).")
        }
        let chart = Chart.scatter(ScatterChart(
            title: "\(name(r)) net import reliance vs \(possessive(v)) share of world production",
            subtitle: "One point per critical-mineral commodity whose \(name(v)) share is stated (a world total published, \(name(v)) listed); hollow = reliance published as a bound (>50, <25)",
            xTitle: "\(name(v)) share of world production", yTitle: "Net import reliance",
            points: points, source: input.latest.first.map { "USGS Mineral Commodity Summaries \($0.profile.edition)" } ?? "USGS"))
        return ReportSection(id: id, title: title, findings: findings, figures: figures, tables: [
            ReportTable(title: "US import sources of six critical minerals (cf. the paper's Table 3)",
                        columns: ["Mineral", "Recycled share", "Main import sources", "Basis",
                                  "\(name(v)) share of world mine production", "\(name(v)) share of world refinery production"], rows: table3,
                        sources: Array(Set(input.tableMinerals.map { sourceID($0.profile.edition) })).sorted()),
            ReportTable(title: "Critical minerals the framework flags (import substitution, domestic expansion, export-restriction lever)",
                        columns: ["Mineral", "NIR", "\(name(v)) mine production share", "\(name(v)) refinery production share",
                                  "\(name(r)) reserves share", "Class", "Why"],
                        numericColumns: [1, 2, 3, 4], rows: classRows,
                        sources: Array(Set(scoped.map { sourceID($0.profile.edition) })).sorted()),
        ], charts: [chart])
    }
}

/// The file name of a path ("MCS2023_Fig2_Net_Import_Reliance.csv").
private func URLFreeName(_ path: String) -> String { String(path.split(separator: "/").last ?? Substring(path)) }
