import Foundation

/// Census International Trade API answers for the tests, in the API's exact layout: a JSON
/// array of arrays, header first, every value a string, the predicates (`COMM_LVL`, `time`)
/// appended as columns. Partners: China (5700), Mexico (2010), Canada (1220), the total
/// (`-`), and two group rows the reader must leave out (`1XXX` North America, `0022` OECD).
/// Chapters 84 and 85. Values in US dollars, a function of flow, partner, chapter and year.
enum CensusFixture {
    static let partners: [(code: String, name: String)] = [("5700", "CHINA"), ("2010", "MEXICO"), ("1220", "CANADA"),
                                                           ("-", "TOTAL FOR ALL COUNTRIES"), ("1XXX", "NORTH AMERICA"), ("0022", "OECD")]

    /// The annual (December year-to-date) value.
    static func annual(_ flow: String, _ partner: String, _ chapter: String, _ year: Int) -> Int64 {
        let t = Int64(year - 2017)
        let ch: Int64 = chapter == "84" ? 1 : 2
        switch (flow, partner) {
        case ("imports", "5700"): return (260_000_000_000 - 9_000_000_000 * t) * ch / 2 + 1_234_567
        case ("imports", "2010"): return (180_000_000_000 + 8_000_000_000 * t) * ch / 2
        case ("imports", "1220"): return (150_000_000_000 + 2_000_000_000 * t) * ch / 2
        case ("imports", "-"): return (1_450_000_000_000 + 30_000_000_000 * t) * ch / 2
        case ("exports", "5700"): return (65_000_000_000 - 3_000_000_000 * t) * ch / 2
        case ("exports", "-"): return (900_000_000_000 + 25_000_000_000 * t) * ch / 2
        case ("exports", _): return (120_000_000_000 + 1_000_000_000 * t) * ch / 2
        default: return (partner == "1XXX" ? 5 : 7) * 1_000_000_000_000
        }
    }

    /// China's share of US imports in a year, from the fixture's numbers.
    static func chinaImportShare(_ year: Int) -> Double {
        Double(annual("imports", "5700", "84", year) + annual("imports", "5700", "85", year))
            / Double(annual("imports", "-", "84", year) + annual("imports", "-", "85", year))
    }

    /// The answer to a request, or nil when the fixture has none (answered 204 by the caller).
    static func answer(_ r: FixtureRequest, lastMonth: String = "2024-02") -> String? {
        guard let get = r.value("get"), let level = r.value("COMM_LVL"), let time = r.value("time") else { return nil }
        let fields = get.split(separator: ",").map(String.init)
        let flow = r.path.hasSuffix("/imports/hs") ? "imports" : "exports"
        guard let value = fields.last, fields.count == 4 else { return nil }
        let isAnnual = value.hasSuffix("_YR")
        guard let year = Int(time.prefix(4)) else { return nil }
        if isAnnual { guard time.hasSuffix("-12"), year <= 2024 else { return nil } } else { guard time <= lastMonth else { return nil } }
        var rows = ["[" + (fields + ["COMM_LVL", "time"]).map { "\"\($0)\"" }.joined(separator: ",") + "]"]
        for (code, name) in partners {
            for chapter in ["84", "85"] {
                var v = annual("\(flow)", code, chapter, year)
                if !isAnnual { v /= 12 }
                rows.append("[\"\(code)\",\"\(name)\",\"\(chapter)\",\"\(v)\",\"\(level)\",\"\(time)\"]")
            }
        }
        return "[" + rows.joined(separator: ",\n") + "]"
    }
}
