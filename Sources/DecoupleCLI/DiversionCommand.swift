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

    struct Output: Codable {
        /// The engine and its data (the store's path for the local engine).
        let source: String
        let provenance: [Provenance]
        let diversion: TradeDiversion
    }

    func run() async throws {
        try await reportingDataErrors {
            let (reporter, rival) = try panelOptions.countries()
            let engine = try await panelOptions.openEngine()
            let panel = try await engine.describe()
            let selection = try panelOptions.selection()
            let from = panelOptions.from ?? panel.years.first ?? 0, to = panelOptions.to ?? panel.years.last ?? 0
            guard panel.years.contains(from), panel.years.contains(to), from < to else {
                throw ValidationError("--from and --to must be two years of the store (\(panel.years.map(String.init).joined(separator: ", ")))")
            }
            guard let d = try await engine.measure(TradeDiversionRequest(reporter: reporter, rival: rival, products: selection,
                                                                         from: from, to: to)) else {
                throw ValidationError("no imports of \(selection.name) by \(reporter) in both \(from) and \(to)")
            }
            let output = Output(source: engine.name, provenance: panel.provenance, diversion: d)
            switch panelOptions.format {
            case .json: print(try PanelOutput.json(output))
            case .csv: print(csv(d, panel.provenance), terminator: "")
            case .text: print(text(d, panel.provenance), terminator: "")
            }
        }
    }

    private func text(_ d: TradeDiversion, _ provenance: [Provenance]) -> String {
        var s = "Trade diversion from \(PanelOutput.name(d.rival)) in \(PanelOutput.possessive(d.reporter)) imports of \(d.products), \(d.fromYear) → \(d.toYear)\n\n"
        s += "\(d.rival.code) share of all these imports: \(PanelOutput.percent(d.rivalShareFrom)) → \(PanelOutput.percent(d.rivalShareTo))\n"
        s += "\(d.rival.code) lost share in \(d.productsWhereRivalLost) of \(d.productsCompared) products; there its share went \(PanelOutput.percent(d.rivalShareFromInLost)) → \(PanelOutput.percent(d.rivalShareToInLost))\n\n"
        s += PanelOutput.table(["partner", "share \(d.fromYear)", "share \(d.toYear)", "change", "US$ m \(d.toYear)",
                                "its imports from \(d.rival.code) US$ m", "connector"],
                               d.partners.prefix(top).map { p in
                                   [p.partner.code, PanelOutput.percent(p.shareFrom), PanelOutput.percent(p.shareTo), PanelOutput.points(p.change),
                                    PanelOutput.millions(p.valueTo),
                                    p.importsFromRivalFrom.map { "\(PanelOutput.millions($0)) → \(PanelOutput.millions(p.importsFromRivalTo ?? 0))" } ?? "n/a",
                                    p.isConnector.map { $0 ? "yes" : "no" } ?? "n/a"]
                               })
        return s + "\n" + PanelOutput.sources(provenance)
    }

    private func csv(_ d: TradeDiversion, _ provenance: [Provenance]) -> String {
        var rows: [[String]] = [["partner", "from_year", "to_year", "share_from", "share_to", "change", "value_from_usd", "value_to_usd",
                                 "imports_from_rival_from_usd", "imports_from_rival_to_usd", "connector", "source"]]
        let source = provenance.map(\.citation).joined(separator: "; ")
        for p in d.partners {
            rows.append([p.partner.code, String(d.fromYear), String(d.toYear), String(p.shareFrom), String(p.shareTo), String(p.change),
                         String(p.valueFrom), String(p.valueTo), p.importsFromRivalFrom.map { String($0) } ?? "",
                         p.importsFromRivalTo.map { String($0) } ?? "", p.isConnector.map { $0 ? "yes" : "no" } ?? "", source])
        }
        return PanelOutput.csv(rows)
    }
}
