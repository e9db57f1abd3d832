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

    /// The aggregations behind a screen of `bloc` in `year` (see ``StrategicDependencyScreenRequest``).
    public func request(bloc: Set<Country>, year: Int, products: ProductSelection = .all) -> StrategicDependencyScreenRequest {
        StrategicDependencyScreenRequest(screen: self, bloc: bloc, year: year, products: products)
    }

    /// Screens every selected product the bloc imports in `year` on a panel: dependencies first,
    /// then by extra-bloc imports.
    public func screen(_ panel: BilateralPanel, bloc: Set<Country>, year: Int,
                       products: ProductSelection = .all) -> [Result] {
        guard panel.yearIndex(year) != nil else { return [] }
        return panel.measure(request(bloc: bloc, year: year, products: products))
    }
}

/// The EU 2021 screen as aggregations: the bloc's imports and exports by product and partner.
public struct StrategicDependencyScreenRequest: TradeMeasureRequest {
    public var screen: StrategicDependencyScreen
    public var bloc: Set<Country>
    public var year: Int
    public var products: ProductSelection

    public var queries: [TradeAggregationQuery] {
        let members = bloc.sorted()
        return [TradeAggregationQuery(side: .imports, years: [year], reporters: members, partners: PartnerRule.standardPartners,
                                      products: products.filter, groupBy: [.product, .partner]),
                TradeAggregationQuery(side: .exports, years: [year], reporters: members, partners: PartnerRule.standardPartners,
                                      products: products.filter, groupBy: [.product, .partner])]
    }

    /// Dependencies first, then by extra-bloc imports.
    public func result(from aggregates: [TradeAggregate]) -> [StrategicDependencyScreen.Result] {
        let thresholds = screen.thresholds
        var extraBlocExports: [ProductCode: Double] = [:]
        for row in aggregates[1].rows where !bloc.contains(row.partner!) {
            extraBlocExports[row.product!, default: 0] += row.value
        }
        // Imports by product, then partner (the aggregate is sorted that way).
        var byProduct: [(product: ProductCode, rows: [TradeAggregateRow])] = []
        for row in aggregates[0].rows {
            if byProduct.last?.product != row.product! { byProduct.append((row.product!, [])) }
            byProduct[byProduct.count - 1].rows.append(row)
        }
        var results: [StrategicDependencyScreen.Result] = []
        for (product, rows) in byProduct {
            var total = 0.0, extImports = 0.0
            var suppliers: [(partner: Country, value: Double)] = []
            for row in rows {
                total += row.value
                if !bloc.contains(row.partner!) {
                    extImports += row.value
                    suppliers.append((row.partner!, row.value))
                }
            }
            guard extImports > 0 else { continue }
            let extExports = extraBlocExports[product] ?? 0
            let hhi = ConcentrationIndex.hhi(suppliers.map(\.value))
            let top = suppliers.max { $0.value != $1.value ? $0.value < $1.value : $0.partner > $1.partner }
            let ratio: Double? = extExports > 0 ? extImports / extExports : nil
            let share = total > 0 ? extImports / total : 0
            results.append(StrategicDependencyScreen.Result(
                product: product, extraBlocImports: extImports, extraBlocExports: extExports,
                totalImports: total, supplierHHI: hhi, importExportRatio: ratio, extraBlocImportShare: share,
                topSupplier: top?.partner, topSupplierShare: top.map { $0.value / extImports } ?? 0,
                concentrated: hhi > thresholds.hhi,
                important: ratio.map { $0 > thresholds.importExportRatio } ?? true,
                hardToSubstitute: share > thresholds.extraBlocImportShare))
        }
        return results.sorted {
            $0.isDependency != $1.isDependency ? $0.isDependency : $0.extraBlocImports > $1.extraBlocImports
        }
    }
}
