import DecoupleCore

/// Countries' shares of world production (or reserves) of one mineral, with concentration.
///
/// - `worldProductionShare(c) = q(c) / Q`, where `q(c)` is country c's published amount and
///   `Q` the published world total ("World total (rounded)").
/// - A share of the world needs a world total. When the file publishes none (`NA`, `W`, a
///   word), `Q` is the sum of the rows only when the rows state their coverage as complete:
///   a residual row ("Other countries") with a number, and a number for every country listed.
///   Otherwise there are no shares (the initializer returns nil and ``gap(rows:world:)`` says
///   "n/a — world total not published"): the US row of dimension stone, or bromine reserves
///   listed for three countries and "NA" for the rest, are not the world.
/// - A world total published as a lower bound (`>130,000,000`, nickel reserves) divides as
///   its bound, and every share is then an upper bound (``sharesAreUpperBounds``).
/// - `HHI = Σ_c share(c)²` over the countries listed (0–1; × 10,000 for "points"). "Other
///   countries" is a residual of unknown split, so it is left out and the HHI is a lower bound.
/// - `top3Share` = the sum of the three largest country shares.
///
/// Withheld (`W`) and bounded amounts are not counted; the countries concerned are listed in
/// ``withheld`` and ``bounded`` so that a reader sees what is missing.
public struct WorldShares: Sendable, Codable, Hashable {
    public struct Share: Sendable, Codable, Hashable {
        public let country: Country
        public let label: String
        public let amount: Double
        public let share: Double
        public let source: MineralProvenance
    }

    /// How the world total was obtained.
    public enum WorldBasis: String, Sendable, Codable {
        case publishedWorldTotal = "published world total"
        /// No world total, but the rows account for the whole world (a residual row with a number, every country with a number).
        case sumOfRows = "sum of the rows listed (no world total published)"
        /// The world total is published as a lower bound (`>x`): shares are upper bounds.
        case lowerBoundWorldTotal = "published world total is a lower bound: shares are upper bounds"
    }

    /// Why a table with rows gives no shares of the world.
    public enum Gap: String, Sendable, Codable, Hashable {
        /// No world total is published and the rows do not account for the whole world.
        case worldTotalNotPublished = "n/a — world total not published"
        /// No row of the table holds a number.
        case nothingPublished = "n/a — no amount published as a number"
    }

    /// Country shares, largest first.
    public let shares: [Share]
    public let world: Double
    public let worldBasis: WorldBasis
    public let worldSource: MineralProvenance?
    /// Countries whose amount is withheld or not available.
    public let withheld: [String]
    /// Countries whose amount is a bound (`<1`, `>100,000,000`).
    public let bounded: [String]
    /// Herfindahl–Hirschman index of the country shares (0–1), a lower bound (see above).
    public let hhi: Double
    public let top3Share: Double
    /// The share of the residual rows ("Other countries"), when they hold a number: a country
    /// the table does not list has at most this share.
    public let residualShare: Double?

    /// True when the world total is a lower bound, so that every share is an upper bound.
    public var sharesAreUpperBounds: Bool { worldBasis == .lowerBoundWorldTotal }

    /// Nil when there is nothing to divide by.
    public init?(rows: [PlaceAmount], world: MineralAmount?) {
        var countries: [(PlaceAmount, Double)] = []
        var withheld: [String] = [], bounded: [String] = []
        var sumRows = 0.0
        for r in rows {
            if let v = r.amount.amount.exact {
                sumRows += v
                if r.country != nil { countries.append((r, v)) }
            } else if r.country != nil {
                if r.amount.amount.isBound { bounded.append(r.label) } else { withheld.append(r.label) }
            }
        }
        let total: Double, basis: WorldBasis
        switch world?.amount {
        case .exact(let w)? where w > 0: total = w; basis = .publishedWorldTotal
        case .above(let w)? where w > 0: total = w; basis = .lowerBoundWorldTotal
        default:
            guard Self.rowsCoverTheWorld(rows) else { return nil }
            total = sumRows; basis = .sumOfRows
        }
        guard total > 0 else { return nil }
        // One figure per country (files may print a country twice with qualifiers): sum them.
        var byCountry: [Country: (label: String, amount: Double, source: MineralProvenance)] = [:]
        for (r, v) in countries {
            let c = r.country!
            if let e = byCountry[c] { byCountry[c] = (e.label, e.amount + v, e.source) }
            else { byCountry[c] = (r.label, v, r.amount.source) }
        }
        shares = byCountry.map { Share(country: $0.key, label: $0.value.label, amount: $0.value.amount,
                                       share: $0.value.amount / total, source: $0.value.source) }
            .sorted { $0.share != $1.share ? $0.share > $1.share : $0.country < $1.country }
        self.world = total
        self.worldBasis = basis
        self.worldSource = basis == .sumOfRows ? nil : world?.source
        self.withheld = withheld
        self.bounded = bounded
        hhi = shares.reduce(0) { $0 + $1.share * $1.share }
        top3Share = shares.prefix(3).reduce(0) { $0 + $1.share }
        let residual = rows.filter { $0.country == nil }.compactMap(\.amount.amount.exact)
        residualShare = residual.isEmpty ? nil : residual.reduce(0, +) / total
    }

    /// True when the rows state their own coverage as the whole world: at least one residual
    /// row ("Other countries", no country) with a number, and a number for every country row.
    static func rowsCoverTheWorld(_ rows: [PlaceAmount]) -> Bool {
        rows.contains { $0.country == nil && $0.amount.amount.exact != nil }
            && rows.allSatisfy { $0.country == nil || $0.amount.amount.exact != nil }
    }

    /// Why `WorldShares(rows:world:)` gives no shares for these rows, or nil when it gives them.
    public static func gap(rows: [PlaceAmount], world: MineralAmount?) -> Gap? {
        if WorldShares(rows: rows, world: world) != nil { return nil }
        return rows.contains { $0.amount.amount.exact.map { $0 > 0 } ?? false } ? .worldTotalNotPublished : .nothingPublished
    }

    /// The share of `country`, or 0 when it is not listed with a number.
    public func share(of country: Country) -> Double { shares.first { $0.country == country }?.share ?? 0 }

    /// The summed share of a group of countries.
    public func share(of group: Set<Country>) -> Double { shares.filter { group.contains($0.country) }.reduce(0) { $0 + $1.share } }

    /// The largest producer.
    public var leader: Share? { shares.first }
}

/// A country's (or a group's) share of the world at one stage, as far as the USGS table allows
/// it to be stated. A country the table does not list is not "0 %": it is either in "Other
/// countries" (at most that row's share) or not produced there, and the table does not say
/// which; a share needs a world total.
public enum WorldShareValue: Sendable, Codable, Hashable {
    /// Listed with a number, divided by a world total (or by rows covering the world).
    case share(Double)
    /// At most this share: the world total is a lower bound (`>x`).
    case atMost(Double)
    /// Not listed in a table with a world total; at most the residual ("Other countries")
    /// share when the table gives one.
    case notListed(atMost: Double?)
    /// Listed, but its amount is withheld (`W`), not available (`NA`) or a bound.
    case notPublished(String)
    /// No share can be stated: why ("n/a — world total not published", "n/a — no refinery
    /// production in the MCS 2024 world table").
    case notAvailable(String)

    /// The value of `country` (or of a group of countries) in `shares`, or why there is none.
    /// - Parameters:
    ///   - shares: the table's shares; nil when the table gives none (then `gap` says why).
    ///   - rows: the table's rows, to tell a withheld amount from an unlisted country.
    ///   - gap: the reason there are no shares, when `shares` is nil.
    public init(of countries: Set<Country>, in shares: WorldShares?, rows: [PlaceAmount], gap: String?) {
        let listed = rows.filter { $0.country.map(countries.contains) ?? false }
        guard let shares else {
            // A listed zero is a zero share whatever the world total.
            if !listed.isEmpty, listed.allSatisfy({ $0.amount.amount.exact == 0 }) { self = .share(0); return }
            // Not listed in a table whose other rows have numbers: not listed, whatever the world.
            if listed.isEmpty, gap == WorldShares.Gap.worldTotalNotPublished.rawValue { self = .notListed(atMost: nil); return }
            self = .notAvailable(gap ?? WorldShares.Gap.nothingPublished.rawValue)
            return
        }
        let numbers = shares.shares.filter { countries.contains($0.country) }
        if numbers.isEmpty {
            if let blank = listed.first(where: { $0.amount.amount.exact == nil }) {
                self = .notPublished(blank.amount.amount.text)
            } else {
                self = .notListed(atMost: shares.residualShare)
            }
            return
        }
        let sum = numbers.reduce(0) { $0 + $1.share }
        self = shares.sharesAreUpperBounds ? .atMost(sum) : .share(sum)
    }

    /// The share when it is stated as a number (a listed zero included), else nil.
    public var value: Double? {
        if case .share(let v) = self { v } else { nil }
    }

    /// The largest the share can be, when known: the share itself, an upper bound, or the
    /// residual share of an unlisted country.
    public var upperBound: Double? {
        switch self {
        case .share(let v), .atMost(let v): v
        case .notListed(let r): r
        case .notPublished, .notAvailable: nil
        }
    }

    /// The value for a table cell: "12.3%", "≤ 0.3%", "not listed", "W", "n/a".
    public var shortText: String {
        switch self {
        case .share, .atMost: text
        case .notListed: "not listed"
        case .notPublished(let t): t
        case .notAvailable: "n/a"
        }
    }

    /// The value as a reader sees it: "12.3%", "≤ 0.3%", "not listed (≤ 2.9% in Other
    /// countries)", "W", "n/a — world total not published".
    public var text: String {
        func pct(_ v: Double) -> String { NumberText.oneDecimal(v * 100) + "%" }
        return switch self {
        case .share(let v): pct(v)
        case .atMost(let v): "≤ " + pct(v)
        case .notListed(let r?): "not listed (≤ \(pct(r)) in Other countries)"
        case .notListed(nil): "not listed"
        case .notPublished(let t): t
        case .notAvailable(let why): why
        }
    }
}

extension WorldShareValue {
    private enum CodingKeys: String, CodingKey { case kind, value, text }

    /// `share`, `at_most`, `not_listed`, `not_published`, `not_available`.
    public var kind: String {
        switch self {
        case .share: "share"
        case .atMost: "at_most"
        case .notListed: "not_listed"
        case .notPublished: "not_published"
        case .notAvailable: "not_available"
        }
    }

    /// Decodes `{"kind": …, "value": …, "text": …}`.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        let value = try c.decodeIfPresent(Double.self, forKey: .value)
        let text = try c.decodeIfPresent(String.self, forKey: .text) ?? ""
        switch try c.decode(String.self, forKey: .kind) {
        case "share": self = .share(value ?? 0)
        case "at_most": self = .atMost(value ?? 0)
        case "not_listed": self = .notListed(atMost: value)
        case "not_published": self = .notPublished(text)
        default: self = .notAvailable(text)
        }
    }

    /// Encodes the kind, the number (the share, or the bound) and the text a reader sees.
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(kind, forKey: .kind)
        switch self {
        case .share(let v), .atMost(let v): try c.encode(v, forKey: .value)
        case .notListed(let r?): try c.encode(r, forKey: .value)
        case .notPublished(let t), .notAvailable(let t):
            try c.encode(t, forKey: .text)
            return
        default: break
        }
        try c.encode(text, forKey: .text)
    }
}
