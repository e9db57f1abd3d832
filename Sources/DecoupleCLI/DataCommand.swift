import ArgumentParser
import DecoupleAnalyses
import DecoupleRendering
import Foundation

struct DataCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "data",
        abstract: "List the bundled datasets and imported panel stores; import BACI or UN Comtrade files; fetch official data.",
        subcommands: [List.self, ImportCommand.self, FetchCommand.self],
        defaultSubcommand: List.self)

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "List the bundled datasets with their provenance.",
            discussion: "With --check every input of the data folder is read in full by the reader the commands use; warnings (files not used, sectors without a name) and errors are listed, and the exit status is 1 when any input cannot be read.")

        @Option(help: "text, json or csv.")
        var format: OutputFormat = .text

        @Flag(help: "Read every bundled input in full and report warnings and errors (exit 1 on an error).")
        var check = false

        @Option(name: .customLong("data-dir"), help: "The data folder (default: the bundled Data/).")
        var dataDir: String?

        func run() throws {
            if check { return try runCheck() }
            let all = BundledDataset.all
            switch format {
            case .json:
                print(try DecoupleJSON.encode(DataListing.current()))
            case .csv:
                print("id,title,path,format,source,edition,url,licence,retrieved_from")
                for d in all {
                    let p = d.provenance
                    print([d.id, d.title, "Data/" + d.path, d.format, p.source, p.edition, p.url, p.licence, p.retrievedFrom]
                        .map { $0.contains(where: { ",\"\n".contains($0) }) ? "\"" + $0.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : $0 }
                        .joined(separator: ","))
                }
                for store in StoreListing.all() {
                    print(store.csvLine)
                }
            case .text:
                for d in all {
                    print("\(d.id)\n  \(d.title)\n  file:    Data/\(d.path)\n  format:  \(d.format)\n  source:  \(d.provenance.source), \(d.provenance.edition)\n  origin:  \(d.provenance.url)\n  licence: \(d.provenance.licence)\n  copy:    \(d.provenance.retrievedFrom)\n")
                }
                print(StoreListing.text())
                print(FetchedListing.text(), terminator: "")
            }
        }

        func runCheck() throws {
            let catalog = try DataCatalog.locate(explicit: dataDir)
            let tty = isatty(STDERR_FILENO) == 1
            let checks = DataCheck.run(catalog: catalog) { id in
                if tty { FileHandle.standardError.write(Data("\rreading \(id)…\u{1B}[K".utf8)) }
            }
            if tty { FileHandle.standardError.write(Data("\r\u{1B}[K".utf8)) }
            switch format {
            case .json: print(try DecoupleJSON.encode(checks))
            case .csv: print(DataCheckText.csv(checks), terminator: "")
            case .text: print("Data folder: \(catalog.root)\n\n" + DataCheckText.text(checks), terminator: "")
            }
            if checks.contains(where: { $0.status == .error }) { throw ExitCode.failure }
        }
    }
}
