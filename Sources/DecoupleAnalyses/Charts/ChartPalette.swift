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

    /// The colour for the series at `index`.
    public static func color(at index: Int) -> String {
        series[((index % series.count) + series.count) % series.count]
    }
}
