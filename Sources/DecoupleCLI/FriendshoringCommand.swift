import ArgumentParser
import DecoupleAnalyses
import DecoupleRendering
import Foundation

extension FriendshoringDataset: ExpressibleByArgument {}

struct FriendshoringCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "friendshoring",
        abstract: "The share of a reporter's imports of a product set that comes from the members of an alliance, and its change over time.",
        discussion: """
        Products: a taxonomy chain (--chain, optionally --stage) or HS codes (--codes, all of one length). \
        Data: census-hs6-2024 (HS6, 2024; default with --chain or 4/6-digit codes), census-hs2-monthly \
        (HS2 chapters, 2013–2021; default with 2-digit codes) or imf-dots (all goods, 2000–2020, any reporter; default \
        without products). Membership is taken on each period's last day, or on --at for every period. Only partner \
        economies count; members the dataset does not cover are listed, never estimated.
        """)

    @Option(help: "The alliance (id or abbreviation, e.g. MSP, IPEF, NATO, US-FTA).") var alliance: String
    @Option(help: "A taxonomy chain (e.g. batteries).") var chain: String?
    @Option(help: "A stage of that chain (e.g. cells-packs).") var stage: String?
    @Option(help: "HS codes, comma-separated (e.g. 850760,850790 or 85).") var codes: String?
    @Option(help: "census-hs6-2024, census-hs2-monthly or imf-dots.") var dataset: FriendshoringDataset?
    @Option(help: "The importing country (Census data: USA only).") var reporter: String = "USA"
    @Option(help: "Take membership on this day (YYYY-MM-DD) for every period, instead of each period's last day.") var at: String?
    @Option(help: "An alliances file in the same JSON schema, instead of the bundled one.") var alliancesFile: String?
    @OptionGroup var taxonomy: TaxonomyOptions
    @Option(help: "text, json or csv.") var format: OutputFormat = .text

    func run() throws {
        let fixed = try at.map { try parsePolicyDay($0, option: "--at") }
        let reporterCode: Country
        do { reporterCode = try CountryTable.standard.resolve(reporter) } catch {
            throw ValidationError("--reporter '\(reporter)': unknown country (expected an ISO 3166 code such as USA)")
        }
        let request = FriendshoringRequest(alliance: alliance, chain: chain, stage: stage, codes: codes, dataset: dataset,
                                           reporter: reporterCode, at: fixed)
        _ = try guarded { try FriendshoringRun.plan(request) }
        let catalog = try guarded { try DataCatalog.locate(explicit: taxonomy.dataDir) }
        let alliances = try guarded { try loadAlliances(file: alliancesFile, dataDir: taxonomy.dataDir) }
        let result = try guarded {
            try FriendshoringRun.run(request, alliances: alliances, taxonomy: { try taxonomy.load().0 }) { data in
                switch data {
                case .censusHS6: return try Progress("Loading Census HS6 2024").run { try catalog.loadCensusHS6_2024(progress: $0) }
                case .censusHS2: return try Progress("Loading Census HS2 monthly").run { try catalog.loadCensusHS2Monthly(progress: $0) }
                case .dots: return try Progress("Loading IMF DOTS").run { try catalog.loadDOTS(reporters: [reporterCode], progress: $0) }
                }
            }
        }
        switch format {
        case .json: print(try encodeJSON(result))
        case .csv: print(FriendshoringText.csv(result), terminator: "")
        case .text: print(FriendshoringText.text(result), terminator: "")
        }
    }
}
