/// The code systems the data sources use for countries.
public enum CountryCodeScheme: String, CaseIterable, Sendable, Codable {
    /// ISO 3166-1 alpha-3 (`USA`), also the canonical code of ``Country``.
    case iso3
    /// ISO 3166-1 alpha-2 (`US`).
    case iso2
    /// ISO 3166-1 numeric, identical to UN M49 for countries (`840`).
    case isoNumeric
    /// US Census Bureau Schedule C (`CTY_CODE`, `5700` for China).
    case census
    /// IMF Direction of Trade Statistics economy and aggregate codes (as in `dots_codes.csv`).
    case imfDOTS
    /// A country name (ISO short name or IMF name, case-insensitive).
    case name
}

/// A country code that the table does not know.
public struct UnknownCountryCode: Error, Equatable, Sendable, CustomStringConvertible {
    public let code: String
    public let scheme: CountryCodeScheme?

    public init(code: String, scheme: CountryCodeScheme?) {
        self.code = code
        self.scheme = scheme
    }

    public var description: String {
        if let scheme {
            return "unknown country code '\(code)' (expected a \(scheme.expectation))"
        }
        return "unknown country code '\(code)' (expected an ISO 3166-1 alpha-3, alpha-2 or numeric code, or a country name)"
    }
}

extension CountryCodeScheme {
    var expectation: String {
        switch self {
        case .iso3: "ISO 3166-1 alpha-3 code such as USA"
        case .iso2: "ISO 3166-1 alpha-2 code such as US"
        case .isoNumeric: "ISO 3166-1 / UN M49 numeric code such as 840"
        case .census: "US Census Schedule C code such as 5700"
        case .imfDOTS: "IMF DOTS code such as USA or WLD"
        case .name: "country name such as China"
        }
    }
}
