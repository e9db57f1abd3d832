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
        // Issues #17 (item 6) and #18 (item 1) grew the curated list from 29 measures to over 80.
        #expect(measures.measures.count >= 80)
        let negatives = try PolicyNegativesLoader.bundled(catalog: Self.catalog)
        #expect(!negatives.negatives.isEmpty)
        let alliances = try AlliancesLoader.bundled(catalog: Self.catalog)
        #expect(alliances.alliance(named: "msp")?.abbreviation == "MSP")
        let rules = try CleanVehicleRulesLoader.bundled(catalog: Self.catalog)
        #expect(rules.criticalMineralPercentages.map(\.percent) == [40, 50, 60, 70, 80])
        #expect(rules.batteryComponentPercentages.map(\.percent) == [50, 60, 70, 80, 90, 100])
    }

    static let measure = """
    {"schemaVersion": 1, "title": "t", "transcription": "x", "measures": [
      {"id": "m1", "name": "Measure", "jurisdiction": "USA", "instrument": "export-control", "inForce": "2022-10-21",
       "summary": "s", "sources": [{"kind": "federal-register", "citation": "87 FR 62186", "verification": "primary"}]}
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
        let empty = Self.measure.replacingOccurrences(of: "[{\"kind\": \"federal-register\", \"citation\": \"87 FR 62186\", \"verification\": \"primary\"}]", with: "[]")
        #expect(try measureIssues(empty) == ["measures.json:3:31: measures[0] (m1) › sources: expected at least one entry, found an empty list"])
        let missing = Self.measure.replacingOccurrences(of: ", \"sources\": [{\"kind\": \"federal-register\", \"citation\": \"87 FR 62186\", \"verification\": \"primary\"}]", with: "")
        #expect(try measureIssues(missing) == ["measures.json:2:3: measures[0] (m1): missing field 'sources' (a list)"])
        let blank = Self.measure.replacingOccurrences(of: "\"citation\": \"87 FR 62186\"", with: "\"citation\": \" \"")
        #expect(try measureIssues(blank) == ["measures.json:3:73: measures[0] (m1) › sources[0] › citation: expected a non-empty string"])
    }

    @Test func measureFieldsAreChecked() throws {
        let bad = Self.measure
            .replacingOccurrences(of: "\"export-control\"", with: "\"embargo\"")
            .replacingOccurrences(of: "\"inForce\": \"2022-10-21\"", with: "\"inForce\": \"2022-10-32\"")
            .replacingOccurrences(of: "\"jurisdiction\": \"USA\"", with: "\"jurisdiction\": \"XX\"")
        let issues = try measureIssues(bad)
        #expect(issues.count == 4)
        #expect(issues.contains("measures.json:2:51: measures[0] (m1) › jurisdiction: unknown country 'XX' (expected an ISO 3166 code such as USA or CN, or a country name)"))
        #expect(issues.contains { $0.hasPrefix("measures.json:2:71: measures[0] (m1) › instrument: unknown instrument 'embargo' (expected export-control,") })
        #expect(issues.contains("measures.json:2:93: measures[0] (m1) › inForce: expected a date YYYY-MM-DD, YYYY-MM or YYYY, found '2022-10-32'"))
        #expect(issues.contains("measures.json:2:3: measures[0] (m1): expected at least one of 'announced' and 'inForce'"))
        let taxonomy = StrategicTaxonomy(chains: [SupplyChain(id: "batteries", name: "B", arena: .green, stages: [])])
        let target = Self.measure.replacingOccurrences(of: "\"summary\"", with: "\"targets\": [{\"chain\": \"batteries\", \"stage\": \"cells\"}, {\"chain\": \"wind\"}], \"summary\"")
        #expect(try measureIssues(target, taxonomy: taxonomy) == [
            "measures.json:3:48: measures[0] (m1) › targets[0] › stage: chain 'batteries' has no stage 'cells' (it has )",
            "measures.json:3:68: measures[0] (m1) › targets[1] › chain: unknown chain 'wind' (not in the taxonomy)",
        ])
    }

    /// Every source of a measure says how it was read; anything but `primary` or `as-quoted` is
    /// refused at its JSON path, and so is a source that does not say.
    @Test func verificationIsRequiredAndChecked() throws {
        let unknown = Self.measure.replacingOccurrences(of: "\"verification\": \"primary\"", with: "\"verification\": \"checked\"")
        #expect(try measureIssues(unknown) == [
            "measures.json:3:104: measures[0] (m1) › sources[0] › verification: unknown verification 'checked' (expected primary or as-quoted)",
        ])
        let missing = Self.measure.replacingOccurrences(of: ", \"verification\": \"primary\"", with: "")
        #expect(try measureIssues(missing) == ["measures.json:3:32: measures[0] (m1) › sources[0]: missing field 'verification' (primary or as-quoted)"])
        let quoted = Self.measure.replacingOccurrences(of: "\"primary\"", with: "\"as-quoted\"")
        let path = try Fixtures().file("measures.json", quoted)
        let m = try #require(try PolicyMeasuresLoader().load(path: path).measures.first)
        #expect(m.verification == .asQuoted && m.sources[0].verification == .asQuoted)
        #expect("\(m.sources[0])" == "87 FR 62186 [as quoted]")
        // A speech is a source kind of its own.
        let speech = Self.measure.replacingOccurrences(of: "\"federal-register\"", with: "\"speech\"")
        #expect(try measureIssues(speech).isEmpty)
    }

    /// `partOf` names an umbrella measure of the same file and jurisdiction, one level deep.
    @Test func partOfMustNameAnotherMeasure() throws {
        let two = """
        {"schemaVersion": 1, "title": "t", "transcription": "x", "measures": [
          {"id": "umbrella", "name": "U", "jurisdiction": "USA", "instrument": "import-tariff", "inForce": "2024-09-27",
           "summary": "s", "sources": [{"kind": "federal-register", "citation": "89 FR 76581", "verification": "primary"}]},
          {"id": "line", "name": "L", "jurisdiction": "USA", "instrument": "import-tariff", "partOf": "umbrella", "inForce": "2026-01-01",
           "summary": "s", "sources": [{"kind": "federal-register", "citation": "89 FR 76581", "verification": "primary"}]}
        ]}
        """
        #expect(try measureIssues(two).isEmpty)
        #expect(try measureIssues(two.replacingOccurrences(of: "\"partOf\": \"umbrella\"", with: "\"partOf\": \"umbrela\"")) == [
            "measures.json:4:95: measures[1] (line) › partOf: unknown measure 'umbrela' (expected the id of another measure in this file)",
        ])
        #expect(try measureIssues(two.replacingOccurrences(of: "\"partOf\": \"umbrella\"", with: "\"partOf\": \"line\"")) == [
            "measures.json:4:95: measures[1] (line) › partOf: a measure cannot be part of itself",
        ])
        let otherCountry = two.replacingOccurrences(of: "\"name\": \"L\", \"jurisdiction\": \"USA\"", with: "\"name\": \"L\", \"jurisdiction\": \"CHN\"")
        #expect(try measureIssues(otherCountry) == ["measures.json:4:95: measures[1] (line) › partOf: 'umbrella' is a measure of USA, this one of CHN"])
    }

    @Test func negativeFindingsAreChecked() throws {
        let text = """
        {"schemaVersion": 1, "title": "t", "transcription": "x", "negatives": [
          {"id": "n1", "jurisdiction": "USA", "instrument": "export-control", "targets": [{"chain": "batteries"}],
           "statement": "No licence needed.", "relatedMeasures": ["m1", "m2"],
           "sources": [{"kind": "official-report", "citation": "BIS 2010", "verification": "maybe"}]}
        ]}
        """
        let path = try Fixtures().file("negatives.json", text)
        let taxonomy = StrategicTaxonomy(chains: [SupplyChain(id: "batteries", name: "B", arena: .green, stages: [])])
        let error = try #require(throws: DataReadError.self) {
            try PolicyNegativesLoader(taxonomy: taxonomy, measureIDs: ["m1"]).load(path: path, displayName: "negatives.json")
        }
        #expect(error.issues.map(\.description) == [
            "negatives.json:2:3: negatives[0] (n1): missing field 'asOf'",
            "negatives.json:3:65: negatives[0] (n1) › relatedMeasures[1]: unknown measure 'm2' (not in measures.json)",
            "negatives.json:4:84: negatives[0] (n1) › sources[0] › verification: unknown verification 'maybe' (expected primary or as-quoted)",
        ])
        let good = text.replacingOccurrences(of: "\"maybe\"", with: "\"as-quoted\"")
            .replacingOccurrences(of: "\"statement\"", with: "\"asOf\": \"2010-08\", \"statement\"")
        let n = try PolicyNegativesLoader(taxonomy: taxonomy).load(path: try Fixtures().file("negatives.json", good))
        #expect(n.negatives.first?.asOf.description == "2010-08" && n.negatives.first?.relatedMeasures == ["m1", "m2"])
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
            "alliances.json:3:60: alliances[0] (msp) › members[1]: USA has overlapping membership spells (2022-06-14– and 2023-01-01–)",
            "alliances.json:4:45: alliances[0] (msp) › members[2] › joined: joined 2021-01-01, before the founding (2022-06-14)",
            "alliances.json:4:105: alliances[0] (msp) › members[3] › left: left 2023, not after joining (2023)",
            "alliances.json:5:74: alliances[0] (msp) › sources[0] › url: expected an http(s) URL, found 'ftp://x'",
        ])
    }

    @Test func ruleSchedulesAreChecked() throws {
        let text = try String(contentsOfFile: Self.catalog.root + "/" + CleanVehicleRulesLoader.bundledPath, encoding: .utf8)
            .replacingOccurrences(of: "\"from\": \"2025-01-01\",\n      \"percent\": 60", with: "\"from\": \"2023-06-01\",\n      \"percent\": 160")
        let path = try Fixtures().file("rules.json", text)
        let error = try #require(throws: DataReadError.self) { try CleanVehicleRulesLoader().load(path: path, displayName: "rules.json") }
        #expect(error.issues.map(\.description) == [
            "rules.json:32:18: criticalMineralPercentages[2] › percent: expected a whole percentage 0–100, found 160",
        ])
        let order = text.replacingOccurrences(of: "\"percent\": 160", with: "\"percent\": 60")
        let path2 = try Fixtures().file("rules.json", order)
        let error2 = try #require(throws: DataReadError.self) { try CleanVehicleRulesLoader().load(path: path2, displayName: "rules.json") }
        #expect(error2.issues.map(\.description) == ["rules.json:31:15: criticalMineralPercentages[2] › from: 2023-06-01 is not after the previous step (2024-01-01)"])
    }

    @Test func brokenJSONIsLocated() throws {
        let path = try Fixtures().file("alliances.json", "{\n  \"schemaVersion\": 1,\n  \"alliances\": [,]\n}")
        let error = try #require(throws: DataReadError.self) { try AlliancesLoader().load(path: path, displayName: "alliances.json") }
        #expect(error.issues.count == 1)
        #expect(error.issues[0].file == "alliances.json" && error.issues[0].line == 3)
        #expect(error.issues[0].message.hasPrefix("invalid JSON: expected a JSON list of alliances"))
    }
}
