import DecoupleCore
import DecoupleInputOutput
@testable import DecoupleScenarios
import Foundation
import Testing

/// The bundled example scenarios on the bundled data.
@Suite struct ScenarioRealDataTests {
    static let catalog = DataCatalog(root: DataCatalog.sourceCheckoutDataFolder)
    static func run(_ name: String) throws -> ScenarioResult {
        try ScenarioRunner.run(try ScenarioParser.read(path: DataCatalog.sourceCheckoutDataFolder + "/scenarios/" + name), catalog: catalog)
    }

    /// USGS MCS 2024 gallium, 2023 estimates: China 600 000 kg of 610 000 kg; spare capacity
    /// (capacity − production) KOR 16 000 − 2 000, JPN 10 000 − 3 000, USA 0.
    @Test func galliumExportCut() throws {
        let m = try #require(try Self.run("gallium-export-cut.json").mineral)
        #expect(m.year == 2023)
        #expect(m.gap.gap == 600_000 && m.gap.allianceCapacity == 21_000 && m.gap.uncovered == 579_000)
        #expect(m.gap.covered + m.gap.uncovered == m.gap.gap)
        #expect(abs(m.gap.yearsToCover! - log(600_000.0 / 21_000) / log(1.15)) < 1e-12)  // 23.99 years
        #expect(m.gap.suppliers.first { $0.name == "KOR" }?.capacity == 14_000)
        #expect(m.gap.suppliers.first { $0.name == "Other countries" }?.capacity == 88_000)
    }

    /// Census 2024 HS 850760: US imports from China USD 15 656 111 816 of 22 200 062 481 — the
    /// report's denominator (PartnerRule): the EU aggregate counts as one supplier with the part
    /// that Slovakia, listed beside it, does not account for; Slovakia is a supplier of its own.
    @Test func batteryBan() throws {
        let p = try #require(try Self.run("battery-ban.json").products)
        #expect(p.gap.gap == 15_656_111_816)
        #expect(p.droppedPartners.isEmpty)
        #expect(p.aggregateSuppliers == ["EU: 1,718,736,203 of 1,719,293,728 USD (less SVK, listed separately)"])
        #expect(p.gap.suppliers.first { $0.name == "EU" }?.current == 1_718_736_203.0)   // 1,719,293,728 − 557,525
        #expect(p.gap.suppliers.first { $0.name == "SVK" }?.current == 557_525)
        let total = p.gap.supplierSupply + p.gap.suppliers.reduce(0) { $0 + $1.current }
        #expect(abs(total - 22_200_062_481) < 1e-3)
        #expect(abs(p.gap.covered + p.gap.uncovered - p.gap.gap) < 1e-3)
        let jpn = try #require(p.gap.suppliers.first { $0.name == "JPN" })
        #expect(jpn.current == 1_369_417_325 && jpn.capacity == 0.5 * 1_369_417_325)
        let pe = try #require(p.partialEquilibrium)
        #expect(pe.sources.first { $0.name == "CHN" }?.newVolume == 0)
        #expect(pe.priceIndex > 1 && pe.newImports < pe.baseImports)
        let dq = pe.sources.reduce(0) { $0 + $1.tradeCreation + $1.tradeDiversion }
        #expect(abs(dq - (pe.newImports - pe.baseImports)) < 1e-3)
        #expect(pe.sources.filter { $0.name != "CHN" }.allSatisfy { $0.tradeDiversion > 0 && $0.exporterPrice > 1 })
    }

    /// OECD ICIO 2022: CHN_C26 sells USD 29 865.7 million of intermediates to US sectors.
    @Test func icioC26Extraction() throws {
        let r = try Self.run("icio-c26-cut.json")
        let io = try #require(r.io)
        #expect(abs(io.extractedSales - 29_865.7064) < 1e-3)
        #expect(io.backwardLossTotal >= io.extractedSales)
        #expect(abs(io.backwardLossTotal - 100_849.47) < 1)
        #expect(abs(io.forwardLossImporter - 46_623.16) < 1)
        #expect(io.importerSectors.first?.sector == "C26")
        let d = try #require(r.deadlock)
        #expect(d.zone == .medium && abs(d.dependence - 0.0766) < 1e-3)
    }

    /// Extraction never increases output, anywhere, on the real ICIO.
    @Test func extractionNeverIncreasesOutput() throws {
        let table = try ICIOCache.shared.oecdICIO2022(Self.catalog)
        let sys = try InputOutputSystem(table: table)
        let src = [sys.index(of: .init(region: "CHN", sector: "C26"))!, sys.index(of: .init(region: "CHN", sector: "C24A"))!]
        let ex = try HypotheticalExtraction(system: sys, sources: src, importer: sys.indices(ofRegion: "USA"), fraction: 1)
        let scale = sys.x.max()!
        #expect(ex.backwardLoss.allSatisfy { $0 >= -1e-12 * scale })
        #expect(ex.forwardLoss.allSatisfy { $0 >= -1e-12 * scale })
        for s in src { #expect(ex.backwardLoss[s] >= (0..<sys.n).filter { sys.nodes[$0].region == "USA" }.reduce(0) { $0 + sys.Z[s, $1] } - 1e-6) }
    }
}

/// Data that the scenario names but the bundled data lacks: an error naming what exists, no crash.
@Suite struct ScenarioRunErrorTests {
    func run(_ json: String) throws -> ScenarioResult {
        try ScenarioRunner.run(try ScenarioParser.parse(Data(json.utf8), file: "t.json"), catalog: ScenarioRealDataTests.catalog)
    }
    let head = #""schema": "decouple-scenario/1", "name": "t", "shock": {"supplier": "CHN", "importer": "USA"}"#

    @Test func unknownSectorCommodityAndProduct() {
        for (json, words) in [
            ("{\(head), \"sectors\": {\"codes\": [\"C99\"]}}", "no node CHN_C99"),
            ("{\(head), \"mineral\": {\"edition\": 2024, \"commodity\": \"unobtainium\"}}", "no world-production file for 'unobtainium'"),
            ("{\(head), \"products\": {\"dataset\": \"census-hs6-2024\", \"hs6\": [\"999999\"]}}", "has no imports of USA in HS 999999"),
        ] {
            do { _ = try run(json); Issue.record("expected an error for \(json)") } catch let e as ScenarioRunError {
                #expect(e.message.contains(words), "\(e.message)")
            } catch { Issue.record("unexpected \(error)") }
        }
    }

    /// A partial cut scales the IO extraction: half the extracted sales.
    @Test func partialCut() throws {
        let json = #"{"schema": "decouple-scenario/1", "name": "t", "shock": {"supplier": "CHN", "importer": "USA", "cut": 0.5}, "sectors": {"codes": ["C26"]}}"#
        let io = try #require(try run(json).io)
        #expect(abs(io.extractedSales - 29_865.7064 / 2) < 1e-3)
        #expect(io.backwardLossTotal > 0 && io.backwardLossTotal < 100_849.47)
    }
}

/// #16 defect 9: the deadlock line says what the table's imports cover.
@Suite struct DeadlockCoverageTests {
    @Test func bundledICIOHasNoFinalDemand() throws {
        let t = try ICIOCache.shared.oecdICIO2022(ScenarioRealDataTests.catalog)
        let d = try ScenarioRunner.deadlock(Scenario.Deadlock(target: "USA", sanctioner: "CHN", low: 0.05, high: 0.2), table: t)
        #expect(t.finalDemand == nil)
        #expect(d.coverage == "intermediate inputs only (the table has no final demand)")
    }
}
