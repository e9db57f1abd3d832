/// The time a trade figure refers to: a calendar year or a month.
public enum Period: Hashable, Comparable, Sendable, CustomStringConvertible, Codable {
    case year(Int)
    case month(year: Int, month: Int)

    /// The calendar year.
    public var year: Int {
        switch self { case .year(let y): y; case .month(let y, _): y }
    }

    /// `2017` or `2017-03`.
    public var description: String {
        switch self {
        case .year(let y): String(y)
        case .month(let y, let m): "\(y)-\(m < 10 ? "0" : "")\(m)"
        }
    }

    /// Parses `2017`, `2017-03` or `2017-03-01` (a date is read as its month).
    public init?(_ text: String) {
        let parts = text.split(separator: "-")
        guard let y = Int(parts.first ?? ""), (1900...2200).contains(y) else { return nil }
        if parts.count == 1 { self = .year(y); return }
        guard parts.count <= 3, let m = Int(parts[1]), (1...12).contains(m) else { return nil }
        self = .month(year: y, month: m)
    }

    private var sortKey: Int {
        switch self { case .year(let y): y * 100 + 13; case .month(let y, let m): y * 100 + m }
    }
    public static func < (a: Period, b: Period) -> Bool { a.sortKey < b.sortKey }

    public init(from decoder: any Decoder) throws {
        let s = try decoder.singleValueContainer().decode(String.self)
        guard let p = Period(s) else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "invalid period '\(s)'"))
        }
        self = p
    }
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.singleValueContainer()
        try c.encode(description)
    }
}
