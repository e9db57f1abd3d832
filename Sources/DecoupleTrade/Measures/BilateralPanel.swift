import DecoupleCore

/// A read-only bilateral trade panel held in columns (``PanelColumns``): the rows of each year
/// and product lie together, and each row is a flow from an exporter to an importer with a
/// value in US dollars and the basis that says who reported it.
///
/// The columns are not copied: a `TradePanelStore` maps them from disk and is
/// kept alive as `owner`. Measures never read the rows themselves: they state the aggregations
/// they need (``TradeMeasureRequest``), which ``aggregationEngine`` runs on these columns, or
/// any other ``TradeAggregationEngine`` (Spark) runs on its copy of the data.
public struct BilateralPanel: @unchecked Sendable {
    public let columns: PanelColumns
    public let provenance: [Provenance]
    /// True when the panel covers every reporter (BACI), so world-level measures make sense.
    public let coversAllReporters: Bool
    /// True for countries that are aggregates (`WLD`, `EU` …): they are totals, never partners.
    public let isAggregate: [Bool]
    private let countryIndex: [Country: Int]
    private let owner: AnyObject?

    /// The countries the panel's rows index into.
    public var countries: [Country] { columns.countries }
    public var products: [ProductCode] { columns.products }
    /// Ascending.
    public var years: [Int] { columns.years }

    public init(columns: PanelColumns, provenance: [Provenance], owner: AnyObject?, coversAllReporters: Bool = false,
                countryTable: CountryTable = .standard) {
        precondition(columns.productOffsets.count == columns.years.count * columns.products.count + 1,
                     "productOffsets must have years × products + 1 entries")
        self.columns = columns
        self.provenance = provenance
        self.owner = owner
        self.coversAllReporters = coversAllReporters
        self.isAggregate = columns.countries.map { countryTable.info($0)?.kind == .aggregate }
        var index: [Country: Int] = [:]
        for (i, c) in columns.countries.enumerated() { index[c] = i }
        self.countryIndex = index
    }

    /// The index of a country in ``countries``, nil when the panel does not have it.
    public func index(of country: Country) -> Int? { countryIndex[country] }

    /// The index of a year, nil when the panel does not have it.
    public func yearIndex(_ year: Int) -> Int? { years.firstIndex(of: year) }

    /// The engine that runs aggregations on this panel's columns.
    public var aggregationEngine: LocalTradeAggregationEngine {
        LocalTradeAggregationEngine(
            columns: columns, name: "local panel",
            description: TradePanelDescription(years: years, coversAllReporters: coversAllReporters, provenance: provenance),
            owner: owner)
    }

    /// Computes a measure on this panel (the aggregations run in this process).
    public func measure<Request: TradeMeasureRequest>(_ request: Request) -> Request.Result {
        aggregationEngine.measureLocally(request)
    }

    /// The years in `range` (all when nil) that the panel has.
    public func years(in range: ClosedRange<Int>?) -> [Int] {
        guard let range else { return years }
        return years.filter { range.contains($0) }
    }
}
