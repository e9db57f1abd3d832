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

struct Report: ParsableCommand {
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

    @Option(help: "Folder for the HTML report.")
    var out: String = "decouple-report"

    @Flag(help: "Do not write the HTML report.")
    var noHTML = false

    @Option(help: "What to print on standard output: text, json (every figure with its provenance) or csv (one figure per row).")
    var format: OutputFormat = .text

    @OptionGroup var taxonomy: TaxonomyOptions

    @Option(help: "A framework configuration file overriding Data/framework/framework.json.")
    var frameworkConfig: String?

    func validate() throws {
        guard (1990...2030).contains(baseYear) else { throw ValidationError("--base-year must be between 1990 and 2030") }
        guard top > 0 else { throw ValidationError("--top must be positive") }
    }

    func run() throws {
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
            let catalog = try DataCatalog.locate(explicit: taxonomy.dataDir)
            let inputs = try ReportRun.inputs(reporter: reporter, rival: rival,
                                              from: CatalogReportData(catalog: catalog, taxonomyOptions: taxonomy, frameworkConfig: frameworkConfig))
            let options = ReportOptions(reporter: reporter, rival: rival, baseYear: baseYear, topCount: top)
            let report = ReportBuilder(options: options, countries: table).build(inputs)
            if !noHTML {
                let path = out + "/index.html"
                try AtomicFile.write(report.html(), to: path)
                printError("Wrote \(path)")
            }
            switch format {
            case .text: print(report.text(colour: isatty(STDOUT_FILENO) == 1), terminator: "")
            case .json: print(try report.json())
            case .csv: print(report.csv(), terminator: "")
            }
        } catch let e as DataReadError {
            printError("error: cannot read the data:\n\(e)")
            throw ExitCode.failure
        } catch let e as AnalysisInputError {
            throw ValidationError(e.message)
        }
    }
}

/// The report's datasets read from the catalog, with progress bars.
struct CatalogReportData: ReportDataSource {
    let catalog: DataCatalog
    let taxonomyOptions: TaxonomyOptions
    let frameworkConfig: String?

    func annualBilateral(reporters: Set<Country>) throws -> TradeDataset {
        try Progress("Reading IMF DOTS").run { try catalog.loadDOTS(reporters: reporters, progress: $0) }
    }
    func censusHS2Monthly() throws -> TradeDataset {
        try Progress("Reading Census HS2 monthly").run { try catalog.loadCensusHS2Monthly(progress: $0) }
    }
    func censusHS6_2024() throws -> TradeDataset {
        try Progress("Reading Census HS6 2024").run { try catalog.loadCensusHS6_2024(progress: $0) }
    }
    func censusUSChinaMonthly() throws -> TradeDataset { try catalog.loadCensusUSChinaMonthly() }
    func mineralsReportInput(leader: Country, rival: Country) throws -> MineralsReportInput {
        try MineralSupplySelection.reportInput(catalog: catalog, leader: leader, rival: rival)
    }
    func taxonomy() throws -> (StrategicTaxonomy, HSConcordance) { try taxonomyOptions.load() }
    func framework(taxonomy: StrategicTaxonomy, leader: Country, challenger: Country,
                   imports: TradeDataset?, icio: InputOutputTableData?, minerals: [MineralAssessment],
                   exposure: ExposureReportInput?) throws -> (FrameworkResult, [Provenance]) {
        try FrameworkRun.run(catalog: catalog, taxonomy: taxonomy, leader: leader, challenger: challenger, year: nil,
                             configPath: frameworkConfig, imports: imports, icio: icio, minerals: minerals, exposure: exposure)
    }
    func inputOutput() throws -> (table: InputOutputTableData, sectorNames: [String: String])? {
        let t = try Progress("Reading OECD ICIO 2022").run { try ICIOCache.shared.oecdICIO2022(catalog, progress: $0) }
        return (t, (try? catalog.loadOECDICIOSectorNames()) ?? [:])
    }
    func warn(_ message: String) { printError("warning: " + message) }
}
