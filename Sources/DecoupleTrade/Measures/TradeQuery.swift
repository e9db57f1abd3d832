import DecoupleCore

/// Which flows a measure counts.
public enum FlowSelection: String, Sendable, Codable, CaseIterable {
    case imports
    case exports
    /// Imports plus exports.
    case total

    func includes(_ d: TradeDirection) -> Bool {
        switch self {
        case .imports: d == .imports
        case .exports: d == .exports
        case .total: true
        }
    }
}

/// What part of a trade dataset a measure looks at: one reporter's flows in one direction,
/// optionally only some products, grouped at a product level, by month or by year.
public struct TradeQuery: Sendable, Hashable {
    public var reporter: Country
    public var flow: FlowSelection
    /// Products are grouped at this level (`.total`: all products together).
    public var productLevel: ProductLevel
    /// When set, only products whose code starts with one of these codes are kept.
    public var products: Set<String>?
    /// Sum monthly figures into calendar years.
    public var annual: Bool
    /// Products whose code starts with one of these codes are left out (``GoldExclusion``).
    public var excluding: [String]

    public init(reporter: Country, flow: FlowSelection, productLevel: ProductLevel = .total,
                products: Set<String>? = nil, annual: Bool = false, excluding: [String] = []) {
        self.reporter = reporter
        self.flow = flow
        self.productLevel = productLevel
        self.products = products
        self.annual = annual
        self.excluding = excluding
    }
}

/// What a share is a share of.
public enum DenominatorBasis: String, Sendable, Codable {
    /// The reporter's own total with the world, as published by the source.
    case reportedWorld = "reported world total"
    /// The sum over the partner economies present in the data (the source has no world total).
    case sumOfPartners = "sum of partners in the data"
}
