import DecoupleCore

/// The European Commission's 2021 screen of strategic dependencies (SWD(2021) 352, "Strategic
/// dependencies and capacities"), applied to any bloc of importers and any year. For product p,
/// with M_ext,k the bloc's imports from supplier k outside the bloc:
///
/// 1. concentration:    HHI_p = Σ_k (M_ext,k / M_ext)² > `hhi` (0.4)
/// 2. importance:       M_ext / X_ext > `importExportRatio` (1), X_ext = the bloc's exports to
///                      countries outside it (infinite when X_ext = 0)
/// 3. substitutability: M_ext / M_total > `extraBlocImportShare` (0.5), M_total = the bloc's
///                      imports from everyone, members included
///
/// A product is a dependency when all three hold. Imports use reconciled and importer-reported
/// rows, exports reconciled and exporter-reported rows; aggregate partners (World) are left out,
/// so the screen needs partner detail.
public struct StrategicDependencyScreen: Sendable {
    /// The cut-offs, the Commission's by default.
    public struct Thresholds: Sendable, Codable, Equatable {
        public var hhi: Double = 0.4
        public var importExportRatio: Double = 1
        public var extraBlocImportShare: Double = 0.5
        public init(hhi: Double = 0.4, importExportRatio: Double = 1, extraBlocImportShare: Double = 0.5) {
            self.hhi = hhi
            self.importExportRatio = importExportRatio
            self.extraBlocImportShare = extraBlocImportShare
        }
    }

    /// The screen's figures for one product.
    public struct Result: Sendable, Codable {
        public let product: ProductCode
        public let extraBlocImports: Double
        public let extraBlocExports: Double
        public let totalImports: Double
        public let supplierHHI: Double
        /// M_ext / X_ext; nil (infinite) when the bloc exports nothing outside.
        public let importExportRatio: Double?
        public let extraBlocImportShare: Double
        public let topSupplier: Country?
        public let topSupplierShare: Double
        public let concentrated: Bool
        public let important: Bool
        public let hardToSubstitute: Bool
        public var isDependency: Bool { concentrated && important && hardToSubstitute }
    }

    public var thresholds: Thresholds
    public init(thresholds: Thresholds = Thresholds()) { self.thresholds = thresholds }

    /// Screens every product of `products` that the bloc imports from outside in `year`,
    /// dependencies first, then by extra-bloc imports.
    public func screen(_ panel: BilateralPanel, bloc: Set<Country>, year: Int,
                       products: ProductSelection = .all) -> [Result] {
        guard let y = panel.yearIndex(year) else { return [] }
        let n = panel.countries.count
        let member = panel.countries.map { bloc.contains($0) }
        let weights = products.weights(in: panel)
        var results: [Result] = []
        var supplier = [Double](repeating: 0, count: n)
        for p in 0..<panel.products.count where weights[p] > 0 {
            var extImports = 0.0, extExports = 0.0, total = 0.0
            var touched: [Int] = []
            for r in panel.rows(yearIndex: y, productIndex: p) {
                let e = Int(panel.exporter[r]), m = Int(panel.importer[r])
                if panel.isAggregate[e] || panel.isAggregate[m] { continue }
                let v = panel.value[r], b = panel.basis[r]
                if member[m] && b != 2 {
                    total += v
                    if !member[e] {
                        extImports += v
                        if supplier[e] == 0 { touched.append(e) }
                        supplier[e] += v
                    }
                }
                if member[e] && !member[m] && b != 1 { extExports += v }
            }
            defer { for k in touched { supplier[k] = 0 } }
            guard extImports > 0 else { continue }
            let hhi = ConcentrationIndex.hhi(touched.map { supplier[$0] })
            let top = touched.max { supplier[$0] != supplier[$1] ? supplier[$0] < supplier[$1] : panel.countries[$0] > panel.countries[$1] }
            let ratio: Double? = extExports > 0 ? extImports / extExports : nil
            let share = total > 0 ? extImports / total : 0
            results.append(Result(
                product: panel.products[p], extraBlocImports: extImports * weights[p], extraBlocExports: extExports * weights[p],
                totalImports: total * weights[p], supplierHHI: hhi, importExportRatio: ratio, extraBlocImportShare: share,
                topSupplier: top.map { panel.countries[$0] }, topSupplierShare: top.map { supplier[$0] / extImports } ?? 0,
                concentrated: hhi > thresholds.hhi,
                important: ratio.map { $0 > thresholds.importExportRatio } ?? true,
                hardToSubstitute: share > thresholds.extraBlocImportShare))
        }
        return results.sorted {
            $0.isDependency != $1.isDependency ? $0.isDependency : $0.extraBlocImports > $1.extraBlocImports
        }
    }
}
