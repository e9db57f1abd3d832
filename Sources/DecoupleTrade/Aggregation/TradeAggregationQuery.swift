import DecoupleCore

/// The heavy part of every trade measure, stated once for every engine: filter the rows of a
/// trade panel, group them, and sum value and quantity.
///
/// An engine (``TradeAggregationEngine``) answers it with a ``TradeAggregate``. Filters that
/// are nil keep everything. Rows whose partner is an aggregate (`WLD` in UN Comtrade) are kept
/// like any other partner: measures that use the reporter's total read them, the others
/// leave them out.
public struct TradeAggregationQuery: Sendable, Hashable {
    /// Imports (reporter = importer) or exports (reporter = exporter); also decides which rows
    /// count (``TradeSide/accepts(_:)``).
    public var side: TradeSide
    public var years: [Int]?
    public var reporters: [Country]?
    public var partners: [Country]?
    public var products: ProductFilter
    /// The keys of the result, in this order; empty: one grand total.
    public var groupBy: [TradeDimension]

    public init(side: TradeSide, years: [Int]? = nil, reporters: [Country]? = nil, partners: [Country]? = nil,
                products: ProductFilter = .all, groupBy: [TradeDimension]) {
        self.side = side
        self.years = years
        self.reporters = reporters
        self.partners = partners
        self.products = products
        self.groupBy = groupBy
    }
}
