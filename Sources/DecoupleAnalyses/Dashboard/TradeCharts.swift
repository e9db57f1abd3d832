import DecoupleCore
import DecoupleTrade

/// The dashboard's trade charts, as chart data computed from the features (the server only
/// draws them).
public enum TradeCharts {
    /// A stacked bar per stage of `chain`: the rival's, the three largest other suppliers' and
    /// the rest's share of the reporter's imports of the stage's HS6 lines (``StrategicImports``);
    /// nil when `data` has no imports by the reporter.
    public static func chainSourcing(_ chain: SupplyChain, taxonomy: StrategicTaxonomy, data: TradeDataset,
                                     reporter: Country, rival: Country, countries: CountryTable = .standard) -> StackedBarChart? {
        guard let imports = StrategicImports(data: data, taxonomy: taxonomy, reporter: reporter, countries: countries) else { return nil }
        let name = { PartnerRule.displayName($0, countries: countries) }
        let stages = chain.stages.compactMap { s -> (String, ProductSetTrade)? in
            guard !imports.codes(chain: chain.id, stage: s.id).isEmpty else { return nil }
            let trade = imports.trade(chain: chain.id, stage: s.id)
            return trade.total > 0 ? (s.name, trade) : nil
        }
        var totals: [Country: Double] = [:]
        for (_, trade) in stages { for (p, value) in trade.byPartner where p != rival { totals[p, default: 0] += value / trade.total } }
        let others = totals.sorted { ($0.value, $1.key) > ($1.value, $0.key) }.prefix(3).map(\.key)
        var series = [ChartSeries(name: name(rival), values: stages.map { $0.1.share(of: rival) })]
        for p in others { series.append(ChartSeries(name: name(p), values: stages.map { $0.1.share(of: p) })) }
        series.append(ChartSeries(name: "All other partners", values: stages.map { t in
            1 - ([rival] + others).reduce(0) { $0 + (t.1.share(of: $1) ?? 0) }
        }))
        return StackedBarChart(
            title: "\(chain.name): sources of \(name(reporter)) imports by stage, \(imports.period)",
            subtitle: "Share of each stage's imports (\(imports.edition.rawValue) lines of the taxonomy, weighted); the rival first",
            labels: stages.map(\.0), series: series, format: .percent(decimals: 0), source: data.provenance.citation,
            fixedMaximum: 1, showTotals: false,
            colors: [ChartPalette.negative, ChartPalette.color(at: 0), ChartPalette.color(at: 2), ChartPalette.color(at: 3), "rgb(190,190,190)"])
    }

    /// The largest suppliers' shares of the reporter's imports year by year (IMF DOTS): the top
    /// six in the last year, and the rival.
    public static func largestSuppliers(flows: [TradeFlow], provenance: Provenance, reporter: Country, rival: Country,
                                        countries: CountryTable = .standard) -> LineChart? {
        let name = { PartnerRule.displayName($0, countries: countries) }
        let imports = TradeCube(flows: flows, query: TradeQuery(reporter: reporter, flow: .imports), countries: countries)
        guard let last = imports.periods.last else { return nil }
        var partners = imports.topPartners(period: last, k: 6).map(\.partner)
        if !partners.contains(rival) { partners.append(rival) }
        return LineChart(
            title: "Largest suppliers' shares of \(name(reporter)) imports",
            subtitle: "Top six partners in \(last) and \(name(rival)); as reported by \(name(reporter))",
            xLabels: imports.periods.map(\.description),
            series: partners.map { p in ChartSeries(name: name(p), values: imports.periods.map { imports.share(of: p, period: $0)?.share }) },
            format: .percent(decimals: 0), source: provenance.citation)
    }
}
