import ArgumentParser
import DecoupleAnalyses
import DecoupleRendering
import Foundation

/// `decouple minerals`: US reliance on critical minerals, who produces them, the rival's
/// share, supply risk and the framework's classification, from the USGS MCS data releases.
struct MineralsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "minerals",
        abstract: "Critical minerals: net import reliance, producers, the rival's share, supply risk and classification (USGS MCS).",
        discussion: """
        Reads the bundled USGS Mineral Commodity Summaries data releases (2022 subset, 2023, 2024). \
        Without --mineral, one row per commodity that reports a mineral of the US critical-minerals list \
        (MCS table 4: 50 minerals), or per commodity with --all-commodities; with --mineral, one commodity \
        with its time series. \
        Every value in --format json and csv names its edition, file, line and column.
        """)

    @Flag(help: "List the data files not used and why (every input: decouple data list --check).")
    var verbose = false

    @Option(help: "A folder of an MCS data release's CSV files (as `data fetch usgs-mcs` unpacks it) instead of the bundled edition.")
    var mcsDir: String?

    @Option(help: "The MCS edition: 2022 (12 commodities), 2023 or 2024 (any year with --mcs-dir).")
    var edition: Int = 2024

    @Option(help: "One commodity (name or USGS code: lithium, 'rare earths', simet …).")
    var mineral: String?

    @Flag(help: "List every commodity with a data file, not only those of the critical-minerals list.")
    var allCommodities = false

    @Option(help: "text, json (every value with its provenance) or csv (one value per row, with provenance).")
    var format: OutputFormat = .text

    @Option(help: "The leader (whose reliance the USGS data describe: USA).")
    var reporter: String = "USA"

    @Option(help: "The rival economy.")
    var rival: String = "CHN"

    @Option(help: "Allies, comma-separated ISO3 (default: the Minerals Security Partnership's founding members other than the US, from Data/policy/alliances.json; the EU is not a country).")
    var allies: String?

    @Option(help: "Net import reliance (percent) counted as high.")
    var highReliance: Double = 50

    @Option(help: "Leader's share of world reserves (percent) counted as meaningful.")
    var meaningfulReserves: Double = 5

    @Option(help: "Leader + allies' share of world production or processing (percent) counted as dominant.")
    var dominance: Double = 50

    @Option(help: "Write the output to this file (atomically) instead of standard output.")
    var out: String?

    @Option(help: "The bundled data folder (default: $DECOUPLE_DATA, else Data/ of the source checkout).")
    var dataDir: String?

    @Flag(help: "Go on when a USGS file cannot be read (it is named on standard error); the commodities it would have given are marked incomplete.")
    var skipBadFiles = false

    func validate() throws {
        guard [2022, 2023, 2024].contains(edition) || (mcsDir != nil && (2000...2100).contains(edition)) else {
            throw ValidationError("--edition must be 2022, 2023 or 2024 (or a year with --mcs-dir)")
        }
        for (name, v) in [("--high-reliance", highReliance), ("--meaningful-reserves", meaningfulReserves), ("--dominance", dominance)]
        where !(0...100).contains(v) {
            throw ValidationError("\(name) must be a percentage between 0 and 100")
        }
    }

    func run() throws {
        let table = CountryTable.standard
        let leader: Country, rival: Country, allySet: Set<Country>
        do {
            leader = try table.resolve(reporter)
            rival = try table.resolve(self.rival)
            let given = try allies.map { Set(try $0.split(separator: ",").map { try table.resolve(String($0)) }) }
            allySet = try (given ?? guarded { try MineralsDefaults.allies(catalog: DataCatalog.locate(explicit: dataDir)) }).subtracting([leader, rival])
        } catch let e as UnknownCountryCode {
            throw ValidationError(e.description)
        }
        guard leader == .usa else {
            throw ValidationError("the USGS salient statistics describe the United States: --reporter must be USA (got \(leader.code))")
        }
        let mcs: MineralCommoditySummaries, list: CriticalMineralsList?
        var source: Provenance? = nil
        do {
            let catalog = try DataCatalog.locate(explicit: dataDir)
            if let mcsDir {
                (mcs, source) = try MineralsRun.summaries(folder: mcsDir, edition: edition, skipBadFiles: skipBadFiles)
            } else {
                mcs = try catalog.loadMineralCommoditySummaries(edition: edition, skipBadFiles: skipBadFiles)
            }
            list = try mcs.criticalMinerals ?? MineralsRun.criticalList(edition: min(edition, 2024), catalog: catalog)
        } catch let e as DataReadError {
            printError("error: cannot read the data:\n\(e)")
            throw ExitCode.failure
        }
        // Files of the edition that are not read (layouts the readers do not know): listed with
        // --verbose and in --format json (unreadFiles), not on every run.
        if (verbose || skipBadFiles) && !mcs.unreadFiles.isEmpty {
            let files = Set(mcs.unreadFiles.map(\.file)).sorted()
            printError("warning: \(files.count) file(s) of MCS \(edition) not used (unrecognised layout): \(files.joined(separator: ", "))")
            for issue in mcs.unreadFiles.prefix(5) { printError("  \(issue)") }
            if mcs.unreadFiles.count > 5 { printError("  … \(mcs.unreadFiles.count - 5) more (all in --format json, unreadFiles)") }
        }
        let doc: MineralsDocument
        do {
            var request = MineralsRequest(edition: edition, mineral: mineral, leader: leader, rival: rival, allies: allySet,
                                          highReliance: highReliance, meaningfulReserves: meaningfulReserves, dominance: dominance)
            request.allCommodities = allCommodities
            request.fetchedRelease = mcsDir != nil
            doc = try MineralsRun.document(request, mcs: mcs, list: list, source: source)
        } catch let e as AnalysisInputError {
            throw ValidationError(e.message)
        }
        let results = doc.minerals
        let output: String
        switch format {
        case .json:
            output = try DecoupleJSON.encode(doc) + "\n"
        case .csv:
            output = MineralsText.csv(results)
        case .text:
            output = mineral == nil ? MineralsText.table(doc, countries: table)
                                    : MineralsText.detail(results[0], countries: table)
        }
        try emit(output, to: out)
    }
}
