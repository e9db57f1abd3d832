import ArgumentParser
import DecoupleCore
import DecoupleData
import DecoupleFramework
import DecoupleReport
import Foundation

/// Loads the framework's inputs from the bundled data and runs it.
enum FrameworkRun {
    static let patentTables = ["10551", "10553", "10557", "10596", "10598", "10600", "10604"]

    static func run(catalog: DataCatalog, taxonomy: StrategicTaxonomy, leader: Country, challenger: Country,
                    year: Int?, configPath: String?, imports: TradeDataset?,
                    icio: InputOutputTableData?, minerals: [MineralAssessment] = [],
                    exposure: ExposureReportInput? = nil, store: TradePanelStore? = nil) throws -> (FrameworkResult, [Provenance]) {
        let config: FrameworkConfiguration
        do { config = try FrameworkConfiguration.bundled(catalog: catalog, override: configPath) } catch let e as FrameworkConfigurationError {
            throw ValidationError(e.description)
        }
        var patents: [String: NCSESTimeSeries] = [:]
        for id in patentTables { patents[id] = try catalog.loadNCSESTable(id) }
        let policies = try PolicyMeasuresLoader.bundled(catalog: catalog)
        let sectors = Set(config.chainSectors.flatMap(\.sectors) + config.arenaSectors.values.flatMap { $0 })
        let icioIndicators = icio.map {
            ICIOIndicators(table: $0, sectors: sectors, source: BundledDataset.oecdICIO2022.provenance.citation, year: 2022)
        }
        var inputs = FrameworkInputs(taxonomy: taxonomy, patents: patents, imports: leader == .usa ? imports : nil,
                                     observed: ObservedInstrument.from(policies.measures, leader: leader),
                                     securitisation: SecuritisationSignal.from(policies.measures, leader: leader),
                                     icio: icioIndicators)
        inputs.endowment = endowment(minerals, taxonomy: taxonomy)
        for e in exposure?.sectors ?? [] { inputs.lookThrough[e.sector] = e.lookThroughShare }
        inputs.netImportReliance = reliance(minerals, taxonomy: taxonomy)
        if let store {
            guard store.coversAllReporters else {
                throw ValidationError("the panel store \(store.path) does not cover every reporter (import CEPII BACI for world export shares)")
            }
            inputs.exportShares = PanelExportShares(panel: store.bilateralPanel, taxonomy: taxonomy, leader: leader, challenger: challenger)
        }
        let result = FrameworkAnalysis(configuration: config, leader: leader, challenger: challenger, year: year).run(inputs)
        var provenance = [BundledDataset.ncsesPatents.provenance]
        if let imports, leader == .usa { provenance.append(imports.provenance) }
        provenance.append(policies.provenance)
        if icio != nil { provenance.append(BundledDataset.oecdICIO2022.provenance) }
        if !minerals.isEmpty { provenance.append(BundledDataset.usgsMCS2024.provenance) }
        if let store { provenance.append(contentsOf: store.provenance) }
        provenance.append(contentsOf: taxonomy.provenance)
        return (result, provenance)
    }
}

extension FrameworkRun {
    /// The minerals rule's instruments per mineral chain of the taxonomy: a chain takes the
    /// classification of the USGS commodity of the same name (rare-earth-elements ↔ Rare earths,
    /// minor-metals-8112 ↔ gallium, germanium, indium — the first classified one).
    /// USGS commodity names that stand for a mineral chain of the taxonomy.
    static func mineralNames(_ chain: String) -> [String] {
        switch chain {
        case "rare-earth-elements": ["rare earths"]
        case "minor-metals-8112": ["gallium", "germanium", "indium"]
        case "platinum-group-metals": ["platinum-group metals", "platinum", "palladium"]
        default: [chain.replacingOccurrences(of: "-", with: " ")]
        }
    }

    /// Net import reliance (percent, for planning: bounds as their value) per mineral chain.
    static func reliance(_ minerals: [MineralAssessment], taxonomy: StrategicTaxonomy) -> [String: Double] {
        let byName = Dictionary(minerals.map { ($0.classification.name.lowercased(), $0) }, uniquingKeysWith: { a, _ in a })
        var out: [String: Double] = [:]
        for chain in taxonomy.chains where chain.arena == .criticalMinerals {
            if let r = mineralNames(chain.id).lazy.compactMap({ byName[$0]?.profile.latestReliance?.planningPercent }).first { out[chain.id] = r }
        }
        return out
    }

    static func endowment(_ minerals: [MineralAssessment], taxonomy: StrategicTaxonomy) -> [String: (instruments: [PolicyInstrument], reason: String)] {
        var out: [String: (instruments: [PolicyInstrument], reason: String)] = [:]
        let byName = Dictionary(minerals.map { ($0.classification.name.lowercased(), $0) }, uniquingKeysWith: { a, _ in a })
        for chain in taxonomy.chains where chain.arena == .criticalMinerals {
            for n in mineralNames(chain.id) {
                guard let a = byName[n], !a.classification.instruments.isEmpty else { continue }
                out[chain.id] = (a.classification.instruments,
                                 "\(a.classification.name): \(a.classification.strategy.rawValue) (\(a.classification.reasons.joined(separator: "; ")))")
                break
            }
        }
        return out
    }
}

struct FrameworkCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "framework",
        abstract: "Apply the framework: advantage profile, vulnerability, catch-up, predicted vs observed instruments.",
        discussion: """
        For each chain and stage of the taxonomy: technology indicators (USPTO patent shares, NCSES), \
        sourced manufacturing observations, the leader's import share from the challenger and supplier \
        concentration (Census 2024, leader USA), the rules' predicted instruments with confidence and reasons. \
        Thresholds and rules live in Data/framework/framework.json; override any field with --config FILE.
        """)

    @Option(help: "The leading economy.") var leader: String = "USA"
    @Option(help: "The challenging economy.") var challenger: String = "CHN"
    @Option(help: "Year of the technology indicators (default: latest in the data).") var year: Int?
    @Option(help: "Only this chain (id, e.g. semiconductors).") var chain: String?
    @Option(help: "A framework configuration file overriding Data/framework/framework.json (same schema).") var config: String?
    @Option(help: "An imported all-reporter panel store (CEPII BACI, see `decouple data import`) for world export shares.") var store: String?
    @OptionGroup var taxonomy: TaxonomyOptions
    @Option(help: "text, json or csv.") var format: OutputFormat = .text

    func run() throws {
        let table = CountryTable.standard
        let (l, c): (Country, Country)
        do { (l, c) = (try table.resolve(leader), try table.resolve(challenger)) } catch let e as UnknownCountryCode {
            throw ValidationError(e.description)
        }
        let (result, provenance) = try guarded {
            let catalog = try DataCatalog.locate(explicit: taxonomy.dataDir)
            let (t, _) = try taxonomy.load()
            if let chain, t.chain(chain) == nil {
                throw ValidationError("unknown chain '\(chain)'; known chains: \(t.chains.map(\.id).joined(separator: ", "))")
            }
            let icio = try Progress("Reading OECD ICIO 2022").run { try catalog.loadOECDICIO2022(progress: $0) }
            let minerals = l == .usa ? try MineralSupplySelection.reportInput(catalog: catalog, leader: l, rival: c).latest : []
            let exposure = try? ExposureSelection.reportInput(table: icio, sectorNames: [:], importer: l, rival: c)
            let panel = try store.map { try TradePanelStore(path: PanelStoreDirectory.path(for: $0)) }
            return try FrameworkRun.run(catalog: catalog, taxonomy: t, leader: l, challenger: c, year: year, configPath: config,
                                        imports: l == .usa ? try catalog.loadCensusHS6_2024() : nil, icio: icio, minerals: minerals,
                                        exposure: exposure ?? nil, store: panel)
        }
        var shown = result
        if let chain {
            shown.predictions = result.predictions.filter { $0.chain == chain }
            shown.profiles = result.profiles.filter { $0.chain == chain }
            shown.signals = result.signals.filter { $0.scope == chain }
            shown.agreement.cases = result.agreement.cases.filter { $0.chain == chain }
        }
        switch format {
        case .json:
            print(try encodeJSON(FrameworkOutput(result: shown, sources: provenance)))
        case .csv:
            print("arena,chain,stage,position,vulnerability,import_share_from_challenger,predicted,confidence,reasons")
            for p in shown.predictions {
                let v = shown.vulnerabilities[p.stage.map { "\(p.chain)/\($0)" } ?? p.chain]
                print([p.arena.rawValue, p.chain, p.stage ?? "", p.position?.rawValue ?? "", p.vulnerability.rawValue,
                       v?.importShareFromChallenger.map { "\($0)" } ?? "", p.predicted.map(\.rawValue).joined(separator: "; "),
                       "\(p.confidence)", p.reasons.joined(separator: "; ")].map(csvQuoted).joined(separator: ","))
            }
        case .text:
            var inputs = ReportInputs()
            inputs.framework = shown
            inputs.frameworkProvenance = provenance
            let report = ReportBuilder(options: ReportOptions(reporter: l, rival: c), countries: table).build(inputs)
            var only = report
            only.title = "The framework applied: \(table.name(l)) (leader) and \(table.name(c)) (challenger)"
            only.sections = report.sections.filter { $0.id == "framework" }
            print(only.text(maxRows: 40, colour: isatty(STDOUT_FILENO) == 1), terminator: "")
            print("\nSources: " + provenance.map(\.citation).joined(separator: "; "))
        }
    }
}

struct FrameworkOutput: Encodable {
    let result: FrameworkResult
    let sources: [Provenance]
}
