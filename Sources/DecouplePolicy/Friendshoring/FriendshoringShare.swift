import DecoupleCore
import DecoupleTrade

/// The share of a reporter's imports of a product set that comes from the members of an
/// alliance on a date: Σ over products (weight × imports from members) ÷ Σ (weight × imports
/// from all partners).
public struct FriendshoringShare: Sendable, Codable, Hashable {
    public var period: Period
    /// The alliance's abbreviation (`MSP`).
    public var alliance: String
    /// The day membership was taken on.
    public var membershipDay: CalendarDay
    /// Members on that day (the reporter itself and aggregates such as the EU included, as listed).
    public var members: [Country]
    /// Members that are partner economies with imports in the period.
    public var membersWithImports: [Country]
    /// Members that are not partners in the dataset at all (so their trade cannot be counted).
    public var membersNotInData: [Country]
    /// Imports from members, US dollars (weighted).
    public var fromMembers: Double
    /// Imports from all partners, US dollars (weighted).
    public var total: Double
    /// fromMembers / total.
    public var share: Double
    public var basis: DenominatorBasis
}

/// A friend-shoring share over the periods of a dataset, and its change.
public struct FriendshoringSeries: Sendable, Codable {
    public var shares: [FriendshoringShare]

    /// Last share minus first share, in share points (nil with fewer than two periods).
    public var change: Double? {
        guard shares.count >= 2, let a = shares.first, let b = shares.last else { return nil }
        return b.share - a.share
    }
}

/// Computes friend-shoring shares from a ``TradeCube`` of one reporter's imports.
///
/// The cube must hold imports grouped at the level of the product codes (HS6 codes need an HS6
/// cube; no codes means all products, `TOTAL`). Partners follow ``PartnerRule``: economies,
/// and a partner aggregate such as the Census "European Union" line, which counts for a
/// member alliance with the part its listed members do not account for (so Slovakia, listed
/// beside the EU, is never counted twice). The denominator is the source's world total when it
/// has one, else the sum of partners.
public struct FriendshoringMeasure: Sendable {
    public let alliance: Alliance
    /// Product codes and the share of each code's trade that belongs to the product set
    /// (taxonomy weights); empty means all products.
    public let products: [String: Double]
    public let membership: MembershipDate

    public init(alliance: Alliance, products: [String: Double], membership: MembershipDate) {
        self.alliance = alliance
        self.products = products
        self.membership = membership
    }

    /// The trade query whose cube this measure needs.
    public func query(reporter: Country, annual: Bool = true) -> TradeQuery {
        guard let level = products.keys.first.flatMap({ ProductLevel(digits: $0.count) }) else {
            return TradeQuery(reporter: reporter, flow: .imports, productLevel: .total, annual: annual)
        }
        return TradeQuery(reporter: reporter, flow: .imports, productLevel: level, products: Set(products.keys), annual: annual)
    }

    /// The share in every period of the cube that has imports of the product set.
    /// - Parameter partnersInData: every partner the dataset has (to name members it lacks); nil skips that.
    public func series(in cube: TradeCube, partnersInData: Set<Country>? = nil) -> FriendshoringSeries {
        FriendshoringSeries(shares: cube.periods.compactMap { share(in: cube, period: $0, partnersInData: partnersInData) })
    }

    /// The share in one period, nil when the reporter has no imports of the product set then.
    public func share(in cube: TradeCube, period: Period, partnersInData: Set<Country>? = nil) -> FriendshoringShare? {
        let day = membership.day(for: period)
        let members = alliance.members(on: day)
        let memberSet = Set(members)
        let codes = products.isEmpty ? ["TOTAL": 1.0] : products
        var fromMembers = 0.0, total = 0.0
        var basis: DenominatorBasis?
        var withImports: Set<Country> = []
        for (code, weight) in codes.sorted(by: { $0.key < $1.key }) {
            guard let t = cube.total(period: period, product: code) else { continue }
            total += weight * t.value
            basis = basis ?? t.basis
            let remainders = Dictionary(uniqueKeysWithValues: cube.partnerAggregates(period: period, product: code).map { ($0.aggregate, $0.remainder) })
            for p in cube.partners(period: period, product: code) where memberSet.contains(p.partner) {
                fromMembers += weight * (remainders[p.partner] ?? p.value)
                if p.value > 0 { withImports.insert(p.partner) }
            }
        }
        guard let basis, total > 0 else { return nil }
        let notInData = partnersInData.map { known in
            members.filter { $0 != cube.query.reporter && !known.contains($0) }
        } ?? []
        return FriendshoringShare(period: period, alliance: alliance.abbreviation, membershipDay: day, members: members,
                                  membersWithImports: withImports.sorted(), membersNotInData: notInData,
                                  fromMembers: fromMembers, total: total, share: fromMembers / total, basis: basis)
    }
}
