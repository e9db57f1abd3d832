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
        case .csv:
            print("period,reporter,alliance,membership_day,from_members,total,share,basis,members_with_imports,members_not_in_data,products,source")
            for s in result.shares {
                print([s.period.description, reporterCode.code, result.alliance, s.membershipDay.description, String(format: "%.0f", s.fromMembers),
                       String(format: "%.0f", s.total), String(format: "%.6f", s.share), s.basis.rawValue,
                       s.membersWithImports.map(\.code).joined(separator: " "), s.membersNotInData.map(\.code).joined(separator: " "),
                       result.products, result.provenance[0].citation].map(csvQuoted).joined(separator: ","))
            }
        case .text: printText(result)
        }
    }

    private func printText(_ r: FriendshoringResult) {
        let names = CountryTable.standard
        print("Friend-shoring share: \(names.name(r.reporter)) imports of \(r.products) from \(r.alliance) (\(r.allianceName)) members, \(r.membership)")
        print("")
        print("period   from members           total        share   members with imports")
        for s in r.shares {
            let partial = r.partialYears.contains(s.period.description) ? "*" : " "
            print("\(s.period.description.padding(toLength: 7, withPad: " ", startingAt: 0))\(partial) \(rightAligned(usd(s.fromMembers), 14))  \(rightAligned(usd(s.total), 14))  \(String(format: "%6.1f%%", s.share * 100))   \(s.membersWithImports.map(\.code).joined(separator: " "))")
        }
        if !r.partialYears.isEmpty { print("* partial year (fewer than 12 months in the data)") }
        if let change = r.change, let first = r.shares.first, let last = r.shares.last {
            print(String(format: "\nChange %@ → %@: %+.1f percentage points", first.period.description, last.period.description, change * 100))
        }
        if let last = r.shares.last {
            if !last.membersNotInData.isEmpty {
                print("\nMembers on \(last.membershipDay) that are not partners in \(r.dataset) (their imports are in no figure above): \(last.membersNotInData.map(\.code).joined(separator: ", "))")
            }
            if last.members.contains(Country("EU")) {
                print("The EU is a member as an institution; EU member states count only where listed individually, and aggregate lines (such as Census 'European Union') are not partner economies.")
            }
            print("Denominator: \(last.basis.rawValue).")
        }
        print("\nSources: " + r.provenance.map(\.citation).joined(separator: "; "))
        print("Alliance sources: " + r.allianceSources.map(\.citation).joined(separator: "; "))
    }

    private func usd(_ x: Double) -> String {
        if x >= 1e9 { return String(format: "$%.2f bn", x / 1e9) }
        if x >= 1e6 { return String(format: "$%.1f m", x / 1e6) }
        return String(format: "$%.0f", x)
    }
}

/// `text` right-aligned in `width` columns.
private func rightAligned(_ text: String, _ width: Int) -> String {
    text.count >= width ? text : String(repeating: " ", count: width - text.count) + text
}
