import Foundation
import Testing
@testable import DecoupleScenarios

@Suite struct ScenarioFileTests {
    func parse(_ json: String) throws -> Scenario { try ScenarioParser.parse(Data(json.utf8), file: "s.json") }
    func failure(_ json: String) -> ScenarioFileError? {
        do { _ = try parse(json); return nil } catch let e as ScenarioFileError { return e } catch { return nil }
    }
    let base = #""schema": "decouple-scenario/1", "name": "x", "shock": {"supplier": "CHN", "importer": "USA"}"#

    @Test func minimalFileWithDefaults() throws {
        let s = try parse("{\(base), \"sectors\": {\"codes\": [\"C26\"]}}")
        #expect(s.cut == 1 && s.tariff == .prohibitive && s.sectors?.top == 10 && s.elasticities.exportSupply == nil)
    }

    @Test func rejectsPrecisely() {
        let cases: [(String, String, String)] = [
            ("{", "$", "not valid JSON"),
            ("{\"schema\": \"other\"}", "$.schema", "expected \"decouple-scenario/1\""),
            ("{\(base)}", "$", "at least one of"),
            ("{\(base), \"sectors\": {\"codes\": []}}", "$.sectors.codes", "non-empty array"),
            ("{\(base), \"mineral\": {\"edition\": 2019, \"commodity\": \"galli\"}}", "$.mineral.edition", "found 2019.0"),
            ("{\(base), \"products\": {\"dataset\": \"census-hs6-2024\", \"hs6\": [\"8507\"]}}", "$.products.hs6[0]", "6-digit HS code"),
            ("{\(base), \"sectors\": {\"codes\": [\"C26\"]}, \"alliance\": [\"JPN\", \"CHN\"]}", "$.alliance[1]", "cannot be in the alliance"),
            ("{\(base), \"sectors\": {\"codes\": [\"C26\"]}, \"extra\": 1}", "$.extra", "unknown key"),
            ("{\"schema\": \"decouple-scenario/1\", \"name\": \"x\", \"shock\": {\"supplier\": \"CHN\", \"importer\": \"USA\", \"cut\": 1.5}, \"sectors\": {\"codes\": [\"C26\"]}}", "$.shock.cut", "between 0 and 1"),
            ("{\"schema\": \"decouple-scenario/1\", \"name\": \"x\", \"shock\": {\"supplier\": \"china\", \"importer\": \"USA\"}, \"sectors\": {\"codes\": [\"C26\"]}}", "$.shock.supplier", "ISO3"),
            ("{\"schema\": \"decouple-scenario/1\", \"name\": \"x\", \"shock\": {\"supplier\": \"CHN\", \"importer\": \"USA\", \"tariff\": true}, \"sectors\": {\"codes\": [\"C26\"]}}", "$.shock.tariff", "found a boolean"),
            ("{\(base), \"products\": {\"dataset\": \"census-hs6-2024\", \"hs6\": [\"850760\"]}, \"elasticities\": {\"substitution\": 0.5}}", "$.elasticities.substitution", "needs a substitution elasticity > 1"),
            ("{\(base), \"sectors\": {\"codes\": [\"C26\"]}, \"deadlock\": {\"target\": \"CHN\", \"sanctioner\": \"USA\", \"low\": 0.3, \"high\": 0.2}}", "$.deadlock.high", "expected high > low"),
        ]
        for (json, path, words) in cases {
            let e = failure(json)
            #expect(e?.path == path, "\(json) → \(String(describing: e))")
            #expect(e?.message.contains(words) == true, "\(json) → \(String(describing: e))")
            #expect(e?.file == "s.json")
            #expect(e?.line != nil && e?.column != nil, "\(json) → \(String(describing: e))")
        }
    }

    /// Issue #22 item 6: every error names the line and column of its value.
    @Test func errorsGiveLineAndColumn() {
        let text = "{\n  \(base),\n  \"sectors\": {\"codes\": [\"C26\"]},\n  \"capacityGrowthPerYear\": -1\n}"
        #expect(failure(text).map(String.init(describing:)) == "s.json:4:28: $.capacityGrowthPerYear: expected a yearly growth rate ≥ 0 (0.1 = 10 %), found -1.0")
        #expect(failure("{\n  \"schema\": ,\n}").map { "\($0.line!):\($0.column!)" } == "2:13")
        #expect(failure("{\(base), \"sectors\": {\"codes\": [\"C26\"],}}").map { "\($0.line!):\($0.column!) \($0.message)" }
                == "1:125 a trailing comma before the closing bracket")
    }
}

@Suite struct ScenarioExampleTests {
    @Test func exampleParses() throws {
        let s = try ScenarioParser.parse(Data(ScenarioExample.json.utf8), file: "example")
        #expect(s.products?.hs6 == ["850760"] && s.sectors?.codes == ["C26", "C27"] && s.alliance.first == "EU")
    }
}
