import ArgumentParser
import DecoupleAnalyses
import DecoupleRendering
import Foundation

/// `decouple framework`: the framework applied (the default), its panel and its timeline.
struct FrameworkCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "framework",
        abstract: "Apply the framework (default), list its variables by stage and year (panel), or order catch-up and securitisation (timeline).",
        subcommands: [FrameworkShowCommand.self, FrameworkPanelCommand.self, FrameworkTimelineCommand.self, FrameworkEvaluateCommand.self, FrameworkSensitivityCommand.self],
        defaultSubcommand: FrameworkShowCommand.self)
}

/// `decouple framework [show]`: Table 1, predictions and agreement with observed measures.
struct FrameworkShowCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "show",
        abstract: "Apply the framework: advantage profile, vulnerability, catch-up, predicted vs observed instruments.",
        discussion: """
        For each chain and stage of the taxonomy: technology indicators (USPTO patent shares, NCSES), \
        sourced manufacturing observations, the leader's import share from the challenger and supplier \
        concentration (Census 2024, leader USA), the rules' predicted instruments with confidence and reasons. \
        Thresholds and rules live in Data/framework/framework.json; override any field with --config FILE. \
        `framework panel` lists the variables by stage and year; `framework timeline` orders catch-up and securitisation.
        """)

    @Option(help: "The leading economy.") var leader: String = "USA"
    @Option(help: "The challenging economy.") var challenger: String = "CHN"
    @Option(help: "Year of the technology indicators (default: latest in the data).") var year: Int?
    @Option(help: "Only this chain (id, e.g. semiconductors).") var chain: String?
    @Option(help: "A framework configuration file overriding Data/framework/framework.json (same schema).") var config: String?
    @Option(help: "An imported all-reporter panel store (CEPII BACI, see `decouple data import`) for world export shares.") var store: String?
    @OptionGroup var taxonomy: TaxonomyOptions
    @Option(help: "text, json or csv.") var format: OutputFormat = .text

    func run() async throws {
        let table = CountryTable.standard
        let (l, c): (Country, Country)
        do { (l, c) = (try table.resolve(leader), try table.resolve(challenger)) } catch let e as UnknownCountryCode {
            throw ValidationError(e.description)
        }
        let (result, provenance, evaluation, sensitivity) = try await guardedAsync {
            let data = AnalysisData(catalog: try DataCatalog.locate(explicit: taxonomy.dataDir), taxonomyFiles: taxonomy.files,
                                    frameworkConfig: config, progress: Progress.reporter())
            let t = try await data.taxonomy().taxonomy
            if let chain, t.chain(chain) == nil {
                throw ValidationError("unknown chain '\(chain)'; known chains: \(t.chains.map(\.id).joined(separator: ", "))")
            }
            let bundle = try await data.framework(leader: l, challenger: c, year: year, store: store)
            // The text leads with the evaluation against the null models (issue #18).
            let evaluation = format == .text && chain == nil ? try await data.frameworkEvaluation(leader: l, challenger: c).evaluation : nil
            let sensitivity = format == .text && chain == nil ? try await data.frameworkSensitivity(leader: l, challenger: c).sensitivity : nil
            return (bundle.result, bundle.provenance, evaluation, sensitivity)
        }
        let shown = FrameworkRun.only(chain: chain, of: result)
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
            inputs.frameworkEvaluation = evaluation
            inputs.frameworkSensitivity = sensitivity
            let report = ReportBuilder(options: ReportOptions(reporter: l, rival: c), countries: table).build(inputs)
            var only = report
            only.title = "The framework applied: \(table.name(l)) (leader) and \(table.name(c)) (challenger)"
            only.sections = report.sections.filter { $0.id == "framework" }
            print(only.text(maxRows: 40, colour: isatty(STDOUT_FILENO) == 1), terminator: "")
            print("\nSources: " + provenance.map(\.citation).joined(separator: "; "))
        }
    }
}
