import ArgumentParser
import DecoupleAnalyses
import DecoupleRendering
import Foundation

/// `decouple exposure`: face-value vs look-through (hidden) exposure of an importer's sectors
/// to a source country, from an inter-country input–output table (Baldwin, Freeman &
/// Theodorakopoulos 2023). Formulas: docs/exposure.md.
struct ExposureCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "exposure",
        abstract: "Hidden supply-chain exposure: face value (A) vs look-through (Leontief inverse), by tier, from an input–output table.",
        discussion: """
        Reads the bundled OECD ICIO 2022 block (80 economies × 50 sectors) unless --icio (an \
        official OECD ICIO CSV, any edition) or --wiod (a WIOD 2013 folder with --year) is given. \
        For every sector j of the importer: face value = Σ_{i∈source} a_ij (share of direct \
        inputs), look-through = Σ_{i∈source} (L − I)_ij (share of total input requirements), \
        hidden = look-through − face value, the tiers A, A², A³ … (the last tier collects all \
        higher ones), value-added exposure Σ_{i∈source} v_i l_ij, and the top look-through \
        foreign supplier. One LU factorisation of I − A; L itself is never formed.
        """)

    @Option(help: "The importing economy whose sectors are measured (ISO3, ISO2 or name).")
    var importer: String = "USA"

    @Option(help: "The source economy (ISO3, ISO2 or name).")
    var source: String = "CHN"

    @Option(help: "One sector of the importer (ICIO code such as C26, WIOD code such as c14): shows its tiers, values and top suppliers.")
    var sector: String?

    @Option(help: "Number of tiers shown (≥ 2): tier 1 = face value, …, the last tier collects that tier and all above.")
    var tiers: Int = 4

    @Option(help: "With --sector: how many foreign suppliers to list.")
    var top: Int = 10

    @Option(help: "An official OECD ICIO CSV (e.g. 2022_SML.csv, plain or gzip) instead of the bundled block.")
    var icio: String?

    @Option(help: "A folder with WIOD 2013 release CSVs (wiot_<year>_inter.csv.gz, _final.csv.gz, _output.csv); needs --year.")
    var wiod: String?

    @Option(help: "The WIOD year (1995–2011).")
    var year: Int?

    @Option(help: "text, json (every sector with its coefficients, shares and values) or csv (one row per sector).")
    var format: OutputFormat = .text

    @Option(help: "Write the output to this file (atomically) instead of standard output.")
    var out: String?

    @Option(help: "The bundled data folder (default: $DECOUPLE_DATA, else Data/ of the source checkout).")
    var dataDir: String?

    func validate() throws {
        guard tiers >= 2 && tiers <= 20 else { throw ValidationError("--tiers must be between 2 and 20") }
        guard top > 0 else { throw ValidationError("--top must be positive") }
        if icio != nil && wiod != nil { throw ValidationError("give --icio or --wiod, not both") }
        if wiod != nil {
            guard let year else { throw ValidationError("--wiod needs --year (1995–2011)") }
            guard (1995...2011).contains(year) else { throw ValidationError("--year must be between 1995 and 2011 (WIOD 2013 release)") }
        } else if year != nil {
            throw ValidationError("--year applies to --wiod only")
        }
    }

    func run() throws {
        if let sector, icio == nil, wiod == nil {
            do { try InputOutputTables.checkBundledSector(sector, dataDir: dataDir) } catch let e as AnalysisInputError { throw ValidationError(e.message) }
        }
        let loaded: LoadedIOTable
        do {
            loaded = try InputOutputTables.load(icio: icio, wiod: wiod, year: year, dataDir: dataDir, progress: Progress.reporter())
        } catch let e as DataReadError {
            printError("error: cannot read the input–output table:\n\(e)")
            throw ExitCode.failure
        }
        let imp = try guarded { try InputOutputTables.region(importer, in: loaded.table, option: "--importer") }
        let src = try guarded { try InputOutputTables.region(source, in: loaded.table, option: "--source") }
        guard imp != src else { throw ValidationError("--importer and --source must differ") }
        let exposure: ImporterExposure
        do {
            exposure = try InputOutputTables.exposure(loaded, importer: imp, tiers: tiers)
        } catch let e as InputOutputError {
            printError("error: \(e)")
            throw ExitCode.failure
        } catch let e as LinearAlgebraError {
            printError("error: the Leontief model cannot be solved: \(e)")
            throw ExitCode.failure
        }
        var columns = Array(exposure.sectors.indices)
        if let sector {
            guard let c = exposure.column(ofSector: sector) else {
                throw ValidationError("no sector '\(sector)' for \(imp); its sectors are \(exposure.sectors.joined(separator: ", "))")
            }
            columns = [c]
        }
        let rows = columns.compactMap { exposure.sector($0, source: src) }
        let total = exposure.aggregate(Array(exposure.sectors.indices), source: src, label: "all sectors")
        let output: String
        switch format {
        case .json:
            let doc = ExposureRun.document(exposure: exposure, columns: columns, source: src, table: loaded.table.name,
                                           datasetID: loaded.datasetID, provenance: loaded.provenance, notes: loaded.table.notes,
                                           suppliersOf: sector == nil ? nil : columns[0], top: top)
            output = String(decoding: try ExposureRun.encode(doc), as: UTF8.self)
        case .csv:
            output = ExposureText.csv(rows + (sector == nil ? total.map { [$0] } ?? [] : []), tiers: tiers)
        case .text:
            output = sector == nil
                ? ExposureText.text(rows, total: total, manufacturing: ExposureSelection.manufacturingAggregate(exposure, source: src),
                                    loaded: loaded, tiers: tiers)
                : ExposureText.detail(rows[0], exposure: exposure, column: columns[0], loaded: loaded, top: top)
        }
        try emit(output, to: out)
    }
}
