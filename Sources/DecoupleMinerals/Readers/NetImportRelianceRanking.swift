import DecoupleCore

/// The industry-trend table "Net import reliance" of an MCS edition
/// (`MCS2024_Fig2_Net_Import_Reliance.csv`): every commodity with its US net import reliance
/// for the edition's estimate year and its major import sources (descending order of share).
public struct NetImportRelianceRanking: Sendable {
    public struct Entry: Sendable {
        public let line: Int
        /// The order of the figure (1 = most reliant).
        public let rank: Int
        /// The commodity as printed ("COPPER, refined", "RARE EARTHS, compounds and metals").
        public let commodity: String
        public let reliance: SourcedMineralValue
        /// Major import sources, in descending order of import share.
        public let majorImportSources: [MineralPlaceName]
        public let notes: String
    }

    public let edition: Int
    public let file: String
    /// The year of the reliance figures (2023 in MCS 2024).
    public let year: Int
    /// The years over which import sources were averaged (2019–2022 in MCS 2024).
    public let importSourceYears: ClosedRange<Int>?
    public let entries: [Entry]

    /// The entries at exactly 100% net import reliance.
    public var fullyReliant: [Entry] { entries.filter { $0.reliance.value == .value(100) } }
}

/// Reads `MCS20xx_Fig2_Net_Import_Reliance.csv`:
/// `Source,Import_Share_Order|Import_Share_Rank,Commodity,Net_Import_Reliance_pct_<year>,Major_Import_Sources_<y1>_<y2>[,Notes]`.
public struct NetImportRelianceRankingReader: Sendable {
    public var places: USGSPlaceNames
    public init(places: USGSPlaceNames = .standard) { self.places = places }

    public func read(path: String, displayName: String, edition: Int) throws -> NetImportRelianceRanking {
        let rows = try USGSTextFile.rows(path: path, displayName: displayName)
        let header = try USGSHeader.check(rows, ["Source", "Import_Share_Order|Import_Share_Rank", "Commodity",
                                                 "Net_Import_Reliance_pct_*", "Major_Import_Sources_*"], file: displayName)
        let nirName = header.fields[3].trimmedUSGS
        guard let year = USGSHeader.years(in: nirName).first else {
            throw DataReadError(issues: [DataIssue(file: displayName, line: header.line, column: header.column(3),
                                                   message: "expected a year at the end of '\(nirName)'")])
        }
        let sourceYears = USGSHeader.years(in: header.fields[4])
        var issues = IssueCollector(file: displayName, limit: 20)
        var entries: [NetImportRelianceRanking.Entry] = []
        for row in rows.dropFirst() where !row.isBlank {
            let f = row.fields
            guard f.count >= 5, let rank = Int(f[1].trimmedUSGS) else {
                try issues.add(line: row.line, column: row.column(1), "expected a rank number in column 2, found '\(f.count > 1 ? f[1] : "")'")
                continue
            }
            guard let nir = MineralValue.parse(f[3]) else {
                try issues.add(line: row.line, column: row.column(3), "expected a reliance (number, >n, <n, E, W, NA) in '\(nirName)', found '\(f[3])'")
                continue
            }
            var sources: [MineralPlaceName] = []
            for name in f[4].split(separator: ",").map({ String($0).trimmedUSGS }) where !name.isEmpty {
                if let p = places.resolve(name) { sources.append(p) } else {
                    try issues.add(line: row.line, column: row.column(4), "unknown country name '\(name)' among the import sources")
                }
            }
            entries.append(.init(line: row.line, rank: rank, commodity: f[2].trimmedUSGS,
                                 reliance: SourcedMineralValue(value: nir, unit: MineralUnit(code: "pct"),
                                     source: MineralSource(edition: edition, file: displayName, line: row.line, column: nirName)),
                                 majorImportSources: sources, notes: f.count > 5 ? f[5].trimmedUSGS : ""))
        }
        try issues.finish()
        return NetImportRelianceRanking(edition: edition, file: displayName, year: year,
                                        importSourceYears: sourceYears.count == 2 ? sourceYears[0]...sourceYears[1] : nil,
                                        entries: entries)
    }
}
