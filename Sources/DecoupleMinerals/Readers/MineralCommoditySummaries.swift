#if canImport(Glibc)
import DecoupleCore
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Everything Decouple reads from one edition of the USGS Mineral Commodity Summaries data
/// release: salient statistics and world production per commodity, and the industry-trend
/// tables (net import reliance ranking, critical-minerals list, critical-minerals summary).
public struct MineralCommoditySummaries: Sendable {
    public let edition: Int
    /// By commodity code (`lithi`).
    public let salient: [String: SalientStatistics]
    /// By commodity code.
    public let world: [String: WorldProduction]
    public let netImportReliance: NetImportRelianceRanking?
    public let criticalMinerals: CriticalMineralsList?
    public let criticalMineralSummary: CriticalMineralSummary?
    /// Import sources with percentage shares (bundled with the MCS 2022 files only).
    public let importSourceShares: ImportSourceShares?
    /// Files that were found but hold something else than their name says, with what was done.
    public let fileNotes: [DataIssue]
    /// Files whose layout is not recognised and that were therefore not used, with every
    /// problem found (`file:line:column: what was expected`). One broken commodity file does
    /// not stop the others from being read, but it is never skipped silently.
    public let unreadFiles: [DataIssue]

    /// Commodity files of the bundled editions that USGS published with a layout no reader can
    /// use (values shifted past the header): read as unread files without `--skip-bad-files`,
    /// and their commodities' results marked incomplete. Any other unreadable file is an error.
    public static let knownUnreadable: [Int: Set<String>] = [
        2024: ["mcs2024-felds_salient.csv", "mcs2024-barit_world.csv", "mcs2024-vermi_world.csv"],
    ]

    /// Commodity code → why its results are incomplete (a salient or world file of it was not
    /// read); `*` when an industry-trend or import-source table was not read.
    public var incompleteCommodities: [String: String] {
        var out: [String: String] = [:]
        for file in Set(unreadFiles.map(\.file)).sorted() {
            let name = String(file.split(separator: "/").last ?? Substring(file))
            let key: String
            if let dash = name.firstIndex(of: "-"), let underscore = name.lastIndex(of: "_"), dash < underscore,
               name.hasSuffix("_salient.csv") || name.hasSuffix("_world.csv") {
                key = String(name[name.index(after: dash)..<underscore]).lowercased()
            } else {
                key = "*"
            }
            out[key] = (out[key].map { $0 + "; " } ?? "") + "\(file) could not be read"
        }
        return out
    }

    public init(edition: Int, salient: [String: SalientStatistics], world: [String: WorldProduction],
                netImportReliance: NetImportRelianceRanking? = nil, criticalMinerals: CriticalMineralsList? = nil,
                criticalMineralSummary: CriticalMineralSummary? = nil, importSourceShares: ImportSourceShares? = nil,
                fileNotes: [DataIssue] = [], unreadFiles: [DataIssue] = []) {
        self.edition = edition
        self.salient = salient
        self.world = world
        self.netImportReliance = netImportReliance
        self.criticalMinerals = criticalMinerals
        self.criticalMineralSummary = criticalMineralSummary
        self.importSourceShares = importSourceShares
        self.fileNotes = fileNotes
        self.unreadFiles = unreadFiles
    }

    /// Every commodity code with a salient or a world file, sorted by name.
    public var codes: [String] {
        Set(salient.keys).union(world.keys).sorted { MineralCommodityNames.name($0) < MineralCommodityNames.name($1) }
    }

    /// The commodity code for a user's name ("lithium", "rare earths", "lithi"), or nil.
    public func code(for name: String) -> String? {
        let want = name.lowercased().filter { $0.isLetter }
        for code in codes {
            let n = MineralCommodityNames.name(code).lowercased()
            if code == name.lowercased() || n.filter({ $0.isLetter }) == want { return code }
        }
        return codes.first { MineralCommodityNames.name($0).lowercased().filter({ $0.isLetter }).hasPrefix(want) && !want.isEmpty }
    }

    /// Reads an edition folder laid out as bundled: `salient/`, `world/`, `industry-trends/`,
    /// `import-sources/` (any may be missing). Files are routed by their header, not their
    /// name: a "salient" file holding a world table is noted in ``fileNotes`` and not used;
    /// a file with an unrecognised layout is listed, with its problems, in ``unreadFiles``.
    /// Throws when the folder cannot be listed, a file cannot be opened, or (see below) a file
    /// cannot be read.
    /// - Parameter displayPrefix: how paths are cited (`usgs-mcs/mcs2024`).
    ///
    /// A file that cannot be read is an error naming it (and every problem found), unless it is
    /// one of ``knownUnreadable`` or `skipBadFiles` is set: then it is listed in ``unreadFiles``
    /// and the results that need it say they are incomplete (``incompleteCommodities``).
    public static func load(folder: String, displayPrefix: String, edition: Int,
                            skipBadFiles: Bool = false) throws -> MineralCommoditySummaries {
        var salient: [String: SalientStatistics] = [:]
        var world: [String: WorldProduction] = [:]
        var notes: [DataIssue] = []
        var unread: [DataIssue] = []
        func collect(_ body: () throws -> Void) throws {
            do { try body() } catch let e as DataReadError {
                unread += e.issues
                if unread.count >= 200 { throw DataReadError(issues: unread, stoppedAtLimit: true) }
            }
        }
        for sub in ["salient", "world"] {
            let dir = folder + "/" + sub
            guard isDirectory(dir) else { continue }
            for name in try listFiles(dir, suffix: ".csv") {
                let path = dir + "/" + name, display = displayPrefix + "/" + sub + "/" + name
                try collect {
                    let header = try USGSTextFile.rows(path: path, displayName: display).first?.fields.map(\.trimmedUSGS) ?? []
                    if header.starts(with: ["DataSource", "Commodity", "Year"]) {
                        let s = try SalientStatisticsReader().read(path: path, displayName: display, edition: edition)
                        salient[s.code] = s
                    } else if header.starts(with: ["Source", "Country"]) {
                        if sub == "salient" {
                            notes.append(DataIssue(file: display, line: 1, column: 1,
                                message: "named as salient statistics but holds a world-production table (Source,Country,Type,…); not used (the world/ folder has this commodity's world table)"))
                            return
                        }
                        let w = try WorldProductionReader().read(path: path, displayName: display, edition: edition)
                        world[w.code] = w
                    } else {
                        unread.append(DataIssue(file: display, line: 1, column: 1,
                            message: "unrecognised layout: expected 'DataSource,Commodity,Year,…' or 'Source,Country,Type,…', found '\(header.prefix(3).joined(separator: ","))'"))
                    }
                }
            }
        }
        var ranking: NetImportRelianceRanking?, list: CriticalMineralsList?, summary: CriticalMineralSummary?
        var shares: ImportSourceShares?
        let trends = folder + "/industry-trends"
        if isDirectory(trends) {
            for name in try listFiles(trends, suffix: ".csv") {
                let path = trends + "/" + name, display = displayPrefix + "/industry-trends/" + name
                try collect {
                    if name.contains("_Fig2_") { ranking = try NetImportRelianceRankingReader().read(path: path, displayName: display, edition: edition) }
                    else if name.contains("_T4_") { list = try CriticalMineralsListReader().read(path: path, displayName: display, edition: edition) }
                    else if name.contains("_T5_") { summary = try CriticalMineralSummaryReader().read(path: path, displayName: display, edition: edition) }
                }
            }
        }
        let imports = folder + "/import-sources"
        if isDirectory(imports) {
            for name in try listFiles(imports, suffix: ".csv") {
                try collect {
                    shares = try ImportSourceSharesReader().read(path: imports + "/" + name,
                                                                 displayName: displayPrefix + "/import-sources/" + name, edition: edition)
                }
            }
        }
        if !skipBadFiles {
            let known = knownUnreadable[edition] ?? []
            let unexpected = unread.filter { !known.contains(String($0.file.split(separator: "/").last ?? "")) }
            if let first = unexpected.first {
                let files = Set(unexpected.map(\.file)).count
                throw DataReadError(issues: unexpected + [DataIssue(file: first.file,
                    message: "\(files) file(s) of MCS \(edition) cannot be read; pass --skip-bad-files (minerals, report, scenario run) to go on without them; the results that need them are then marked incomplete")])
            }
        }
        return MineralCommoditySummaries(edition: edition, salient: salient, world: world, netImportReliance: ranking,
                                         criticalMinerals: list, criticalMineralSummary: summary,
                                         importSourceShares: shares, fileNotes: notes, unreadFiles: unread)
    }

    static func isDirectory(_ path: String) -> Bool {
        var st = stat()
        return stat(path, &st) == 0 && (st.st_mode & S_IFMT) == S_IFDIR
    }
}
