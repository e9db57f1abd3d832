import DecoupleCore
import DecoupleData

/// A read-only view of a bilateral trade panel held in columns: the rows of each year and
/// product lie together (`productOffsets`), and each row is a flow from an exporter to an
/// importer with a value in US dollars and the ``TradeSide`` basis that says who reported it.
///
/// The columns are not copied: a `TradePanelStore` (DecoupleData) maps them from disk and is
/// kept alive as `owner`. Measures never read the rows themselves: they state the aggregations
/// they need (``TradeMeasureRequest``), which ``aggregationEngine`` runs on these columns, or
/// any other ``TradeAggregationEngine`` (Spark) runs on its copy of the data.
public struct BilateralPanel: @unchecked Sendable {
    /// The countries the `exporter` and `importer` columns index into.
    public let countries: [Country]
    public let products: [ProductCode]
    /// Ascending.
    public let years: [Int]
    /// Rows of year index `y` and product index `p`: `productOffsets[y·P + p] ..< productOffsets[y·P + p + 1]`.
    public let productOffsets: UnsafeBufferPointer<Int64>
    public let exporter: UnsafeBufferPointer<UInt16>
    public let importer: UnsafeBufferPointer<UInt16>
    /// 0 reconciled (BACI), 1 importer-reported, 2 exporter-reported (UN Comtrade M / X).
    public let basis: UnsafeBufferPointer<UInt8>
    /// US dollars.
    public let value: UnsafeBufferPointer<Double>
    /// Metric tonnes (NaN: not reported); nil when the panel has none.
    public let quantity: UnsafeBufferPointer<Double>?
    public let provenance: [Provenance]
    /// True for countries that are aggregates (`WLD`, `EU` …): they are totals, never partners.
    public let isAggregate: [Bool]
    /// True when the panel covers every reporter (BACI), so world-level measures make sense.
    public let coversAllReporters: Bool
    private let countryIndex: [Country: Int]
    private let owner: AnyObject?

    public init(countries: [Country], products: [ProductCode], years: [Int], productOffsets: UnsafeBufferPointer<Int64>,
                exporter: UnsafeBufferPointer<UInt16>, importer: UnsafeBufferPointer<UInt16>, basis: UnsafeBufferPointer<UInt8>,
                value: UnsafeBufferPointer<Double>, quantity: UnsafeBufferPointer<Double>? = nil,
                provenance: [Provenance], owner: AnyObject?, coversAllReporters: Bool = false,
                countryTable: CountryTable = .standard) {
        precondition(productOffsets.count == years.count * products.count + 1, "productOffsets must have years × products + 1 entries")
        self.countries = countries
        self.products = products
        self.years = years
        self.productOffsets = productOffsets
        self.exporter = exporter
        self.importer = importer
        self.basis = basis
        self.value = value
        self.quantity = quantity
        self.provenance = provenance
        self.coversAllReporters = coversAllReporters
        self.owner = owner
        self.isAggregate = countries.map { countryTable.info($0)?.kind == .aggregate }
        var index: [Country: Int] = [:]
        for (i, c) in countries.enumerated() { index[c] = i }
        self.countryIndex = index
    }

    /// The dictionary index of a country, nil when the panel does not have it.
    public func index(of country: Country) -> Int? { countryIndex[country] }

    /// The index of a year, nil when the panel does not have it.
    public func yearIndex(_ year: Int) -> Int? { years.firstIndex(of: year) }

    /// The engine that runs aggregations on this panel's columns.
    public var aggregationEngine: LocalTradeAggregationEngine {
        LocalTradeAggregationEngine(
            columns: PanelColumns(countries: countries, products: products, years: years, productOffsets: productOffsets,
                                  exporter: exporter, importer: importer, basis: basis, value: value, quantity: quantity),
            name: "local panel",
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
