import DecoupleCore

/// CEPII GeoDep's screen of a country's import dependencies (Lefebvre & Wibaux, "Import
/// dependencies: where does the EU stand?", CEPII Policy Brief 47, 2024), on BACI-like
/// all-reporter data. For country c and product p in a year:
///
/// 1. import concentration:        HHI of c's suppliers of p > `importHHI` (0.4)
/// 2. world export concentration:  HHI_p = Σ_k (X_kp / X_wp)² > `worldExportHHI` (0.4)
/// 3. no domestic substitute:      M_cp / X_cp > `importExportRatio` (1); 9999 when X_cp = 0
/// 4. persistence:                 1–3 hold in at least `yearsRequired` (2) of the
///                                 `window` (3) years ending in the year screened
///
/// A product is a dependency when criterion 4 holds.
public struct GeoDepScreen: Sendable {
    public struct Thresholds: Sendable, Codable, Equatable {
        public var importHHI: Double = 0.4
        public var worldExportHHI: Double = 0.4
        public var importExportRatio: Double = 1
        public var yearsRequired: Int = 2
        public var window: Int = 3
        public init(importHHI: Double = 0.4, worldExportHHI: Double = 0.4, importExportRatio: Double = 1,
                    yearsRequired: Int = 2, window: Int = 3) {
            self.importHHI = importHHI
            self.worldExportHHI = worldExportHHI
            self.importExportRatio = importExportRatio
            self.yearsRequired = yearsRequired
            self.window = window
        }
    }

    /// GeoDep's value when exports are zero.
    public static let noExportsRatio = 9999.0

    public struct Result: Sendable, Codable {
        public let product: ProductCode
        public let imports: Double
        public let exports: Double
        public let importHHI: Double
        public let worldExportHHI: Double
        public let importExportRatio: Double
        public let leadingExporter: Country?
        public let leadingExporterShare: Double
        /// The years of the window in which criteria 1–3 all held.
        public let yearsMeetingCriteria: [Int]
        public let isDependency: Bool
    }

    public var thresholds: Thresholds
    public init(thresholds: Thresholds = Thresholds()) { self.thresholds = thresholds }

    /// The aggregations behind a screen of `country` in `year` (see ``GeoDepScreenRequest``).
    public func request(country: Country, year: Int, products: ProductSelection = .all) -> GeoDepScreenRequest {
        GeoDepScreenRequest(screen: self, country: country, year: year, products: products)
    }

    /// Screens the products `country` imports in `year` on a panel.
    public func screen(_ panel: BilateralPanel, country: Country, year: Int,
                       products: ProductSelection = .all) -> [Result] {
        guard panel.index(of: country) != nil, panel.yearIndex(year) != nil else { return [] }
        return panel.measure(request(country: country, year: year, products: products))
    }
}

/// A GeoDep screen as aggregations: world exports by exporter and product, and the country's
/// imports by product and supplier, for every year of the window.
public struct GeoDepScreenRequest: TradeMeasureRequest {
    public var screen: GeoDepScreen
    public var country: Country
    public var year: Int
    public var products: ProductSelection

    var windowYears: [Int] { Array((year - screen.thresholds.window + 1)...year) }
    var world: WorldExportsRequest { WorldExportsRequest(years: windowYears, products: products.unweightedFilter) }
    var imports: ImportConcentrationRequest {
        ImportConcentrationRequest(years: windowYears, importers: [country], products: products.unweightedFilter)
    }

    public var queries: [TradeAggregationQuery] { world.queries + imports.queries }

    /// Dependencies first, then by imports.
    public func result(from aggregates: [TradeAggregate]) -> [GeoDepScreen.Result] {
        let worldCount = world.queries.count
        let worlds = world.result(from: Array(aggregates[..<worldCount]))
        let concentrations = imports.result(from: Array(aggregates[worldCount...]))
        let thresholds = screen.thresholds
        var met: [String: [Int]] = [:]
        var current: [String: GeoDepScreen.Result] = [:]
        for wy in windowYears {
            guard let matrix = worlds[wy], let table = concentrations[wy], let m = table.countries.firstIndex(of: country) else { continue }
            var worldProduct: [ProductCode: Int] = [:]
            for (i, p) in matrix.products.enumerated() { worldProduct[p] = i }
            let c = matrix.index(of: country)
            for (q, product) in table.products.enumerated() {
                guard let importHHI = table.hhi(importer: m, product: q), let p = worldProduct[product],
                      let exportHHI = matrix.exportHHI(product: p) else { continue }
                let imports = table.totals[q * table.countries.count + m]
                let exports = c.map { matrix.value(country: $0, product: p) } ?? 0
                let ratio = exports > 0 ? imports / exports : GeoDepScreen.noExportsRatio
                if importHHI > thresholds.importHHI && exportHHI > thresholds.worldExportHHI && ratio > thresholds.importExportRatio {
                    met[product.code, default: []].append(wy)
                }
                if wy == year {
                    let lead = matrix.leadingExporter(product: p)
                    current[product.code] = GeoDepScreen.Result(
                        product: product, imports: imports, exports: exports, importHHI: importHHI,
                        worldExportHHI: exportHHI, importExportRatio: ratio,
                        leadingExporter: lead?.country, leadingExporterShare: lead?.share ?? 0,
                        yearsMeetingCriteria: [], isDependency: false)
                }
            }
        }
        return current.values.map { r in
            let years = met[r.product.code] ?? []
            return GeoDepScreen.Result(product: r.product, imports: r.imports, exports: r.exports, importHHI: r.importHHI,
                                       worldExportHHI: r.worldExportHHI, importExportRatio: r.importExportRatio,
                                       leadingExporter: r.leadingExporter, leadingExporterShare: r.leadingExporterShare,
                                       yearsMeetingCriteria: years, isDependency: years.count >= thresholds.yearsRequired)
        }.sorted { $0.isDependency != $1.isDependency ? $0.isDependency : ($0.imports != $1.imports ? $0.imports > $1.imports : $0.product.code < $1.product.code) }
    }
}
