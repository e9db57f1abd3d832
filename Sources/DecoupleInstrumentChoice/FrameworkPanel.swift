import DecoupleCore
import DecoupleInputOutput
import DecoupleTrade

/// How finely an indicator measures what the framework asks about one stage of a chain.
public enum IndicatorGranularity: String, Sendable, Codable, CaseIterable, Comparable {
    /// The stage's own products (its HS6 lines, or a published figure for that stage).
    case stage
    /// The whole chain (a patent field that matches the chain, not one stage).
    case chain
    /// An industry of an input–output table that contains the chain (ICIO C26, C27 …).
    case sector
    /// The whole arena (green, digital).
    case arena

    private var order: Int { Self.allCases.firstIndex(of: self)! }
    public static func < (a: Self, b: Self) -> Bool { a.order < b.order }
}

/// One row of the framework panel: one indicator of one dimension for one chain stage in one
/// year, the leader's and the challenger's value side by side, with how fine the indicator is
/// and where it comes from. Missing values stay missing (nil), never zero.
public struct FrameworkPanelRow: Sendable, Codable, Hashable {
    public var leader: String
    public var challenger: String
    public var chain: String
    /// The stage (nil for a mineral chain, which has no stages in the taxonomy).
    public var stage: String?
    public var year: Int
    public var dimension: AdvantageDimension
    public var leaderValue: Double?
    public var challengerValue: Double?
    /// What is measured.
    public var indicator: String
    public var granularity: IndicatorGranularity
    /// The dataset or publication.
    public var source: String
    /// The dataset's edition or release.
    public var vintage: String

    /// leader − challenger, when both are known.
    public var gap: Double? {
        guard let l = leaderValue, let c = challengerValue else { return nil }
        return l - c
    }
}

/// The framework's variables by chain, stage, year and dimension for one leader and one
/// challenger (issue #17): patents by the technology field of the chain (every year of the
/// NCSES table), world export and import shares of the stage's HS6 lines per year when an
/// all-reporter panel is loaded, and the ICIO sector shares (2022) otherwise.
public struct FrameworkPanel: Sendable, Codable {
    public var leader: String
    public var challenger: String
    /// Rows in chain, stage, dimension, indicator and year order.
    public var rows: [FrameworkPanelRow]

    /// The series of one chain stage, dimension and indicator, in year order.
    public func series(chain: String, stage: String?, dimension: AdvantageDimension) -> [String: [FrameworkPanelRow]] {
        Dictionary(grouping: rows.filter { $0.chain == chain && $0.stage == stage && $0.dimension == dimension }, by: \.indicator)
            .mapValues { $0.sorted { $0.year < $1.year } }
    }

    /// The finest granularity the panel has for a chain stage and dimension.
    public func finestGranularity(chain: String, stage: String?, dimension: AdvantageDimension) -> IndicatorGranularity? {
        rows.filter { $0.chain == chain && $0.stage == stage && $0.dimension == dimension }.map(\.granularity).min()
    }
}

/// What the panel is built from; any part may be missing.
public struct FrameworkPanelInputs: Sendable {
    public var taxonomy: StrategicTaxonomy
    /// NCSES patent tables by id.
    public var patents: [String: NCSESTimeSeries]
    /// World export and import shares per stage and year (an all-reporter panel).
    public var stageShares: StageWorldShares?
    /// Citation and release of ``stageShares``.
    public var stageSharesSource: (source: String, vintage: String)?
    /// ICIO sector shares (one year).
    public var icio: ICIOIndicators?
    /// Release of the ICIO table.
    public var icioVintage: String
    /// Published stage figures (Data/framework/stage-figures.json).
    public var figures: StageFigures?
    /// WIOD sector shares, one per year of a WIOD release (1995–2011 for the 2013 release).
    public var wiod: [ICIOIndicators] = []
    /// Release of the WIOD tables.
    public var wiodVintage: String = ""

    public init(taxonomy: StrategicTaxonomy, patents: [String: NCSESTimeSeries], stageShares: StageWorldShares? = nil,
                stageSharesSource: (source: String, vintage: String)? = nil, icio: ICIOIndicators? = nil, icioVintage: String = "") {
        self.taxonomy = taxonomy
        self.patents = patents
        self.stageShares = stageShares
        self.stageSharesSource = stageSharesSource
        self.icio = icio
        self.icioVintage = icioVintage
    }
}

extension FrameworkAnalysis {
    /// The countries that stand for `country`: its members when it is a bloc with known
    /// members (the EU in `year`), else itself.
    public static func members(of country: Country, in year: Int) -> Set<Country> {
        CountryGroup.group(country).map { $0.members(in: year) } ?? [country]
    }

    /// Builds the framework panel: every chain stage × year × dimension the inputs cover.
    public func panel(_ inputs: FrameworkPanelInputs) -> FrameworkPanel {
        let cfg = configuration
        var rows: [FrameworkPanelRow] = []
        for chain in inputs.taxonomy.chains {
            let stages: [String?] = chain.arena == .criticalMinerals || chain.stages.isEmpty ? [nil] : chain.stages.map(\.id)
            // Technology: the patent field of the chain, every year of the table.
            if let choice = cfg.chainTechnology.first(where: { $0.chain == chain.id }), let t = inputs.patents[choice.table] {
                for y in t.years {
                    guard let world = t.value(.world, year: y, countries: countries), world > 0 else { continue }
                    let l = patentValue(t, leader, y).map { $0 / world }
                    let c = patentValue(t, challenger, y).map { $0 / world }
                    for stage in stages {
                        rows.append(FrameworkPanelRow(leader: leader.code, challenger: challenger.code, chain: chain.id, stage: stage, year: y,
                                                      dimension: .technology, leaderValue: l, challengerValue: c, indicator: choice.name,
                                                      granularity: .chain, source: "\(t.provenance.source), table \(t.tableID)",
                                                      vintage: t.provenance.edition))
                    }
                }
            }
            // Manufacturing and market: the stage's HS6 lines in an all-reporter panel …
            var stageLevel: Set<String> = []
            if let shares = inputs.stageShares, let src = inputs.stageSharesSource {
                for r in shares.rows where r.chain == chain.id {
                    let stage: String? = stages == [nil] ? nil : r.stage
                    stageLevel.insert(r.stage)
                    rows.append(FrameworkPanelRow(leader: leader.code, challenger: challenger.code, chain: chain.id, stage: stage, year: r.year,
                                                  dimension: .manufacturing, leaderValue: r.leaderExportShare, challengerValue: r.challengerExportShare,
                                                  indicator: "share of world exports of the stage's HS6 lines", granularity: stages == [nil] ? .chain : .stage,
                                                  source: src.source, vintage: src.vintage))
                    rows.append(FrameworkPanelRow(leader: leader.code, challenger: challenger.code, chain: chain.id, stage: stage, year: r.year,
                                                  dimension: .market, leaderValue: r.leaderImportShare, challengerValue: r.challengerImportShare,
                                                  indicator: "share of world imports of the stage's HS6 lines", granularity: stages == [nil] ? .chain : .stage,
                                                  source: src.source, vintage: src.vintage))
                }
            }
            // … and the ICIO sectors that contain the chain, for every stage.
            if let icio = inputs.icio {
                let sectors = cfg.sectors(forChain: chain.id, arena: chain.arena)
                for i in icio.indicators(sectors: sectors, leader: leader, challenger: challenger, configuration: cfg) {
                    for stage in stages {
                        rows.append(FrameworkPanelRow(leader: leader.code, challenger: challenger.code, chain: chain.id, stage: stage, year: i.year,
                                                      dimension: i.dimension, leaderValue: i.leaderValue, challengerValue: i.challengerValue,
                                                      indicator: i.name, granularity: .sector, source: i.source, vintage: inputs.icioVintage))
                    }
                }
            }
        }
        rows += figureRows(inputs)
        // The WIOD industries containing each chain, every year of the release.
        for chain in inputs.taxonomy.chains {
            let stages: [String?] = chain.arena == .criticalMinerals || chain.stages.isEmpty ? [nil] : chain.stages.map(\.id)
            let sectors = cfg.wiodSectors(forChain: chain.id, arena: chain.arena)
            for table in inputs.wiod {
                for i in table.indicators(sectors: sectors, leader: leader, challenger: challenger, configuration: cfg) {
                    for stage in stages {
                        rows.append(FrameworkPanelRow(leader: leader.code, challenger: challenger.code, chain: chain.id, stage: stage, year: i.year,
                                                      dimension: i.dimension, leaderValue: i.leaderValue, challengerValue: i.challengerValue,
                                                      indicator: i.name, granularity: .sector, source: i.source, vintage: inputs.wiodVintage))
                    }
                }
            }
        }
        rows.sort { ($0.chain, $0.stage ?? "", $0.dimension.rawValue, $0.indicator, $0.year) < ($1.chain, $1.stage ?? "", $1.dimension.rawValue, $1.indicator, $1.year) }
        return FrameworkPanel(leader: leader.code, challenger: challenger.code, rows: rows)
    }

    /// Published stage figures of the leader and the challenger: one row per chain stage, series
    /// (metric and publisher) and year; a figure for the whole chain is a row of every stage.
    /// Projections are left out.
    func figureRows(_ inputs: FrameworkPanelInputs) -> [FrameworkPanelRow] {
        guard let figures = inputs.figures else { return [] }
        var rows: [FrameworkPanelRow] = []
        for chain in inputs.taxonomy.chains {
            let stages: [String?] = chain.arena == .criticalMinerals || chain.stages.isEmpty ? [nil] : chain.stages.map(\.id)
            for stage in stages {
                let found = figures.observations(chain: chain.id, stage: stage, arena: chain.arena, economies: [leader.code, challenger.code])
                let groups = Dictionary(grouping: found) { "\($0.figure.dimension.rawValue)|\($0.figure.indicatorName)|\($0.figure.observedYear!)" }
                for (_, group) in groups {
                    let l = group.first { $0.figure.economy == leader.code }, c = group.first { $0.figure.economy == challenger.code }
                    let any = (l ?? c)!
                    let published = Set(group.compactMap { $0.figure.source.publicationYear }).sorted().map(String.init).joined(separator: ", ")
                    rows.append(FrameworkPanelRow(
                        leader: leader.code, challenger: challenger.code, chain: chain.id, stage: stage, year: any.figure.observedYear!,
                        dimension: any.figure.dimension, leaderValue: l?.figure.share, challengerValue: c?.figure.share,
                        indicator: any.figure.indicatorName, granularity: any.granularity,
                        source: [l, c].compactMap { $0.map { "\($0.figure.economy): \($0.figure.citation)" } }.joined(separator: "; "),
                        vintage: published.isEmpty ? "publication year not given" : "published \(published)"))
                }
            }
        }
        return rows
    }

    /// A country's (or bloc's) patents in a year: its own row, else the sum of its members' rows
    /// (nil when a member is missing).
    func patentValue(_ t: NCSESTimeSeries, _ country: Country, _ year: Int) -> Double? {
        if let v = t.value(country, year: year, countries: countries) { return v }
        guard let group = CountryGroup.group(country) else { return nil }
        var sum = 0.0
        for m in group.members(in: year) {
            guard let v = t.value(m, year: year, countries: countries) else { return nil }
            sum += v
        }
        return sum
    }
}
