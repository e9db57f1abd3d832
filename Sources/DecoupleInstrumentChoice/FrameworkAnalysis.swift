import DecoupleCore
import DecoupleTrade

/// What the framework engine reads: the taxonomy, technology indicators (patents), the
/// leader's imports by HS6 and partner, and, when available, endowment-based mineral
/// instruments and observed policy measures.
public struct FrameworkInputs: Sendable {
    public var taxonomy: StrategicTaxonomy
    /// NCSES patent tables by id.
    public var patents: [String: NCSESTimeSeries]
    /// The leader's imports by HS6 and partner for one year (vulnerability).
    public var imports: TradeDataset?
    /// Mineral chains' endowment-based instruments (from the minerals rule), by chain id.
    public var endowment: [String: (instruments: [PolicyInstrument], reason: String)]
    public var observed: [ObservedInstrument]
    /// When the leader designated each chain strategic and first acted on it.
    public var securitisation: [SecuritisationSignal]
    /// Manufacturing and market indicators from an input–output table (OECD ICIO).
    public var icio: ICIOIndicators?
    /// The leader's look-through exposure to the challenger by ICIO sector: the challenger's
    /// share of the sector's total input requirements through all tiers (DecoupleInputOutput).
    public var lookThrough: [String: Double] = [:]
    /// Net import reliance (percent) of mineral chains, by chain id (USGS MCS).
    public var netImportReliance: [String: Double] = [:]
    /// World export shares per chain from an all-reporter trade panel, when one is loaded.
    public var exportShares: PanelExportShares?
    /// World export and import shares per stage and year from an all-reporter trade panel.
    public var stageShares: StageWorldShares?
    /// Citation of ``stageShares``.
    public var stageSharesSource: String = ""
    /// Published stage figures (Data/framework/stage-figures.json).
    public var figures: StageFigures?

    public init(taxonomy: StrategicTaxonomy, patents: [String: NCSESTimeSeries], imports: TradeDataset? = nil,
                endowment: [String: (instruments: [PolicyInstrument], reason: String)] = [:], observed: [ObservedInstrument] = [],
                securitisation: [SecuritisationSignal] = [], icio: ICIOIndicators? = nil) {
        self.taxonomy = taxonomy
        self.patents = patents
        self.imports = imports
        self.endowment = endowment
        self.observed = observed
        self.securitisation = securitisation
        self.icio = icio
    }
}

/// The framework applied: Table 1 rebuilt, advantage profiles, vulnerability, catch-up
/// signals, predicted instruments and their agreement with observed measures.
public struct FrameworkResult: Sendable, Codable {
    public var leader: Country
    public var challenger: Country
    /// The year of the technology indicators.
    public var year: Int
    public var table1: [Table1Row]
    public var profiles: [AdvantageProfile]
    public var vulnerabilities: [String: Vulnerability]
    public var signals: [CatchUpSignal]
    public var securitisation: [SecuritisationSignal]
    public var predictions: [InstrumentPrediction]
    public var agreement: PredictionAgreement
    public var configuration: FrameworkConfiguration
}

/// Builds a ``FrameworkResult`` from data.
public struct FrameworkAnalysis: Sendable {
    public var configuration: FrameworkConfiguration
    public var leader: Country
    public var challenger: Country
    /// The year of the technology indicators (latest in the data when nil).
    public var year: Int?
    public var countries: CountryTable
    /// Only these units ("chain" for a chain without stages or a minerals chain, "chain/stage")
    /// get profiles and predictions (nil: every unit). Each unit's prediction depends on its own
    /// indicators only, so the units computed are the same with or without the filter; the
    /// dated evaluation asks, for each predictor year, only the units whose outcome follows it.
    public var only: Set<String>? = nil

    public init(configuration: FrameworkConfiguration, leader: Country = .usa, challenger: Country = .china,
                year: Int? = nil, countries: CountryTable = .standard) {
        self.configuration = configuration
        self.leader = leader
        self.challenger = challenger
        self.year = year
        self.countries = countries
    }

    /// A technology indicator from a patent table: each side's share of world patents in `year`.
    func technology(_ table: String, name: String, year: Int?, inputs: FrameworkInputs) -> Indicator? {
        guard let t = inputs.patents[table] else { return nil }
        let y = min(year ?? t.years.upperBound, t.years.upperBound)
        guard let world = t.value(.world, year: y, countries: countries), world > 0 else { return nil }
        let l = t.value(leader, year: y, countries: countries).map { $0 / world }
        let c = t.value(challenger, year: y, countries: countries).map { $0 / world }
        return Indicator(dimension: .technology, name: name, leaderValue: l, challengerValue: c, year: y,
                         source: "\(t.provenance.source), table \(t.tableID)", scale: configuration.scale(.technology), granularity: .chain)
    }

    func catchUp(_ table: String, scope: String, name: String, year: Int?, inputs: FrameworkInputs) -> CatchUpSignal? {
        guard let t = inputs.patents[table] else { return nil }
        let to = min(year ?? t.years.upperBound, t.years.upperBound)
        let from = max(t.years.lowerBound, to - configuration.catchUpWindow)
        func share(_ c: Country, _ y: Int) -> Double? {
            guard let w = t.value(.world, year: y, countries: countries), w > 0, let v = t.value(c, year: y, countries: countries) else { return nil }
            return v / w
        }
        guard let l0 = share(leader, from), let l1 = share(leader, to), let c0 = share(challenger, from), let c1 = share(challenger, to) else { return nil }
        return CatchUpSignal(scope: scope, dimension: .technology, indicator: name, fromYear: from, toYear: to,
                             leaderFrom: l0, leaderTo: l1, challengerFrom: c0, challengerTo: c1,
                             source: "\(t.provenance.source), table \(t.tableID)")
    }

    /// Observations (sourced figures) that apply to a chain and stage: the configuration's
    /// observations and the published stage figures, each series at its latest year no later
    /// than the analysis year.
    func observations(chain: String, stage: String?, arena: Arena, figures: StageFigures? = nil) -> [Indicator] {
        let obs = configuration.observations.filter {
            ($0.chain == chain || $0.chain == "*" + arena.rawValue) && ($0.stage == nil || $0.stage == stage)
        }
        var out: [Indicator] = []
        for group in Dictionary(grouping: obs, by: { "\($0.dimension.rawValue)|\($0.name)" }).values {
            let first = group[0]
            let l = group.first { $0.country == leader.code }?.value
            let c = group.first { $0.country == challenger.code }?.value
            guard l != nil || c != nil else { continue }
            out.append(Indicator(dimension: first.dimension, name: first.name, leaderValue: l, challengerValue: c,
                                 year: first.year, source: group.map(\.source).joined(separator: "; "),
                                 scale: configuration.scale(first.dimension),
                                 granularity: first.chain.hasPrefix("*") ? .arena : (first.stage == nil ? .chain : .stage)))
        }
        out.sort { $0.name < $1.name }
        return out + figureIndicators(chain: chain, stage: stage, arena: arena, figures: figures)
    }

    /// Published stage figures of the leader and the challenger as indicators: one per series
    /// (metric and publisher), at the latest year either side has a figure.
    func figureIndicators(chain: String, stage: String?, arena: Arena, figures: StageFigures?) -> [Indicator] {
        guard let figures else { return [] }
        let series = figures.observationSeries(chain: chain, stage: stage, arena: arena, leader: leader.code, challenger: challenger.code, year: year)
        var out: [Indicator] = []
        let all = figures.figures
        for (_, group) in series {
            guard let latest = group.compactMap({ all[$0.index].observedYear }).max() else { continue }
            let inYear = group.filter { all[$0.index].observedYear == latest }
            let l = inYear.first { all[$0.index].economy == leader.code }
            let c = inYear.first { all[$0.index].economy == challenger.code }
            let any = (l ?? c)!
            let dimension = all[any.index].dimension
            out.append(Indicator(dimension: dimension, name: figures.indicatorName(any.index),
                                 leaderValue: l.map { all[$0.index].share }, challengerValue: c.map { all[$0.index].share }, year: latest,
                                 source: [l, c].compactMap { $0.map { figures.citedSource($0.index) } }.joined(separator: "; "),
                                 scale: configuration.scale(dimension), granularity: any.granularity))
        }
        return out.sorted { ($0.dimension.rawValue, $0.name) < ($1.dimension.rawValue, $1.name) }
    }

    /// Manufacturing and market of one stage from an all-reporter panel: each side's share of
    /// world exports and of world imports of the stage's HS6 lines, in the latest panel year no
    /// later than the analysis year.
    func stageIndicators(chain: String, stage: String, inputs: FrameworkInputs) -> [Indicator] {
        guard let shares = inputs.stageShares else { return [] }
        let rows = shares.rows.filter { r in r.chain == chain && r.stage == stage && (year.map { r.year <= $0 } ?? true) }
        guard let r = rows.max(by: { $0.year < $1.year }) else { return [] }
        return [
            Indicator(dimension: .manufacturing, name: "share of world exports of the stage's HS6 lines",
                      leaderValue: r.leaderExportShare, challengerValue: r.challengerExportShare, year: r.year,
                      source: inputs.stageSharesSource, scale: configuration.scale(.manufacturing), granularity: .stage),
            Indicator(dimension: .market, name: "share of world imports of the stage's HS6 lines",
                      leaderValue: r.leaderImportShare, challengerValue: r.challengerImportShare, year: r.year,
                      source: inputs.stageSharesSource, scale: configuration.scale(.market), granularity: .stage),
        ]
    }

    /// The leader's vulnerability in a chain (or stage): import share from the challenger and supplier HHI.
    func vulnerability(chain: SupplyChain, stage: String?, imports: StrategicImports?, inputs: FrameworkInputs) -> Vulnerability {
        var v = Vulnerability()
        if let imports, let data = inputs.imports {
            let trade = imports.trade(chain: chain.id, stage: stage)
            if let share = trade.share(of: challenger) {
                v.importShareFromChallenger = share
                v.supplierConcentration = trade.herfindahlIndex
                v.year = imports.period.year
                v.sources.append(data.provenance.citation)
            }
        }
        // Look-through exposure: mean over the chain's ICIO sectors that have a figure.
        let exposures = configuration.sectors(forChain: chain.id, arena: chain.arena).compactMap { inputs.lookThrough[$0] }
        if !exposures.isEmpty {
            v.lookThroughExposure = exposures.reduce(0, +) / Double(exposures.count)
            v.sources.append("look-through exposure: OECD ICIO 2022 via the Leontief inverse")
        }
        if let r = inputs.netImportReliance[chain.id] {
            v.netImportReliance = r
            v.sources.append("net import reliance: USGS Mineral Commodity Summaries")
        }
        return v
    }

    public func run(_ inputs: FrameworkInputs) -> FrameworkResult {
        let cfg = configuration
        // The leader's imports by chain and stage, for vulnerability.
        let imports = inputs.imports.flatMap { StrategicImports(data: $0, taxonomy: inputs.taxonomy, reporter: leader, countries: countries) }
        // Table 1.
        var table1: [Table1Row] = []
        var signals: [CatchUpSignal] = []
        var indicatorYear = year ?? 0
        for arena in [Arena.green, .digital] {
            guard let choice = cfg.arenaTechnology[arena.rawValue] else { continue }
            let tech = technology(choice.table, name: choice.name, year: year, inputs: inputs)
            if let tech { indicatorYear = max(indicatorYear, tech.year) }
            if let s = catchUp(choice.table, scope: arena.rawValue, name: choice.name, year: year, inputs: inputs) { signals.append(s) }
            let arenaObs = cfg.observations.filter { $0.chain == "*" + arena.rawValue }
            let arenaICIO = inputs.icio?.indicators(sectors: cfg.arenaSectors[arena.rawValue] ?? [], leader: leader,
                                                    challenger: challenger, configuration: cfg) ?? []
            for country in [leader, challenger] {
                let paper = cfg.paperTable1.first { $0.arena == arena && $0.country == country.code }
                var cells: [Table1Row.Cell] = []
                for d in AdvantageDimension.allCases {
                    let paperValue = paper.map { d == .technology ? $0.technology : d == .manufacturing ? $0.manufacturing : $0.market }
                    if d == .technology, let tech {
                        let v = country == leader ? tech.leaderValue : tech.challengerValue
                        cells.append(.init(dimension: d, data: v.map { cfg.scale(d).pluses($0) }, paper: paperValue, value: v,
                                           indicator: tech.name, year: tech.year, source: tech.source))
                    } else if let i = arenaICIO.first(where: { $0.dimension == d }) {
                        let v = country == leader ? i.leaderValue : i.challengerValue
                        cells.append(.init(dimension: d, data: v.map { cfg.scale(d).pluses($0) }, paper: paperValue, value: v,
                                           indicator: i.name, year: i.year, source: i.source))
                    } else if let o = arenaObs.first(where: { $0.dimension == d && $0.country == country.code }) {
                        cells.append(.init(dimension: d, data: cfg.scale(d).pluses(o.value), paper: paperValue, value: o.value,
                                           indicator: o.name, year: o.year, source: o.source))
                    } else {
                        cells.append(.init(dimension: d, data: nil, paper: paperValue, value: nil, indicator: nil, year: nil, source: nil))
                    }
                }
                table1.append(Table1Row(arena: arena, country: country, cells: cells))
            }
        }
        // Profiles and predictions per chain stage.
        var profiles: [AdvantageProfile] = []
        var predictions: [InstrumentPrediction] = []
        var vulnerabilities: [String: Vulnerability] = [:]
        let rules = cfg.rules
        for chain in inputs.taxonomy.chains {
            if let only, !only.contains(chain.id), !chain.stages.contains(where: { only.contains("\(chain.id)/\($0.id)") }) { continue }
            var chainIndicators: [Indicator] = inputs.icio?.indicators(
                sectors: cfg.sectors(forChain: chain.id, arena: chain.arena), leader: leader, challenger: challenger, configuration: cfg) ?? []
            // A chain-wide export share only where no stage-level one replaces it (minerals).
            if inputs.stageShares == nil || chain.arena == .criticalMinerals || chain.stages.isEmpty,
               let e = inputs.exportShares?.indicator(chain: chain.id, configuration: cfg) { chainIndicators.append(e) }
            if let choice = cfg.chainTechnology.first(where: { $0.chain == chain.id }) {
                if let t = technology(choice.table, name: choice.name, year: year, inputs: inputs) { chainIndicators.append(t) }
                if let s = catchUp(choice.table, scope: chain.id, name: choice.name, year: year, inputs: inputs) { signals.append(s) }
            }
            if chain.arena == .criticalMinerals {
                let profile = AdvantageProfile(chain: chain.id, arena: chain.arena, leader: leader, challenger: challenger,
                                               indicators: chainIndicators + observations(chain: chain.id, stage: nil, arena: chain.arena, figures: inputs.figures))
                let v = vulnerability(chain: chain, stage: nil, imports: imports, inputs: inputs)
                vulnerabilities[chain.id] = v
                profiles.append(profile)
                predictions.append(rules.predict(profile, vulnerability: v, endowment: inputs.endowment[chain.id]))
                continue
            }
            for stage in chain.stages {
                if let only, !only.contains("\(chain.id)/\(stage.id)") { continue }
                let profile = AdvantageProfile(chain: chain.id, stage: stage.id, arena: chain.arena, leader: leader, challenger: challenger,
                                               indicators: chainIndicators + stageIndicators(chain: chain.id, stage: stage.id, inputs: inputs)
                                                   + observations(chain: chain.id, stage: stage.id, arena: chain.arena, figures: inputs.figures))
                let v = vulnerability(chain: chain, stage: stage.id, imports: imports, inputs: inputs)
                vulnerabilities["\(chain.id)/\(stage.id)"] = v
                profiles.append(profile)
                predictions.append(rules.predict(profile, vulnerability: v))
            }
        }
        return FrameworkResult(leader: leader, challenger: challenger, year: indicatorYear, table1: table1, profiles: profiles,
                               vulnerabilities: vulnerabilities, signals: signals, securitisation: inputs.securitisation, predictions: predictions,
                               agreement: PredictionAgreement(predictions: predictions, observed: inputs.observed),
                               configuration: cfg)
    }
}
