import DecoupleCore

/// The unit of a USGS column, read from the suffix of its name (`Imports_t`, `Prod_kt_2022`,
/// `Price_dt`, `NIR_pct`).
///
/// The code is kept as written; ``metricTonsFactor`` converts mass units to metric tons so
/// that quantities in different units can be compared.
public struct MineralUnit: Hashable, Sendable, Codable, CustomStringConvertible {
    /// The suffix as written in the file (`kt`, `dlb`, `pct`), or empty when the name has none.
    public let code: String

    public init(code: String) { self.code = code }

    /// Every suffix the MCS 2022–2024 releases use, with its meaning (from the releases'
    /// `*_meta.xml` attribute definitions).
    public static let known: [String: String] = [
        "t": "metric tons", "kt": "thousand metric tons", "mt": "million metric tons", "Mt": "million metric tons",
        "mmt": "million metric tons", "kg": "kilograms", "g": "grams",
        "dt": "dollars per metric ton", "dkg": "dollars per kilogram", "dlb": "dollars per pound",
        "dg": "dollars per gram", "dst": "dollars per short ton", "ctslb": "cents per pound",
        "dtoz": "dollars per troy ounce", "dto": "dollars per troy ounce", "df": "dollars per flask",
        "pct": "percent", "ct": "percent", "num": "number", "mct": "million carats", "kct": "thousand carats",
        "mcm": "million cubic meters", "mdol": "million dollars", "m": "number",
    ]

    /// What the code means, or "unit not stated" when the column has no recognised suffix.
    public var meaning: String { Self.known[code] ?? (code.isEmpty ? "unit not stated" : "unrecognised unit '\(code)'") }

    /// True when the code is one of ``known``.
    public var isKnown: Bool { Self.known[code] != nil }

    /// Multiplier to metric tons for mass units, nil for other units.
    public var metricTonsFactor: Double? {
        switch code {
        case "t": 1
        case "kt": 1_000
        case "mt", "Mt", "mmt": 1_000_000
        case "kg": 0.001
        case "g": 0.000_001
        default: nil
        }
    }

    /// True for percentages (`pct`, and `ct` in the MCS 2024 tungsten and dimension-stone files).
    public var isPercent: Bool { code == "pct" || code == "ct" }

    public var description: String { code.isEmpty ? "(no unit)" : code }
}
