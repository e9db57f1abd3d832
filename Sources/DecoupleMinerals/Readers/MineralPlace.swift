import DecoupleCore

/// What a row of a USGS world table, or a name in an import-source list, stands for: a
/// country, or one of the aggregates the releases print as if they were countries.
public enum MineralPlace: Hashable, Sendable, Codable, CustomStringConvertible {
    /// A country (ISO3 code).
    case country(Country)
    /// "World total", "World total (rounded)", "World total (rounded), excluding U.S. production" …
    case worldTotal
    /// "Other countries", "Other": the residual of the countries listed.
    case otherCountries
    /// A named group that is neither a country nor the world ("Europe", "United States and Canada").
    case group(String)

    /// The country, when the place is one.
    public var country: Country? { if case .country(let c) = self { c } else { nil } }

    public var description: String {
        switch self {
        case .country(let c): c.code
        case .worldTotal: "World total"
        case .otherCountries: "Other countries"
        case .group(let g): g
        }
    }
}

/// A place name as printed in a USGS file, resolved.
public struct MineralPlaceName: Hashable, Sendable, Codable {
    public let place: MineralPlace
    /// The name as printed ("Congo (Kinshasa)", "Chinae", "Other countries6").
    public let printed: String
    /// A qualifier printed with the name ("andalusite, crude ore", "rounded), excluding U.S. production").
    public let qualifier: String?
    /// True when the name carried the estimate marker `e` glued to it ("Chinae").
    public let estimated: Bool
}

/// Resolves the country names of the USGS Mineral Commodity Summaries to ``Country`` codes.
///
/// The USGS names that the standard country table does not know are listed in
/// ``usgsNames`` (data, checked by the tests); every other name falls back on
/// `CountryTable.resolve(_:as: .name)`. Printing quirks are undone first: footnote numbers
/// glued to the name ("Other countries6", "New Caledonia11"), the estimate marker `e`
/// ("Chinae"), no-break spaces, and qualifiers in parentheses or after a comma
/// ("China (andalusite, crude ore)", "Argentina, crude ore"). Aggregates are recognised by
/// name and never become countries.
public struct USGSPlaceNames: Sendable {
    public let countries: CountryTable

    public init(countries: CountryTable = .standard) { self.countries = countries }

    public static let standard = USGSPlaceNames()

    /// USGS spellings → ISO 3166-1 alpha-3, for names the standard table does not resolve.
    public static let usgsNames: [String: String] = [
        "burma": "MMR",
        "congo (kinshasa)": "COD",
        "congo (brazzaville)": "COG",
        "côte d’ivoire": "CIV", "côte d'ivoire": "CIV", "cote d'ivoire": "CIV",
        "korea, republic of": "KOR", "republic of korea": "KOR", "korea": "KOR", "south korea": "KOR",
        "korea, north": "PRK", "north korea": "PRK",
        "russia": "RUS", "turkey": "TUR", "vietnam": "VNM", "laos": "LAO", "iran": "IRN", "syria": "SYR",
        "taiwan": "TWN", "tanzania": "TZA", "bolivia": "BOL", "venezuela": "VEN", "czechia": "CZE",
        "czech republic": "CZE", "united kingdom": "GBR", "united states": "USA", "hong kong": "HKG",
        "eswatini": "SWZ", "north macedonia": "MKD", "macedonia": "MKD", "kyrgyzstan": "KGZ", "moldova": "MDA",
        "new caledonia": "NCL", "brunei": "BRN", "netherlands": "NLD", "united arab emirates": "ARE",
    ]

    /// Names of groups that are printed in the country column but are not countries.
    public static let groupNames: Set<String> = ["europe", "united states and canada", "european union"]

    /// Resolves a printed name, or returns nil when it is unknown.
    public func resolve(_ printed: String) -> MineralPlaceName? {
        var name = String(printed.map { $0 == "\u{00A0}" ? " " : $0 }).trimmedUSGS
        // Footnote numbers glued to the name.
        while let last = name.last, last.isASCII, last.isNumber { name.removeLast() }
        name = name.trimmedUSGS
        guard !name.isEmpty else { return nil }
        let lower = name.lowercased()
        if lower.hasPrefix("world total") || lower == "world" {
            let q = name.dropFirst("world total".count).trimmedUSGS
            return MineralPlaceName(place: .worldTotal, printed: printed, qualifier: q.isEmpty ? nil : q, estimated: false)
        }
        if lower == "other" || lower.hasPrefix("other countries") {
            let q = lower == "other" ? "" : name.dropFirst("other countries".count).trimmedUSGS
            let estimated = q == "e"
            return MineralPlaceName(place: .otherCountries, printed: printed, qualifier: q.isEmpty || estimated ? nil : q,
                                    estimated: estimated)
        }
        if Self.groupNames.contains(lower) {
            return MineralPlaceName(place: .group(name), printed: printed, qualifier: nil, estimated: false)
        }
        if let c = country(name) { return MineralPlaceName(place: .country(c), printed: printed, qualifier: nil, estimated: false) }
        // The estimate marker "e" glued to the name.
        if lower.hasSuffix("e"), let c = country(String(name.dropLast())) {
            return MineralPlaceName(place: .country(c), printed: printed, qualifier: nil, estimated: true)
        }
        // A qualifier: "China (andalusite, crude ore)", "Argentina, crude ore".
        for open in ["(", ","] {
            guard let r = name.firstRange(of: open) else { continue }
            let base = name[..<r.lowerBound].trimmedUSGS
            var qualifier = name[r.upperBound...].trimmedUSGS
            if open == "(", qualifier.hasSuffix(")") { qualifier.removeLast() }
            if let inner = resolve(base), inner.place.country != nil {
                return MineralPlaceName(place: inner.place, printed: printed, qualifier: qualifier, estimated: inner.estimated)
            }
        }
        return nil
    }

    func country(_ name: String) -> Country? {
        if let code = Self.usgsNames[name.lowercased()] { return Country(code) }
        if let c = try? countries.resolve(name, as: .name),
           countries.info(c)?.kind != .aggregate { return c }
        return nil
    }
}
