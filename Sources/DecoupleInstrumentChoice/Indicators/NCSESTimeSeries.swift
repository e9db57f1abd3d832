import DecoupleCore
import Foundation

/// One NCSES Science & Engineering Indicators time-series table (e.g. 10557, USPTO patents in
/// semiconductors by inventor country, 1998–2022), as values by region and year.
public struct NCSESTimeSeries: Sendable {
    public let tableID: String
    public let title: String
    public let years: ClosedRange<Int>
    /// Values by region path ("World -> Asia -> China") and year.
    public let values: [String: [Int: Double]]
    /// Region paths in file order.
    public let regions: [String]
    public let provenance: Provenance

    /// The region path of each country of the standard table that has a row, found once.
    private let standardPaths: [Country: String]

    public init(tableID: String, title: String, years: ClosedRange<Int>, values: [String: [Int: Double]], regions: [String],
                provenance: Provenance) {
        self.tableID = tableID
        self.title = title
        self.years = years
        self.values = values
        self.regions = regions
        self.provenance = provenance
        var paths: [Country: String] = [:]
        for path in regions {
            if let c = Self.country(ofPath: path, countries: .standard), paths[c] == nil { paths[c] = path }
        }
        standardPaths = paths
    }

    /// The value for a country in a year, found by the last component of the region path
    /// (`WLD` for the world row).
    public func value(_ country: Country, year: Int, countries: CountryTable = .standard) -> Double? {
        path(of: country, countries: countries).flatMap { values[$0]?[year] }
    }

    /// The region path whose last component names the country.
    public func path(of country: Country, countries: CountryTable = .standard) -> String? {
        if country == .world { return regions.first { $0 == "World" } }
        // The paths of the standard table are resolved once, at load; another table (a test's)
        // is resolved on each call. Tables are told apart by size (CountryTable has no identity).
        if countries.entries.count == CountryTable.standard.entries.count { return standardPaths[country] }
        return regions.first { Self.country(ofPath: $0, countries: countries) == country }
    }

    /// The tables label the European Union "EU-27" (members since 2020; the UK on its own row).
    static let aliases: [String: Country] = ["EU-27": Country("EU")]

    /// The country a region path ends in, if its last component names one.
    static func country(ofPath path: String, countries: CountryTable) -> Country? {
        // Split on the " -> " arrows, not on ">": footnote markup ("EU-27<sup>b</sup>") has ">" too.
        let leaf = plainName((path.components(separatedBy: "->").last ?? "").trimmingCharacters(in: .whitespaces))
        if let alias = aliases[leaf] { return alias }
        return try? countries.resolve(leaf, as: .name)
    }

    /// A region name without footnote markup ("EU-27<sup>b</sup>" → "EU-27").
    static func plainName(_ s: String) -> String {
        var out = s
        while let open = out.range(of: "<sup>"), let close = out.range(of: "</sup>", range: open.upperBound..<out.endIndex) {
            out.removeSubrange(open.lowerBound..<close.upperBound)
        }
        return out.trimmingCharacters(in: .whitespaces)
    }
}

/// Reads an NCSES time-series table in the layout of the `ncses_stats_explorer` export:
/// `README.md` (title with the year range, e.g. "…: 1998–2022" or "…: 2000–22") and
/// `data.csv` (`table_id,row_id,time_period,value`, gzip allowed).
///
/// The export dropped the year labels: each region's block starts with one label row (`na` or
/// an income group such as `High`), then one value per year of the title's range, in row order.
/// The reader checks that every block has exactly that many rows and that values are numbers.
public struct NCSESTimeSeriesReader: Sendable {
    public var errorLimit = 20

    public init() {}

    /// What the value field of a block's label row may hold: a World Bank income group or "na".
    static let labelValues: Set<String> = ["na", "High", "Upper middle", "Lower middle", "Low"]

    public func read(folder: String, displayFolder: String? = nil, provenance: Provenance) throws -> NCSESTimeSeries {
        let shown = displayFolder ?? folder
        let readmePath = folder + "/README.md"
        guard let readme = try? String(contentsOfFile: readmePath, encoding: .utf8),
              let titleLine = readme.split(separator: "\n").first(where: { $0.hasPrefix("# ") }) else {
            throw DataReadError(issues: [DataIssue(file: shown + "/README.md", message: "expected a README.md whose first heading is the table title")])
        }
        let title = String(titleLine.dropFirst(2))
        guard let years = Self.yearRange(in: title) else {
            throw DataReadError(issues: [DataIssue(file: shown + "/README.md", line: 1, column: 3,
                message: "expected the title to end with a year range such as ': 1998–2022' or ': 2000–22', found '\(title)'")])
        }
        let dataPath = FileManager.default.fileExists(atPath: folder + "/data.csv.gz") ? folder + "/data.csv.gz" : folder + "/data.csv"
        let file = shown + "/" + (dataPath.hasSuffix(".gz") ? "data.csv.gz" : "data.csv")
        let reader = DelimitedFileReader(path: dataPath, displayName: file)
        var issues = IssueCollector(file: file, limit: errorLimit)
        var values: [String: [Int: Double]] = [:]
        var regions: [String] = []
        var current = "", index = -1, blockStartLine = 0
        var tableID = ""
        let expected = years.count + 1

        func closeBlock() throws {
            if !current.isEmpty && index + 1 != expected {
                try issues.add(line: blockStartLine, column: nil,
                               "block '\(current)' has \(index + 1) rows; expected \(expected) (a label row and \(years.count) years, \(years.lowerBound)–\(years.upperBound), from the title)")
            }
        }
        try readWithHeader(reader, progress: nil, header: { header, line in
            try header.requireExactly(["table_id", "row_id", "time_period", "value"], file: file, line: line)
        }, row: { r in
            guard r.count == 4 else {
                try issues.add(line: r.line, column: nil, "expected 4 fields (table_id,row_id,time_period,value), found \(r.count)")
                return
            }
            tableID = r.string(0)
            let region = r.string(2)
            if region != current {
                try closeBlock()
                current = region
                index = 0
                blockStartLine = r.line
                regions.append(region)
                // The label row: its value is the region's income group or "na".
                if !Self.labelValues.contains(r.string(3)) {
                    try issues.add(line: r.line, column: r.column(3),
                                   "expected the income group of \(region) (\(Self.labelValues.sorted().joined(separator: ", "))), found '\(r.string(3))'")
                }
                return
            }
            index += 1
            let year = years.lowerBound + index - 1
            guard index < expected else { return }  // reported when the block closes
            guard let v = r.number(3, thousandsSeparator: true) else {
                try issues.add(line: r.line, column: r.column(3), "expected a number for \(region), \(year), found '\(r.string(3))'")
                return
            }
            values[region, default: [:]][year] = v
        })
        try closeBlock()
        try issues.finish()
        return NCSESTimeSeries(tableID: tableID, title: title, years: years, values: values, regions: regions, provenance: provenance)
    }

    /// The year range at the end of a title: "…: 1998–2022" or "…: 2000–22".
    static func yearRange(in title: String) -> ClosedRange<Int>? {
        guard let colon = title.lastIndex(of: ":") else { return nil }
        let tail = title[title.index(after: colon)...].trimmingCharacters(in: .whitespaces)
        let parts = tail.split(whereSeparator: { $0 == "–" || $0 == "-" })
        guard parts.count == 2, let a = Int(parts[0]), a > 1900, var b = Int(parts[1]) else { return nil }
        if b < 100 { b += (a / 100) * 100 }
        return a <= b ? a...b : nil
    }
}
