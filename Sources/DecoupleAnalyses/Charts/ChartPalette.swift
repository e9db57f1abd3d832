import DecoupleCore

/// Colour-blind-safe colours (Okabe–Ito) used by the charts, as `rgb(…)` strings.
public enum ChartPalette {
    /// Series colours in order of use; wraps around after the last one.
    public static let series: [String] = [
        "rgb(0,114,178)",    // blue
        "rgb(213,94,0)",     // vermillion
        "rgb(0,158,115)",    // bluish green
        "rgb(230,159,0)",    // orange
        "rgb(204,121,167)",  // reddish purple
        "rgb(86,180,233)",   // sky blue
        "rgb(0,0,0)",        // black
        "rgb(240,228,66)",   // yellow
    ]
    /// Fill for positive bars.
    public static let positive = "rgb(0,114,178)"
    /// Fill for negative bars.
    public static let negative = "rgb(213,94,0)"
    /// Main text colour.
    package static let text = "rgb(34,34,34)"
    /// Secondary text colour (subtitles, axis labels, source line).
    package static let mutedText = "rgb(96,96,96)"
    /// Gridline colour.
    package static let grid = "rgb(226,226,226)"
    /// Zero line / axis colour.
    package static let axis = "rgb(110,110,110)"

    /// One colour per economy on every chart (China always vermillion, the United States always
    /// blue …), by ISO3 code (the EU by its code, EU).
    public static let economies: [String: String] = [
        "CHN": "rgb(213,94,0)", "USA": "rgb(0,114,178)", "EU": "rgb(0,158,115)", "MEX": "rgb(230,159,0)",
        "VNM": "rgb(204,121,167)", "JPN": "rgb(86,180,233)", "CAN": "rgb(0,0,0)", "TWN": "rgb(140,86,75)",
        "KOR": "rgb(148,103,189)", "DEU": "rgb(23,190,207)", "IND": "rgb(188,189,34)",
    ]

    /// The economy a series is named after (its name, ISO code or "… (aggregate)" name), if any.
    public static func economy(named name: String) -> Country? {
        let n = name.hasSuffix(" (aggregate)") ? String(name.dropLast(12)) : name
        guard !n.isEmpty, n.count <= 60 else { return nil }
        return try? CountryTable.standard.resolve(n)
    }

    /// The colour of a series: its economy's colour when it is named after one of ``economies``,
    /// else the colour at `index`.
    public static func color(for name: String, at index: Int) -> String {
        if let c = economy(named: name), let colour = economies[c.code] { return colour }
        return color(at: index)
    }

    /// The colour for the series at `index`.
    public static func color(at index: Int) -> String {
        series[((index % series.count) + series.count) % series.count]
    }
}
