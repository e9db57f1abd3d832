import Foundation
import Testing
import DecoupleCore
@testable import DecouplePolicy
import DecoupleTrade
import DecoupleTestSupport

/// The policy data loaders: the bundled files load; bad files fail with JSON paths.
@Suite struct PolicyLoaderTests {
    static let catalog = DataCatalog(root: DataCatalog.sourceCheckoutDataFolder)

    @Test func bundledPolicyFilesLoad() throws {
        let measures = try PolicyMeasuresLoader.bundled(catalog: Self.catalog)
        #expect(measures.measures.count >= 20)
        let alliances = try AlliancesLoader.bundled(catalog: Self.catalog)
        #expect(alliances.alliance(named: "msp")?.abbreviation == "MSP")
        let rules = try CleanVehicleRulesLoader.bundled(catalog: Self.catalog)
        #expect(rules.criticalMineralPercentages.map(\.percent) == [40, 50, 60, 70, 80])
        #expect(rules.batteryComponentPercentages.map(\.percent) == [50, 60, 70, 80, 90, 100])
    }

    static let measure = """
    {"schemaVersion": 1, "title": "t", "transcription": "x", "measures": [
      {"id": "m1", "name": "Measure", "jurisdiction": "USA", "instrument": "export-control", "inForce": "2022-10-21",
       "summary": "s", "sources": [{"kind": "federal-register", "citation": "87 FR 62186"}]}
    ]}
    """

    func measureIssues(_ text: String, taxonomy: StrategicTaxonomy? = nil) throws -> [String] {
        let path = try Fixtures().file("measures.json", text)
        do { _ = try PolicyMeasuresLoader(taxonomy: taxonomy).load(path: path, displayName: "measures.json"); return [] } catch let e as DataReadError {
            return e.issues.map(\.description)
        }
    }

    @Test func aMeasureWithoutASourceIsRejected() throws {
        #expect(try measureIssues(Self.measure).isEmpty)
        let empty = Self.measure.replacingOccurrences(of: "[{\"kind\": \"federal-register\", \"citation\": \"87 FR 62186\"}]", with: "[]")
        #expect(try measureIssues(empty) == ["measures.json: measures[0] (m1) › sources: expected at least one entry, found an empty list"])
        let missing = Self.measure.replacingOccurrences(of: ", \"sources\": [{\"kind\": \"federal-register\", \"citation\": \"87 FR 62186\"}]", with: "")
        #expect(try measureIssues(missing) == ["measures.json: measures[0] (m1): missing field 'sources' (a list)"])
        let blank = Self.measure.replacingOccurrences(of: "\"citation\": \"87 FR 62186\"", with: "\"citation\": \" \"")
        #expect(try measureIssues(blank) == ["measures.json: measures[0] (m1) › sources[0] › citation: expected a non-empty string"])
    }

    @Test func measureFieldsAreChecked() throws {
        let bad = Self.measure
            .replacingOccurrences(of: "\"export-control\"", with: "\"embargo\"")
            .replacingOccurrences(of: "\"inForce\": \"2022-10-21\"", with: "\"inForce\": \"2022-10-32\"")
            .replacingOccurrences(of: "\"jurisdiction\": \"USA\"", with: "\"jurisdiction\": \"XX\"")
        let issues = try measureIssues(bad)
        #expect(issues.count == 4)
        #expect(issues.contains("measures.json: measures[0] (m1) › jurisdiction: unknown country 'XX' (expected an ISO 3166 code such as USA or CN, or a country name)"))
        #expect(issues.contains { $0.hasPrefix("measures.json: measures[0] (m1) › instrument: unknown instrument 'embargo' (expected export-control,") })
        #expect(issues.contains("measures.json: measures[0] (m1) › inForce: expected a date YYYY-MM-DD, YYYY-MM or YYYY, found '2022-10-32'"))
        #expect(issues.contains("measures.json: measures[0] (m1): expected at least one of 'announced' and 'inForce'"))
        let taxonomy = StrategicTaxonomy(chains: [SupplyChain(id: "batteries", name: "B", arena: .green, stages: [])])
        let target = Self.measure.replacingOccurrences(of: "\"summary\"", with: "\"targets\": [{\"chain\": \"batteries\", \"stage\": \"cells\"}, {\"chain\": \"wind\"}], \"summary\"")
        #expect(try measureIssues(target, taxonomy: taxonomy) == [
            "measures.json: measures[0] (m1) › targets[0] › stage: chain 'batteries' has no stage 'cells' (it has )",
            "measures.json: measures[0] (m1) › targets[1] › chain: unknown chain 'wind' (not in the taxonomy)",
        ])
    }

    @Test func allianceMembershipsAreChecked() throws {
        let text = """
        {"schemaVersion": 1, "title": "t", "transcription": "x", "alliances": [
          {"id": "msp", "abbreviation": "MSP", "name": "n", "issue": "critical-minerals", "founded": "2022-06-14",
           "members": [{"country": "USA", "joined": "2022-06-14"}, {"country": "USA", "joined": "2023-01-01"},
                       {"country": "IND", "joined": "2021-01-01"}, {"country": "NOR", "joined": "2023", "left": "2023"}],
           "sources": [{"kind": "official-page", "citation": "state.gov", "url": "ftp://x"}]}
        ]}
        """
        let path = try Fixtures().file("alliances.json", text)
        let error = try #require(throws: DataReadError.self) { try AlliancesLoader().load(path: path, displayName: "alliances.json") }
        #expect(error.issues.map(\.description) == [
            "alliances.json: alliances[0] (msp) › members[1]: USA has overlapping membership spells (2022-06-14– and 2023-01-01–)",
            "alliances.json: alliances[0] (msp) › members[2] › joined: joined 2021-01-01, before the founding (2022-06-14)",
            "alliances.json: alliances[0] (msp) › members[3] › left: left 2023, not after joining (2023)",
            "alliances.json: alliances[0] (msp) › sources[0] › url: expected an http(s) URL, found 'ftp://x'",
        ])
    }

    @Test func ruleSchedulesAreChecked() throws {
        let text = try String(contentsOfFile: Self.catalog.root + "/" + CleanVehicleRulesLoader.bundledPath, encoding: .utf8)
            .replacingOccurrences(of: "\"from\": \"2025-01-01\",\n      \"percent\": 60", with: "\"from\": \"2023-06-01\",\n      \"percent\": 160")
        let path = try Fixtures().file("rules.json", text)
        let error = try #require(throws: DataReadError.self) { try CleanVehicleRulesLoader().load(path: path, displayName: "rules.json") }
        #expect(error.issues.map(\.description) == [
            "rules.json: criticalMineralPercentages[2] › percent: expected a whole percentage 0–100, found 160",
        ])
        let order = text.replacingOccurrences(of: "\"percent\": 160", with: "\"percent\": 60")
        let path2 = try Fixtures().file("rules.json", order)
        let error2 = try #require(throws: DataReadError.self) { try CleanVehicleRulesLoader().load(path: path2, displayName: "rules.json") }
        #expect(error2.issues.map(\.description) == ["rules.json: criticalMineralPercentages[2] › from: 2023-06-01 is not after the previous step (2024-01-01)"])
    }

    @Test func brokenJSONIsLocated() throws {
        let path = try Fixtures().file("alliances.json", "{\n  \"schemaVersion\": 1,\n  \"alliances\": [,]\n}")
        let error = try #require(throws: DataReadError.self) { try AlliancesLoader().load(path: path, displayName: "alliances.json") }
        #expect(error.issues.count == 1)
        #expect(error.issues[0].file == "alliances.json" && error.issues[0].line == 3)
        #expect(error.issues[0].message.hasPrefix("invalid JSON: expected a JSON list of alliances"))
    }
}
