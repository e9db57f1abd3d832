import DecoupleCore

/// How a partner's share moved between two periods.
public struct ShareChange: Sendable, Hashable, Codable {
    public let partner: Country
    public let product: String
    public let from: PartnerShare
    public let to: PartnerShare
    /// to.share − from.share (a fraction: −0.05 is five percentage points down).
    public var change: Double { to.share - from.share }
    /// Growth of the partner's trade value, to/from − 1 (nil when it started at zero).
    public var valueGrowth: Double? { from.partnerValue > 0 ? to.partnerValue / from.partnerValue - 1 : nil }
}

extension TradeCube {
    /// The change of one partner's share between two periods.
    public func shareChange(of partner: Country, from a: Period, to b: Period, product: String = "TOTAL") -> ShareChange? {
        guard let s0 = share(of: partner, period: a, product: product),
              let s1 = share(of: partner, period: b, product: product) else { return nil }
        return ShareChange(partner: partner, product: product, from: s0, to: s1)
    }

    /// The rival's share change in every product group, largest fall first.
    public func shareChangesByProduct(of partner: Country, from a: Period, to b: Period) -> [ShareChange] {
        productGroups.compactMap { shareChange(of: partner, from: a, to: b, product: $0) }
            .sorted { $0.change != $1.change ? $0.change < $1.change : $0.product < $1.product }
    }

    /// Who gained what the rival lost: every partner present in either period with its share
    /// change, largest gain first. The changes of all partners plus the rest of the world sum
    /// to zero when the denominator is the reported world total.
    public func shareShift(from a: Period, to b: Period, product: String = "TOTAL") -> [ShareChange] {
        let partners = Set(partners(period: a, product: product).map(\.partner))
            .union(partners(period: b, product: product).map(\.partner))
        return partners.compactMap { shareChange(of: $0, from: a, to: b, product: product) }
            .sorted { $0.change != $1.change ? $0.change > $1.change : $0.partner < $1.partner }
    }
}
