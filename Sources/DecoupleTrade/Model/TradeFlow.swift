import DecoupleCore

/// The direction of a flow, seen from the reporter.
public enum TradeDirection: String, Sendable, Codable, CaseIterable {
    case imports
    case exports
}

/// How a trade value was measured. Mirror statistics differ partly because of this:
/// imports are usually valued CIF (including freight and insurance), exports FOB.
public enum Valuation: String, Sendable, Codable {
    /// Free on board (exports, most reporters).
    case fob = "FOB"
    /// Free alongside ship (US exports).
    case fas = "FAS"
    /// Cost, insurance and freight (imports, most reporters).
    case cif = "CIF"
    /// Customs (transaction) value, excluding freight and insurance (US imports).
    case customsValue = "customs value"
}

/// One trade figure: what `reporter` declared it imported from or exported to `partner`
/// in `period`, for `product`, in US dollars.
public struct TradeFlow: Hashable, Sendable, Codable {
    public var period: Period
    public var reporter: Country
    public var partner: Country
    public var direction: TradeDirection
    public var product: ProductCode
    /// Value in US dollars (not millions).
    public var value: Double
    /// Quantity in the source's unit, when given.
    public var quantity: Double?
    public var valuation: Valuation
    /// True when the source marks the value as an estimate (IMF DOTS flag `e`).
    public var isEstimate: Bool

    public init(period: Period, reporter: Country, partner: Country, direction: TradeDirection,
                product: ProductCode = .total, value: Double, quantity: Double? = nil,
                valuation: Valuation, isEstimate: Bool = false) {
        self.period = period
        self.reporter = reporter
        self.partner = partner
        self.direction = direction
        self.product = product
        self.value = value
        self.quantity = quantity
        self.valuation = valuation
        self.isEstimate = isEstimate
    }
}
