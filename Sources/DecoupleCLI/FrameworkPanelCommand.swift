import ArgumentParser
import DecoupleAnalyses
import DecoupleRendering
import Foundation

/// Options shared by `framework panel` and `framework timeline`.
struct FrameworkPairOptions: ParsableArguments {
    @Option(help: "The leading economy (ISO3, or a bloc with known members: EU).") var leader: String = "USA"
    @Option(help: "The challenging economy.") var challenger: String = "CHN"
    @Option(help: "An imported all-reporter panel store (CEPII BACI, see `decouple data import`): world export and import shares of every stage, every year.") var store: String?
    @Option(help: "A framework configuration file overriding Data/framework/framework.json (same schema).") var config: String?
    @Option(help: "A WIOD 2013 release folder (wiot_<year>_output.csv, _inter.csv.gz, _final.csv.gz): output and use shares of the chain's WIOD industries, 1995–2011.") var wiod: String?
    @OptionGroup var taxonomy: TaxonomyOptions

    /// The two economies, resolved.
    func pair() throws -> (Country, Country) {
        let table = CountryTable.standard
        do {
            let l = try table.resolve(leader), c = try table.resolve(challenger)
            guard l != c else { throw ValidationError("--leader and --challenger must differ") }
            return (l, c)
        } catch let e as UnknownCountryCode {
            throw ValidationError(e.description)
        }
    }

    func data() throws -> AnalysisData {
        AnalysisData(catalog: try DataCatalog.locate(explicit: taxonomy.dataDir), taxonomyFiles: taxonomy.files,
                     frameworkConfig: config, progress: Progress.reporter())
    }
}

/// `decouple framework panel`: the framework's variables by chain, stage, year and dimension.
struct FrameworkPanelCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "panel",
        abstract: "The framework's variables by chain, stage, year and dimension, for the leader and the challenger.",
        discussion: """
        One row per chain, stage, year and dimension: the leader's and the challenger's value, the \
        indicator, its granularity (stage, chain, sector), source and vintage. Technology: USPTO \
        patent shares in the chain's field (NCSES, every year). Manufacturing and market: world export \
        and import shares of the stage's HS6 lines per year with --store (CEPII BACI), the OECD ICIO \
        2022 sector shares, and with --wiod the WIOD industries' output and use shares 1995–2011. \
        Published stage figures (Data/framework/stage-figures.json) for both economies, each naming \
        its page. Missing values are shown as n/a, never as zero.
        """)

    @OptionGroup var pair: FrameworkPairOptions
    @Option(help: "Only this chain (id).") var chain: String?
    @Option(help: "Only this stage (id; with --chain).") var stage: String?
    @Option(help: "First year shown.") var from: Int?
    @Option(help: "Last year shown.") var to: Int?
    @Option(help: "text, json or csv.") var format: OutputFormat = .text

    func validate() throws {
        if stage != nil && chain == nil { throw ValidationError("--stage needs --chain") }
        if let from, let to, from > to { throw ValidationError("--from (\(from)) is after --to (\(to))") }
    }

    func run() async throws {
        let (l, c) = try pair.pair()
        let document = try await guardedAsync {
            try await pair.data().frameworkPanel(leader: l, challenger: c, store: pair.store, wiod: pair.wiod).filtered(chain: chain, stage: stage, from: from, to: to)
        }
        switch format {
        case .json: print(try encodeJSON(document))
        case .csv: print(FrameworkPanelText.csv(document), terminator: "")
        case .text: print(FrameworkPanelText.text(document), terminator: "")
        }
    }
}

/// `decouple framework timeline`: catch-up, designation and first instruments per stage.
struct FrameworkTimelineCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "timeline",
        abstract: "Per stage: catch-up dates per dimension, designation, first instruments of both sides, and their order.",
        discussion: """
        The catch-up year follows the documented rule in framework.json (catchUpRule). Securitisation \
        is the leader's first strategy naming the chain or its first instrument, whichever is earlier \
        (Data/policy/measures.json); the challenger's first measure on the chain is shown beside it. \
        A stage the leader securitised before the data show catch-up is reported as such.
        """)

    @OptionGroup var pair: FrameworkPairOptions
    @Option(help: "Only this chain (id).") var chain: String?
    @Option(help: "text or json.") var format: OutputFormat = .text

    func run() async throws {
        let (l, c) = try pair.pair()
        let document = try await guardedAsync {
            try await pair.data().frameworkTimeline(leader: l, challenger: c, chain: chain, store: pair.store, wiod: pair.wiod)
        }
        switch format {
        case .json: print(try encodeJSON(document))
        case .csv: throw ValidationError("framework timeline prints text or json")
        case .text: print(FrameworkPanelText.timelineText(document), terminator: "")
        }
    }
}

/// `decouple framework evaluate`: the framework against null models, with a permutation test.
struct FrameworkEvaluateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "evaluate",
        abstract: "Score the framework's predictions against dated stage-level outcomes, null models and a permutation test.",
        discussion: """
        Each stage's outcome is the family (restrict or substitute) of the leader's first measure on it; \
        the prediction uses only predictors read in the year before. Nulls: the majority class, always \
        substitute, and the arena rule (green → substitute, digital → restrict); a permutation test \
        shuffles the predictions across stages. The result is printed as it is.
        """)

    @OptionGroup var pair: FrameworkPairOptions
    @Option(help: "Shuffles of the permutation test.") var permutations: Int = 10_000
    @Option(help: "Seed of the permutation test.") var seed: UInt64 = 20241205
    @Option(help: "text or json.") var format: OutputFormat = .text

    func validate() throws {
        guard (0...1_000_000).contains(permutations) else { throw ValidationError("--permutations must be between 0 and 1000000") }
        if pair.store != nil { throw ValidationError("framework evaluate does not read a panel store yet (its predictors are the dated patent shares); drop --store") }
    }

    func run() async throws {
        let (l, c) = try pair.pair()
        let document = try await guardedAsync {
            try await pair.data().frameworkEvaluation(leader: l, challenger: c, permutations: permutations, seed: seed)
        }
        switch format {
        case .json: print(try encodeJSON(document))
        case .csv: throw ValidationError("framework evaluate prints text or json")
        case .text: print(FrameworkPanelText.evaluationText(document), terminator: "")
        }
    }
}

/// `decouple framework sensitivity`: the evaluation over a grid of configurations.
struct FrameworkSensitivityCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sensitivity",
        abstract: "Score the framework over 567 configurations (weights, net lead, \"+\" thresholds): where does it beat the null models?")

    @OptionGroup var pair: FrameworkPairOptions
    @Option(help: "text or json.") var format: OutputFormat = .text

    func validate() throws {
        if pair.store != nil { throw ValidationError("framework sensitivity does not read a panel store yet (its predictors are the dated patent shares); drop --store") }
    }

    func run() async throws {
        let (l, c) = try pair.pair()
        let document = try await guardedAsync { try await pair.data().frameworkSensitivity(leader: l, challenger: c) }
        switch format {
        case .json: print(try encodeJSON(document))
        case .csv: throw ValidationError("framework sensitivity prints text or json")
        case .text: print(FrameworkPanelText.sensitivityText(document), terminator: "")
        }
    }
}
