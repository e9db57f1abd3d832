import DecoupleCore
import DecoupleData

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

extension BilateralPanel {
    /// The asymmetry of dependence of `country` on `partner` in `year`.
    public func dependenceAsymmetry(of country: Country, on partner: Country, year: Int,
                                    products: ProductSelection = .all) -> DependenceAsymmetry {
        let w = products.weights(in: self)
        let imports = partnerShares(of: country, side: .imports, year: year, products: products, weights: w)
        let exports = partnerShares(of: partner, side: .exports, year: year, products: products, weights: w)
        return DependenceAsymmetry(year: year, country: country, partner: partner, products: products.name,
                                   importShare: imports?.share(of: partner), exportShare: exports?.share(of: country))
    }
}
