import DecoupleCore

/// Where a mineral figure comes from: the USGS MCS edition, the file and the cell (the readers'
/// ``MineralSource``, under the name the measures use).
public typealias MineralProvenance = MineralSource

/// A published amount as the measures see it: a number, a bound, or a reason there is none.
/// (The readers' richer cell type maps onto this one; a withheld amount is never zero.)
public enum ReportedAmount: Hashable, Sendable {
    case exact(Double)
    /// `>x`: above x.
    case above(Double)
    /// `<x`: below x.
    case below(Double)
    case range(Double, Double)
    /// `E`: net exporter (net import reliance only).
    case netExporter
    /// `W`.
    case withheld
    /// `NA`, `XX`, empty or words.
    case unavailable(String)

    /// The exact number, if any.
    public var exact: Double? { if case .exact(let v) = self { v } else { nil } }

    /// A number usable in a calculation: the exact value, or the bound itself for `>x` and
    /// `<x` (stated as such by ``isBound``), the midpoint of a range, 0 for a net exporter.
    public var planningValue: Double? {
        switch self {
        case .exact(let v), .above(let v), .below(let v): v
        case .range(let a, let b): (a + b) / 2
        case .netExporter: 0
        case .withheld, .unavailable: nil
        }
    }

    public var isBound: Bool {
        switch self {
        case .above, .below, .range: true
        default: false
        }
    }

    /// The amount in the files' notation (`>50`, `W`, `E`, `1700`).
    public var text: String {
        func f(_ v: Double) -> String { v == v.rounded() && abs(v) < 1e15 ? String(Int64(v)) : String(v) }
        return switch self {
        case .exact(let v): f(v)
        case .above(let v): ">" + f(v)
        case .below(let v): "<" + f(v)
        case .range(let a, let b): f(a) + "–" + f(b)
        case .netExporter: "E"
        case .withheld: "W"
        case .unavailable(let s): s.isEmpty ? "NA" : s
        }
    }
}

extension ReportedAmount: Codable {
    private enum CodingKeys: String, CodingKey { case kind, value, low, high, text }

    /// `exact`, `above`, `below`, `range`, `net_exporter`, `withheld`, `unavailable`.
    public var kind: String {
        switch self {
        case .exact: "exact"
        case .above: "above"
        case .below: "below"
        case .range: "range"
        case .netExporter: "net_exporter"
        case .withheld: "withheld"
        case .unavailable: "unavailable"
        }
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        switch try c.decode(String.self, forKey: .kind) {
        case "exact": self = .exact(try c.decode(Double.self, forKey: .value))
        case "above": self = .above(try c.decode(Double.self, forKey: .value))
        case "below": self = .below(try c.decode(Double.self, forKey: .value))
        case "range": self = .range(try c.decode(Double.self, forKey: .low), try c.decode(Double.self, forKey: .high))
        case "net_exporter": self = .netExporter
        case "withheld": self = .withheld
        default: self = .unavailable(try c.decodeIfPresent(String.self, forKey: .text) ?? "")
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(kind, forKey: .kind)
        switch self {
        case .exact(let v), .above(let v), .below(let v): try c.encode(v, forKey: .value)
        case .range(let a, let b):
            try c.encode(a, forKey: .low)
            try c.encode(b, forKey: .high)
        default: break
        }
        try c.encode(text, forKey: .text)
    }
}

/// An amount with its unit and provenance.
public struct MineralAmount: Hashable, Sendable, Codable {
    public let amount: ReportedAmount
    /// The unit code of the source column (`t`, `kt`, `pct`).
    public let unit: String
    public let source: MineralProvenance

    public init(_ amount: ReportedAmount, unit: String, source: MineralProvenance) {
        self.amount = amount
        self.unit = unit
        self.source = source
    }
}

/// An amount attributed to a country, or to an aggregate row (`country` nil, `label` says which).
public struct PlaceAmount: Hashable, Sendable, Codable {
    public let country: Country?
    /// The name as printed in the file.
    public let label: String
    public let amount: MineralAmount

    public init(country: Country?, label: String, amount: MineralAmount) {
        self.country = country
        self.label = label
        self.amount = amount
    }
}
