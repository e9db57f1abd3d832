/// A country or economic area, identified by one canonical code.
///
/// The code is the ISO 3166-1 alpha-3 code for economies (`USA`, `CHN`) and a short
/// upper-case code for aggregates and historic entities (`WLD` for the world, `EU`,
/// `SUN` for the USSR). Resolve codes from other schemes (ISO numeric, US Census
/// `CTY_CODE`, IMF DOTS names) with ``CountryTable/resolve(_:as:)``.
public struct Country: Hashable, Comparable, Sendable, Codable, CustomStringConvertible {
    /// The canonical code (ISO 3166-1 alpha-3, or an aggregate code such as `WLD`).
    public let code: String

    /// Wraps a canonical code without checking it; prefer ``CountryTable/resolve(_:as:)``
    /// for codes that come from users or files.
    public init(_ code: String) { self.code = code }

    public var description: String { code }
    public static func < (lhs: Country, rhs: Country) -> Bool { lhs.code < rhs.code }

    public init(from decoder: any Decoder) throws {
        code = try decoder.singleValueContainer().decode(String.self)
    }
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.singleValueContainer()
        try c.encode(code)
    }

    /// The United States.
    public static let usa = Country("USA")
    /// China (mainland; Hong Kong and Macao are separate economies).
    public static let china = Country("CHN")
    /// The world total, as reported by the sources.
    public static let world = Country("WLD")
}

/// What a ``Country`` code stands for.
public enum CountryKind: String, Sendable, Codable {
    /// A present-day economy (a country or a customs territory such as Taiwan).
    case economy
    /// An aggregate or residual (World, regions, "not specified").
    case aggregate
    /// An entity that no longer exists (USSR, Yugoslavia …).
    case historic
}

/// Everything Decouple knows about one country code.
public struct CountryInfo: Hashable, Sendable, Codable {
    public let country: Country
    /// ISO 3166-1 alpha-2 code, when the entity has one.
    public let iso2: String?
    /// ISO 3166-1 numeric code, which is also the UN M49 code.
    public let isoNumeric: Int?
    /// US Census Bureau Schedule C country code (`CTY_CODE`, e.g. `5700` for China).
    public let censusCode: String?
    /// The name used by the IMF Direction of Trade Statistics.
    public let imfName: String?
    /// A short English name.
    public let name: String
    public let kind: CountryKind
}
