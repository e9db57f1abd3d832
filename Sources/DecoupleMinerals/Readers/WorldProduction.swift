import DecoupleCore

/// A value column of a world-production file (`Prod_t_2022`, `Prod_kt_est_2023`,
/// `Cap_Sponge_t_2023`, `Reserves_t`, `Reserves_ore_K2O_equiv_kt`).
public struct WorldColumn: Hashable, Sendable, Codable {
    public enum Measure: String, Hashable, Sendable, Codable {
        /// Mine, refinery or plant production (the row's `Type` says which).
        case production
        /// Plant capacity.
        case capacity
        /// Reserves.
        case reserves
    }

    /// 0-based field index.
    public let index: Int
    public let name: String
    public let measure: Measure
    /// The year, for production and capacity (and dated reserves).
    public let year: Int?
    /// True when the name marks the year as estimated (`_est_`, `_Est_`).
    public let estimated: Bool
    public let unit: MineralUnit
    /// Other words of the name (`["Sponge"]`, `["ore", "K2O", "equiv"]`).
    public let qualifiers: [String]

    /// Parses a column name, or returns nil when it is not a production, capacity or reserves column.
    public init?(index: Int, name: String) {
        let tokens = name.trimmedUSGS.split(separator: "_").map(String.init)
        guard let first = tokens.first else { return nil }
        switch first.lowercased() {
        case "prod": measure = .production
        case "cap": measure = .capacity
        case "reserves": measure = .reserves
        default: return nil
        }
        if tokens.contains(where: { $0.lowercased().hasPrefix("note") }) { return nil }
        var year: Int?, estimated = false, unit = MineralUnit(code: ""), qualifiers: [String] = []
        for t in tokens.dropFirst() {
            if t.count == 4, let y = Int(t), (1900...2100).contains(y) { year = y }
            else if t.lowercased() == "est" { estimated = true }
            else if MineralUnit.known[t] != nil, unit.code.isEmpty { unit = MineralUnit(code: t) }
            else { qualifiers.append(t) }
        }
        if measure != .reserves && year == nil { return nil }
        self.index = index
        self.name = name
        self.year = year
        self.estimated = estimated
        self.unit = unit
        self.qualifiers = qualifiers
    }
}

/// World production (mine, refinery or plant) by country and reserves, for one commodity in
/// one MCS edition (`mcs2024-lithi_world.csv`).
public struct WorldProduction: Sendable {
    /// One row: a country (or an aggregate) and a production type.
    public struct Row: Sendable {
        public let line: Int
        public let place: MineralPlaceName
        /// "Mine production, lithium content", "Refinery production" …
        public let type: String
        /// Aligned with ``WorldProduction/columns``.
        public let values: [MineralValue]
        /// The notes columns of the row, joined.
        public let notes: String
    }

    public let edition: Int
    public let file: String
    /// The commodity code of the file name (`lithi`).
    public let code: String
    public let columns: [WorldColumn]
    public let rows: [Row]

    /// The production types, in file order ("Mine production, contained cobalt", "Refinery production" …).
    public var types: [String] {
        var seen: Set<String> = [], out: [String] = []
        for r in rows where !r.type.isEmpty && seen.insert(r.type).inserted { out.append(r.type) }
        return out
    }

    /// The production years, ascending.
    public var productionYears: [Int] {
        Array(Set(columns.filter { $0.measure == .production }.compactMap(\.year))).sorted()
    }

    /// The production column of `year`, if any.
    public func productionColumn(year: Int) -> WorldColumn? {
        columns.first { $0.measure == .production && $0.year == year }
    }

    /// The (first) reserves column, if any.
    public var reservesColumn: WorldColumn? { columns.first { $0.measure == .reserves } }

    /// The value of `column` in `row`, with its unit and source.
    public func value(_ row: Row, _ column: WorldColumn) -> SourcedMineralValue {
        let i = columns.firstIndex(of: column)!
        return SourcedMineralValue(value: row.values[i], unit: column.unit,
                                   source: MineralSource(edition: edition, file: file, line: row.line, column: column.name))
    }
}

/// Reads a world-production CSV of the MCS data releases:
/// `Source,Country,Type,Prod_<unit>_<year>,Prod_<unit>_est_<year>,Prod_notes,Reserves_<unit>,Reserves_notes`.
///
/// The `Type` column is positional (MCS 2024 fluorspar names it "Mine production, fluorspar").
/// Country names are resolved with ``USGSPlaceNames``; an unknown name, an unreadable value,
/// an unrecognised column name or a value in an unnamed column fails with `file:line:column`.
public struct WorldProductionReader: Sendable {
    public var places: USGSPlaceNames
    public var issueLimit: Int

    public init(places: USGSPlaceNames = .standard, issueLimit: Int = 20) {
        self.places = places
        self.issueLimit = issueLimit
    }

    public func read(path: String, displayName: String, edition: Int) throws -> WorldProduction {
        let rows = try USGSTextFile.rows(path: path, displayName: displayName)
        var issues = IssueCollector(file: displayName, limit: issueLimit)
        guard let header = rows.first else {
            throw DataReadError(issues: [DataIssue(file: displayName, line: 1, message: "empty file, expected a header Source,Country,Type,…")])
        }
        let names = header.fields.map(\.trimmedUSGS)
        guard names.count >= 4, names[0] == "Source", names[1] == "Country",
              names[2] == "Type" || WorldColumn(index: 2, name: names[2]) == nil else {
            throw DataReadError(issues: [DataIssue(file: displayName, line: header.line, column: 1,
                message: "expected the world-production header 'Source,Country,Type,Prod_…', found '\(names.prefix(3).joined(separator: ","))'")])
        }
        var columns: [WorldColumn] = []
        var noteFields: [Int] = []
        var width = 3
        for k in 3..<names.count where !names[k].isEmpty {
            width = k + 1
            if let c = WorldColumn(index: k, name: names[k]) { columns.append(c) }
            else if names[k].lowercased().contains("note") { noteFields.append(k) }
            else {
                try issues.add(line: header.line, column: header.column(k),
                    "unrecognised column '\(names[k])': expected Prod_<unit>_[est_]<year>, Cap_…, Reserves_<unit> or a notes column")
            }
        }
        var out: [WorldProduction.Row] = []
        for row in rows.dropFirst() where !row.isBlank {
            let f = row.fields
            let printed = f.count > 1 ? f[1] : ""
            if printed.trimmedUSGS.isEmpty {
                // A row without a country holds only a note; keep nothing from it but check it is one.
                if columns.contains(where: { $0.index < f.count && !f[$0.index].trimmedUSGS.isEmpty }) {
                    try issues.add(line: row.line, column: row.column(1), "expected a country name in column 'Country', found an empty field")
                }
                continue
            }
            guard let place = places.resolve(printed) else {
                try issues.add(line: row.line, column: row.column(1),
                    "unknown country name '\(printed)': add it to USGSPlaceNames.usgsNames if it is a country, or to the aggregates if it is not")
                continue
            }
            for k in width..<max(width, f.count) where !f[k].trimmedUSGS.isEmpty {
                try issues.add(line: row.line, column: row.column(k),
                    "value '\(f[k])' in field \(k + 1), but the header names only \(width) fields (unrecognised layout)")
            }
            var values: [MineralValue] = []
            for c in columns {
                let text = c.index < f.count ? f[c.index] : ""
                if let v = MineralValue.parse(text) { values.append(v) } else {
                    values.append(.empty)
                    try issues.add(line: row.line, column: row.column(c.index),
                        "expected a number (at most 10^13), W, NA, <n, >n or a word in column '\(c.name)', found '\(text)'")
                }
            }
            let notes = noteFields.compactMap { $0 < f.count ? f[$0].trimmedUSGS : nil }.filter { !$0.isEmpty }.joined(separator: " ")
            out.append(.init(line: row.line, place: place, type: f.count > 2 ? f[2].trimmedUSGS : "", values: values, notes: notes))
        }
        try issues.finish()
        let fileName = String(displayName.split(separator: "/").last ?? Substring(displayName))
        return WorldProduction(edition: edition, file: displayName, code: USGSFileName.commodityCode(fileName) ?? fileName,
                               columns: columns, rows: out)
    }
}
