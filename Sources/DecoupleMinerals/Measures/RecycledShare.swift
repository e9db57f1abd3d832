import DecoupleCore

/// The share of US apparent consumption met by secondary (scrap, recycled) supply:
///
///     recycledShare = secondarySupply / apparentConsumption
///
/// where the salient file has both (cobalt: `USprod_Secondary_t / Consump_Apparent_t`;
/// nickel: `Consump_Reported_Secondary_t / Consump_Apparent_Total_t`; copper: post-consumer
/// scrap only, `Recycled_Post-consumer_kt / Consump_Apparent_kt`). Nil otherwise.
public struct RecycledShare: Sendable, Codable, Hashable {
    public let year: Int
    public let share: Double
    public let secondary: MineralAmount
    public let consumption: MineralAmount

    public init?(_ s: MineralSupplyInput.SalientYear) {
        guard let sec = s.secondarySupply, let con = s.apparentConsumption,
              let a = sec.amount.exact, let c = con.amount.exact, c > 0, sec.unit == con.unit else { return nil }
        year = s.year
        share = a / c
        secondary = sec
        consumption = con
    }
}
