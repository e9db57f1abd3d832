import DecoupleCore
import DecoupleTrade
import Foundation

/// One published share of one economy in one stage of a supply chain, with the page it was
/// read from (`Data/framework/stage-figures.json`): "China had at least 80 % of world
/// polysilicon manufacturing capacity in 2021 (IEA 2022, executive summary)".
///
/// Figures are facts with a citation, never estimates of ours. Most were read from pages that
/// quote the original publisher (``verification`` "as quoted"); ``check`` records whether the
/// number was found again in the stored page. Projections are kept but never used as
/// observations (``isObservation``).
public struct StageFigure: Sendable, Codable, Hashable {
    /// A chain (and stage) of the taxonomy the figure measures; `*green`, `*digital` or
    /// `*critical-minerals` for a whole arena.
    public struct Target: Sendable, Codable, Hashable {
        public var chain: String
        /// Nil when the figure covers the whole chain (or the chain has no stages).
        public var stage: String?
    }

    /// Where the figure was published.
    public struct Source: Sendable, Codable, Hashable {
        public var title: String
        /// The page's publisher; "X (as quoted from Y)" when the page quotes the original.
        public var publisher: String
        public var publicationYear: Int?
        /// The stored page the figure was read from.
        public var url: String
        /// Section, paragraph, table or chart on that page.
        public var locator: String
    }

    /// "stage-shares-curated:N": the row of the curated table it came from.
    public var id: String
    /// The taxonomy chains and stages it measures; nil when no chain matches (``unmappedReason``).
    public var targets: [Target]?
    /// The chain and stage as the source names them.
    public var sourceChain: String
    public var sourceStage: String
    /// ISO3 code, `EU` for the European Union, or the source's own grouping ("Europe").
    public var economy: String
    public var dimension: AdvantageDimension
    /// "mining" or "processing" for the upstream stages of minerals (dimension manufacturing).
    public var activity: String?
    /// What the share is of ("share of global manufacturing capacity (lower bound)").
    public var metric: String
    /// The share of the world, 0–1.
    public var share: Double
    /// "lower" when the source gives a floor ("more than 80 %").
    public var bound: String?
    /// The year the figure describes, when the source says so.
    public var year: Int?
    /// The year as the source gives it ("2030 (projection)").
    public var yearLabel: String?
    /// A projection, forecast or counterfactual: listed, never used as an observation.
    public var projection: Bool
    public var source: Source
    /// "publisher" when read from the original publisher's page, "as quoted" otherwise.
    public var verification: String
    /// Whether the number was found again in the stored page: confirmed, differs, not-found, unchecked.
    public var check: String
    /// How the stored page states the figure (a note in our own words), or what it says instead
    /// when ``check`` is "differs".
    public var checkNote: String?
    /// The curator's note (bounds, verbal fractions turned into percentages).
    public var note: String?
    /// Why the figure has no target.
    public var unmappedReason: String?

    /// The year the figure describes: its reference year, else the year it was published.
    public var observedYear: Int? { year ?? source.publicationYear }

    /// The year by which the figure was public: the publication year, else the reference year.
    /// An evaluation may use the figure only for outcomes after this year.
    public var knownBy: Int? { source.publicationYear ?? year }

    /// Whether the figure can stand as an observation: it has a target, a year, and is not a
    /// projection.
    public var isObservation: Bool { targets != nil && !projection && observedYear != nil }

    /// "Solar PV Global Supply Chains (IEA, 2022), Executive summary …; as quoted".
    public var citation: String {
        let year = source.publicationYear.map { ", \($0)" } ?? ""
        var s = "\(source.title) (\(source.publisher)\(year))"
        if !source.locator.isEmpty { s += ", \(source.locator)" }
        s += "; \(verification == "publisher" ? "publisher's page" : "as quoted")"
        if check != "unchecked" { s += ", check: \(check)" }
        return s
    }

    /// The indicator's name: the metric, the activity for mineral stages, the publisher, and
    /// "(undated: year of publication)" when the source gives no year. Figures of one name form
    /// one series.
    public var indicatorName: String {
        var s = metric
        if let activity, !metric.lowercased().contains(activity) { s = "\(activity): \(s)" }
        if sourceStage.lowercased() != "" && !metric.lowercased().contains(sourceStage.lowercased()) { s += " [\(sourceStage)]" }
        s += " — \(source.publisher)"
        if year == nil { s += " (undated: year of publication)" }
        return s
    }

    /// Whether the figure measures `stage` of `chain` (a whole-chain figure measures every stage;
    /// an arena figure every chain of the arena), and how finely.
    public func granularity(chain: String, stage: String?, arena: Arena) -> IndicatorGranularity? {
        guard let targets else { return nil }
        return Self.granularity(of: targets, chain: chain, stage: stage, arenaKey: "*" + arena.rawValue)
    }

    /// ``granularity(chain:stage:arena:)`` for a list of targets; `arenaKey` is "*" + the arena.
    static func granularity(of targets: [Target], chain: String, stage: String?, arenaKey: String) -> IndicatorGranularity? {
        var best: IndicatorGranularity?
        for t in targets {
            let g: IndicatorGranularity?
            if t.chain == arenaKey { g = .arena }
            else if t.chain != chain { g = nil }
            else if let s = t.stage { g = s == stage ? .stage : nil }
            else { g = .chain }
            if let g, best.map({ g < $0 }) ?? true { best = g }
        }
        return best
    }
}

/// The curated stage figures (`Data/framework/stage-figures.json`).
public struct StageFigures: Sendable {
    public private(set) var figures: [StageFigure]
    public var provenance: Provenance
    /// What the framework's queries read of each figure, in figure order, computed once: the
    /// framework asks for every stage in every evaluation and sensitivity variant (#21).
    private let columns: Columns

    struct Columns: Sendable {
        var economy: [String] = []
        var observation: [Bool] = []
        var observedYear: [Int?] = []
        var knownBy: [Int?] = []
        var targets: [[StageFigure.Target]] = []
        /// The series a figure belongs to (one id per dimension and indicator name).
        var series: [Int] = []
        /// ``StageFigure/indicatorName`` and "economy: citation", built once.
        var name: [String] = []
        var cited: [String] = []

        init() {}

        init(_ figures: [StageFigure]) {
            var ids: [String: Int] = [:]
            for f in figures {
                economy.append(f.economy)
                observation.append(f.isObservation)
                observedYear.append(f.observedYear)
                knownBy.append(f.knownBy)
                targets.append(f.targets ?? [])
                let n = f.indicatorName
                let key = "\(f.dimension.rawValue)|\(n)"
                if ids[key] == nil { ids[key] = ids.count }
                series.append(ids[key]!)
                name.append(n)
                cited.append("\(f.economy): \(f.citation)")
            }
        }

        /// The columns of the figures at `kept`.
        func subset(_ kept: [Int]) -> Columns {
            var c = Columns()
            for i in kept {
                c.economy.append(economy[i]); c.observation.append(observation[i]); c.observedYear.append(observedYear[i])
                c.knownBy.append(knownBy[i]); c.targets.append(targets[i]); c.series.append(series[i])
                c.name.append(name[i]); c.cited.append(cited[i])
            }
            return c
        }
    }

    /// The file below `Data/`.
    public static let path = "framework/stage-figures.json"

    public init(figures: [StageFigure], provenance: Provenance) {
        self.figures = figures
        self.provenance = provenance
        columns = Columns(figures)
    }

    private init(figures: [StageFigure], provenance: Provenance, columns: Columns) {
        self.figures = figures
        self.provenance = provenance
        self.columns = columns
    }

    /// The figures published no later than `year` (for an evaluation dated before an outcome).
    public func known(by year: Int) -> StageFigures {
        let kept = columns.knownBy.indices.filter { (columns.knownBy[$0] ?? .max) <= year }
        return StageFigures(figures: kept.map { figures[$0] }, provenance: provenance, columns: columns.subset(kept))
    }

    /// The indicator name of figure `i` (computed once).
    func indicatorName(_ i: Int) -> String { columns.name[i] }
    /// "economy: citation" of figure `i` (computed once).
    func citedSource(_ i: Int) -> String { columns.cited[i] }

    /// The figures that can stand as observations of a chain stage for the economies
    /// `isEconomy` accepts, observed no later than `year` and public no later than `knownBy`:
    /// their indices, in figure order, and how finely each measures the stage.
    func observationIndices(chain: String, stage: String?, arena: Arena, isEconomy: (String) -> Bool,
                            year: Int?, knownBy: Int?) -> [(index: Int, granularity: IndicatorGranularity)] {
        let arenaKey = "*" + arena.rawValue
        var out: [(index: Int, granularity: IndicatorGranularity)] = []
        for i in columns.economy.indices where columns.observation[i] && isEconomy(columns.economy[i]) {
            if let year, let y = columns.observedYear[i], y > year { continue }
            if let knownBy, let k = columns.knownBy[i], k > knownBy { continue }
            guard let g = StageFigure.granularity(of: columns.targets[i], chain: chain, stage: stage, arenaKey: arenaKey) else { continue }
            out.append((i, g))
        }
        return out
    }

    /// ``observationIndices(chain:stage:arena:isEconomy:year:knownBy:)`` for a leader and a
    /// challenger, grouped by series (dimension and indicator name), without copying the figures.
    func observationSeries(chain: String, stage: String?, arena: Arena, leader: String, challenger: String,
                           year: Int? = nil) -> [Int: [(index: Int, granularity: IndicatorGranularity)]] {
        Dictionary(grouping: observationIndices(chain: chain, stage: stage, arena: arena, isEconomy: { $0 == leader || $0 == challenger },
                                                year: year, knownBy: nil),
                   by: { columns.series[$0.index] })
    }

    /// Reads the bundled figures.
    /// - Throws: ``FrameworkConfigurationError`` naming the file, the figure and the field.
    public static func bundled(catalog: DataCatalog) throws -> StageFigures {
        try load(path: catalog.root + "/" + path)
    }

    private struct File: Codable {
        var schemaVersion: Int
        /// What the file is, for its readers (not used).
        var title: String?
        var note: String?
        var figures: [StageFigure]
    }

    /// Reads a figures file.
    /// - Throws: ``FrameworkConfigurationError`` naming the file, the figure and the field.
    public static func load(path: String) throws -> StageFigures {
        let data: Data
        do { data = try Data(contentsOf: URL(fileURLWithPath: path)) } catch {
            throw FrameworkConfigurationError(file: path, message: "cannot read file: \(error.localizedDescription)")
        }
        let positions = JSONPositions(data)
        let file: File
        do {
            let user = try JSONText.strictObject(data, file: path, what: "a stage-figures file (a JSON object)")
            file = try JSONDecoder().decode(File.self, from: data)
            if let unknown = JSONText.firstUnknownKey(in: user, comparedWith: try JSONSerialization.jsonObject(with: JSONEncoder().encode(file))) {
                throw FrameworkConfigurationError(file: path, path: unknown.path, message: "unknown field '\(unknown.key)'")
                    .located(in: positions, at: unknown.path.isEmpty ? unknown.key : unknown.path + "." + unknown.key)
            }
        } catch let e as DataReadError {
            throw FrameworkConfigurationError(file: path, line: e.issues.first?.line, column: e.issues.first?.column,
                                              message: e.issues.first?.message ?? "\(e)")
        } catch let e as DecodingError {
            throw FrameworkConfigurationError(file: path, path: FrameworkConfiguration.describePath(e),
                                              message: FrameworkConfiguration.describe(e)).located(in: positions)
        }
        guard file.schemaVersion == 1 else {
            throw FrameworkConfigurationError(file: path, path: "schemaVersion", message: "expected 1, found \(file.schemaVersion)").located(in: positions)
        }
        var ids = Set<String>()
        for (i, f) in file.figures.enumerated() {
            func fail(_ field: String, _ expected: String) -> FrameworkConfigurationError {
                FrameworkConfigurationError(file: path, path: "figures[\(i)] (\(f.id)).\(field)", message: expected).located(in: positions)
            }
            guard ids.insert(f.id).inserted else { throw fail("id", "expected a unique id, found a second '\(f.id)'") }
            guard f.share.isFinite, (0...1).contains(f.share) else { throw fail("share", "expected a share in [0, 1], found \(f.share)") }
            if let y = f.year, !(1950...2100).contains(y) { throw fail("year", "expected a year between 1950 and 2100, found \(y)") }
            guard ["publisher", "as quoted"].contains(f.verification) else { throw fail("verification", "expected \"publisher\" or \"as quoted\", found \"\(f.verification)\"") }
            guard ["confirmed", "differs", "not-found", "unchecked"].contains(f.check) else {
                throw fail("check", "expected confirmed, differs, not-found or unchecked, found \"\(f.check)\"")
            }
            guard f.targets != nil || f.unmappedReason != nil else { throw fail("targets", "expected targets, or unmappedReason saying why there is none") }
            if let b = f.bound, b != "lower" { throw fail("bound", "expected \"lower\" or no bound, found \"\(b)\"") }
        }
        let publishers = Set(file.figures.filter { $0.verification == "publisher" }.map(\.source.publisher)).sorted()
        return StageFigures(figures: file.figures, provenance: Provenance(
            source: "Decouple curated stage figures: published shares by economy and stage, each with its page",
            edition: "\(file.figures.count) figures (\(file.figures.filter { $0.verification == "publisher" }.count) from the publisher's own page: \(publishers.joined(separator: ", ")); the rest as quoted), curated 2026",
            url: "Data/framework/stage-figures.json",
            licence: "facts with attribution; IEA material CC BY 4.0; other publishers' figures cited individually, their tables not reproduced",
            retrievedFrom: "shared/data/stage-shares-curated/stage_shares.csv (263 rows), stages mapped to the taxonomy; see Data/SOURCES.md"))
    }

    /// The figures that can stand as observations of a chain stage for `economies`, observed no
    /// later than `year` and public no later than `knownBy` (nil: no limit).
    public func observations(chain: String, stage: String?, arena: Arena, economies: Set<String>,
                             year: Int? = nil, knownBy: Int? = nil) -> [(figure: StageFigure, granularity: IndicatorGranularity)] {
        observationIndices(chain: chain, stage: stage, arena: arena, isEconomy: economies.contains, year: year, knownBy: knownBy)
            .map { (figures[$0.index], $0.granularity) }
    }
}
