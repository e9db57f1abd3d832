import DecoupleCore

/// Trade datasets in the shape of the bundled ones, aggregated from a trade panel by any engine
/// (the local store, Spark): a reporter's and a rival's annual trade by partner (like IMF DOTS),
/// and the reporter's imports by HS6 product and partner in one year (like the Census
/// cross-section). This is how `decouple report --store` runs the report's trade sections on a
/// BACI or Comtrade panel.
public struct PanelTradeDatasets: TradeMeasureRequest {
    public var reporter: Country
    public var rival: Country
    /// The year of the product cross-section (the panel's last year, usually).
    public var crossSectionYear: Int
    /// The dataset id figures cite (`panel-store`).
    public var id: String
    public var provenance: Provenance
    /// How the panel values imports and exports (BACI: FOB both ways; Comtrade: CIF imports,
    /// FOB exports).
    public var importValuation: Valuation
    public var exportValuation: Valuation

    public init(reporter: Country, rival: Country, crossSectionYear: Int, id: String, provenance: Provenance,
                importValuation: Valuation, exportValuation: Valuation) {
        self.reporter = reporter
        self.rival = rival
        self.crossSectionYear = crossSectionYear
        self.id = id
        self.provenance = provenance
        self.importValuation = importValuation
        self.exportValuation = exportValuation
    }

    public var queries: [TradeAggregationQuery] {
        [TradeAggregationQuery(side: .imports, reporters: [reporter, rival], groupBy: [.year, .reporter, .partner]),
         TradeAggregationQuery(side: .exports, reporters: [reporter, rival], groupBy: [.year, .reporter, .partner]),
         TradeAggregationQuery(side: .imports, years: [crossSectionYear], reporters: [reporter],
                               groupBy: [.year, .reporter, .partner, .product])]
    }

    /// The annual bilateral dataset (product TOTAL) and the product cross-section.
    public func result(from aggregates: [TradeAggregate]) -> (annual: TradeDataset, crossSection: TradeDataset) {
        func flows(_ a: TradeAggregate, _ direction: TradeDirection, _ valuation: Valuation) -> [TradeFlow] {
            a.rows.compactMap { row in
                guard let year = row.year, let r = row.reporter, let p = row.partner, r != p, row.value > 0 else { return nil }
                return TradeFlow(period: .year(year), reporter: r, partner: p, direction: direction,
                                 product: row.product ?? .total, value: row.value, quantity: nil, valuation: valuation)
            }
        }
        let annual = flows(aggregates[0], .imports, importValuation) + flows(aggregates[1], .exports, exportValuation)
        return (TradeDataset(id: id, provenance: provenance, flows: annual),
                TradeDataset(id: id, provenance: provenance, flows: flows(aggregates[2], .imports, importValuation)))
    }
}
