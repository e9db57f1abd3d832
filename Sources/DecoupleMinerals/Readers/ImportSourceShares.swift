import DecoupleCore

/// US import sources with percentage shares, per mineral and product form: the "Import
/// sources (2017–20)" lines of the MCS 2022 commodity chapters for 14 metals, as transcribed
/// in GitHub `clarkbd/AFRL_Import_Sources` (`Import_Source_Pct_raw.csv`).
public struct ImportSourceShares: Sendable {
    public struct Entry: Sendable {
        public let line: Int
        /// "Cobalt" (trailing spaces of the file removed).
        public let mineral: String
        /// "Total", or a product form ("Silicon metal", "Cobalt contained in metal, oxide, and salts").
        public let subcategory: String
        public let place: MineralPlaceName
        /// Share of US imports, percent.
        public let share: SourcedMineralValue
    }

    public let edition: Int
    public let file: String
    public let entries: [Entry]

    /// The entries of one mineral (case-insensitive), preferring the "Total" group, else the
    /// first group listed.
    public func sources(of mineral: String) -> [Entry] {
        let mine = entries.filter { $0.mineral.lowercased() == mineral.lowercased() }
        let total = mine.filter { $0.subcategory == "Total" }
        if !total.isEmpty { return total }
        guard let first = mine.first?.subcategory else { return [] }
        return mine.filter { $0.subcategory == first }
    }
}

/// Reads `Import_Source_Pct_raw.csv`: `Metal,Subcategory,Country,Percentage`.
public struct ImportSourceSharesReader: Sendable {
    public var places: USGSPlaceNames
    public init(places: USGSPlaceNames = .standard) { self.places = places }

    public func read(path: String, displayName: String, edition: Int) throws -> ImportSourceShares {
        let rows = try USGSTextFile.rows(path: path, displayName: displayName)
        let header = try USGSHeader.check(rows, ["Metal", "Subcategory", "Country", "Percentage"], file: displayName)
        var issues = IssueCollector(file: displayName, limit: 20)
        var entries: [ImportSourceShares.Entry] = []
        for row in rows.dropFirst() where !row.isBlank {
            let f = row.fields
            guard f.count >= 4 else {
                try issues.add(line: row.line, column: row.column(f.count), "expected 4 fields, found \(f.count)")
                continue
            }
            guard let place = places.resolve(f[2]) else {
                try issues.add(line: row.line, column: row.column(2), "unknown country name '\(f[2].trimmedUSGS)'")
                continue
            }
            guard let share = MineralValue.parse(f[3]), share.number != nil || share.isBound else {
                try issues.add(line: row.line, column: row.column(3), "expected a percentage, found '\(f[3])'")
                continue
            }
            entries.append(.init(line: row.line, mineral: f[0].trimmedUSGS, subcategory: f[1].trimmedUSGS, place: place,
                                 share: SourcedMineralValue(value: share, unit: MineralUnit(code: "pct"),
                                     source: MineralSource(edition: edition, file: displayName, line: row.line, column: header.fields[3]))))
        }
        try issues.finish()
        return ImportSourceShares(edition: edition, file: displayName, entries: entries)
    }
}
