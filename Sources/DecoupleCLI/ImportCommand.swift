import ArgumentParser
import DecoupleAnalyses
import DecoupleRendering
import Foundation

/// `decouple data import baci|comtrade FILE... --out STORE`: reads trade files into a panel store.
struct ImportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Import BACI or UN Comtrade files into a panel store (columnar, memory-mapped).",
        discussion: """
        The store is written atomically: a malformed file stops the import with its first errors \
        (file:line:column) and leaves no store behind. --out takes a path, or a bare name for a \
        store in \(DataListing.storeFolder) (set $DECOUPLE_STORES to change it).
        """,
        subcommands: [BACI.self, Comtrade.self])

    struct BACI: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "baci",
            abstract: "Import CEPII BACI files (t,i,j,k,v,q), one release, one HS edition.")

        @Argument(help: "BACI data files (BACI_HS17_Y2022_V202401b.csv, plain or gzip), or the release zip (BACI_HS17_V202501.zip, as `data fetch baci` keeps it).")
        var files: [String]

        @Option(help: "The store to write: a path or a name.")
        var out: String

        @Option(help: "The release's country file (default: the country_codes_V….csv beside the data).")
        var countries: String?

        @Option(help: "The HS edition (HS2017, HS17 …) when the file names do not say it.")
        var edition: String?

        @Option(help: "Threads that read a plain file and sort the rows (default: one per available core). The store is the same for any number.")
        var threads: Int?

        func validate() throws {
            if let threads, !(1...256).contains(threads) {
                throw ValidationError("--threads must be between 1 and 256, not \(threads)")
            }
        }

        func run() throws {
            let path = StoreImport.path(for: out)
            let hs = try edition.map(parseEdition)
            try importing(into: path) { progress in
                try StoreImport.baci(files: files, countryCodes: countries, edition: hs, to: path, threads: threads, progress: progress)
            }
        }
    }

    struct Comtrade: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "comtrade",
            abstract: "Import UN Comtrade annual files (v1 bulk/API CSV, camelCase or snake_case columns).")

        @Argument(help: "Comtrade CSV files (plain or gzip).")
        var files: [String]

        @Option(help: "The store to write: a path or a name.")
        var out: String

        @Option(help: "The value stored: primary (Comtrade's primaryValue: CIF imports, FOB exports), cif or fob.")
        var valuation: String = "primary"

        @Option(help: "Product code lengths to keep, comma-separated (coarser lines are aggregates and are skipped).")
        var productDigits: String = "6"

        @Option(help: "The HS edition of files without a classificationCode column.")
        var edition: String?

        func run() throws {
            let digits = Set(productDigits.split(separator: ",").compactMap { Int($0.trimmingCharacters(in: .whitespaces)) })
            guard !digits.isEmpty, digits.isSubset(of: [2, 4, 6]) else {
                throw ValidationError("--product-digits takes 2, 4 and/or 6")
            }
            guard ["primary", "cif", "fob"].contains(valuation) else { throw ValidationError("--valuation must be primary, cif or fob") }
            let hs = try edition.map(parseEdition)
            let path = StoreImport.path(for: out)
            try importing(into: path) { progress in
                try StoreImport.comtrade(files: files, valuation: valuation, productDigits: digits, defaultEdition: hs,
                                         to: path, progress: progress)
            }
        }
    }
}

/// HS2017, HS17, 2017 or H5.
private func parseEdition(_ text: String) throws -> HSEdition {
    if let e = StoreImport.edition(text) { return e }
    throw ValidationError("unknown HS edition '\(text)' (expected HS1992 … HS2022, HS17 or H5)")
}

/// Runs an import with a progress bar per file and prints what was stored.
private func importing(into path: String, _ body: (@escaping (String, Double) -> Void) throws -> PanelStoreHeader) throws {
    let start = ContinuousClock.now
    var bars: [String: Progress] = [:]
    let header: PanelStoreHeader
    do {
        header = try body { file, fraction in
            let title = (file as NSString).lastPathComponent
            let bar = bars[file] ?? Progress(title)
            bars[file] = bar
            bar.draw(fraction)
        }
    } catch let e as DataReadError {
        printError("error: the import failed; no store was written.\n\(e)")
        throw ExitCode.failure
    }
    let d = ContinuousClock.now - start
    let seconds = Double(d.components.seconds) + Double(d.components.attoseconds) * 1e-18
    print("Wrote \(path)")
    print("  \(header.rowCount) rows, years \(header.years.first ?? 0)–\(header.years.last ?? 0), \(header.countries.count) countries, \(header.products.count) products, in \(String(format: "%.1f", seconds)) s")
    for input in header.inputs {
        let skipped = input.skipped.sorted { $0.key < $1.key }.map { "\($0.value) \($0.key)" }
        print("  \(input.file): \(input.rows) rows" + (skipped.isEmpty ? "" : "; skipped " + skipped.joined(separator: ", ")))
    }
    for p in header.provenance { print("  source: \(p.citation); \(p.licence)") }
}
