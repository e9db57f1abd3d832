import DecoupleCore
import DecoupleMinerals

/// The minerals charts of the report and the dashboard, as chart data computed from the
/// mineral profiles (the server and the renderer only draw them).
public enum MineralCharts {
    /// The rival's share of the world production table read, when the table states it as a
    /// number (a world total published, the rival listed); nil otherwise (not "0 %").
    public static func rivalProductionShare(_ p: MineralSupplyProfile) -> Double? {
        if let stage = p.productionStage { return p.rivalShares.at(stage).value }
        return p.production.map { $0.share(of: p.rival) }
    }

    /// One point per mineral: x = the rival's share of world production (``rivalProductionShare(_:)``),
    /// y = the leader's net import reliance as published (a bound at its bound, drawn hollow;
    /// `E` at 0), capped at 100 %. Minerals without both are left out.
    public static func reliancePoints(_ assessments: [MineralAssessment]) -> [ScatterChart.Point] {
        assessments.compactMap { a in
            let p = a.profile
            guard let pct = p.latestReliance?.reported?.amount.planningValue, let share = rivalProductionShare(p) else { return nil }
            return .init(label: p.name, x: share, y: min(1, pct / 100), isBound: p.latestReliance?.reported?.amount.isBound ?? false)
        }
    }

    /// A published reliance as a chart value: the number, or the bound with its kind (`>50` is
    /// 0.5 above, `<25` 0.25 below, `E` (net exporter) 0 below, `50–75` a range); nil when
    /// withheld or not available. Fractions (1 = 100 %).
    static func chartValue(_ a: ReportedAmount?) -> (Double?, ChartBound?) {
        switch a {
        case .exact(let v)?: (v / 100, nil)
        case .above(let v)?: (v / 100, .above)
        case .below(let v)?: (v / 100, .below)
        case .range(let lo, let hi)?: (lo / 100, .range(upper: hi / 100))
        case .netExporter?: (0, .below)
        default: (nil, nil)
        }
    }

    /// The leader's net import reliance year by year: as USGS published it (bounds such as
    /// `>50` drawn as bounds, never joined to the numbers) and as recomputed from the salient
    /// statistics; nil without a salient series.
    public static func reliance(_ p: MineralSupplyProfile, leaderName: String, citation: String) -> LineChart? {
        guard !p.relianceSeries.isEmpty else { return nil }
        let published = p.relianceSeries.map { chartValue($0.reported?.amount) }
        let recomputed = p.relianceSeries.map { $0.recomputed.map { $0 / 100 } }
        var subtitle = "Arrow: published as a bound (>x, <x); "
        if recomputed.allSatisfy({ $0 == nil }), let last = p.relianceSeries.last {
            subtitle += last.method
        } else {
            subtitle += "recomputed from the salient statistics"
        }
        return LineChart(
            title: "\(p.name): \(leaderName) net import reliance", subtitle: subtitle,
            xLabels: p.relianceSeries.map { String($0.year) },
            series: [ChartSeries(name: "Published", values: published.map(\.0), bounds: published.map(\.1)),
                     ChartSeries(name: "Recomputed", values: recomputed)],
            format: .percent(decimals: 0), source: citation)
    }

    /// Colours of the who-produces charts: rival, leader, allies, rest of the world.
    static let producerColors = [ChartPalette.negative, ChartPalette.color(at: 0), ChartPalette.color(at: 2), "rgb(190,190,190)"]

    /// The rival's, the leader's, the allies' and the rest of the world's shares of each table,
    /// from ``WorldShares/share(of:)-(Set<Country>)``; "rest" = 1 − the three.
    static func producerSeries(_ tables: [WorldShares?], leader: Country, rival: Country, allies: Set<Country>,
                               leaderName: String, rivalName: String) -> [ChartSeries] {
        let others = allies.subtracting([leader, rival])
        let rivalShare = tables.map { $0?.share(of: [rival]) }
        let leaderShare = tables.map { $0?.share(of: [leader]) }
        let allyShare = tables.map { $0?.share(of: others) }
        let rest = tables.map { $0.map { max(0, 1 - $0.share(of: others.union([leader, rival]))) } }
        return [ChartSeries(name: rivalName, values: rivalShare), ChartSeries(name: leaderName, values: leaderShare),
                ChartSeries(name: "Allies", values: allyShare), ChartSeries(name: "Rest of the world", values: rest)]
    }

    /// Who produces each mineral: the rival, the leader, its allies and everyone else, for the
    /// 20 minerals where the rival's share of world production is largest.
    public static func producers(_ items: [MineralAssessment], leader: Country, rival: Country, allies: Set<Country>,
                                 edition: Int, citation: String, countries: CountryTable = .standard) -> StackedBarChart {
        let ranked = items.filter { ($0.profile.production?.share(of: rival) ?? 0) > 0 }
            .sorted { ($0.profile.production?.share(of: rival) ?? 0, $1.profile.name) > ($1.profile.production?.share(of: rival) ?? 0, $0.profile.name) }
            .prefix(20)
        return StackedBarChart(
            title: "Who produces them: shares of world production, MCS \(edition)",
            subtitle: "The 20 minerals where \(countries.name(rival))'s share is largest (a share needs a published world total); allies: \(allies.sorted().map(\.code).joined(separator: ", "))",
            labels: ranked.map(\.profile.name),
            series: producerSeries(ranked.map(\.profile.production), leader: leader, rival: rival, allies: allies,
                                   leaderName: countries.name(leader), rivalName: countries.name(rival)),
            format: .percent(decimals: 0), source: citation, fixedMaximum: 1, showTotals: false, colors: producerColors)
    }

    /// One mineral's shares of the world by stage of supply: mine production, refinery
    /// production (each where the edition's world table publishes it with a world total) and
    /// reserves; the stages not drawn are named in the subtitle with the reason. Nil when no
    /// stage can be drawn.
    public static func stages(_ p: MineralSupplyProfile, citation: String, countries: CountryTable = .standard) -> StackedBarChart? {
        var labels: [String] = [], tables: [WorldShares?] = [], missing: [String] = []
        func add(_ label: String, _ shares: WorldShares?, _ why: String?) {
            if let shares { labels.append(label); tables.append(shares) } else if let why { missing.append("\(label): \(why)") }
        }
        if p.productionStage == nil {
            add("Production (\(p.productionType))", p.production, p.productionGap?.rawValue)
        }
        for stage in SupplyStage.allCases {
            let type = stage == p.productionStage ? p.productionType : (stage == .refinery ? p.processingType : nil)
            let label = type ?? (stage.productionName.prefix(1).uppercased() + stage.productionName.dropFirst())
            if case .notAvailable(let why) = p.rivalShares.at(stage), p.shares(at: stage) == nil {
                add(label, nil, why)
            } else {
                add(label, p.shares(at: stage), nil)
            }
        }
        add("Reserves", p.reserves, p.reservesGap?.rawValue)
        guard !labels.isEmpty else { return nil }
        return StackedBarChart(
            title: "\(p.name): shares of the world, by stage of supply",
            subtitle: missing.isEmpty ? nil : "Not drawn: " + missing.joined(separator: "; "),
            labels: labels,
            series: producerSeries(tables, leader: p.leader, rival: p.rival, allies: Set(p.allies),
                                   leaderName: countries.name(p.leader), rivalName: countries.name(p.rival)),
            format: .percent(decimals: 0), source: citation, fixedMaximum: 1, showTotals: false, colors: producerColors)
    }
}
