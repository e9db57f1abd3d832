import Foundation
import Testing
import DecoupleCore
@testable import DecoupleTrade
import DecoupleTestSupport

@Suite struct TaxonomyTests {
    static let concordance = Result { try HSConcordance.load(folder: Bundled.catalog.root + "/hs") }
    static let taxonomy = Result { try TaxonomyLoader.bundled(catalog: Bundled.catalog) }

    @Test func everyCodeExistsInItsStatedEdition() throws {
        let c = try Self.concordance.get(), t = try Self.taxonomy.get()
        #expect(c.codes[.hs2012]?.count == 5206)  // as counted by scripts/check_taxonomy.py
        #expect(c.codes[.hs2022]?.count == 5613)
        var checked = 0
        for chain in t.chains { for stage in chain.stages { for product in stage.products {
            for (edition, codes) in product.codes { for code in codes {
                #expect(c.contains(code, in: edition), "\(chain.id)/\(stage.id): \(code) not in \(edition.rawValue)")
                checked += 1
            } }
        } } }
        #expect(checked > 400)
    }

    @Test func a2017SolarCellCodeAndIts2022SuccessorsMapToTheSameStage() throws {
        let t = try Self.taxonomy.get(), c = try Self.concordance.get()
        let cells2017 = t.matches(for: "854140", edition: .hs2017).filter { $0.chain == "solar-pv" }
        #expect(Set(cells2017.map(\.stage)) == ["cells", "modules"])
        #expect(cells2017.first { $0.stage == "cells" }?.weight == 0.091)
        // HS2022 split 854140: cells not in modules → 854142, in modules → 854143.
        let successors = c.conversions(of: "854140", from: .hs2017, to: .hs2022).map(\.code)
        #expect(Array(successors.prefix(4)) == ["854143", "854141", "854142", "854149"])
        #expect(t.matches(for: "854142", edition: .hs2022).map { "\($0.chain)/\($0.stage)" } == ["solar-pv/cells"])
        #expect(t.matches(for: "854143", edition: .hs2022).map { "\($0.chain)/\($0.stage)" } == ["solar-pv/modules"])
        #expect(t.matches(for: "854142", edition: .hs2022).first?.level == cells2017.first { $0.stage == "cells" }?.level)
        #expect(t.editionChanges.contains { $0.from == .hs2017 && $0.to == .hs2022 && $0.old == ["854140"] && $0.new.contains("854142") })
    }

    @Test func allFiftyCriticalMineralsOfThe2022ListArePresent() throws {
        let t = try Self.taxonomy.get()
        let list2022 = t.criticalMinerals.filter(\.list2022)
        #expect(list2022.count == 50)
        for name in ["lithium", "cobalt", "gallium", "germanium", "graphite", "neodymium", "nickel", "manganese", "tungsten", "zinc"] {
            #expect(list2022.contains { $0.name == name }, "\(name) missing")
        }
        let without = list2022.filter { $0.hsAvailable == false }
        #expect(!without.isEmpty)
        #expect(without.allSatisfy { !($0.reason ?? "").isEmpty })
        #expect(t.criticalMinerals.first { $0.name == "lithium" }?.hsAvailable == true)
        #expect(t.criticalMinerals.first { $0.name == "gallium" }?.chain == "minor-metals-8112")
        #expect(t.criticalMinerals.filter(\.list2018).count >= 35)
    }

    @Test func codesOfAChainCarryTheirWeights() throws {
        let t = try Self.taxonomy.get()
        let solar2017 = t.codes(chain: "solar-pv", edition: .hs2017)
        #expect(abs(solar2017["854140"]! - (0.091 + 0.661)) < 1e-12)
        #expect(solar2017["280461"] == 1)
        #expect(t.codes(chain: "solar-pv", stage: "cells", edition: .hs2022) == ["854142": 1])
        #expect(t.codes(chain: "no-such-chain", edition: .hs2022).isEmpty)
    }
}

@Suite struct TaxonomyOverrideTests {
    let loader = TaxonomyLoader(concordance: try? TaxonomyTests.concordance.get())

    func file(_ json: String) throws -> String { try Fixtures().file("taxonomy.json", json) }

    func product(_ codes: String, weight: String? = nil) -> String {
        #"{"description": "x", "codes": {"HS2022": [\#(codes)]}, \#(weight.map { #""weight": {"HS2022": \#($0)}, "# } ?? "")"source": "test"}"#
    }

    @Test func aUserFileExtendsAndOverrides() throws {
        let base = try TaxonomyTests.taxonomy.get()
        let path = try file(#"""
        {"schemaVersion": 1, "chains": [
          {"id": "solar-pv", "name": "Solar PV (modules only)", "arena": "green", "stages": [
            {"id": "modules", "name": "Modules", "level": "downstream", "products": [\#(product(#""854143""#))]}]},
          {"id": "hydrogen", "name": "Electrolysers", "arena": "green", "stages": [
            {"id": "electrolysers", "name": "Electrolysers", "level": "downstream", "products": [\#(product(#""854330""#))]}]}
        ]}
        """#)
        let merged = try loader.merge(base, withFileAt: path)
        #expect(merged.chains.count == base.chains.count + 1)
        #expect(merged.chain("solar-pv")?.stages.map(\.id) == ["modules"])
        #expect(merged.matches(for: "854330", edition: .hs2022).map(\.chain) == ["hydrogen"])
        #expect(merged.matches(for: "854142", edition: .hs2022).isEmpty)
        #expect(merged.provenance.count == 2)
    }

    func error(_ json: String) throws -> String {
        let path = try file(json)
        do { _ = try loader.load(path: path, displayName: "user.json"); return "no error" } catch { return "\(error)" }
    }

    func chain(_ stages: String, arena: String = "green", extra: String = "") -> String {
        #"{"schemaVersion": 1, "chains": [{"id": "test-chain", "name": "T", "arena": "\#(arena)"\#(extra), "stages": [\#(stages)]}]}"#
    }

    func stage(_ id: String, _ products: String) -> String {
        #"{"id": "\#(id)", "name": "S", "level": "midstream", "products": [\#(products)]}"#
    }

    @Test func unknownCodeFormat() throws {
        #expect(try error(chain(stage("a", product(#""85414""#)))) == #"user.json:1:198: chains[0] (test-chain) › stages[0] (a) › products[0] › codes › HS2022[0]: expected a 6-digit HS code as a string such as "854143", found 85414"#)
    }

    @Test func aCodeThatDoesNotExistInItsEdition() throws {
        #expect(try error(chain(stage("a", product(#""854140""#)))) == "user.json:1:156: chain 'test-chain' › stage 'a' › products[0] › codes › HS2022: code 854140 does not exist in HS2022")
    }

    @Test func aCodeInTwoStagesWithoutWeights() throws {
        let json = chain(stage("a", product(#""854143""#)) + "," + stage("b", product(#""854143""#, weight: "0.5")))
        #expect(try error(json) == "user.json:1:33: chain 'test-chain': code HS2022 854143 stands in several places (a, b) without weights on every one; give each a weight, or list it once")
        let weighted = chain(stage("a", product(#""854143""#, weight: "0.5")) + "," + stage("b", product(#""854143""#, weight: "0.5")))
        #expect(try error(weighted) == "no error")
        let tooMuch = chain(stage("a", product(#""854143""#, weight: "0.7")) + "," + stage("b", product(#""854143""#, weight: "0.5")))
        #expect(try error(tooMuch) == "user.json:1:33: code HS2022 854143: weights add up to 1.2, more than 1")
    }

    @Test func unknownChainArenaLevelAndField() throws {
        let alsoIn = #"{"description": "x", "codes": {"HS2022": ["854143"]}, "alsoIn": ["moon-base"], "source": "t"}"#
        #expect(try error(chain(stage("a", alsoIn))) == "user.json:1:156: chain 'test-chain' › stage 'a' › products[0] › alsoIn: unknown chain 'moon-base'")
        #expect(try error(chain(stage("a", product(#""854143""#)), arena: "blue")) == "user.json:1:76: chains[0] (test-chain) › arena: unknown arena 'blue' (expected green, digital, critical-minerals)")
        #expect(try error(chain(stage("a", product(#""854143""#)), extra: #", "colour": "red""#)) == "user.json:1:95: chains[0]: unknown field 'colour' (expected one of arena, id, name, note, stages)")
        let mineral = #"{"schemaVersion": 1, "chains": [], "criticalMinerals": [{"name": "unobtainium", "list2022": true, "list2018": false, "chain": "nowhere", "hsAvailable": false}]}"#
        #expect(try error(mineral) == """
            user.json:1:57: critical mineral 'unobtainium': unknown chain 'nowhere'
            user.json:1:57: critical mineral 'unobtainium': hsAvailable is false but no reason is given
            """)
    }

    @Test func jsonSyntaxErrorsGiveLineAndColumn() throws {
        let text = try error("{\n  \"schemaVersion\": 1,\n  \"chains\": [,]\n}")
        #expect(text.hasPrefix("user.json:3:14: invalid JSON: expected a JSON document"))
        #expect(try error("") == "user.json:1:1: empty file: expected a JSON taxonomy")
        #expect(try error(#"{"chains": []}"#) == "user.json:1:1: missing field 'schemaVersion' (expected 1)")
    }
}
