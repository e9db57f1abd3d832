import ArgumentParser
import DecoupleCore
import DecoupleData
import DecoupleMeasures
import DecouplePolicy
import Foundation

/// The bundled datasets a friend-shoring share can be computed on.
enum FriendshoringDataset: String, ExpressibleByArgument, CaseIterable {
    /// US imports by HS6 × 50 partners, 2024.
    case censusHS6 = "census-hs6-2024"
    /// US imports by HS2 × 30 partners, monthly 2013–2021 (summed to years).
    case censusHS2 = "census-hs2-monthly"
    /// All reporters' total imports by partner, 2000–2020.
    case dots = "imf-dots"
}

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
        if chain != nil && codes != nil { throw ValidationError("give --chain or --codes, not both") }
        if stage != nil && chain == nil { throw ValidationError("--stage needs --chain") }
        let codeList = try codes.map(parseCodes) ?? []
        let data = dataset ?? (chain != nil || (codeList.first?.count ?? 0) >= 4 ? .censusHS6 : (codeList.isEmpty ? .dots : .censusHS2))
        switch data {
        case .censusHS6:
            if let c = codeList.first, c.count != 6 && c.count != 4 { throw ValidationError("census-hs6-2024 needs 4- or 6-digit codes, got \(c)") }
        case .censusHS2:
            if chain != nil { throw ValidationError("census-hs2-monthly has HS2 chapters only; a taxonomy chain needs census-hs6-2024") }
            if let c = codeList.first, c.count != 2 { throw ValidationError("census-hs2-monthly needs 2-digit chapters, got \(c)") }
        case .dots:
            if chain != nil || !codeList.isEmpty { throw ValidationError("imf-dots has total goods only; drop --chain/--codes or choose a Census dataset") }
        }
        if data != .dots && reporterCode != .usa { throw ValidationError("\(data.rawValue) has US imports only; use --dataset imf-dots for reporter \(reporterCode)") }

        let catalog = try guarded { try DataCatalog.locate(explicit: taxonomy.dataDir) }
        let alliances = try guarded { try loadAlliances(file: alliancesFile, dataDir: taxonomy.dataDir) }
        guard let a = alliances.alliance(named: alliance) else {
            throw ValidationError("unknown alliance '\(alliance)'; known: \(alliances.alliances.map(\.abbreviation).joined(separator: ", "))")
        }
        var products: [String: Double] = [:]
        var productLabel = "all goods"
        var taxonomyProvenance: [Provenance] = []
        if let chain {
            let (t, _) = try guarded { try taxonomy.load() }
            guard let c = t.chain(chain) else { throw ValidationError("unknown chain '\(chain)'; known chains: \(t.chains.map(\.id).joined(separator: ", "))") }
            if let stage, !c.stages.contains(where: { $0.id == stage }) {
                throw ValidationError("chain '\(chain)' has no stage '\(stage)'; its stages: \(c.stages.map(\.id).joined(separator: ", "))")
            }
            products = t.codes(chain: chain, stage: stage, edition: .hs2022)
            if products.isEmpty { throw ValidationError("chain '\(chain)'\(stage.map { " stage '\($0)'" } ?? "") has no HS2022 codes") }
            productLabel = "\(c.name)\(stage.map { " / \($0)" } ?? " (all stages)"), \(products.count) HS2022 lines"
            taxonomyProvenance = t.provenance
        } else if !codeList.isEmpty {
            products = Dictionary(uniqueKeysWithValues: codeList.map { ($0, 1.0) })
            productLabel = "HS \(codeList.joined(separator: ", "))"
        }

        let dataset: TradeDataset = try guarded {
            switch data {
            case .censusHS6: return try Progress("Loading Census HS6 2024").run { try catalog.loadCensusHS6_2024(progress: $0) }
            case .censusHS2: return try Progress("Loading Census HS2 monthly").run { try catalog.loadCensusHS2Monthly(progress: $0) }
            case .dots: return try Progress("Loading IMF DOTS").run { try catalog.loadDOTS(reporters: [reporterCode], progress: $0) }
            }
        }
        let measure = FriendshoringMeasure(alliance: a, products: products, membership: fixed.map { .fixed($0) } ?? .endOfPeriod)
        let cube = TradeCube(flows: dataset.flows, query: measure.query(reporter: reporterCode, annual: true))
        let partners = Set(dataset.flows.lazy.filter { $0.reporter == reporterCode && $0.direction == .imports }.map(\.partner))
        let series = measure.series(in: cube, partnersInData: partners)
        guard !series.shares.isEmpty else {
            throw ValidationError("\(dataset.id) has no \(reporterCode) imports of \(productLabel)")
        }
        let incomplete = series.shares.filter { !cube.isComplete($0.period) }.map(\.period.description)
        let result = FriendshoringResult(
            alliance: a.abbreviation, allianceName: a.name, reporter: reporterCode, products: productLabel,
            codes: products.keys.sorted(), membership: fixed.map { "members on \($0)" } ?? "members on each period's last day",
            dataset: dataset.id, shares: series.shares, change: series.change, partialYears: incomplete,
            provenance: [dataset.provenance, alliances.provenance] + taxonomyProvenance, allianceSources: a.sources)
        switch format {
        case .json: print(try encodeJSON(result))
        case .csv:
            print("period,reporter,alliance,membership_day,from_members,total,share,basis,members_with_imports,members_not_in_data,products,source")
            for s in series.shares {
                print([s.period.description, reporterCode.code, a.abbreviation, s.membershipDay.description, String(format: "%.0f", s.fromMembers),
                       String(format: "%.0f", s.total), String(format: "%.6f", s.share), s.basis.rawValue,
                       s.membersWithImports.map(\.code).joined(separator: " "), s.membersNotInData.map(\.code).joined(separator: " "),
                       productLabel, dataset.provenance.citation].map(csvQuoted).joined(separator: ","))
            }
        case .text: printText(result)
        }
    }

    private func parseCodes(_ text: String) throws -> [String] {
        let list = text.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        guard !list.isEmpty else { throw ValidationError("--codes: expected HS codes such as 850760,850790") }
        for c in list where !([2, 4, 6].contains(c.count) && c.allSatisfy { $0.isASCII && $0.isNumber }) {
            throw ValidationError("--codes: '\(c)' is not an HS code of 2, 4 or 6 digits")
        }
        guard Set(list.map(\.count)).count == 1 else { throw ValidationError("--codes: give codes of one length (all HS2, HS4 or HS6)") }
        return list
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

struct FriendshoringResult: Encodable {
    let alliance: String
    let allianceName: String
    let reporter: Country
    let products: String
    let codes: [String]
    let membership: String
    let dataset: String
    let shares: [FriendshoringShare]
    let change: Double?
    let partialYears: [String]
    let provenance: [Provenance]
    let allianceSources: [PolicySource]
}

/// `text` right-aligned in `width` columns.
private func rightAligned(_ text: String, _ width: Int) -> String {
    text.count >= width ? text : String(repeating: " ", count: width - text.count) + text
}
