import DecoupleCore
import DecoupleInstrumentChoice
import DecoupleMinerals

/// The US critical-minerals list (the USGS MCS table "Critical minerals and their end uses":
/// the 50 minerals of the 2022 list) matched to one MCS edition's figures. The counts that the
/// report's minerals section, the dashboard's overview card and `decouple minerals` print are
/// computed here, once, so that they agree for the same edition.
///
/// Each of the 50 minerals takes:
/// - its **chapters**: the MCS commodities that report it (``CriticalMineralsList/Entry/chapters(among:)``;
///   the 14 lanthanides → Rare Earths, the five platinum-group metals → Platinum-Group Metals,
///   hafnium → Zirconium and Hafnium);
/// - its **net import reliance**: the edition's net-import-reliance figure printed for exactly
///   this mineral ("CESIUM 100", "PALLADIUM 37"), else its chapter's latest reliance (the
///   rare-earth elements take ">95", the chapter's), else none (several chapters that
///   disagree, or a chapter whose figure is another mineral's: iridium has no figure, the
///   Platinum-Group Metals chapter's is platinum's);
/// - whether the rival leads world production of one of its chapters (a lead needs a world total).
///
/// ``fullyImportReliant`` counts the minerals whose reliance is published as exactly 100 %.
public struct CriticalMineralsCount: Sendable, Codable {
    /// One mineral of the list.
    public struct Entry: Sendable, Codable, Hashable {
        /// The mineral as the list prints it ("Cerium").
        public let mineral: String
        /// The MCS commodity codes that report it (`raree`); empty when the edition has no data file for it.
        public let chapters: [String]
        /// US net import reliance as published, with its cell; nil when none is.
        public let reliance: MineralAmount?
        /// Where ``reliance`` comes from ("MCS 2024 net import reliance figure: CESIUM",
        /// "Rare Earths chapter"), or why there is none.
        public let relianceBasis: String
        /// True when the rival is the largest producer (mine stage, or the only stage published) of one of its chapters.
        public let rivalLeadsProduction: Bool
    }

    /// The MCS edition of the figures.
    public let edition: Int
    /// The list's file (the MCS edition whose table was read, and the file).
    public let list: MineralProvenance
    /// The rival of ``Entry/rivalLeadsProduction``.
    public let rival: Country
    /// The minerals of the list, in its order.
    public let entries: [Entry]
    /// How many minerals of the list have a US net import reliance of exactly 100 %.
    public let fullyImportReliant: Int
    /// How many minerals of the list have a published reliance figure.
    public let withReliance: Int
    /// How many minerals of the list the rival leads world production of.
    public let ledByRival: Int
    /// The MCS commodity codes that report a mineral of the list, sorted.
    public let codes: [String]

    /// The number of minerals on the list (50 for the 2022 list).
    public var listSize: Int { entries.count }

    /// Matches `list` to the assessments of one edition (every commodity with a data file) and
    /// to that edition's net-import-reliance figure.
    public init(list: CriticalMineralsList, assessments: [MineralAssessment], ranking: NetImportRelianceRanking?,
                edition: Int, rival: Country) {
        let byCode = Dictionary(assessments.map { ($0.profile.code, $0) }, uniquingKeysWith: { a, _ in a })
        let codes = assessments.map(\.profile.code)
        var entries: [Entry] = []
        for e in list.entries {
            let chapters = e.chapters(among: codes)
            let profiles = chapters.compactMap { byCode[$0]?.profile }
            let reliance: MineralAmount?, basis: String
            if let ranked = ranking?.entry(forMineral: e.mineral) {
                reliance = MineralAmount(ranked.reliance)
                basis = "MCS \(edition) net import reliance figure: \(ranked.commodity)"
            } else {
                // A chapter's figure for another mineral of the list (the Platinum-Group Metals
                // chapter's NIR_Platinum_pct) is not this mineral's.
                let others = Set(list.entries.map { $0.mineral.lowercased() }).subtracting([e.mineral.lowercased()])
                func isForAnother(_ a: MineralAmount) -> Bool {
                    !Set((a.source.column ?? "").lowercased().split { !$0.isLetter }.map(String.init)).isDisjoint(with: others)
                }
                let figures = profiles.compactMap { p in p.latestReliance?.reported.flatMap { isForAnother($0) ? nil : (p.name, $0) } }
                if let first = figures.first, figures.allSatisfy({ $0.1.amount == first.1.amount }) {
                    reliance = first.1
                    basis = figures.map { "\($0.0) chapter" }.joined(separator: ", ")
                } else {
                    reliance = nil
                    let foreign = profiles.compactMap { p in p.latestReliance?.reported.flatMap { isForAnother($0) ? "\(p.name): \($0.source.column ?? "")" : nil } }
                    basis = !figures.isEmpty ? "chapters disagree: " + figures.map { "\($0.0) \($0.1.amount.text)" }.joined(separator: ", ")
                        : chapters.isEmpty ? "no MCS \(edition) data file and no net import reliance figure"
                        : foreign.isEmpty ? "no net import reliance published"
                        : "no net import reliance published for it (the chapter's is another mineral's: \(foreign.joined(separator: ", ")))"
                }
            }
            let leads = profiles.contains { $0.production?.leader?.country == rival }
            entries.append(Entry(mineral: e.mineral, chapters: chapters, reliance: reliance, relianceBasis: basis, rivalLeadsProduction: leads))
        }
        self.edition = edition
        self.list = MineralProvenance(edition: list.edition, file: list.file)
        self.rival = rival
        self.entries = entries
        fullyImportReliant = entries.filter { $0.reliance?.amount == .exact(100) }.count
        withReliance = entries.filter { $0.reliance != nil }.count
        ledByRival = entries.filter(\.rivalLeadsProduction).count
        self.codes = Array(Set(entries.flatMap(\.chapters))).sorted()
    }

    /// The assessments of the commodities that report a mineral of the list, in their order.
    public func scoped(_ assessments: [MineralAssessment]) -> [MineralAssessment] {
        let keep = Set(codes)
        return assessments.filter { keep.contains($0.profile.code) }
    }

    /// The findings every output prints for the list, in one wording: how many minerals the
    /// leader imports entirely, how many have a figure, how many the rival leads.
    /// - Parameters:
    ///   - leaderName: the leader's name ("United States").
    ///   - rivalName: the rival's name ("China").
    public func findings(leaderName: String, rivalName: String) -> [String] {
        ["MCS \(edition): \(leaderName) was 100% net-import-reliant for \(fullyImportReliant) of \(listName) "
            + "(\(withReliance) of them with a published net import reliance).",
         "\(rivalName) is the leading producer of \(ledByRival) of them (largest country share of world production of a chapter that reports them; a share needs a published world total)."]
    }

    /// The list as a reader names it: "the 50 minerals of the US critical-minerals list (MCS 2024, table 4)".
    public var listName: String { "the \(listSize) minerals of the US critical-minerals list (MCS \(list.edition), table 4)" }
}
