import DecoupleCore
import DecoupleInstrumentChoice
import DecoupleMinerals
import Foundation

/// Defaults of the minerals analyses.
public enum MineralsDefaults {
    /// The default allies of the minerals rule: the Minerals Security Partnership's members on
    /// the day it was founded (2022-06-14; FRAMEWORK.md, Table 4), as `Data/policy/alliances.json`
    /// lists them; countries only (the EU is a member, not a country). Empty when the file has no MSP.
    public static func allies(_ alliances: AllianceCatalog) -> Set<Country> {
        guard let msp = alliances.alliance(named: "MSP") else { return [] }
        return Set(msp.members(on: msp.founded.firstDay).filter { CountryTable.standard.entries[$0]?.kind != .aggregate })
    }

    /// The same, from the bundled alliances of `catalog`.
    public static func allies(catalog: DataCatalog) throws -> Set<Country> {
        allies(try PolicyData.alliances(file: nil, catalog: catalog))
    }
}

/// Chooses, from the USGS tables of one edition, the rows and columns the measures use.
public enum MineralSupplySelection {
    /// A USGS cell as a measure amount (``MineralAmount/init(_:)`` of DecoupleMinerals).
    static func amount(_ v: SourcedMineralValue) -> MineralAmount { MineralAmount(v) }

    /// Measures and classifies each input.
    /// - Parameter incomplete: commodity code (or `*` for all) → why its results are incomplete
    ///   (``MineralCommoditySummaries/incompleteCommodities``).
    public static func assess(_ inputs: [MineralSupplyInput], leader: Country, rival: Country, allies: Set<Country>,
                       rule: MineralStrategyRule, incomplete: [String: String] = [:]) -> [MineralAssessment] {
        inputs.map { input in
            // The salient statistics (net import reliance, import sources) describe the USGS
            // reporter only; for any other leader they are missing, not borrowed.
            var input = input
            if BundledDataset.usgsMCS2024.reporter != leader {
                input.salient = []
                input.rankedReliance = nil
                input.importSources = []
            }
            let profile = MineralSupplyProfile(input, leader: leader, rival: rival, allies: allies)
            let why = [incomplete[input.code], incomplete["*"]].compactMap { $0 }
            return MineralAssessment(profile: profile, classification: rule.classify(profile),
                                     incomplete: why.isEmpty ? nil : why.joined(separator: "; "))
        }
    }

    /// The report's minerals input: the six minerals of the paper's Table 3 from MCS 2022
    /// (2023 where the 2022 subset lacks the mineral, with 2023's ranked import sources where
    /// no shares are given), and every mineral of MCS 2024.
    public static func reportInput(catalog: DataCatalog, leader: Country, rival: Country) throws -> MineralsReportInput {
        let mcs22 = try catalog.loadMineralCommoditySummaries(edition: 2022)
        let mcs23 = try catalog.loadMineralCommoditySummaries(edition: 2023)
        let mcs24 = try catalog.loadMineralCommoditySummaries(edition: 2024)
        let allies = try MineralsDefaults.allies(catalog: catalog).subtracting([leader, rival])
        let rule = MineralStrategyRule()
        var table: [MineralSupplyInput] = []
        let table3 = try FrameworkConfiguration.bundled(catalog: catalog).table3MineralCodes ?? []
        for code in table3 {
            let in23 = input(mcs23, code: code, importShares: mcs22.importSourceShares)
            var chosen = mcs22.codes.contains(code) ? input(mcs22, code: code, importShares: mcs22.importSourceShares) : in23
            if chosen.importSources.isEmpty { chosen.importSources = in23.importSources }
            table.append(chosen)
        }
        var sources: [String: Provenance] = [:]
        for d in BundledDataset.usgsMCS { sources[d.id] = d.provenance }
        let latest = assess(inputs(from: mcs24), leader: leader, rival: rival, allies: allies, rule: rule,
                            incomplete: mcs24.incompleteCommodities)
        let critical = mcs24.criticalMinerals.map {
            CriticalMineralsCount(list: $0, assessments: latest, ranking: mcs24.netImportReliance, edition: mcs24.edition, rival: rival)
        }
        let tableIncomplete = mcs22.incompleteCommodities.merging(mcs23.incompleteCommodities) { a, b in a + "; " + b }
        return MineralsReportInput(tableMinerals: assess(table, leader: leader, rival: rival, allies: allies, rule: rule,
                                                         incomplete: tableIncomplete),
                                   latest: latest, sources: sources, critical: critical)
    }

    /// The inputs of every commodity in `codes`, in that order.
    public static func inputs(from mcs: MineralCommoditySummaries, codes: [String]? = nil,
                       importShares: ImportSourceShares? = nil) -> [MineralSupplyInput] {
        (codes ?? mcs.codes).map { input(mcs, code: $0, importShares: importShares ?? mcs.importSourceShares) }
    }

    public static func input(_ mcs: MineralCommoditySummaries, code: String, importShares: ImportSourceShares?) -> MineralSupplyInput {
        var input = MineralSupplyInput(code: code, name: MineralCommodityNames.name(code), edition: mcs.edition)
        let ranked = mcs.netImportReliance?.entries.first { MineralCommodityNames.relianceLabel($0.commodity, matches: code) }
        if let w = mcs.world[code], let year = w.productionYears.last, let col = w.productionColumn(year: year) {
            let types = w.types.filter { !$0.lowercased().hasPrefix("world total") }
            func coverage(_ t: String) -> Int { w.rows.filter { $0.type == t && $0.place.place.country != nil }.count }
            // The mine-production type listing most countries (ilmenite rather than "ilmenite and rutile").
            let mineTypes = types.filter { SupplyStage(productionType: $0) == .mine }
            let mine = (mineTypes.isEmpty ? types : mineTypes).max { coverage($0) < coverage($1) } ?? ""
            let processing = types.first { t in t != mine && SupplyStage(productionType: t) == .refinery }
            func rows(_ type: String, _ c: WorldColumn) -> (rows: [PlaceAmount], world: MineralAmount?) {
                var out: [PlaceAmount] = [], world: MineralAmount?
                for r in w.rows where r.type == type && r.place.place != .worldTotal {
                    out.append(PlaceAmount(country: r.place.place.country, label: r.place.printed, amount: amount(w.value(r, c))))
                }
                // The world total of this type: same type; else the one total whose type names
                // this type's product ("World total mine production: Ilmenite (rounded)"); else
                // the file's only total when the file has only one type.
                let totals = w.rows.filter { $0.place.place == .worldTotal }
                let product = type.split(whereSeparator: { $0 == ":" || $0 == "," }).dropFirst().last
                    .map { $0.trimmingCharacters(in: .whitespaces).lowercased() } ?? ""
                let total = totals.first { $0.type == type }
                    ?? (product.isEmpty ? nil : totals.first { $0.type.lowercased().contains(product) && !$0.type.lowercased().contains(" and ") })
                    ?? (types.count == 1 && totals.count == 1 ? totals.first : nil)
                world = total.map { amount(w.value($0, c)) }
                return (out, world)
            }
            input.productionYear = year
            input.productionType = mine
            (input.production, input.worldProduction) = rows(mine, col)
            if let processing {
                input.processingType = processing
                (input.processing, input.worldProcessing) = rows(processing, col)
            }
            if let rc = w.reservesColumn {
                let r = rows(mine, rc)
                input.reserves = r.rows.filter { if case .unavailable = $0.amount.amount { false } else { true } }
                input.worldReserves = r.world
                input.reservesColumn = rc.name
            }
        }
        if let s = mcs.salient[code] {
            let nirColumns = s.columns(.netImportReliance)
            let labelWords = Set((ranked?.commodity.lowercased() ?? "").split { !$0.isLetter }.map(String.init))
            let nir = nirColumns.max { score($0, labelWords) < score($1, labelWords) }
            func pick(_ cat: SalientColumn.Category, prefer: [String] = []) -> SalientColumn? {
                let cols = s.columns(cat)
                if cols.count == 1 { return cols[0] }
                for word in (nir?.qualifiers ?? []) + prefer {
                    let hits = cols.filter { $0.has(word) }
                    if hits.count == 1 { return hits[0] }
                }
                return nil
            }
            let production = pick(.usProduction, prefer: ["Mine", "Primary"])
            let imports = pick(.imports, prefer: ["Total", "All"])
            let exports = pick(.exports, prefer: ["Total", "All"])
            let consumption = pick(.consumption, prefer: ["Apparent", "Total"])
                ?? s.columns(.consumption).first { $0.has("Apparent") && $0.has("Total") }
            let secondary = s.columns.first { $0.category == .usProduction && $0.has("Secondary") }
                ?? s.columns.first { $0.category == .consumption && $0.has("Reported") && $0.has("Secondary") }
                ?? s.columns.first { ($0.category == .recycling || $0.category == .usProduction) && $0.has("Post-consumer") }
            for y in s.years.map(\.year).sorted() {
                func v(_ c: SalientColumn?) -> MineralAmount? { c.flatMap { s.value($0, year: y) }.map(amount) }
                input.salient.append(.init(year: y, reportedReliance: v(nir), usProduction: v(production), imports: v(imports),
                                           exports: v(exports), apparentConsumption: v(consumption), secondarySupply: v(secondary)))
            }
        }
        if let ranked {
            input.rankedReliance = amount(ranked.reliance)
            input.importSources = ranked.majorImportSources.map {
                .init(country: $0.place.country, label: $0.printed, share: nil,
                      source: MineralProvenance(edition: mcs.edition, file: ranked.reliance.source.file, line: ranked.line,
                                                column: "Major_Import_Sources"))
            }
        }
        let shareName = MineralCommodityNames.name(code).split(separator: " ").first.map(String.init) ?? ""
        if let shares = importShares?.sources(of: shareName), !shares.isEmpty {
            input.importSources = shares.map {
                .init(country: $0.place.place.country, label: $0.place.printed, share: amount($0.share),
                      source: $0.share.source)
            }
        }
        return input
    }

    /// How well a net-import-reliance column's qualifiers match the ranking label's words.
    public static func score(_ c: SalientColumn, _ words: Set<String>) -> Int {
        let aliases = ["si": "silicon", "fesi2": "ferrosilicon"]
        let q = c.qualifiers.flatMap { $0.lowercased().split { !$0.isLetter && !$0.isNumber }.map(String.init) }
        return q.filter { words.contains(aliases[$0] ?? $0) }.count * 10 + (c.qualifiers.isEmpty ? 1 : 0)
    }
}
