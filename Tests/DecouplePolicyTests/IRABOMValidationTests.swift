import Foundation
import Testing
import DecoupleCore
@testable import DecouplePolicy

/// Invalid bills of materials fail with every problem, each located by its JSON path; nothing is guessed.
@Suite struct IRABOMValidationTests {
    /// A valid BOM for 2024-06-15 with two components and two mineral chains; `edit` changes its JSON text.
    static func json(_ edit: (String) -> String = { $0 }) -> String {
        edit("""
        {
          "schemaVersion": 1,
          "vehicle": { "description": "test", "placedInService": "2024-06-15", "acquired": "2024-06-01" },
          "components": [
            { "id": "cells", "name": "Cells", "value": 6000, "manufacturedOrAssembledIn": "USA",
              "manufacturer": { "name": "A", "incorporatedIn": "USA", "headquarteredIn": "USA", "coveredGovernmentInterest": 0, "coveredGovernmentContractualControl": false, "listed": false } },
            { "id": "modules", "name": "Modules", "value": 4000, "manufacturedOrAssembledIn": "MX",
              "manufacturer": { "name": "B", "incorporatedIn": "Mexico", "headquarteredIn": "MEX", "coveredGovernmentInterest": 0, "coveredGovernmentContractualControl": false, "listed": false } }
          ],
          "criticalMinerals": [
            { "id": "li", "mineral": "lithium", "value": 1000, "extractedIn": "AUS" },
            { "id": "ni", "mineral": "nickel", "value": 500, "extractedIn": "IDN", "processedIn": "IDN" }
          ]
        }
        """)
    }

    func load(_ text: String) throws -> BatteryBillOfMaterials {
        try BatteryBOMLoader().load(data: Data(text.utf8), file: "bom.json")
    }

    func issues(_ text: String) -> [String] {
        do { _ = try load(text); return [] } catch let e as DataReadError { return e.issues.map(\.description) } catch { return ["\(error)"] }
    }

    @Test func theValidBOMLoadsWithCountriesResolved() throws {
        let bom = try load(Self.json())
        #expect(bom.components[1].manufacturedOrAssembledIn == Country("MEX"))   // "MX" (ISO2) resolved
        #expect(bom.components[1].manufacturer?.incorporatedIn == Country("MEX")) // "Mexico" (name) resolved
        #expect(bom.criticalMinerals.map(\.value) == [1000, 500])
        #expect(try IRA.engine.assess(bom).credit == 7500)  // (1000)/(1500) = 66.7% ≥ 50%; 10000/10000 ≥ 60%
    }

    /// A duplicated field once took its last value without a word (#22): a second
    /// `manufacturedOrAssembledIn` turned a US$7,500 credit into 0. It is an error with its position.
    @Test func duplicatedFieldIsAnError() throws {
        let text = Self.json { $0.replacingOccurrences(of: "\"manufacturedOrAssembledIn\": \"MX\"", with: "\"manufacturedOrAssembledIn\": \"MX\", \"manufacturedOrAssembledIn\": \"CHN\"") }
        #expect(text.contains("\"CHN\""))
        let found = issues(text)
        #expect(found.count == 1 && found[0].hasPrefix("bom.json:") && found[0].contains("duplicate key \"manufacturedOrAssembledIn\""))
    }

    @Test func missingValue() {
        let text = Self.json { $0.replacingOccurrences(of: "\"value\": 6000, ", with: "") }
        #expect(issues(text) == ["bom.json:5:5: components[0] (cells): missing field 'value' (a non-negative number of US dollars, at most US$1 trillion)"])
    }

    @Test func negativeValue() {
        let text = Self.json { $0.replacingOccurrences(of: "\"value\": 500,", with: "\"value\": -500,") }
        #expect(issues(text) == ["bom.json:12:49: criticalMinerals[1] (ni) › value: expected a non-negative number of US dollars, at most US$1 trillion, found -500"])
    }

    /// A value past Int.max once trapped in the credit's dollar formatting and killed `decouple
    /// serve` (#22); a value over US$1 trillion is now refused at the loader with its path.
    @Test func implausiblyLargeValueIsRefused() {
        let text = Self.json { $0.replacingOccurrences(of: "\"value\": 6000,", with: "\"value\": 1e19,") }
        #expect(issues(text) == ["bom.json:5:48: components[0] (cells) › value: expected a non-negative number of US dollars, at most US$1 trillion, found 1e+19"])
        let atTheBound = Self.json { $0.replacingOccurrences(of: "\"value\": 6000,", with: "\"value\": 1e12,") }
        #expect(issues(atTheBound).isEmpty)
    }

    @Test func dollarsFormatsAnyFiniteAmountWithoutTrapping() {
        #expect(NumberText.dollars(7500) == "US$7,500")
        #expect(NumberText.dollars(1234.5) == "US$1,234.50")
        #expect(NumberText.dollars(-0.004) == "US$0")
        #expect(NumberText.dollars(-2500) == "US$-2,500")
        #expect(NumberText.dollars(1e19) == "US$10,000,000,000,000,000,000")
        #expect(NumberText.dollars(.infinity) == "US$?")
    }

    @Test func valueAsTextIsNotANumber() {
        let text = Self.json { $0.replacingOccurrences(of: "\"value\": 1000,", with: "\"value\": \"1000\",") }
        #expect(issues(text) == ["bom.json:11:50: criticalMinerals[0] (li) › value: expected a non-negative number of US dollars, at most US$1 trillion, found \"1000\""])
    }

    @Test func unknownCountry() {
        let text = Self.json { $0.replacingOccurrences(of: "\"extractedIn\": \"AUS\"", with: "\"extractedIn\": \"Atlantis\"") }
        #expect(issues(text) == ["bom.json:11:71: criticalMinerals[0] (li) › extractedIn: unknown country 'Atlantis' (expected an ISO 3166 code such as USA or CN, or a country name)"])
    }

    @Test func impossibleDate() {
        let text = Self.json { $0.replacingOccurrences(of: "2024-06-15", with: "2024-02-30") }
        #expect(issues(text) == ["bom.json:3:58: vehicle › placedInService: expected a date YYYY-MM-DD between 1900 and 2200, found '2024-02-30'"])
    }

    @Test func everyProblemIsReportedAtOnce() {
        let text = Self.json {
            $0.replacingOccurrences(of: "\"value\": 6000, ", with: "")
              .replacingOccurrences(of: "\"value\": 500,", with: "\"value\": -500,")
              .replacingOccurrences(of: "\"manufacturedOrAssembledIn\": \"MX\"", with: "\"manufacturedOrAssembledIn\": \"ZZ\"")
              .replacingOccurrences(of: "\"id\": \"li\", \"mineral\": \"lithium\", \"value\": 1000, \"extractedIn\": \"AUS\"",
                                    with: "\"id\": \"li\", \"mineral\": \"lithium\", \"value\": 1000")
        }
        #expect(issues(text) == [
            "bom.json:5:5: components[0] (cells): missing field 'value' (a non-negative number of US dollars, at most US$1 trillion)",
            "bom.json:7:87: components[1] (modules) › manufacturedOrAssembledIn: unknown country 'ZZ' (expected an ISO 3166 code such as USA or CN, or a country name)",
            "bom.json:11:5: criticalMinerals[0] (li): missing where the mineral was extracted, processed or recycled: expected at least one of 'extractedIn', 'processedIn', 'recycledIn'",
            "bom.json:12:49: criticalMinerals[1] (ni) › value: expected a non-negative number of US dollars, at most US$1 trillion, found -500",
        ])
    }

    @Test func unknownFieldsAndBrokenJSON() {
        let typo = Self.json { $0.replacingOccurrences(of: "\"placedInService\"", with: "\"placedInSevrice\"") }
        #expect(issues(typo) == [
            "bom.json:3:58: vehicle: unknown field 'placedInSevrice' (expected one of acquired, description, placedInService)",
            "bom.json:3:14: vehicle: missing field 'placedInService'",
        ])
        let broken = issues("{\n  \"schemaVersion\": 1,\n  \"vehicle\": {,\n}")
        #expect(broken.count == 1 && broken[0].hasPrefix("bom.json:3:") && broken[0].contains("invalid JSON"))
    }

    @Test func datesOutOfTheRulesRange() throws {
        // Before the IRA's §30D (2023-01-01) and after the statute's original sunset (2032-12-31).
        for (placed, acquired) in [("2022-06-01", "2022-05-01"), ("2033-01-01", "2025-06-01")] {
            let bom = try load(Self.json { $0.replacingOccurrences(of: "2024-06-15", with: placed).replacingOccurrences(of: "2024-06-01", with: acquired) })
            let problems = try #require(throws: BOMProblems.self) { try IRA.engine.assess(bom) }
            #expect(problems.problems.first?.description == "vehicle › placedInService: \(placed) is outside the dates rule set 'us-30d-ira-2022' covers: expected a day from 2023-01-01 to 2032-12-31 (\(IRA.rules.coverageBasis))")
        }
        // Acquired after it was placed in service.
        let late = try load(Self.json { $0.replacingOccurrences(of: "2024-06-01", with: "2024-07-01") })
        let problems = try #require(throws: BOMProblems.self) { try IRA.engine.assess(late) }
        #expect(problems.lines(file: "bom.json") == ["bom.json: vehicle › acquired: acquired 2024-07-01, after it was placed in service (2024-06-15): expected a day on or before placedInService"])
    }

    @Test func entitiesTheFEOCTestNeedsMustBeGiven() throws {
        // In 2025 the mineral exclusion applies: every declared activity needs its entity.
        let bom = try load(Self.json { $0.replacingOccurrences(of: "2024-06-15", with: "2025-06-15") })
        let problems = try #require(throws: BOMProblems.self) { try IRA.engine.assess(bom) }
        #expect(problems.problems.map(\.path) == ["criticalMinerals[0] (li)", "criticalMinerals[1] (ni)", "criticalMinerals[1] (ni)"])
        #expect(problems.problems[0].message.hasPrefix("missing field 'extractor': vehicles placed in service from 2025-01-01"))
        // An entity with an incomplete record is a loader error, with its path.
        let partial = Self.json { $0.replacingOccurrences(of: "\"name\": \"B\", \"incorporatedIn\": \"Mexico\", ", with: "\"name\": \"B\", ") }
        #expect(issues(partial) == ["bom.json:8:23: components[1] (modules) › manufacturer: missing field 'incorporatedIn'"])
        let share = Self.json { $0.replacingOccurrences(of: "\"name\": \"A\", \"incorporatedIn\": \"USA\", \"headquarteredIn\": \"USA\", \"coveredGovernmentInterest\": 0",
                                                       with: "\"name\": \"A\", \"incorporatedIn\": \"USA\", \"headquarteredIn\": \"USA\", \"coveredGovernmentInterest\": 25") }
        #expect(issues(share) == ["bom.json:6:118: components[0] (cells) › manufacturer › coveredGovernmentInterest: expected the share (0 to 1) of board seats, voting rights or equity held by covered-nation governments, found 25"])
    }

    @Test func theDocumentedExampleLoadsAndPasses() throws {
        let path = DataCatalog.sourceCheckoutDataFolder + "/policy/examples/bom-example.json"
        let bom = try BatteryBOMLoader().load(path: path)
        let a = try IRA.engine.assess(bom)
        // Minerals (1200 + 900) / 3000 = 70% ≥ 50%; components (6000 + 2000) / 10000 = 80% ≥ 60%.
        #expect(a.qualifyingMineralContent == 0.7 && a.qualifyingBatteryComponentContent == 0.8 && a.credit == 7500)
    }
}
