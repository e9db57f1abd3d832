import DecoupleCore

/// Countries' shares of world production (or reserves) of one mineral, with concentration.
///
/// - `worldProductionShare(c) = q(c) / Q`, where `q(c)` is country c's published amount and
///   `Q` the published world total ("World total (rounded)"); when the file has no world
///   total, `Q` is the sum of every row with a number, "Other countries" included, and
///   ``worldBasis`` says so.
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
        case sumOfRows = "sum of the rows listed (no world total published)"
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
        if let w = world?.amount.exact, w > 0 { total = w; basis = .publishedWorldTotal }
        else { total = sumRows; basis = .sumOfRows }
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
        self.worldSource = basis == .publishedWorldTotal ? world?.source : nil
        self.withheld = withheld
        self.bounded = bounded
        hhi = shares.reduce(0) { $0 + $1.share * $1.share }
        top3Share = shares.prefix(3).reduce(0) { $0 + $1.share }
    }

    /// The share of `country`, or 0 when it is not listed with a number.
    public func share(of country: Country) -> Double { shares.first { $0.country == country }?.share ?? 0 }

    /// The summed share of a group of countries.
    public func share(of group: Set<Country>) -> Double { shares.filter { group.contains($0.country) }.reduce(0) { $0 + $1.share } }

    /// The largest producer.
    public var leader: Share? { shares.first }
}
