import DecoupleCore

/// The concentration of importers' suppliers in every product of one year, from an aggregation
/// of imports by importer, product and supplier (import side: reconciled and importer-reported
/// rows; World and other aggregate rows left out).
///
/// For importer m and product p, with v_e the imports from exporter e:
///
///     M_mp = Σ_e v_e,   HHI_mp = Σ_e v_e² / M_mp²,   s_e = v_e / M_mp
public struct ImportConcentrationTable: Sendable {
    public let year: Int
    public let countries: [Country]
    public let products: [ProductCode]
    /// M_mp at `p × countries.count + m`.
    public let totals: [Double]
    /// Σ_e v_e² at `p × countries.count + m`.
    public let sumOfSquares: [Double]
    /// The number of suppliers with a positive value, at `p × countries.count + m`.
    public let supplierCounts: [Int32]

    /// HHI_mp, nil when m imports nothing of p.
    public func hhi(importer m: Int, product p: Int) -> Double? {
        let i = p * countries.count + m
        return totals[i] > 0 ? sumOfSquares[i] / (totals[i] * totals[i]) : nil
    }

    /// (HHI − 1/N)/(1 − 1/N), nil when m imports nothing of p.
    public func normalizedHHI(importer m: Int, product p: Int) -> Double? {
        hhi(importer: m, product: p).map {
            ConcentrationIndex.normalizedHHI($0, partners: Int(supplierCounts[p * countries.count + m]))
        }
    }
}

/// Supplier concentration per importer and product for some years (all importers when
/// `importers` is nil).
public struct ImportConcentrationRequest: TradeMeasureRequest {
    public var years: [Int]
    public var importers: [Country]?
    public var products: ProductFilter
    /// The countries and products the tables index (default: those in the data, sorted).
    public var countries: [Country]?
    public var productList: [ProductCode]?

    public init(years: [Int], importers: [Country]? = nil, products: ProductFilter = .all,
                countries: [Country]? = nil, productList: [ProductCode]? = nil) {
        self.years = years
        self.importers = importers
        self.products = products
        self.countries = countries
        self.productList = productList
    }

    public var queries: [TradeAggregationQuery] {
        [TradeAggregationQuery(side: .imports, years: years, reporters: importers, partners: PartnerRule.standardPartners,
                               products: products, groupBy: [.year, .product, .reporter, .partner])]
    }

    /// Keyed by year.
    public func result(from aggregates: [TradeAggregate]) -> [Int: ImportConcentrationTable] {
        let flows = aggregates[0]
        let rows = flows.countryReporterRows(positiveValue: true)
        let axes = MatrixAxes(countries: countries, products: productList, aggregates: [flows], rows: [rows],
                              countryDimensions: [.reporter, .partner])
        let n = axes.countries.count, products = axes.products
        var out: [Int: ImportConcentrationTable] = [:]
        for year in years {
            var totals = [Double](repeating: 0, count: n * products.count)
            var squares = totals
            var counts = [Int32](repeating: 0, count: n * products.count)
            axes.forEachCell(of: flows, rows: rows, year: year) { cell, i in
                let v = flows.value[i]
                totals[cell] += v
                squares[cell] += v * v
                counts[cell] += 1
            }
            out[year] = ImportConcentrationTable(year: year, countries: axes.countries, products: products, totals: totals,
                                                 sumOfSquares: squares, supplierCounts: counts)
        }
        return out
    }
}

extension BilateralPanel {
    /// Supplier concentration of every importer and product in year index `y`, indexed like the panel.
    public func importConcentration(yearIndex y: Int, importers: [Country]? = nil) -> ImportConcentrationTable {
        measure(ImportConcentrationRequest(years: [years[y]], importers: importers, countries: countries, productList: products))[years[y]]!
    }
}
