import DecoupleCore
import DecoupleInputOutput
import DecoupleInstrumentChoice
import DecouplePolicy
import DecoupleTrade
import Foundation

/// The framework's variables by chain, stage, year and dimension (`decouple framework panel`).
public struct FrameworkPanelDocument: Encodable, Sendable {
    public let panel: FrameworkPanel
    public let provenance: [Provenance]

    /// The rows of one chain (and stage) within a year range.
    /// - Throws: ``AnalysisInputError`` when the panel has no row of `chain`.
    public func filtered(chain: String?, stage: String?, from: Int?, to: Int?) throws -> FrameworkPanelDocument {
        if let chain, !panel.rows.contains(where: { $0.chain == chain }) {
            throw AnalysisInputError("no rows for chain '\(chain)'; chains in the panel: \(Set(panel.rows.map(\.chain)).sorted().joined(separator: ", "))", parameter: "chain")
        }
        let rows = panel.rows.filter { r in
            (chain == nil || r.chain == chain) && (stage == nil || r.stage == stage)
                && (from.map { r.year >= $0 } ?? true) && (to.map { r.year <= $0 } ?? true)
        }
        var p = panel
        p.rows = rows
        return FrameworkPanelDocument(panel: p, provenance: provenance)
    }
}

/// The framework's sequence per stage: catch-up, designation, first instrument and the
/// challenger's measures (`decouple framework timeline`).
public struct FrameworkTimelineDocument: Encodable, Sendable {
    public let timeline: FrameworkTimeline
    public let provenance: [Provenance]
}

extension AnalysisData {
    /// The framework panel of a pair: patents by the chain's field (NCSES, every year), the ICIO
    /// 2022 sector shares, and, with an all-reporter `store` (CEPII BACI), world export and import
    /// shares of every stage's HS6 lines in every year of the store. A bloc (`EU`) is the sum of
    /// its members wherever members are in the data.
    /// - Parameter wiod: a WIOD 2013 release folder (`wiot_<year>_{inter,final}.csv.gz`,
    ///   `wiot_<year>_output.csv`): gross output and use shares of the WIOD industries containing
    ///   each chain, 1995–2011.
    public func frameworkPanel(leader: Country, challenger: Country, store: String? = nil, wiod: String? = nil) async throws -> FrameworkPanelDocument {
        let taxonomy = try await self.taxonomy().taxonomy
        let catalog = self.catalog, configPath = frameworkConfig
        return try await Offload.run {
            let config: FrameworkConfiguration
            do { config = try FrameworkConfiguration.bundled(catalog: catalog, override: configPath) } catch let e as FrameworkConfigurationError {
                throw AnalysisInputError(e.description, parameter: "config")
            }
            var patents: [String: NCSESTimeSeries] = [:]
            for id in try catalog.ncsesTableIDs() { patents[id] = try catalog.loadNCSESTable(id) }
            let icio = try ICIOCache.shared.oecdICIO2022(catalog, progress: self.reporting("Reading OECD ICIO 2022"))
            let sectors = Set(config.chainSectors.flatMap(\.sectors) + config.arenaSectors.values.flatMap { $0 })
            let icioProvenance = BundledDataset.oecdICIO2022.provenance
            var inputs = FrameworkPanelInputs(
                taxonomy: taxonomy, patents: patents,
                icio: ICIOIndicators(table: icio, sectors: sectors, source: icioProvenance.citation, year: 2022),
                icioVintage: icioProvenance.edition)
            inputs.figures = try Self.stageFigures(catalog)
            var provenance = [BundledDataset.ncsesPatents.provenance, icioProvenance, inputs.figures!.provenance]
            if let store {
                let panel = try TradePanelRequest.openStore(store)
                guard panel.coversAllReporters else {
                    throw AnalysisInputError("the panel store \(panel.path) does not cover every reporter (import CEPII BACI for world shares)", parameter: "store")
                }
                let years = panel.bilateralPanel.years
                let request = StageWorldSharesRequest(
                    members: StageWorldSharesRequest.members(of: taxonomy),
                    leader: Set(years.flatMap { FrameworkAnalysis.members(of: leader, in: $0) }),
                    challenger: Set(years.flatMap { FrameworkAnalysis.members(of: challenger, in: $0) }))
                inputs.stageShares = panel.bilateralPanel.measure(request)
                inputs.stageSharesSource = (panel.provenance.map(\.citation).joined(separator: "; "),
                                            panel.provenance.map(\.edition).joined(separator: "; "))
                provenance.append(contentsOf: panel.provenance)
            }
            if let wiod {
                let (tables, p) = try Self.wiodIndicators(folder: wiod, config: config)
                inputs.wiod = tables
                inputs.wiodVintage = p.edition
                provenance.append(p)
            }
            provenance.append(contentsOf: taxonomy.provenance)
            let analysis = FrameworkAnalysis(configuration: config, leader: leader, challenger: challenger)
            return FrameworkPanelDocument(panel: analysis.panel(inputs), provenance: provenance)
        }
    }

    /// The timeline of every stage (or of one chain): catch-up per dimension from the panel, the
    /// leader's designation and first instrument and the challenger's first measure from the
    /// policy data, and whether catch-up preceded securitisation.
    public func frameworkTimeline(leader: Country, challenger: Country, chain: String? = nil, store: String? = nil,
                                  wiod: String? = nil) async throws -> FrameworkTimelineDocument {
        let panel = try await frameworkPanel(leader: leader, challenger: challenger, store: store, wiod: wiod)
        let taxonomy = try await self.taxonomy().taxonomy
        let policies = try await policy().measures
        if let chain, taxonomy.chain(chain) == nil {
            throw AnalysisInputError("unknown chain '\(chain)'; known chains: \(taxonomy.chains.map(\.id).joined(separator: ", "))", parameter: "chain")
        }
        let config: FrameworkConfiguration
        do { config = try FrameworkConfiguration.bundled(catalog: catalog, override: frameworkConfig) } catch let e as FrameworkConfigurationError {
            throw AnalysisInputError(e.description, parameter: "config")
        }
        let analysis = FrameworkAnalysis(configuration: config, leader: leader, challenger: challenger)
        // The leader's imports by stage and partner: every year of an all-reporter store, else
        // the one year of the bundled HS6 imports when the leader is their reporter.
        var imports: StageImports?, importsSource = "", importsProvenance: [Provenance] = []
        let members = StageWorldSharesRequest.members(of: taxonomy)
        if let store {
            let panel = try TradePanelRequest.openStore(store)
            let years = panel.bilateralPanel.years
            imports = panel.bilateralPanel.measure(StageImportsRequest(
                members: members, importer: Set(years.flatMap { FrameworkAnalysis.members(of: leader, in: $0) })))
            importsSource = panel.provenance.map(\.citation).joined(separator: "; ")
        } else if let reporter = BundledDataset.censusHS6_2024.reporter, reporter == leader {
            let census = try await censusHS6()
            if let s = StrategicImports(data: census, taxonomy: taxonomy, reporter: reporter) {
                imports = s.stageImports()
                importsSource = census.provenance.citation
                importsProvenance = [census.provenance]
            }
        }
        let timeline = analysis.timeline(panel: panel.panel, taxonomy: taxonomy, measures: policies.measures, chain: chain,
                                         imports: imports, importsSource: importsSource, alliances: try await policy().alliances.alliances)
        return FrameworkTimelineDocument(timeline: timeline, provenance: panel.provenance + importsProvenance + [policies.provenance])
    }
}

/// The framework as a falsifiable test (`decouple framework evaluate`): dated stage-level
/// outcomes, predictions from predictors read before each outcome, null models and a
/// permutation test.
public struct FrameworkEvaluationDocument: Encodable, Sendable {
    public let leader: String
    public let challenger: String
    public let evaluation: FrameworkEvaluation
    /// What the predictions could use, and what was left out because it is dated after the outcomes.
    public let predictorsUsed: [String]
    public let predictorsLeftOut: [String]
    public let provenance: [Provenance]
}

extension AnalysisData {
    /// Scores the framework against the null models on the bundled policy data.
    public func frameworkEvaluation(leader: Country, challenger: Country, permutations: Int = 10_000,
                                    seed: UInt64 = 20241205) async throws -> FrameworkEvaluationDocument {
        try await evaluations.value(for: "\(leader.code)|\(challenger.code)|\(permutations)|\(seed)") {
            try await self.computeEvaluation(leader: leader, challenger: challenger, permutations: permutations, seed: seed)
        }
    }

    func computeEvaluation(leader: Country, challenger: Country, permutations: Int, seed: UInt64) async throws -> FrameworkEvaluationDocument {
        let taxonomy = try await self.taxonomy().taxonomy
        let policies = try await policy().measures
        let catalog = self.catalog, configPath = frameworkConfig
        return try await Offload.run {
            let config: FrameworkConfiguration
            do { config = try FrameworkConfiguration.bundled(catalog: catalog, override: configPath) } catch let e as FrameworkConfigurationError {
                throw AnalysisInputError(e.description, parameter: "config")
            }
            var patents: [String: NCSESTimeSeries] = [:]
            for id in try catalog.ncsesTableIDs() { patents[id] = try catalog.loadNCSESTable(id) }
            // Only predictors with a year: patents by year; sourced observations by their year;
            // published stage figures by the year they were published.
            var inputs = FrameworkInputs(taxonomy: taxonomy, patents: patents)
            inputs.figures = try Self.stageFigures(catalog)
            let analysis = FrameworkAnalysis(configuration: config, leader: leader, challenger: challenger)
            let (cases, excluded) = analysis.evaluationCases(inputs: inputs, observed: ObservedInstrument.from(policies.measures, leader: leader))
            let evaluation = FrameworkEvaluation.evaluate(cases, excluded: excluded, permutations: permutations, seed: seed)
            return FrameworkEvaluationDocument(
                leader: leader.code, challenger: challenger.code, evaluation: evaluation,
                predictorsUsed: ["technology: USPTO patent shares in the chain's field (NCSES), read in the year before each stage's first measure",
                                 "sourced observations of framework.json dated no later than that year",
                                 "published stage figures (Data/framework/stage-figures.json) describing that year or earlier and published no later than it"],
                predictorsLeftOut: ["manufacturing and market from the OECD ICIO 2022 table (dated after most outcomes)",
                                    "vulnerability from the Census 2024 imports (dated after every outcome)",
                                    "minerals endowment and net import reliance (MCS 2022–2024 editions)"],
                provenance: [BundledDataset.ncsesPatents.provenance, policies.provenance, inputs.figures!.provenance] + taxonomy.provenance)
        }
    }

    /// The WIOD sector indicators of every year found in a WIOD 2013 release folder (1995–2011).
    /// - Throws: ``AnalysisInputError`` when the folder holds no year; the reader's errors
    ///   (file, line, column) for a bad table.
    static func wiodIndicators(folder: String, config: FrameworkConfiguration) throws -> ([ICIOIndicators], Provenance) {
        let years = (1995...2011).filter { FileManager.default.fileExists(atPath: folder + "/" + WIODReader.files(year: $0).output) }
        guard !years.isEmpty else {
            throw AnalysisInputError("\(folder): no WIOD table (expected wiot_<year>_output.csv, wiot_<year>_inter.csv.gz and wiot_<year>_final.csv.gz for years 1995–2011)", parameter: "wiod")
        }
        let sectors = Set(config.wiodSectorOf.map { Array($0.values) } ?? [])
        let source = "WIOD World Input-Output Tables, 2013 release (Timmer et al. 2015)"
        var out: [ICIOIndicators] = []
        for y in years {
            let t = try WIODReader().read(folder: folder, year: y)
            out.append(ICIOIndicators(table: t, sectors: sectors, source: source, year: y, tableLabel: "WIOD"))
        }
        return (out, Provenance(source: source, edition: "\(years.first!)–\(years.last!), current US$ million, 40 economies and the rest of the world × 35 industries",
                                url: "https://www.wiod.org", licence: "free to use with citation (WIOD); read from the user's copy, not bundled",
                                retrievedFrom: folder))
    }

    /// The bundled stage figures, a bad file reported as bad input of the data folder.
    static func stageFigures(_ catalog: DataCatalog) throws -> StageFigures {
        do { return try StageFigures.bundled(catalog: catalog) } catch let e as FrameworkConfigurationError {
            throw AnalysisInputError(e.description, parameter: "data-dir")
        }
    }
}

/// The evaluation over a grid of configurations (`decouple framework sensitivity`).
public struct FrameworkSensitivityDocument: Encodable, Sendable {
    public let leader: String
    public let challenger: String
    public let sensitivity: FrameworkSensitivity
    public let provenance: [Provenance]
}

extension AnalysisData {
    /// Scores every configuration of ``FrameworkSensitivity/grid`` on the dated cases.
    public func frameworkSensitivity(leader: Country, challenger: Country) async throws -> FrameworkSensitivityDocument {
        try await sensitivities.value(for: "\(leader.code)|\(challenger.code)") {
            try await self.computeSensitivity(leader: leader, challenger: challenger)
        }
    }

    func computeSensitivity(leader: Country, challenger: Country) async throws -> FrameworkSensitivityDocument {
        let taxonomy = try await self.taxonomy().taxonomy
        let policies = try await policy().measures
        let catalog = self.catalog, configPath = frameworkConfig
        return try await Offload.run {
            let config: FrameworkConfiguration
            do { config = try FrameworkConfiguration.bundled(catalog: catalog, override: configPath) } catch let e as FrameworkConfigurationError {
                throw AnalysisInputError(e.description, parameter: "config")
            }
            var patents: [String: NCSESTimeSeries] = [:]
            for id in try catalog.ncsesTableIDs() { patents[id] = try catalog.loadNCSESTable(id) }
            var inputs = FrameworkInputs(taxonomy: taxonomy, patents: patents)
            inputs.figures = try Self.stageFigures(catalog)
            let s = FrameworkSensitivity.run(analysis: FrameworkAnalysis(configuration: config, leader: leader, challenger: challenger),
                                             inputs: inputs,
                                             observed: ObservedInstrument.from(policies.measures, leader: leader))
            return FrameworkSensitivityDocument(leader: leader.code, challenger: challenger.code, sensitivity: s,
                                                provenance: [BundledDataset.ncsesPatents.provenance, policies.provenance, inputs.figures!.provenance] + taxonomy.provenance)
        }
    }
}
