import DecoupleCore

/// The US salient statistics of one commodity in one MCS edition (`mcs2024-lithi_salient.csv`):
/// production, trade, consumption, price, employment and net import reliance, five years.
///
/// Columns vary by commodity; each is described by a ``SalientColumn``. Values are kept as
/// published (``MineralValue``), aligned with ``columns``.
public struct SalientStatistics: Sendable {
    /// One year's row.
    public struct Year: Sendable {
        public let year: Int
        /// 1-based line in the file.
        public let line: Int
        /// Aligned with ``SalientStatistics/columns``.
        public let values: [MineralValue]
    }

    public let edition: Int
    /// Path relative to `Data/`, as cited in provenance.
    public let file: String
    /// The commodity code of the file name (`lithi`, `raree`, `simet`).
    public let code: String
    /// The commodity as the file names it ("Lithium", "Rare Earths").
    public let commodity: String
    public let columns: [SalientColumn]
    public let years: [Year]
    /// The layout correction applied, if any.
    public let correction: SalientLayoutCorrection?

    /// The columns of one category, in file order.
    public func columns(_ category: SalientColumn.Category) -> [SalientColumn] { columns.filter { $0.category == category } }

    /// The value of `column` in `year`, with its source, or nil when the year is not in the file.
    public func value(_ column: SalientColumn, year: Int) -> SourcedMineralValue? {
        guard let row = years.first(where: { $0.year == year }),
              let i = columns.firstIndex(of: column) else { return nil }
        return SourcedMineralValue(value: row.values[i], unit: column.unit,
                                   source: MineralSource(edition: edition, file: file, line: row.line, column: column.name))
    }

    /// The latest year in the file.
    public var latestYear: Int? { years.map(\.year).max() }
}

/// Reads a salient-statistics CSV of the MCS data releases.
///
/// Expects `DataSource,Commodity,Year,<value columns…>`. Tolerates what the releases do:
/// a byte-order mark, Windows-1252 text, trailing empty header fields, padding rows of commas,
/// thousands separators inside quotes. Fails, with `file:line:column`, on a value it cannot
/// read, a year that is not a year, or a value in a column the header does not name (unless a
/// ``SalientLayoutCorrection`` for that file applies).
public struct SalientStatisticsReader: Sendable {
    public var corrections: [SalientLayoutCorrection]
    public var issueLimit: Int

    public init(corrections: [SalientLayoutCorrection] = SalientLayoutCorrection.known, issueLimit: Int = 20) {
        self.corrections = corrections
        self.issueLimit = issueLimit
    }

    /// - Parameters:
    ///   - displayName: the path cited in errors and provenance (relative to `Data/`).
    public func read(path: String, displayName: String, edition: Int) throws -> SalientStatistics {
        let rows = try USGSTextFile.rows(path: path, displayName: displayName)
        var issues = IssueCollector(file: displayName, limit: issueLimit)
        guard let header = rows.first else {
            throw DataReadError(issues: [DataIssue(file: displayName, line: 1, message: "empty file, expected a header DataSource,Commodity,Year,…")])
        }
        let names = header.fields.map(\.trimmedUSGS)
        guard names.count >= 4, names[0] == "DataSource", names[1] == "Commodity", names[2] == "Year" else {
            let what = names.prefix(3).joined(separator: ",")
            let hint = names.starts(with: ["Source", "Country"]) ? " (this is the world-production layout)" : ""
            throw DataReadError(issues: [DataIssue(file: displayName, line: header.line, column: 1,
                message: "expected the salient-statistics header 'DataSource,Commodity,Year,…', found '\(what)'\(hint)")])
        }
        let fileName = String(displayName.split(separator: "/").last ?? Substring(displayName))
        var layout: [String] = Array(names.dropFirst(3))
        var correction: SalientLayoutCorrection?
        if let c = corrections.first(where: { $0.edition == edition && $0.fileName == fileName }) {
            let named = layout.filter { !$0.isEmpty }
            guard named == c.brokenHeader else {
                throw DataReadError(issues: [DataIssue(file: displayName, line: header.line, column: 1,
                    message: "the layout correction for \(fileName) expects the header \(c.brokenHeader.joined(separator: ",")); the file's header differs, so the correction cannot be applied safely")])
            }
            layout = c.columnNames
            correction = c
        }
        // Named columns; trailing empty names are padding.
        while let last = layout.last, last.isEmpty, layout.count > (correction?.columnNames.count ?? 0) { layout.removeLast() }
        var columns: [SalientColumn] = []
        var blankFields: Set<Int> = []
        for (k, name) in layout.enumerated() {
            if name.isEmpty { blankFields.insert(k + 3) } else { columns.append(SalientColumn(index: k + 3, name: name)) }
        }
        let width = layout.count + 3
        var years: [SalientStatistics.Year] = []
        var commodity = ""
        for row in rows.dropFirst() where !row.isBlank {
            let f = row.fields
            guard f.count >= 3, let year = Int(f[2].trimmedUSGS), (1900...2100).contains(year) else {
                try issues.add(line: row.line, column: row.column(2), "expected a year in column 'Year', found '\(f.count > 2 ? f[2] : "")'")
                continue
            }
            if commodity.isEmpty { commodity = f[1].trimmedUSGS }
            for k in width..<max(width, f.count) where !f[k].trimmedUSGS.isEmpty {
                try issues.add(line: row.line, column: row.column(k),
                    "value '\(f[k])' in field \(k + 1), but the header names only \(width) fields: the values do not line up with the header (unrecognised layout)")
            }
            for k in blankFields where k < f.count && !f[k].trimmedUSGS.isEmpty {
                try issues.add(line: row.line, column: row.column(k), "expected a blank field \(k + 1) (layout correction for \(fileName)), found '\(f[k])'")
            }
            var values: [MineralValue] = []
            for c in columns {
                let text = c.index < f.count ? f[c.index] : ""
                if let v = MineralValue.parse(text) {
                    values.append(v)
                } else {
                    values.append(.empty)
                    try issues.add(line: row.line, column: row.column(c.index),
                        "expected a number (at most 10^13), W, NA, E, XX, <n, >n or a range in column '\(c.name)', found '\(text)'")
                }
            }
            years.append(.init(year: year, line: row.line, values: values))
        }
        try issues.finish()
        return SalientStatistics(edition: edition, file: displayName, code: USGSFileName.commodityCode(fileName) ?? fileName,
                                 commodity: commodity, columns: columns, years: years, correction: correction)
    }
}

/// Commodity codes in USGS file names.
public enum USGSFileName {
    /// `mcs2024-lithi_salient.csv` → `lithi`; `lithium_mcs2022-lithi_world.csv` → `lithi`;
    /// `mcs2023tellu_salient.csv` → `tellu`; `MCS2024-bismu_world.csv` → `bismu`. Codes that
    /// differ between editions are unified (`alum` → `alumi`, `zirco-hafni` → `zirco`).
    public static func commodityCode(_ fileName: String) -> String? {
        let lower = fileName.lowercased()
        guard let r = lower.firstRange(of: "mcs20") else { return nil }
        var rest = lower[r.upperBound...].dropFirst(2)  // the two year digits
        if rest.first == "-" { rest = rest.dropFirst() }
        guard let end = rest.firstRange(of: "_salient") ?? rest.firstRange(of: "_world") else { return nil }
        let code = String(rest[..<end.lowerBound])
        return aliases[code] ?? code
    }

    static let aliases = ["alum": "alumi", "zirco-hafni": "zirco", "scandi": "scand", "thalli": "thall"]
}
