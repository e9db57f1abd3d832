import ArgumentParser
import DecoupleAnalyses
import DecoupleRendering
import Foundation

/// `decouple diversion`: who gained the share the rival lost, and which gainers imported more
/// from the rival themselves ("connector" countries).
struct DiversionCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "diversion",
        abstract: "Which partners gained the share the rival lost, and which of them are connectors.",
        discussion: """
        Compares --from and --to (default: the first and last years of the store). Among the \
        products where the rival's share of the reporter's imports fell, every partner's share \
        change; a gainer is a connector when its own imports from the rival of the same products \
        rose (needs all-reporter data such as BACI; n/a otherwise).
        """)

    @OptionGroup var panelOptions: PanelOptions

    @Option(help: "How many partners to list.")
    var top: Int = 10

    func validate() throws {
        guard top > 0 else { throw ValidationError("--top must be positive") }
    }

    func run() async throws {
        try await reportingDataErrors {
            let document = try await DiversionAnalysis.run(try panelOptions.request())
            switch panelOptions.format {
            case .json: print(try PanelOutput.json(document))
            case .csv: print(PanelAnalysesText.csv(document), terminator: "")
            case .text: print(PanelAnalysesText.text(document, top: top), terminator: "")
            }
        }
    }
}
