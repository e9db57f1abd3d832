import DecoupleCore

/// The industry-trend table "Salient statistics of critical minerals" (MCS 2024 only,
/// `MCS2024_T5_Critical_Minerals_Salient.csv`): per critical mineral, US primary and
/// secondary production, apparent consumption, net import reliance, the primary import
/// source, and the leading producing country with its share of world production.
public struct CriticalMineralSummary: Sendable {
    public struct Entry: Sendable {
        public let line: Int
        /// "Cobalt", "Rare earths (compounds and metals)".
        public let mineral: String
        /// "2023_estimated" as printed.
        public let year: String
        public let primaryProduction: SourcedMineralValue
        public let secondaryProduction: SourcedMineralValue
        public let apparentConsumption: SourcedMineralValue
        public let netImportReliance: SourcedMineralValue
        public let primaryImportSource: MineralPlaceName?
        public let leadingProducer: MineralPlaceName?
        public let leadingProducerProduction: SourcedMineralValue
        public let worldProduction: SourcedMineralValue
        /// The leading producer's share of world production, percent.
        public let leadingProducerShare: SourcedMineralValue
    }

    public let edition: Int
    public let file: String
    public let entries: [Entry]
}

/// Reads `MCS2024_T5_Critical_Minerals_Salient.csv`.
public struct CriticalMineralSummaryReader: Sendable {
    public var places: USGSPlaceNames
    public init(places: USGSPlaceNames = .standard) { self.places = places }

    static let header = ["Source", "Year", "Critical_mineral", "Primary_prod", "Secondary_prod", "Prod_notes",
                         "Apparent_Consuption", "Contsumption_Notes", "Net_Import_Reliance", "Primary_import_source",
                         "Import_source_notes", "Leading_source_country", "Leading_country_prod", "World_total_prod",
                         "World_prod_notes", "Leading_source_precent_world"]

    public func read(path: String, displayName: String, edition: Int) throws -> CriticalMineralSummary {
        let rows = try USGSTextFile.rows(path: path, displayName: displayName)
        let header = try USGSHeader.check(rows, Self.header, file: displayName)
        var issues = IssueCollector(file: displayName, limit: 20)
        var entries: [CriticalMineralSummary.Entry] = []
        for row in rows.dropFirst() where !row.isBlank {
            let f = row.fields
            guard f.count >= Self.header.count else {
                try issues.add(line: row.line, column: row.column(f.count), "expected \(Self.header.count) fields, found \(f.count)")
                continue
            }
            func value(_ k: Int, _ unit: String) throws -> SourcedMineralValue {
                let v = MineralValue.parse(f[k])
                if v == nil { try issues.add(line: row.line, column: row.column(k), "expected a number (at most 10^13), W, NA, <n or >n in '\(header.fields[k])', found '\(f[k])'") }
                return SourcedMineralValue(value: v ?? .empty, unit: MineralUnit(code: unit),
                                           source: MineralSource(edition: edition, file: displayName, line: row.line, column: header.fields[k]))
            }
            func place(_ k: Int) throws -> MineralPlaceName? {
                let name = f[k].trimmedUSGS
                if name.isEmpty || name == "NA" { return nil }
                if let p = places.resolve(name) { return p }
                try issues.add(line: row.line, column: row.column(k), "unknown country name '\(name)'")
                return nil
            }
            entries.append(.init(line: row.line, mineral: f[2].trimmedUSGS, year: f[1].trimmedUSGS,
                                 primaryProduction: try value(3, "t"), secondaryProduction: try value(4, "t"),
                                 apparentConsumption: try value(6, "t"), netImportReliance: try value(8, "pct"),
                                 primaryImportSource: try place(9), leadingProducer: try place(11),
                                 leadingProducerProduction: try value(12, "t"), worldProduction: try value(13, "t"),
                                 leadingProducerShare: try value(15, "pct")))
        }
        try issues.finish()
        return CriticalMineralSummary(edition: edition, file: displayName, entries: entries)
    }
}
