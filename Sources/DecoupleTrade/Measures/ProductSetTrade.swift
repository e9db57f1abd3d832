import DecoupleCore

/// A reporter's trade in a weighted set of products (a taxonomy chain or stage), summed by partner.
///
/// Each product code counts with its weight w (the share of the code's trade that belongs to
/// the set): total = Σ_k w_k · total_k, by partner p: Σ_k w_k · value_{k,p}.
public struct ProductSetTrade: Sendable, Hashable {
    /// Trade with the world (or with all partners in the data, as the cube's total).
    public let total: Double
    /// Trade by partner economy.
    public let byPartner: [Country: Double]

    /// The value with one partner.
    public func value(_ partner: Country) -> Double { byPartner[partner] ?? 0 }

    /// The partner's share of the total (nil when there is no trade).
    public func share(of partner: Country) -> Double? { total > 0 ? value(partner) / total : nil }

    /// The largest partner and its value.
    public var largestPartner: (partner: Country, value: Double)? {
        byPartner.max { $0.value != $1.value ? $0.value < $1.value : $0.key > $1.key }.map { ($0.key, $0.value) }
    }

    /// Herfindahl–Hirschman index of partner shares, HHI = Σ_p s_p², in (0, 1] (1 = one supplier).
    public var herfindahlIndex: Double? {
        guard total > 0 else { return nil }
        // In partner order, so the result does not depend on the dictionary's (per-process) order.
        return byPartner.sorted { $0.key < $1.key }.reduce(0) { $0 + ($1.value / total) * ($1.value / total) }
    }
}

extension TradeCube {
    /// Sums a weighted set of product codes (codes at the cube's product level) in one period.
    public func trade(in codes: [String: Double], period: Period) -> ProductSetTrade {
        var total = 0.0
        var byPartner: [Country: Double] = [:]
        // In code order: the sums are then the same in every process, to the last bit.
        for (code, weight) in codes.sorted(by: { $0.key < $1.key }) {
            if let t = self.total(period: period, product: code) { total += weight * t.value }
            for p in partners(period: period, product: code) { byPartner[p.partner, default: 0] += weight * p.value }
        }
        return ProductSetTrade(total: total, byPartner: byPartner)
    }
}
