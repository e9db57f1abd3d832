import ArgumentParser
import DecoupleAnalyses
import DecoupleRendering
import Foundation

/// `decouple trend`: the rival's share of the reporter's imports per chain (or stage, or code
/// list) per year, its change from a base year, and the selective-decoupling
/// difference-in-differences of strategic against all other products.
struct TrendCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "trend",
        abstract: "The rival's import share per chain and year, its change since a base year, and selective decoupling (DiD).",
        discussion: """
        Without --chain or --codes, every chain of the bundled taxonomy is shown, plus all products. \
        Selective decoupling regresses the rival's share of each HS6 product and year on \
        strategic × (year ≥ --policy-year) with product and year fixed effects (standard errors \
        clustered by product); a negative coefficient means the rival lost more share in strategic \
        products than in the others.
        """)

    @OptionGroup var panelOptions: PanelOptions

    @Option(help: "The year changes are measured from.")
    var baseYear: Int = 2017

    @Option(help: "The first year of the policy (post = this year on) for the difference in differences.")
    var policyYear: Int = 2018

    @Flag(help: "Show every stage of the chains, not only whole chains.")
    var stages = false

    func run() async throws {
        try await reportingDataErrors {
            var q = TrendRequest(panel: try panelOptions.request())
            q.baseYear = baseYear
            q.policyYear = policyYear
            q.stages = stages
            let document = try await TrendAnalysis.run(q)
            for w in document.warnings { printError("warning: \(w)") }
            switch panelOptions.format {
            case .json: print(try PanelOutput.json(document))
            case .csv: print(PanelAnalysesText.csv(document), terminator: "")
            case .text: print(PanelAnalysesText.text(document), terminator: "")
            }
        }
    }
}
