import DecoupleCore

/// How unevenly two countries depend on each other in a product selection (the framework's
/// "vulnerability"): A's import share from B against B's export share to A.
///
///     importShare = M(A ← B) / M(A)        A's imports from B over A's imports
///     exportShare = X(B → A) / X(B)        B's exports to A over B's exports
///     asymmetry   = importShare − exportShare
///
/// Positive: A needs B as a supplier more than B needs A as a customer — A is the vulnerable
/// side. Each part is nil when the panel lacks that side (a US-reported Comtrade file has no
/// Chinese export totals, for example).
public struct DependenceAsymmetry: Sendable, Codable {
    public let year: Int
    public let country: Country
    public let partner: Country
    public let products: String
    public let importShare: Double?
    public let exportShare: Double?

    public var asymmetry: Double? {
        guard let importShare, let exportShare else { return nil }
        return importShare - exportShare
    }
}

/// The asymmetry of dependence of `country` on `partner`, for every year asked (all when nil)
/// in which `country` imports the products.
public struct DependenceAsymmetryRequest: TradeMeasureRequest {
    public var country: Country
    public var partner: Country
    public var years: [Int]?
    public var products: ProductSelection

    public init(country: Country, on partner: Country, years: [Int]? = nil, products: ProductSelection = .all) {
        self.country = country
        self.partner = partner
        self.years = years
        self.products = products
    }

    public var queries: [TradeAggregationQuery] {
        [ReporterTrade.query(country: country, side: .imports, years: years, products: products.filter),
         ReporterTrade.query(country: partner, side: .exports, years: years, products: products.filter)]
    }

    /// Keyed by year.
    public func result(from aggregates: [TradeAggregate]) -> [Int: DependenceAsymmetry] {
        let imports = ReporterTrade(country: country, side: .imports, aggregate: aggregates[0])
        let exports = ReporterTrade(country: partner, side: .exports, aggregate: aggregates[1])
        var out: [Int: DependenceAsymmetry] = [:]
        for year in Set(imports.years).union(exports.years).union(years ?? []) {
            let m = PartnerShareTable(imports.partnerValues(year: year), year: year, country: country, side: .imports, products: products.name)
            let x = PartnerShareTable(exports.partnerValues(year: year), year: year, country: partner, side: .exports, products: products.name)
            out[year] = DependenceAsymmetry(year: year, country: country, partner: partner, products: products.name,
                                            importShare: m?.share(of: partner), exportShare: x?.share(of: country))
        }
        return out
    }
}

extension BilateralPanel {
    /// The asymmetry of dependence of `country` on `partner` in `year`.
    public func dependenceAsymmetry(of country: Country, on partner: Country, year: Int,
                                    products: ProductSelection = .all) -> DependenceAsymmetry {
        measure(DependenceAsymmetryRequest(country: country, on: partner, years: [year], products: products))[year]!
    }
}
