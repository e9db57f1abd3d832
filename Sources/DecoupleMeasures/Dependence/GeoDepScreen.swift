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

    /// Screens the products `country` imports in `year`, dependencies first, then by imports.
    public func screen(_ panel: BilateralPanel, country: Country, year: Int,
                       products: ProductSelection = .all) -> [Result] {
        guard let c = panel.index(of: country), panel.yearIndex(year) != nil else { return [] }
        let weights = products.weights(in: panel)
        let windowYears = ((year - thresholds.window + 1)...year).filter { panel.yearIndex($0) != nil }
        // Per product code: the years meeting 1–3, and the figures of the screened year.
        var met: [String: [Int]] = [:]
        var current: [String: Result] = [:]
        for wy in windowYears {
            let y = panel.yearIndex(wy)!
            let world = panel.worldExports(yearIndex: y)
            let imports = panel.importConcentration(yearIndex: y)
            for p in 0..<panel.products.count where weights[p] > 0 {
                guard let importHHI = imports.hhi(importer: c, product: p),
                      let exportHHI = world.exportHHI(product: p) else { continue }
                let m = imports.totals[p * panel.countries.count + c]
                let x = world.value(country: c, product: p)
                let ratio = x > 0 ? m / x : Self.noExportsRatio
                let code = panel.products[p].code
                if importHHI > thresholds.importHHI && exportHHI > thresholds.worldExportHHI && ratio > thresholds.importExportRatio {
                    met[code, default: []].append(wy)
                }
                if wy == year {
                    let lead = world.leadingExporter(product: p)
                    current[code] = Result(product: panel.products[p], imports: m, exports: x, importHHI: importHHI,
                                           worldExportHHI: exportHHI, importExportRatio: ratio,
                                           leadingExporter: lead?.country, leadingExporterShare: lead?.share ?? 0,
                                           yearsMeetingCriteria: [], isDependency: false)
                }
            }
        }
        return current.values.map { r in
            let years = met[r.product.code] ?? []
            return Result(product: r.product, imports: r.imports, exports: r.exports, importHHI: r.importHHI,
                          worldExportHHI: r.worldExportHHI, importExportRatio: r.importExportRatio,
                          leadingExporter: r.leadingExporter, leadingExporterShare: r.leadingExporterShare,
                          yearsMeetingCriteria: years, isDependency: years.count >= thresholds.yearsRequired)
        }.sorted { $0.isDependency != $1.isDependency ? $0.isDependency : ($0.imports != $1.imports ? $0.imports > $1.imports : $0.product.code < $1.product.code) }
    }
}
