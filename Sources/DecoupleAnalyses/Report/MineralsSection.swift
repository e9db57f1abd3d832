import DecoupleCore
import DecoupleInstrumentChoice
import DecoupleScenarios
import DecoupleTrade

extension ReportBuilder {
    /// Critical minerals: the paper's Table 3 (recycled share and main import sources of
    /// cobalt, copper, lithium, nickel, rare earths and silicon), the framework's
    /// classification of every mineral, and net import reliance against the rival's share of
    /// world production.
    func minerals(_ input: MineralsReportInput?) -> ReportSection {
        let id = "minerals", title = "Critical minerals (USGS Mineral Commodity Summaries)"
        guard let input, !input.tableMinerals.isEmpty || !input.latest.isEmpty else {
            return ReportSection(id: id, title: title, skippedBecause: "no USGS Mineral Commodity Summaries were loaded")
        }
        let r = options.reporter, v = options.rival
        var figures: [Figure] = []
        var findings: [String] = []
        func sourceID(_ edition: Int) -> String { "usgs-mcs\(edition)" }

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
            table3.append([p.name, recycled, sources.isEmpty ? "–" : sources, period])
        }

        // Classification of every mineral of the latest edition.
        var counts: [MineralStrategy: Int] = [:]
        var classRows: [[String]] = []
        var points: [ScatterChart.Point] = []
        for a in input.latest {
            let p = a.profile
            counts[a.classification.strategy, default: 0] += 1
            let rel = p.latestReliance
            if let pct = rel?.reported?.amount.planningValue, let share = p.rivalProductionShare, p.production != nil {
                points.append(.init(label: p.name, x: share, y: min(1, pct / 100), isBound: rel?.reported?.amount.isBound ?? false))
                figures.append(Figure(metric: .netImportReliance, reporter: r, product: p.code, period: String(rel!.year),
                                      value: pct / 100, unit: .fraction, source: sourceID(p.edition),
                                      note: "reported as \(rel!.reported!.amount.text); \(rel!.reported!.source)"))
                figures.append(Figure(metric: .rivalWorldProductionShare, reporter: v, product: p.code,
                                      period: p.productionYear.map(String.init) ?? "", value: share, unit: .fraction,
                                      source: sourceID(p.edition), note: p.productionType))
            }
            guard a.classification.strategy != .notAPriority && a.classification.strategy != .insufficientData else { continue }
            classRows.append([p.name, (rel?.reportedText ?? "–"), p.rivalProductionShare.map(Fmt.pct) ?? "–",
                              p.leaderReservesShare.map(Fmt.pct) ?? "–", a.classification.strategy.rawValue,
                              a.classification.reasons.joined(separator: "; ")])
        }
        if let edition = input.latest.first?.profile.edition {
            let full = input.latest.filter { $0.profile.latestReliance?.reported?.amount == .exact(100) }
            findings.append("MCS \(edition): \(name(r)) was 100% net-import-reliant for \(full.count) of the \(input.latest.count) commodities with data files.")
            let ledByRival = input.latest.filter { $0.profile.production?.leader?.country == v }
            findings.append("\(name(v)) is the leading producer of \(ledByRival.count) of them.")
            findings.append(MineralStrategy.allCases.compactMap { s in counts[s].map { "\($0) \(s.rawValue)" } }.joined(separator: ", ") + " (framework rule, default thresholds).")
        }
        let chart = Chart.scatter(ScatterChart(
            title: "\(name(r)) net import reliance vs \(name(v))'s share of world production",
            subtitle: "One point per mineral; hollow = reliance published as a bound (>50, <25)",
            xTitle: "\(name(v)) share of world production", yTitle: "Net import reliance",
            points: points, source: input.latest.first.map { "USGS Mineral Commodity Summaries \($0.profile.edition)" } ?? "USGS"))
        return ReportSection(id: id, title: title, findings: findings, figures: figures, tables: [
            ReportTable(title: "US import sources of six critical minerals (cf. the paper's Table 3)",
                        columns: ["Mineral", "Recycled share", "Main import sources", "Basis"], rows: table3,
                        sources: Array(Set(input.tableMinerals.map { sourceID($0.profile.edition) })).sorted()),
            ReportTable(title: "Minerals the framework flags (import substitution, domestic expansion, export-restriction lever)",
                        columns: ["Mineral", "NIR", "\(name(v)) production share", "\(name(r)) reserves share", "Class", "Why"],
                        numericColumns: [1, 2, 3], rows: classRows,
                        sources: Array(Set(input.latest.map { sourceID($0.profile.edition) })).sorted()),
        ], charts: [chart])
    }
}

/// The file name of a path ("MCS2023_Fig2_Net_Import_Reliance.csv").
private func URLFreeName(_ path: String) -> String { String(path.split(separator: "/").last ?? Substring(path)) }
