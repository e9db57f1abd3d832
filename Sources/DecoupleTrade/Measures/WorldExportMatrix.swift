import DecoupleCore

/// Every country's exports of every product in one year — the matrix behind revealed
/// comparative advantage, world market shares and the concentration of world supply. Needs
/// all-reporter data (BACI, or Comtrade downloads of every exporter).
///
/// X_cp is exporter c's exports of product p: its World row when the source has one, else the
/// sum over its partners. X_c = Σ_p X_cp, X_wp = Σ_c X_cp, X_w = Σ_c Σ_p X_cp.
public struct WorldExportMatrix: Sendable {
    public let year: Int
    public let countries: [Country]
    public let products: [ProductCode]
    /// X_cp at `p × countries.count + c`.
    public let exports: [Double]
    /// X_c.
    public let countryTotals: [Double]
    /// X_wp.
    public let productTotals: [Double]
    /// X_w.
    public let worldTotal: Double

    @inline(__always) public func value(country c: Int, product p: Int) -> Double { exports[p * countries.count + c] }

    /// Balassa's revealed comparative advantage of country index `c` in product index `p`:
    ///
    ///     RCA_cp = (X_cp / X_c) / (X_wp / X_w)
    ///
    /// 1 when the product weighs as much in c's exports as in world exports; nil when c or
    /// the product has no exports.
    public func rca(country c: Int, product p: Int) -> Double? {
        let xc = countryTotals[c], xwp = productTotals[p]
        guard xc > 0, xwp > 0, worldTotal > 0 else { return nil }
        return (value(country: c, product: p) / xc) / (xwp / worldTotal)
    }

    /// RCA over a weighted product selection S: (X_cS / X_c) / (X_wS / X_w), X_cS = Σ_p w_p X_cp.
    public func rca(country c: Int, weights: [Double]) -> Double? {
        let xc = countryTotals[c]
        let (xcs, xws) = selectionTotals(country: c, weights: weights)
        guard xc > 0, xws > 0, worldTotal > 0 else { return nil }
        return (xcs / xc) / (xws / worldTotal)
    }

    /// World market share of country c in product p: X_cp / X_wp (nil when nobody exports p).
    public func worldMarketShare(country c: Int, product p: Int) -> Double? {
        productTotals[p] > 0 ? value(country: c, product: p) / productTotals[p] : nil
    }

    /// World market share over a selection: X_cS / X_wS.
    public func worldMarketShare(country c: Int, weights: [Double]) -> Double? {
        let (xcs, xws) = selectionTotals(country: c, weights: weights)
        return xws > 0 ? xcs / xws : nil
    }

    /// Concentration of world exports of product p (CEPII GeoDep's criterion 2):
    /// HHI_p = Σ_c (X_cp / X_wp)²; nil when nobody exports p.
    public func exportHHI(product p: Int) -> Double? {
        guard productTotals[p] > 0 else { return nil }
        let n = countries.count, base = p * n
        var squares = 0.0
        for c in 0..<n { let x = exports[base + c]; squares += x * x }
        return squares / (productTotals[p] * productTotals[p])
    }

    /// The largest exporter of product p and its world market share.
    public func leadingExporter(product p: Int) -> (country: Country, share: Double)? {
        guard productTotals[p] > 0 else { return nil }
        let n = countries.count, base = p * n
        var best = 0
        for c in 1..<max(1, n) where exports[base + c] > exports[base + best] { best = c }
        return (countries[best], exports[base + best] / productTotals[p])
    }

    private func selectionTotals(country c: Int, weights: [Double]) -> (Double, Double) {
        var xcs = 0.0, xws = 0.0
        for p in 0..<products.count where weights[p] > 0 {
            xcs += weights[p] * value(country: c, product: p)
            xws += weights[p] * productTotals[p]
        }
        return (xcs, xws)
    }
}

/// The world export matrices of some years, from two aggregations of exports by exporter and
/// product: over partners that are not aggregates, and to the World partner.
public struct WorldExportsRequest: TradeMeasureRequest {
    public var years: [Int]
    public var products: ProductFilter
    /// The countries and products the matrices index (default: those with exports, sorted).
    public var countries: [Country]?
    public var productList: [ProductCode]?

    public init(years: [Int], products: ProductFilter = .all, countries: [Country]? = nil, productList: [ProductCode]? = nil) {
        self.years = years
        self.products = products
        self.countries = countries
        self.productList = productList
    }

    public var queries: [TradeAggregationQuery] {
        [TradeAggregationQuery(side: .exports, years: years, partners: PartnerRule.standardPartners, products: products,
                               groupBy: [.year, .reporter, .product]),
         TradeAggregationQuery(side: .exports, years: years, partners: [.world], products: products,
                               groupBy: [.year, .reporter, .product])]
    }

    /// Keyed by year; a year without exports has no matrix.
    public func result(from aggregates: [TradeAggregate]) -> [Int: WorldExportMatrix] {
        let partnerSums = aggregates[0], world = aggregates[1]
        let partnerRows = partnerSums.countryReporterRows(), worldRows = world.countryReporterRows()
        let axes = MatrixAxes(countries: countries, products: productList, aggregates: [partnerSums, world],
                              rows: [partnerRows, worldRows], countryDimensions: [.reporter])
        let n = axes.countries.count, products = axes.products
        var out: [Int: WorldExportMatrix] = [:]
        for year in years {
            var exports = [Double](repeating: 0, count: n * products.count)
            var any = false
            axes.forEachCell(of: partnerSums, rows: partnerRows, year: year) { cell, i in
                exports[cell] += partnerSums.value[i]
                any = true
            }
            // Where the source has World rows, X_cp is the exporter's World row (never added to partners).
            axes.forEachCell(of: world, rows: worldRows, year: year) { cell, i in
                exports[cell] = world.value[i]
                any = true
            }
            guard any else { continue }
            out[year] = WorldExportMatrix(year: year, countries: axes.countries, products: products, exports: exports)
        }
        return out
    }
}

extension WorldExportMatrix {
    /// A matrix with its totals: X_c = Σ_p X_cp, X_wp = Σ_c X_cp, X_w = Σ_c Σ_p X_cp.
    init(year: Int, countries: [Country], products: [ProductCode], exports: [Double]) {
        let n = countries.count, pCount = products.count
        var countryTotals = [Double](repeating: 0, count: n)
        var productTotals = [Double](repeating: 0, count: pCount)
        var world = 0.0
        for p in 0..<pCount {
            let base = p * n
            var t = 0.0
            for c in 0..<n { let x = exports[base + c]; t += x; countryTotals[c] += x }
            productTotals[p] = t
            world += t
        }
        self.init(year: year, countries: countries, products: products, exports: exports,
                  countryTotals: countryTotals, productTotals: productTotals, worldTotal: world)
    }

    /// The index of a country in ``countries``.
    public func index(of country: Country) -> Int? { countries.firstIndex(of: country) }
}

extension BilateralPanel {
    /// The world export matrix of `year`, indexed like the panel's countries and products (nil
    /// when the panel does not have the year).
    public func worldExports(year: Int) -> WorldExportMatrix? {
        guard yearIndex(year) != nil else { return nil }
        return measure(WorldExportsRequest(years: [year], countries: countries, productList: products))[year]
            ?? WorldExportMatrix(year: year, countries: countries, products: products,
                                 exports: [Double](repeating: 0, count: countries.count * products.count))
    }

    /// The world export matrix of year index `y`.
    public func worldExports(yearIndex y: Int) -> WorldExportMatrix {
        worldExports(year: years[y])!
    }
}
