import DecoupleCore

/// Named groups of countries that measures treat as one importer (the EU screen's "bloc").
public enum CountryBloc {
    /// The 27 member states of the European Union (since 1 February 2020).
    public static let eu27: Set<Country> = Set([
        "AUT", "BEL", "BGR", "HRV", "CYP", "CZE", "DNK", "EST", "FIN", "FRA", "DEU", "GRC", "HUN", "IRL",
        "ITA", "LVA", "LTU", "LUX", "MLT", "NLD", "POL", "PRT", "ROU", "SVK", "SVN", "ESP", "SWE",
    ].map(Country.init))

    /// A bloc by name (`EU27`), or nil.
    public static func named(_ name: String) -> Set<Country>? {
        switch name.uppercased() {
        case "EU27", "EU": eu27
        default: nil
        }
    }
}
