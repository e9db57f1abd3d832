import DecoupleCore

/// UN Comtrade's reporter and partner codes, which are UN M49 numbers except for a few areas
/// Comtrade codes its own way, and its alpha-3 codes, which add `W00` for the world and `S19`
/// for "Other Asia, nes" (Taiwan in Comtrade's practice).
///
/// Codes Comtrade uses that are not economies of the country table ("Areas, nes" 899,
/// "Bunkers" 837, "Free Zones" 838 …) are kept as `M49-<code>`, so that partner totals still
/// add up; they are never silently dropped.
public enum ComtradeAreaCodes {
    /// Comtrade numeric codes that differ from ISO 3166-1 numeric.
    public static let numeric: [Int: Country] = [
        0: .world,
        842: .usa,           // ISO 840
        251: Country("FRA"), // ISO 250
        579: Country("NOR"), // ISO 578
        699: Country("IND"), // ISO 356
        757: Country("CHE"), // ISO 756
        490: Country("TWN"), // "Other Asia, nes"
        58: Country("BLX"),  // Belgium-Luxembourg (to 1998)
    ]

    /// Comtrade alpha-3 codes that are not ISO 3166-1.
    public static let alpha: [String: Country] = ["W00": .world, "S19": Country("TWN")]

    /// Resolves an alpha-3 code when one is given, else the numeric code.
    public static func resolve(iso3: String?, numeric: Int?, table: CountryTable) -> Country? {
        if let iso3, !iso3.isEmpty {
            if let c = alpha[iso3] { return c }
            if let c = try? table.resolve(iso3, as: .iso3) { return c }
        }
        guard let numeric else { return nil }
        if let c = Self.numeric[numeric] { return c }
        if let c = try? table.resolve(String(numeric), as: .isoNumeric) { return c }
        return (0...999).contains(numeric) ? Country("M49-\(numeric)") : nil
    }
}
