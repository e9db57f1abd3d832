import ArgumentParser
import DecoupleAnalyses
import DecoupleRendering
import Foundation

/// `decouple scenario`: cut a supplier off and see the gap, who can fill it, at what price and
/// what it does downstream. Models and equations: docs/scenario.md.
struct ScenarioCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "scenario",
        abstract: "Scenario simulator: supply gap and alliance capacity, partial-equilibrium trade effects, input–output propagation.",
        subcommands: [Run.self, Example.self])

    struct Example: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Print a documented example scenario file (decouple scenario example > my.json).")
        func run() throws { print(ScenarioExample.json, terminator: "") }
    }

    struct Run: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Run a scenario file (examples in Data/scenarios/).",
            discussion: """
            Supply gap: gap = cut × the supplier's supply; covered = min(gap, alliance capacity), \
            uncovered = gap − covered. Partial equilibrium (SMART-style, CES/Armington): trade \
            creation, diversion and prices per supplier. Input–output: hypothetical extraction of \
            the supplier-sector's sales to the importer (output loss Δx = L* d) and Ghosh \
            propagation (Δxᵀ = eᵀ G*), OECD ICIO 2022. Deadlock: a stylised reading of the \
            U-shaped sanctions-deadlock finding.
            """)

        @Argument(help: "The scenario file (JSON, schema decouple-scenario/1).")
        var file: String

        @Option(help: "text, json or csv (block,item,measure,value).")
        var format: OutputFormat = .text

        @Option(help: "Write the output to this file (atomically) instead of standard output.")
        var out: String?

        @Option(help: "The bundled data folder (default: $DECOUPLE_DATA, else Data/ of the source checkout).")
        var dataDir: String?

        @Flag(help: "Go on when a USGS file cannot be read (it is named); the results it would have given are marked incomplete.")
        var skipBadFiles = false

        @Option(help: "Also write an HTML page with charts (self-contained SVG) to this file.")
        var html: String?

        @Option(help: "Rows per table in text output.")
        var top: Int = 10

        func validate() throws {
            guard top > 0 else { throw ValidationError("--top must be positive") }
        }

        func run() throws {
            let result: ScenarioResult = try guarded {
                do {
                    var catalog = try DataCatalog.locate(explicit: dataDir)
                    catalog.skipBadFiles = skipBadFiles
                    return try ScenarioAnalysis.run(path: file, catalog: catalog)
                } catch let e as ScenarioFileError {
                    printError("error: \(e)")
                    throw ExitCode.failure
                } catch let e as ScenarioRunError {
                    printError("error: \(e)")
                    throw ExitCode.failure
                } catch let e as InputOutputError {
                    printError("error: the input–output table cannot be used: \(e)")
                    throw ExitCode.failure
                } catch let e as LinearAlgebraError {
                    printError("error: the extracted Leontief model cannot be solved: \(e)")
                    throw ExitCode.failure
                }
            }
            let output: String
            switch format {
            case .json: output = try encodeJSON(result) + "\n"
            case .csv: output = ScenarioText.csv(result)
            case .text: output = ScenarioText.text(result, top: top)
            }
            if let html {
                try AtomicFile.write(ScenarioText.html(result, top: top), to: html)
                printError("Wrote \(html)")
            }
            try emit(output, to: out)
        }
    }
}
