import DecoupleCore

/// One cell of a USGS Mineral Commodity Summaries table, represented as published.
///
/// The releases mix numbers with symbols and words; each keeps its meaning here:
/// a withheld value is not zero, and `>50` is a bound, not 50.
///
/// | file text | value |
/// |---|---|
/// | `3420`, `"1,700"`, `−76` (Unicode minus) | ``value(_:)`` |
/// | `e40`, `e3,900` (estimated) | ``estimated(_:)`` |
/// | `W` | ``withheld`` (to avoid disclosing company proprietary data) |
/// | `NA` | ``notAvailable`` |
/// | `XX`, `Not applicable` | ``notApplicable`` |
/// | `E` | ``netExporter`` (net import reliance of a net exporter) |
/// | `<1`, `<1,000`, `Less than ½ unit.`, `Less than 50,000 tons` | ``lessThan(_:)`` |
/// | `>50`, `>50%` | ``greaterThan(_:)`` |
/// | `50–300` | ``range(_:_:)`` |
/// | `Small`, `Large`, `Included in World total.` | ``qualitative(_:)`` |
/// | empty or blank | ``empty`` |
public enum MineralValue: Hashable, Sendable {
    /// A reported number.
    case value(Double)
    /// A number the file marks as estimated with a leading `e`.
    case estimated(Double)
    /// `W`: withheld to avoid disclosing company proprietary data. Not zero.
    case withheld
    /// `NA`: not available.
    case notAvailable
    /// `XX`: not applicable.
    case notApplicable
    /// `E`: the United States is a net exporter (net import reliance only).
    case netExporter
    /// An upper bound: the true value is below this (`<25`).
    case lessThan(Double)
    /// A lower bound: the true value is above this (`>50`).
    case greaterThan(Double)
    /// A range (`50–300`).
    case range(Double, Double)
    /// Words instead of a number ("Small", "Large", "Included in World total.").
    case qualitative(String)
    /// An empty cell.
    case empty

    /// The number when the cell holds one (reported or estimated), else nil.
    public var number: Double? {
        switch self {
        case .value(let v), .estimated(let v): v
        default: nil
        }
    }

    /// True for cells that state a bound or a range rather than a number.
    public var isBound: Bool {
        switch self {
        case .lessThan, .greaterThan, .range: true
        default: false
        }
    }

    /// The cell as a short text, in the file's own notation (`W`, `>50`, `e40`, `1700`).
    public var text: String {
        switch self {
        case .value(let v): Self.format(v)
        case .estimated(let v): "e" + Self.format(v)
        case .withheld: "W"
        case .notAvailable: "NA"
        case .notApplicable: "XX"
        case .netExporter: "E"
        case .lessThan(let v): "<" + Self.format(v)
        case .greaterThan(let v): ">" + Self.format(v)
        case .range(let a, let b): Self.format(a) + "–" + Self.format(b)
        case .qualitative(let s): s
        case .empty: ""
        }
    }

    /// The kind of cell, as a stable word for JSON and CSV (`value`, `withheld`, `greater_than` …).
    public var kind: String {
        switch self {
        case .value: "value"
        case .estimated: "estimated"
        case .withheld: "withheld"
        case .notAvailable: "not_available"
        case .notApplicable: "not_applicable"
        case .netExporter: "net_exporter"
        case .lessThan: "less_than"
        case .greaterThan: "greater_than"
        case .range: "range"
        case .qualitative: "qualitative"
        case .empty: "empty"
        }
    }

    static func format(_ v: Double) -> String {
        if v == v.rounded(), abs(v) < 1e15 { return String(Int64(v)) }
        return String(v)
    }
}

extension MineralValue {
    /// Parses one cell. Returns nil when the text holds digits but is no recognised
    /// notation (so that the reader can report it with its line and column).
    public static func parse(_ raw: String) -> MineralValue? {
        let text = raw.trimmedUSGS
        if text.isEmpty { return .empty }
        switch text {
        case "W": return .withheld
        case "NA", "N/A": return .notAvailable
        case "XX", "Not applicable", "--", "—": return .notApplicable
        case "E": return .netExporter
        default: break
        }
        if let v = number(text) { return .value(v) }
        if text.first == "e", let v = number(String(text.dropFirst())) { return .estimated(v) }
        if text.first == "<", let v = number(String(text.dropFirst()).trimmedUSGS) { return .lessThan(v) }
        if text.first == ">", let v = number(String(text.dropFirst()).trimmedUSGS) { return .greaterThan(v) }
        let lower = text.lowercased()
        if lower.hasPrefix("less than") {
            if lower.contains("½") || lower.contains("1/2") || lower.contains("half") { return .lessThan(0.5) }
            // "Less than 50,000 tons", "Less than 500 carats."
            let words = text.dropFirst("less than".count).split(whereSeparator: \.isWhitespace)
            if let first = words.first, let v = number(String(first)) { return .lessThan(v) }
            return nil
        }
        for dash: Character in ["–", "-"] {
            let parts = text.split(separator: dash, omittingEmptySubsequences: false).map(String.init)
            if parts.count == 2, let a = number(parts[0].trimmedUSGS), let b = number(parts[1].trimmedUSGS), a <= b {
                return .range(a, b)
            }
        }
        if !text.contains(where: \.isNumber) { return .qualitative(text) }
        return nil
    }

    /// The largest magnitude a USGS cell may hold (10^13 of its unit): the bundled editions'
    /// largest is 4 × 10^8, so a longer number is damage (issue #22: a 21-digit world-production
    /// cell made a country 5.6 × 10^17 % of world output).
    public static let largestPlausible = 1e13

    /// A plain decimal with optional thousands separators, a sign (ASCII or Unicode minus)
    /// and an optional trailing `%`, at most ``largestPlausible`` in magnitude.
    static func number(_ s: String) -> Double? {
        var t = Substring(s)
        if t.hasSuffix("%") { t = t.dropLast() }
        var negative = false
        if t.hasPrefix("−") || t.hasPrefix("-") { negative = true; t = t.dropFirst() }
        guard !t.isEmpty, t.allSatisfy({ $0.isASCII && ($0.isNumber || $0 == "," || $0 == ".") }),
              t.first!.isNumber, t.last!.isNumber else { return nil }
        // Thousands separators must group three digits.
        let integerPart = t.split(separator: ".", omittingEmptySubsequences: false)
        guard integerPart.count <= 2 else { return nil }
        let groups = integerPart[0].split(separator: ",", omittingEmptySubsequences: false)
        if groups.count > 1 {
            guard !groups[0].isEmpty, groups[0].count <= 3, groups.dropFirst().allSatisfy({ $0.count == 3 }) else { return nil }
        }
        if integerPart.count == 2, integerPart[1].contains(",") { return nil }
        guard let v = Double(String(t.filter { $0 != "," })), v.isFinite, v <= largestPlausible else { return nil }
        return negative ? -v : v
    }
}

extension MineralValue: Codable {
    private enum CodingKeys: String, CodingKey { case kind, value, low, high, text }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        let kind = try c.decode(String.self, forKey: .kind)
        switch kind {
        case "value": self = .value(try c.decode(Double.self, forKey: .value))
        case "estimated": self = .estimated(try c.decode(Double.self, forKey: .value))
        case "withheld": self = .withheld
        case "not_available": self = .notAvailable
        case "not_applicable": self = .notApplicable
        case "net_exporter": self = .netExporter
        case "less_than": self = .lessThan(try c.decode(Double.self, forKey: .value))
        case "greater_than": self = .greaterThan(try c.decode(Double.self, forKey: .value))
        case "range": self = .range(try c.decode(Double.self, forKey: .low), try c.decode(Double.self, forKey: .high))
        case "qualitative": self = .qualitative(try c.decode(String.self, forKey: .text))
        case "empty": self = .empty
        default:
            throw DecodingError.dataCorruptedError(forKey: .kind, in: c, debugDescription: "unknown mineral value kind '\(kind)'")
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(kind, forKey: .kind)
        switch self {
        case .value(let v), .estimated(let v), .lessThan(let v), .greaterThan(let v): try c.encode(v, forKey: .value)
        case .range(let a, let b):
            try c.encode(a, forKey: .low)
            try c.encode(b, forKey: .high)
        default: break
        }
        try c.encode(text, forKey: .text)
    }
}

extension StringProtocol {
    /// Without leading and trailing spaces, tabs, line breaks and no-break spaces.
    var trimmedUSGS: String {
        var s = self[...]
        while let f = s.first, f.isWhitespace { s = s.dropFirst() }
        while let l = s.last, l.isWhitespace { s = s.dropLast() }
        return String(s)
    }
}
