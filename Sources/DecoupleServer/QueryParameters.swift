import DecoupleAnalyses
import DecoupleRendering
import Foundation

/// The query string of a request, parsed strictly: every key must be one the route knows, no
/// key may repeat, values are percent-decoded (`+` is a space) and bounded in length. Typed
/// accessors validate values and throw ``APIError`` 400s naming the parameter.
public struct QueryParameters: Sendable, Equatable {
    /// Decoded values by key.
    public private(set) var values: [String: String] = [:]

    public static let maxValueLength = 256
    public static let maxQueryLength = 4096

    /// Parses `query` (the part after `?`, undecoded) and checks the keys against `allowed`.
    public init(query: String?, allowed: Set<String>) throws {
        guard let query, !query.isEmpty else { return }
        guard query.utf8.count <= Self.maxQueryLength else {
            throw APIError(.uriTooLong, "the query string is longer than \(Self.maxQueryLength) bytes")
        }
        for pair in query.split(separator: "&", omittingEmptySubsequences: true) {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            guard let key = Self.decode(parts[0]), !key.isEmpty else {
                throw APIError.badRequest("malformed query parameter name (bad percent-encoding)")
            }
            guard allowed.contains(key) else {
                let known = allowed.sorted().joined(separator: ", ")
                throw APIError.badRequest("unknown parameter '\(Self.printable(key))'; this endpoint takes \(known.isEmpty ? "no parameters" : known)",
                                          parameter: Self.printable(key))
            }
            guard let value = Self.decode(parts.count > 1 ? parts[1] : "") else {
                throw APIError.badRequest("parameter '\(key)': bad percent-encoding", parameter: key)
            }
            guard value.count <= Self.maxValueLength else {
                throw APIError.badRequest("parameter '\(key)' is longer than \(Self.maxValueLength) characters", parameter: key)
            }
            guard !value.unicodeScalars.contains(where: { $0.value < 0x20 || $0.value == 0x7f }) else {
                throw APIError.badRequest("parameter '\(key)' contains control characters", parameter: key)
            }
            guard values[key] == nil else { throw APIError.badRequest("parameter '\(key)' is given twice", parameter: key) }
            values[key] = value
        }
    }

    /// Builds parameters directly (pages that re-use API validation).
    public init(_ values: [String: String]) { self.values = values }

    static func decode(_ s: Substring) -> String? {
        String(s).replacingOccurrences(of: "+", with: " ").removingPercentEncoding
    }

    /// A key safe to echo in a message.
    static func printable(_ s: String) -> String {
        String(s.prefix(40).map { $0.isLetter || $0.isNumber || "-_.".contains($0) ? $0 : "?" })
    }

    /// The trimmed value; nil when absent or empty.
    public func string(_ key: String) -> String? {
        guard let v = values[key]?.trimmingCharacters(in: .whitespaces), !v.isEmpty else { return nil }
        return v
    }

    /// A country code or name known to the country table.
    public func country(_ key: String, default fallback: Country? = nil) throws -> Country? {
        guard let text = string(key) else { return fallback }
        do { return try CountryTable.standard.resolve(text) } catch {
            throw APIError.badRequest("parameter '\(key)': unknown country '\(text)' (expected an ISO 3166 code such as USA or CHN, or a name)",
                                      parameter: key)
        }
    }

    /// A comma-separated list of countries.
    public func countries(_ key: String) throws -> [Country]? {
        guard let text = string(key) else { return nil }
        let parts = text.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        guard !parts.isEmpty, parts.count <= 60 else {
            throw APIError.badRequest("parameter '\(key)': expected 1 to 60 comma-separated country codes", parameter: key)
        }
        return try parts.map { p in
            do { return try CountryTable.standard.resolve(p) } catch {
                throw APIError.badRequest("parameter '\(key)': unknown country '\(p)'", parameter: key)
            }
        }
    }

    /// An integer within `range`.
    public func int(_ key: String, in range: ClosedRange<Int>) throws -> Int? {
        guard let text = string(key) else { return nil }
        guard text.count <= 12, let v = Int(text) else {
            throw APIError.badRequest("parameter '\(key)': '\(Self.printable(text))' is not a whole number", parameter: key)
        }
        guard range.contains(v) else {
            throw APIError.badRequest("parameter '\(key)' must be between \(range.lowerBound) and \(range.upperBound) (got \(v))", parameter: key)
        }
        return v
    }

    /// A finite number within `range`.
    public func double(_ key: String, in range: ClosedRange<Double>) throws -> Double? {
        guard let text = string(key) else { return nil }
        guard text.count <= 24, let v = Double(text), v.isFinite else {
            throw APIError.badRequest("parameter '\(key)': '\(Self.printable(text))' is not a number", parameter: key)
        }
        guard range.contains(v) else {
            throw APIError.badRequest("parameter '\(key)' must be between \(range.lowerBound.formatted()) and \(range.upperBound.formatted())", parameter: key)
        }
        return v
    }

    /// A flag: present without value, `true`/`1`/`yes`, or `false`/`0`/`no`.
    public func flag(_ key: String) throws -> Bool {
        guard let raw = values[key] else { return false }
        switch raw.lowercased() {
        case "", "true", "1", "yes", "on": return true
        case "false", "0", "no", "off": return false
        default: throw APIError.badRequest("parameter '\(key)' must be true or false", parameter: key)
        }
    }

    /// One of the raw values of `T`.
    public func choice<T: RawRepresentable & CaseIterable>(_ key: String, _ type: T.Type) throws -> T? where T.RawValue == String {
        guard let text = string(key) else { return nil }
        guard let v = T(rawValue: text) ?? T.allCases.first(where: { $0.rawValue.lowercased() == text.lowercased() }) else {
            throw APIError.badRequest("parameter '\(key)': '\(Self.printable(text))' is not one of \(T.allCases.map(\.rawValue).joined(separator: ", "))",
                                      parameter: key)
        }
        return v
    }

    /// An identifier-like value (chain, stage, alliance, mineral names): letters, digits,
    /// spaces and `-_.()`; never a path.
    public func name(_ key: String) throws -> String? {
        guard let text = string(key) else { return nil }
        let ok = text.count <= 80 && text.allSatisfy { $0.isLetter || $0.isNumber || " -_.(),".contains($0) }
            && !text.contains("..")
        guard ok else {
            throw APIError.badRequest("parameter '\(key)': '\(Self.printable(text))' is not a valid name (letters, digits, spaces and - _ . ( ) only)",
                                      parameter: key)
        }
        return text
    }

    /// A policy date `YYYY`, `YYYY-MM` or `YYYY-MM-DD`.
    public func policyDate(_ key: String) throws -> PolicyDate? {
        guard let text = string(key) else { return nil }
        guard let d = PolicyDate(text) else {
            throw APIError.badRequest("parameter '\(key)': '\(Self.printable(text))' is not a date YYYY-MM-DD (or YYYY-MM, YYYY) between \(CalendarDay.plausibleYears.lowerBound) and \(CalendarDay.plausibleYears.upperBound)",
                                      parameter: key)
        }
        return d
    }

    /// An exact calendar day `YYYY-MM-DD`.
    public func day(_ key: String) throws -> CalendarDay? {
        guard let text = string(key) else { return nil }
        guard let d = CalendarDay(text) else {
            throw APIError.badRequest("parameter '\(key)': '\(Self.printable(text))' is not a day YYYY-MM-DD (a real calendar day between \(CalendarDay.plausibleYears.lowerBound) and \(CalendarDay.plausibleYears.upperBound))",
                                      parameter: key)
        }
        return d
    }

    /// A stable cache key: the route and its parameters in key order.
    public func cacheKey(_ route: String) -> String {
        route + "?" + values.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: "&")
    }
}
