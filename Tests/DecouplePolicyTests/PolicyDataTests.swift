import Foundation
import Testing
import DecoupleCore
@testable import DecouplePolicy
import DecoupleTrade

/// The bundled policy data: every entry sourced, and everything FRAMEWORK.md names covered.
@Suite struct PolicyDataTests {
    static let catalog = DataCatalog(root: DataCatalog.sourceCheckoutDataFolder)
    static let measures = try! PolicyMeasuresLoader.bundled(catalog: catalog)
    static let alliances = try! AlliancesLoader.bundled(catalog: catalog)

    /// Reads a bundled JSON file without the loaders, so the source check does not depend on them.
    static func raw(_ path: String, list key: String) throws -> [[String: Any]] {
        let data = try Data(contentsOf: URL(fileURLWithPath: catalog.root + "/" + path))
        let top = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        return try #require(top[key] as? [[String: Any]])
    }

    static func hasSource(_ entry: [String: Any]) -> Bool {
        guard let sources = entry["sources"] as? [[String: Any]], !sources.isEmpty else { return false }
        return sources.allSatisfy { s in
            let citation = (s["citation"] as? String ?? "").trimmingCharacters(in: .whitespaces)
            let url = s["url"] as? String ?? ""
            return !citation.isEmpty && (url.isEmpty || url.hasPrefix("https://") || url.hasPrefix("http://"))
        }
    }

    @Test func everyMeasureAndAllianceEntryCarriesASource() throws {
        for (path, key) in [(PolicyMeasuresLoader.bundledPath, "measures"), (AlliancesLoader.bundledPath, "alliances")] {
            let entries = try Self.raw(path, list: key)
            #expect(!entries.isEmpty)
            for e in entries {
                #expect(Self.hasSource(e), "\(path): \(e["id"] ?? "?") has no source")
            }
        }
        let rules = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: Self.catalog.root + "/" + CleanVehicleRulesLoader.bundledPath))) as? [String: Any]
        #expect(Self.hasSource(rules ?? [:]))
        // And through the loaders.
        #expect(Self.measures.measures.allSatisfy { !$0.sources.isEmpty })
        #expect(Self.alliances.alliances.allSatisfy { !$0.sources.isEmpty })
        #expect(Self.measures.provenance.retrievedFrom.contains("Transcribed by the Decouple maintainers"))
    }

    @Test func theMeasuresFRAMEWORKNamesAreAllThere() throws {
        let ids = Set(Self.measures.measures.map(\.id))
        for id in ["us-eo-13817-critical-minerals-2017", "us-eo-14017-supply-chains-2021", "us-100-day-supply-chain-review-2021",
                   "us-adcvd-solar-cells-china-2012", "us-adcvd-solar-products-china-2015", "us-section-201-solar-2018",
                   "us-ira-2022", "us-30d-feoc-battery-components-2024", "us-30d-feoc-critical-minerals-2025",
                   "us-30d-critical-minerals-battery-components-2023", "us-30d-termination-2025", "us-chips-and-science-act-2022",
                   "us-bis-advanced-computing-semiconductor-2022", "us-bis-advanced-computing-sme-2023", "us-section-301-investigation-2017",
                   "us-energy-act-2020-critical-minerals", "cn-gallium-germanium-export-control-2023", "cn-graphite-export-control-2023",
                   "cn-rare-earth-technology-export-ban-2023", "us-ira-45x-advanced-manufacturing-2022"] {
            #expect(ids.contains(id), "missing measure \(id)")
        }
        let m = Self.measures
        #expect(m.measure("us-section-201-solar-2018")?.inForce?.firstDay == CalendarDay("2018-02-07"))
        #expect(m.measure("us-30d-feoc-battery-components-2024")?.inForce?.firstDay == CalendarDay("2024-01-01"))
        #expect(m.measure("us-30d-feoc-critical-minerals-2025")?.inForce?.firstDay == CalendarDay("2025-01-01"))
        #expect(m.measure("cn-gallium-germanium-export-control-2023")?.inForce?.firstDay == CalendarDay("2023-08-01"))
        #expect(m.measure("us-bis-advanced-computing-semiconductor-2022")?.targetedCountries.contains(.china) == true)
        // Every chain target exists in the taxonomy (the loader checks it; bundled() loads with the taxonomy).
        let taxonomy = try TaxonomyLoader.bundled(catalog: Self.catalog)
        for measure in m.measures { for t in measure.targets { #expect(taxonomy.chain(t.chain) != nil, "\(measure.id): \(t.chain)") } }
    }

    @Test func filtersByChainCountryAndWindow() {
        let all = Self.measures.measures
        let batteries = MeasureFilter(chain: "batteries").apply(all)
        #expect(batteries.contains { $0.id == "us-30d-feoc-battery-components-2024" })
        #expect(!batteries.contains { $0.id == "us-bis-advanced-computing-semiconductor-2022" })
        let chinese = MeasureFilter(country: .china, instrument: .exportControl).apply(all)
        #expect(chinese.contains { $0.id == "cn-graphite-export-control-2023" })
        #expect(chinese.contains { $0.id == "us-bis-advanced-computing-semiconductor-2022" })   // aimed at China
        // Window 2012–2013: Solar I (in force 2012-12-07) yes; the 2015 orders and the IRA no.
        let window = MeasureFilter(from: CalendarDay("2012-01-01"), to: CalendarDay("2013-12-31")).apply(all).map(\.id)
        #expect(window.contains("us-adcvd-solar-cells-china-2012"))
        #expect(!window.contains("us-adcvd-solar-products-china-2015") && !window.contains("us-ira-2022"))
        // Measures that ended before --from are left out: the §30D FEOC rules ended for vehicles acquired after 2025-09-30.
        let late = MeasureFilter(from: CalendarDay("2026-01-01")).apply(all).map(\.id)
        #expect(!late.contains("us-30d-feoc-battery-components-2024"))
    }

    @Test func table4AndTheOtherGroupingsAreThereWithTheirFoundingMembers() throws {
        let a = Self.alliances
        func members(_ name: String, _ day: String) -> Set<String> {
            Set(a.alliance(named: name)!.members(on: CalendarDay(day)!).map(\.code))
        }
        #expect(a.alliances.filter(\.inTable4).count == 6)
        // FRAMEWORK.md §5, Table 4, at the founding dates.
        #expect(members("CCMM", "2011-12-31") == ["AUS", "CAN", "JPN", "EU", "USA"])
        #expect(members("CoRe", "2021-04-16") == ["JPN", "USA"])
        #expect(members("PGII", "2022-06-26") == ["CAN", "FRA", "DEU", "ITA", "JPN", "GBR", "USA"])
        #expect(members("IPEF", "2022-05-23") == ["AUS", "BRN", "IND", "IDN", "JPN", "MYS", "NZL", "PHL", "SGP", "KOR", "THA", "USA", "VNM"])
        #expect(members("IPEF", "2022-05-26").contains("FJI"))
        #expect(members("MSP", "2022-06-14") == ["AUS", "CAN", "FIN", "FRA", "DEU", "JPN", "KOR", "SWE", "GBR", "USA", "EU"])
        #expect(members("MSP", "2022-06-13").isEmpty)
        #expect(members("AU-US Compact", "2023-05-20") == ["USA", "AUS"])
        // The other groupings the paper names.
        #expect(members("SCMA", "2022-12-31") == ["USA", "CAN", "FRA", "GBR", "DEU", "AUS", "JPN"])
        #expect(members("Quad", "2024-01-01") == ["USA", "JPN", "IND", "AUS"])
        #expect(members("Chip4", "2024-01-01") == ["USA", "JPN", "KOR", "TWN"])
        #expect(members("AUKUS", "2024-01-01") == ["AUS", "GBR", "USA"])
        #expect(members("I2U2", "2024-01-01") == ["IND", "ISR", "ARE", "USA"])
        #expect(members("Five Eyes", "2024-01-01") == ["USA", "GBR", "CAN", "AUS", "NZL"])
        #expect(members("TTC", "2024-01-01") == ["USA", "EU"])
        #expect(members("Atlantic Declaration", "2024-01-01") == ["USA", "GBR"])
        #expect(a.alliance(named: "PACC 2030") != nil && a.alliance(named: "Prosper Africa") != nil)
        // Membership changes with the date.
        #expect(members("G7", "2000-01-01").contains("RUS") && !members("G7", "2014-03-24").contains("RUS"))
        #expect(members("NATO", "2023-04-03").count == 30 && members("NATO", "2023-04-04").count == 31 && members("NATO", "2024-03-07").count == 32)
    }

    /// `../shared/data/country-groups/transcribed_memberships.csv` lists memberships without dates;
    /// the bundled file must agree with it on today's members (after checking, not copying).
    @Test(.enabled(if: FileManager.default.fileExists(atPath: sharedGroups), "needs ../shared/data/country-groups"))
    func agreesWithTheTranscribedCountryGroups() throws {
        let text = try String(contentsOfFile: Self.sharedGroups, encoding: .utf8)
        var groups: [String: Set<String>] = [:]
        for line in text.split(whereSeparator: \.isNewline).dropFirst() {
            let f = line.split(separator: ",", maxSplits: 2).map(String.init)
            if f.count >= 2 { groups[f[0], default: []].insert(f[1]) }
        }
        let map = ["NATO": "NATO", "FIVE_EYES": "Five Eyes", "QUAD": "Quad", "IPEF": "IPEF", "MSP": "MSP", "US_FTA": "US-FTA", "G7": "G7"]
        for (group, alliance) in map {
            var ours = Set(Self.alliances.alliance(named: alliance)!.members(on: CalendarDay("2024-12-31")!).map(\.code))
            ours.remove("EU")
            if alliance == "US-FTA" { ours.remove("JPN") }   // critical minerals agreement, listed separately there
            #expect(ours == groups[group], "\(alliance) differs from \(group)")
        }
    }
    static let sharedGroups = DataCatalog.sourceCheckoutDataFolder + "/../../shared/data/country-groups/transcribed_memberships.csv"

    @Test func theIRAQualifyingCountriesAreFRAMEWORKs21AndTheFTAList() throws {
        let rules = IRA.rules
        let framework: Set<String> = ["AUS", "BHR", "CAN", "CHL", "COL", "CRI", "DOM", "SLV", "GTM", "HND", "ISR", "JPN", "JOR", "KOR",
                                      "MEX", "MAR", "NIC", "OMN", "PAN", "PER", "SGP"]
        #expect(framework.count == 21)
        let ours = Set(rules.qualifyingCountries.map(\.country.code)).subtracting(["USA"])
        #expect(ours == framework)
        #expect(Set(rules.foreignEntity.coveredNations.map(\.code)) == ["CHN", "PRK", "RUS", "IRN"])
        #expect(Set(rules.componentRegion.map(\.code)) == ["USA", "CAN", "MEX"])
        // The same 21 as the dated US-FTA grouping on the day the requirements started.
        let fta = Self.alliances.alliance(named: "US-FTA")!.members(on: rules.sourcingRequirementsFrom)
        #expect(Set(fta.map(\.code)) == framework)
    }
}

/// #16 defect 9: an ally agreement's countries are its partners, not whom it is aimed at.
@Suite struct MeasureCountriesLabelTests {
    @Test func allyAgreementNamesPartners() throws {
        let measures = try PolicyMeasuresLoader.bundled(catalog: DataCatalog(root: DataCatalog.sourceCheckoutDataFolder))
        let japan = try #require(measures.measure("us-japan-critical-minerals-agreement-2023"))
        #expect(japan.targetedCountries == [Country("JPN")] && japan.countriesLabel == "with")
        let tariff = try #require(measures.measures.first { $0.instrument == .importTariff && !$0.targetedCountries.isEmpty })
        #expect(tariff.countriesLabel == "aimed at")
    }
}
