import DecoupleCore

/// A partner's share of a reporter's trade in one period.
public struct PartnerShare: Sendable, Hashable, Codable {
    public let period: Period
    public let reporter: Country
    public let partner: Country
    public let flow: FlowSelection
    /// The product group ("TOTAL" for all products).
    public let product: String
    /// Trade with the partner, US dollars.
    public let partnerValue: Double
    /// Trade with the world (or with all partners in the data, see ``basis``), US dollars.
    public let totalValue: Double
    /// partnerValue / totalValue.
    public let share: Double
    public let basis: DenominatorBasis
    /// For years summed from months: the number of months (12 = complete).
    public let months: Int?
}

extension TradeCube {
    /// The partner's share in one period and product group, nil when the reporter has no trade.
    public func share(of partner: Country, period: Period, product: String = "TOTAL") -> PartnerShare? {
        guard let (total, basis) = total(period: period, product: product), total > 0 else { return nil }
        let v = value(partner, period: period, product: product)
        var months: Int?
        if query.annual, case .year(let y) = period { months = monthsCovered[y] }
        return PartnerShare(period: period, reporter: query.reporter, partner: partner, flow: query.flow,
                            product: product, partnerValue: v, totalValue: total, share: v / total,
                            basis: basis, months: months)
    }

    /// The partner's share in every period, in order.
    public func shares(of partner: Country, product: String = "TOTAL") -> [PartnerShare] {
        periods.compactMap { share(of: partner, period: $0, product: product) }
    }

    /// The top `k` partners in a period, with their shares.
    public func topPartners(period: Period, product: String = "TOTAL", k: Int) -> [PartnerShare] {
        partners(period: period, product: product).prefix(k).compactMap {
            share(of: $0.partner, period: period, product: product)
        }
    }
}
