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

    struct Output: Codable {
        /// The engine and its data (the store's path for the local engine).
        let source: String
        let provenance: [Provenance]
        let reporter: Country
        let rival: Country
        let baseYear: Int
        let groups: [DecouplingTrend]
        let selectiveDecoupling: SelectiveDecouplingEstimate?
    }

    func run() async throws {
        try await reportingDataErrors {
            let (reporter, rival) = try panelOptions.countries()
            let engine = try await panelOptions.openEngine()
            let panel = try await engine.describe()
            var groups: [ProductSelection] = []
            var strategic: ProductSelection? = nil
            if panelOptions.codes != nil || panelOptions.chain != nil {
                let s = try panelOptions.selection()
                groups = [s]
                strategic = s
            } else {
                groups = [.all]
                do {
                    let taxonomy = try TaxonomyLoader.bundled(catalog: DataCatalog.locate(explicit: panelOptions.dataDir))
                    var union: [HSEdition: [String: Double]] = [:]
                    for chain in taxonomy.chains {
                        groups.append(try PanelOptions.selection(chain: chain.id, stage: nil, taxonomy: taxonomy))
                        if stages {
                            for stage in chain.stages {
                                groups.append(try PanelOptions.selection(chain: chain.id, stage: stage.id, taxonomy: taxonomy))
                            }
                        }
                        for e in HSEdition.allCases {
                            for (code, w) in taxonomy.codes(chain: chain.id, edition: e) {
                                union[e, default: [:]][code] = max(union[e]?[code] ?? 0, w)
                            }
                        }
                    }
                    strategic = .weighted(union, name: "all strategic chains")
                } catch {
                    printError("warning: the taxonomy could not be read, showing all products only: \(error)")
                }
            }
            var trends: [DecouplingTrend] = []
            for group in groups {
                let trend = try await engine.measure(DecouplingTrendRequest(reporter: reporter, rival: rival, products: group,
                                                                            years: panelOptions.years, baseYear: baseYear))
                if !trend.points.isEmpty { trends.append(trend) }
            }
            guard !trends.isEmpty else {
                throw ValidationError("the data have no imports by \(reporter) for these products and years")
            }
            var did: SelectiveDecouplingEstimate? = nil
            if let strategic {
                did = try await engine.measure(SelectiveDecouplingRequest(reporter: reporter, rival: rival, strategic: strategic,
                                                                          policyYear: policyYear, years: panelOptions.years))
            }
            let output = Output(source: engine.name, provenance: panel.provenance, reporter: reporter, rival: rival,
                                baseYear: baseYear, groups: trends, selectiveDecoupling: did)
            switch panelOptions.format {
            case .json: print(try PanelOutput.json(output))
            case .csv: print(csv(output), terminator: "")
            case .text:
                var note: String? = nil
                if !panel.coversAllReporters && trends.contains(where: { !$0.totalFromWorldRows }) {
                    let shares = try await engine.measure(PartnerSharesRequest(country: reporter, side: .imports,
                                                                               years: panelOptions.years.map(Array.init)))
                    note = PanelOutput.partnerSumNote(Array(Set(shares.flatMap { $0.partners.map(\.partner) })))
                }
                print(text(output, strategic: strategic, note: note), terminator: "")
            }
        }
    }

    private func text(_ o: Output, strategic: ProductSelection?, note: String?) -> String {
        var s = "\(PanelOutput.possessive(o.rival)) share of \(PanelOutput.possessive(o.reporter)) imports, change since \(o.baseYear)\n\n"
        let years = Array(Set(o.groups.flatMap { $0.points.map(\.year) })).sorted()
        let header = ["products"] + years.map(String.init) + ["change since \(o.baseYear)"]
        let rows = o.groups.map { g -> [String] in
            [g.products] + years.map { PanelOutput.percent(g.point($0)?.share) } + [PanelOutput.points(g.points.last?.changeFromBase)]
        }
        s += PanelOutput.table(header, rows)
        s += "\nSelective decoupling (difference in differences, \(strategic?.name ?? "no strategic products") vs all other HS6 products, policy from \(policyYear)):\n"
        if let d = o.selectiveDecoupling {
            s += "  coefficient \(PanelOutput.points(d.coefficient)) (s.e. \(PanelOutput.number(d.standardError * 100, digits: 1)) pp, t = \(PanelOutput.number(d.tStatistic, digits: 2)), clustered by product)\n"
            s += "  N = \(d.observations) product-years, \(d.products) products (\(d.strategicProductCount) strategic), \(d.firstYear)–\(d.lastYear)\n"
            s += "  mean \(o.rival.code) share, strategic: \(PanelOutput.percent(d.meanShareStrategicBefore)) before → \(PanelOutput.percent(d.meanShareStrategicAfter)) after; other: \(PanelOutput.percent(d.meanShareOtherBefore)) → \(PanelOutput.percent(d.meanShareOtherAfter))\n"
        } else {
            s += "  not identified: the store needs years before and after \(policyYear) and both strategic and other products\n"
        }
        if let note { s += "\n" + note }
        return s + "\n" + PanelOutput.sources(o.provenance)
    }

    private func csv(_ o: Output) -> String {
        var rows: [[String]] = [["products", "year", "reporter", "rival", "rival_value_usd", "total_usd", "rival_share", "change_from_base", "source"]]
        let source = o.provenance.map(\.citation).joined(separator: "; ")
        for g in o.groups {
            for p in g.points {
                rows.append([g.products, String(p.year), o.reporter.code, o.rival.code, String(p.rivalValue), String(p.totalValue),
                             String(p.share), p.changeFromBase.map { String($0) } ?? "", source])
            }
        }
        if let d = o.selectiveDecoupling {
            rows.append(["did:\(d.strategicProducts)", "\(d.firstYear)-\(d.lastYear)", o.reporter.code, o.rival.code,
                         "coefficient=\(d.coefficient)", "se=\(d.standardError)", "n=\(d.observations)", "policy_year=\(d.policyYear)", source])
        }
        return PanelOutput.csv(rows)
    }
}
