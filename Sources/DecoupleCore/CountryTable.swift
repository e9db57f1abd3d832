/// The table of country and economic-area codes, with a resolver that accepts the code of
/// any supported scheme and fails loudly on an unknown one.
///
/// ```swift
/// let table = CountryTable.standard
/// try table.resolve("5700", as: .census)   // CHN
/// try table.resolve("156")                 // CHN (ISO numeric)
/// ```
public struct CountryTable: Sendable {
    /// Every entry, by canonical code.
    public let entries: [Country: CountryInfo]
    private let byScheme: [CountryCodeScheme: [String: Country]]

    /// The bundled table: ISO 3166-1 codes, US Census codes, IMF DOTS names and aggregates.
    public static let standard: CountryTable = {
        do { return try CountryTable(tabSeparated: bundledText) } catch {
            fatalError("the bundled country table is malformed: \(error)")
        }
    }()

    /// Builds a table from tab-separated lines: code, iso2, numeric, census, IMF name, name, kind.
    public init(tabSeparated text: String) throws {
        var entries: [Country: CountryInfo] = [:]
        var index: [CountryCodeScheme: [String: Country]] = [:]
        for (n, line) in text.split(separator: "\n", omittingEmptySubsequences: true).enumerated() {
            let f = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
            guard f.count == 7, let kind = CountryKind(rawValue: f[6]) else {
                throw CountryTableError(line: n + 1, text: String(line))
            }
            let country = Country(f[0])
            let info = CountryInfo(
                country: country,
                iso2: f[1].isEmpty ? nil : f[1],
                isoNumeric: Int(f[2]),
                censusCode: f[3].isEmpty || f[3] == "-" ? nil : f[3],
                imfName: f[4].isEmpty ? nil : f[4],
                name: f[5],
                kind: kind)
            entries[country] = info
            index[.iso3, default: [:]][f[0]] = country
            index[.imfDOTS, default: [:]][f[0]] = country
            if let v = info.iso2 { index[.iso2, default: [:]][v] = country }
            if let v = info.isoNumeric { index[.isoNumeric, default: [:]][String(v)] = country }
            if let v = info.censusCode { index[.census, default: [:]][v] = country }
            index[.name, default: [:]][info.name.lowercased()] = country
            if let v = info.imfName { index[.name, default: [:]][v.lowercased()] = country }
        }
        self.entries = entries
        self.byScheme = index
    }

    /// Resolves a code of the given scheme, or of any scheme when `scheme` is nil
    /// (tried in the order alpha-3, alpha-2, numeric, name).
    /// - Throws: ``UnknownCountryCode`` when no entry matches.
    public func resolve(_ code: String, as scheme: CountryCodeScheme? = nil) throws -> Country {
        let trimmed = code.trimmingWhitespace()
        if let scheme {
            if let c = lookup(trimmed, scheme) { return c }
            throw UnknownCountryCode(code: code, scheme: scheme)
        }
        for s in [CountryCodeScheme.iso3, .iso2, .isoNumeric, .name] {
            if let c = lookup(trimmed, s) { return c }
        }
        throw UnknownCountryCode(code: code, scheme: nil)
    }

    private func lookup(_ code: String, _ scheme: CountryCodeScheme) -> Country? {
        switch scheme {
        case .iso3, .iso2, .imfDOTS: byScheme[scheme]?[code.uppercased()]
        case .isoNumeric: Int(code).flatMap { byScheme[.isoNumeric]?[String($0)] }
        case .census: byScheme[.census]?[code]
        case .name: byScheme[.name]?[code.lowercased()]
        }
    }

    /// The entry for a canonical country, if the table has it.
    public func info(_ country: Country) -> CountryInfo? { entries[country] }

    /// A display name: the short name when known, else the code.
    public func name(_ country: Country) -> String { entries[country]?.name ?? country.code }
}

/// A malformed line in a country table.
public struct CountryTableError: Error, CustomStringConvertible {
    public let line: Int
    public let text: String
    public var description: String {
        "country table line \(line): expected 7 tab-separated fields (code, iso2, numeric, census, imf name, name, kind), got '\(text)'"
    }
}

extension String {
    /// The string without leading and trailing spaces, tabs and line breaks.
    func trimmingWhitespace() -> String {
        let scalars = unicodeScalars
        var start = scalars.startIndex, end = scalars.endIndex
        while start < end, scalars[start].properties.isWhitespace { start = scalars.index(after: start) }
        while end > start, scalars[scalars.index(before: end)].properties.isWhitespace { end = scalars.index(before: end) }
        return String(scalars[start..<end])
    }
}
