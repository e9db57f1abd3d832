import DecoupleCore

/// The industry-trend table "Critical minerals and their end uses" of an MCS edition
/// (`MCS2024_T4_Critical_Minerals_End_Use.csv`; the 50 minerals of the 2022 US list).
public struct CriticalMineralsList: Sendable {
    public struct Entry: Sendable, Hashable {
        public let line: Int
        public let mineral: String
        public let primaryApplications: String
        public let note: String
    }

    public let edition: Int
    public let file: String
    public let entries: [Entry]
}

/// Reads `MCS20xx_T4_Critical_Minerals_End_Use.csv`: `Source,Critical Mineral,Primary Applications,Category_Note`.
public struct CriticalMineralsListReader: Sendable {
    public init() {}

    public func read(path: String, displayName: String, edition: Int) throws -> CriticalMineralsList {
        let rows = try USGSTextFile.rows(path: path, displayName: displayName)
        _ = try USGSHeader.check(rows, ["Source", "Critical Mineral", "Primary Applications"], file: displayName)
        var issues = IssueCollector(file: displayName, limit: 20)
        var entries: [CriticalMineralsList.Entry] = []
        for row in rows.dropFirst() where !row.isBlank {
            let f = row.fields
            guard f.count >= 3, !f[1].trimmedUSGS.isEmpty else {
                try issues.add(line: row.line, column: row.column(1), "expected a mineral name in column 'Critical Mineral'")
                continue
            }
            entries.append(.init(line: row.line, mineral: f[1].trimmedUSGS, primaryApplications: f[2].trimmedUSGS,
                                 note: f.count > 3 ? f[3].trimmedUSGS : ""))
        }
        try issues.finish()
        return CriticalMineralsList(edition: edition, file: displayName, entries: entries)
    }
}
