import ArgumentParser
import DecoupleAnalyses
import DecoupleRendering
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Output formats of commands that print results.
enum OutputFormat: String, ExpressibleByArgument, CaseIterable {
    case text, json, csv
}

/// `report --format`: the outputs of a report.
enum ReportFormat: String, ExpressibleByArgument, CaseIterable {
    case text, html, json, csv
}

struct Report: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Show how far a reporter's trade has decoupled from a rival (the main job).",
        discussion: """
        Reads the bundled data (IMF DOTS 2000–2020; US Census monthly imports by HS2 chapter \
        2013–2021, the 2024 HS6 cross-section and monthly US–China trade 2001–2019), prints a \
        summary and writes a self-contained HTML report (inline CSS and SVG) to --out/index.html. \
        The Census sections need reporter USA; other reporters get the IMF DOTS sections.
        """)

    @Option(help: "The reporting economy (ISO3, ISO2, ISO numeric or name).")
    var reporter: String = "USA"

    @Option(help: "The rival economy (ISO3, ISO2, ISO numeric or name).")
    var rival: String = "CHN"

    @Option(help: "The year before decoupling measures took hold; changes are measured from it.")
    var baseYear: Int = 2017

    @Option(help: "How many rows the ranking tables keep.")
    var top: Int = 10

    @Flag(help: "Go on when a USGS file cannot be read (it is named); the minerals it would have given are marked incomplete.")
    var skipBadFiles = false

    @Flag(help: "Keep gold (HS 7108, 7118) and the special-provision chapters 98–99 in partner rankings and \"who gained\" (left out by default).")
    var includeGold = false

    @Option(help: "Headline counts of chain stages take only stages whose imports reach this value, in US dollars (default 100000000 = US$100m).")
    var minValue: Double = ReportOptions.defaultMinimumStageValue

    @Option(help: "A fetch cache whose Census data (`decouple data fetch census`) extend the trade sections (default: the default cache when it holds a Census fetch).")
    var censusCache: String?

    @Flag(help: "Use only the bundled trade data, even when a fetch cache exists.")
    var bundledOnly = false

    @Option(help: "Folder for the HTML report (index.html for United States–China, REPORTER-RIVAL.html for another pair).")
    var out: String = "decouple-report"

    @Flag(help: "Do not write the HTML report.")
    var noHTML = false

    @Option(help: "text (a terminal summary), html (the report file only), json (every figure with its provenance) or csv (one figure per row) on standard output. Without --format: the text summary and the HTML file; with one, only what it names.")
    var format: ReportFormat?

    @Option(help: "Print one section only (text, json or csv): \(ReportBuilder.sectionIDs.joined(separator: ", ")).")
    var section: String?

    @OptionGroup var taxonomy: TaxonomyOptions

    @OptionGroup(title: "Trade data from a panel store or engine (default: the bundled IMF DOTS and US Census data)")
    var engineOptions: EngineOptions

    @Option(help: "A framework configuration file overriding Data/framework/framework.json.")
    var frameworkConfig: String?

    func validate() throws {
        guard (1990...2030).contains(baseYear) else { throw ValidationError("--base-year must be between 1990 and 2030") }
        guard top > 0 else { throw ValidationError("--top must be positive") }
        guard minValue.isFinite, minValue >= 0 else { throw ValidationError("--min-value must be a non-negative number of US dollars, found \(minValue)") }
        try engineOptions.validate()
        if let section, !ReportBuilder.sectionIDs.contains(section) {
            throw ValidationError("--section \(section): no such section; the report's sections are \(ReportBuilder.sectionIDs.joined(separator: ", "))")
        }
    }

    func run() async throws {
        let table = CountryTable.standard
        let reporter: Country, rival: Country
        do {
            reporter = try table.resolve(self.reporter)
            rival = try table.resolve(self.rival)
        } catch let e as UnknownCountryCode {
            throw ValidationError(e.description)
        }
        guard reporter != rival else { throw ValidationError("--reporter and --rival must differ") }
        do {
            var panel: TradePanelRequest? = nil
            if engineOptions.isSet {
                var q = TradePanelRequest()
                engineOptions.apply(to: &q)
                panel = q
            }
            var catalog = try DataCatalog.locate(explicit: taxonomy.dataDir)
            catalog.skipBadFiles = skipBadFiles
            let data = AnalysisData(catalog: catalog, taxonomyFiles: taxonomy.files,
                                    frameworkConfig: frameworkConfig, tradePanel: panel,
                                    fetchCache: bundledOnly ? nil : CensusCacheLocation.census(explicit: censusCache), progress: Progress.reporter(),
                                    warn: { printError("warning: " + $0) })
            let options = ReportOptions(reporter: reporter, rival: rival, baseYear: baseYear, topCount: top,
                                        includeGold: includeGold, minimumStageValue: minValue)
            var report = try await data.report(options)
            if let section {
                guard let s = report.sections.first(where: { $0.id == section }) else {
                    throw ValidationError("--section \(section): no such section; the report's sections are \(report.sections.map(\.id).joined(separator: ", "))")
                }
                report.sections = [s]
                report.headlines = []
                report.currency = []
            }
            // HTML when asked: --format html, or a bare `report` (the default), never beside json/csv/text.
            if !noHTML && (format == nil || format == .html) {
                let name = (reporter, rival) == (.usa, .china) ? "index.html" : "\(reporter.code)-\(rival.code).html"
                let path = out + "/" + name
                try AtomicFile.write(report.html(), to: path)
                printError("Wrote the HTML report to \(path)")
            }
            switch format ?? .text {
            case .text: print(report.text(colour: isatty(STDOUT_FILENO) == 1, width: TerminalWidth.current()), terminator: "")
            case .json: print(try report.json())
            case .csv: print(report.csv(), terminator: "")
            case .html: break
            }
        } catch let e as DataReadError {
            printError("error: cannot read the data:\n\(e)")
            throw ExitCode.failure
        } catch let e as AnalysisInputError {
            throw ValidationError(e.message)
        }
    }
}
