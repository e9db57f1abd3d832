import ArgumentParser
import DecoupleAnalyses
import DecoupleRendering
import Foundation

/// `decouple dependence`: how much the reporter depends on the rival, year by year, in a
/// product selection, and which products pass the EU 2021 or CEPII GeoDep dependency screens.
struct DependenceCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "dependence",
        abstract: "Import dependence on the rival: shares, top suppliers, HHI, asymmetry, RCA and dependency screens.",
        discussion: """
        Reads an imported panel store (`decouple data import`). For every year: the reporter's \
        imports of the products, the rival's share, the top suppliers, the suppliers' HHI (raw and \
        normalised 0–1), the asymmetry of dependence (reporter's import share from the rival minus \
        the rival's export share to the reporter) and, with all-reporter data (BACI), the rival's \
        world market share and revealed comparative advantage. --screen adds the EU 2021 or the \
        CEPII GeoDep screen of every product for the last year.
        """)

    @OptionGroup var panelOptions: PanelOptions

    @Option(help: "How many suppliers (and screened products) to list.")
    var top: Int = 5

    @Option(help: "Screen products for dependencies in the last year: none, eu (EU 2021) or geodep (CEPII).")
    var screen: DependenceRequest.Screen = .none

    @Option(help: "Importers screened together by --screen eu: EU27, or comma-separated countries (default: the reporter).")
    var bloc: String?

    @Option(help: "HHI cut-off of the screens.")
    var hhiThreshold: Double = 0.4

    func validate() throws {
        guard top > 0 else { throw ValidationError("--top must be positive") }
        guard (0...1).contains(hhiThreshold) else { throw ValidationError("--hhi-threshold must be between 0 and 1") }
    }

    func run() async throws {
        try await reportingDataErrors {
            var q = DependenceRequest(panel: try panelOptions.request())
            q.top = top
            q.screen = screen
            q.bloc = bloc
            q.hhiThreshold = hhiThreshold
            let document = try await DependenceAnalysis.run(q)
            switch panelOptions.format {
            case .json: print(try PanelOutput.json(document))
            case .csv: print(PanelAnalysesText.csv(document), terminator: "")
            case .text: print(PanelAnalysesText.text(document), terminator: "")
            }
        }
    }
}

extension DependenceRequest.Screen: ExpressibleByArgument {}
