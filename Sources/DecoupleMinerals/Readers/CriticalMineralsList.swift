import DecoupleCore

/// The industry-trend table "Critical minerals and their end uses" of an MCS edition
/// (`MCS2024_T4_Critical_Minerals_End_Use.csv`; the 50 minerals of the 2022 US list).
public struct CriticalMineralsList: Sendable {
    public struct Entry: Sendable, Hashable {
        public let line: Int
        public let mineral: String
        public let primaryApplications: String
        public let note: String

        /// An entry as the table prints it.
        public init(line: Int, mineral: String, primaryApplications: String, note: String) {
            self.line = line
            self.mineral = mineral
            self.primaryApplications = primaryApplications
            self.note = note
        }
    }

    public let edition: Int
    public let file: String
    public let entries: [Entry]

    /// A list read from `file` of MCS `edition`.
    public init(edition: Int, file: String, entries: [Entry]) {
        self.edition = edition
        self.file = file
        self.entries = entries
    }
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

extension CriticalMineralsList.Entry {
    /// The MCS chapters (commodity codes among `codes`) that report this critical mineral:
    /// the chapter the entry's note names ("Included in the Rare Earths chapter." → `raree`);
    /// else the commodity of the same name ("Cobalt" → `cobal`); else every commodity whose
    /// name has the mineral's name as a word ("Hafnium" → "Zirconium and Hafnium",
    /// "Magnesium" → "Magnesium Compounds" and "Magnesium Metal"). Empty when the edition has
    /// no data file for it (cesium, rubidium).
    public func chapters(among codes: [String]) -> [String] {
        func letters(_ s: String) -> String { s.lowercased().filter(\.isLetter) }
        let note = self.note.lowercased()
        if let start = note.range(of: "included in the "), let end = note.range(of: " chapter", range: start.upperBound..<note.endIndex) {
            let chapter = letters(String(note[start.upperBound..<end.lowerBound]))
            let hits = codes.filter { letters(MineralCommodityNames.name($0)) == chapter }
            if !hits.isEmpty { return hits }
        }
        let name = letters(mineral)
        let exact = codes.filter { letters(MineralCommodityNames.name($0)) == name }
        if !exact.isEmpty { return exact }
        return codes.filter { code in
            MineralCommodityNames.name(code).lowercased().split { !$0.isLetter }.map(String.init).contains(name)
        }
    }
}

extension NetImportRelianceRanking {
    /// The entry printed for exactly this mineral: the label's head (before the first comma,
    /// without a parenthesis) is the mineral's name ("CESIUM", "GRAPHITE (NATURAL)",
    /// "TITANIUM, sponge metal" for titanium); nil when none or several are.
    public func entry(forMineral mineral: String) -> Entry? {
        func letters(_ s: String) -> String { s.lowercased().filter(\.isLetter) }
        let want = letters(mineral)
        let hits = entries.filter { e in
            var head = e.commodity.split(separator: ",").first.map(String.init) ?? e.commodity
            if let paren = head.firstIndex(of: "(") { head = String(head[..<paren]) }
            return letters(head) == want
        }
        return hits.count == 1 ? hits[0] : nil
    }
}
