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
        static let configuration = CommandConfiguration(abstract: "List the bundled datasets with their provenance.")

        @Option(help: "text, json or csv.")
        var format: OutputFormat = .text

        func run() throws {
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
    }
}
