import DecoupleAnalyses
@testable import DecoupleServer
import Foundation
import HummingbirdTesting
import Testing

/// One number, one home: China's share of US imports in 2024 of three chain stages (US Census
/// HS6 cross-section, the taxonomy's weighted lines) is computed once, by ``StrategicImports``,
/// and the report (the CLI's path), the dashboard's API (its report and framework documents)
/// and the framework analysis all show that same number.
@Suite struct OneHomeTests {
    static let stages = ["batteries/cells-packs", "solar-pv/inverters", "semiconductors/discrete-devices"]

    @Test func chinaShareOfUSImportsOfThreeChainStagesIsTheSameEverywhere() async throws {
        // The one home, on the bundled Census file.
        let data = AnalysisData(catalog: DataCatalog(root: DataCatalog.sourceCheckoutDataFolder))
        let census = try await data.censusHS6()
        let taxonomy = try await data.taxonomy().taxonomy
        let imports = try #require(StrategicImports(data: census, taxonomy: taxonomy, reporter: .usa))
        #expect(imports.period.description == "2024")
        var home: [String: Double] = [:]
        for id in Self.stages {
            let parts = id.split(separator: "/").map(String.init)
            home[id] = imports.share(of: .china, chain: parts[0], stage: parts[1])
        }
        // Real numbers (Census 2024, HS2022 lines): Li-ion cells and packs mostly from China.
        // Since #16 the denominators count the Census EU line once (it was dropped: 76.44%,
        // 18.15%, 12.81% overstated China's shares).
        #expect(abs(home["batteries/cells-packs"]! - 15_656_111_816.0 / 22_200_062_481.0) < 1e-12)
        #expect(abs(home["solar-pv/inverters"]! - 0.1505) < 5e-5)
        #expect(abs(home["semiconductors/discrete-devices"]! - 0.0929) < 5e-5)

        // The report, as `decouple report` builds it.
        let report = try await data.report(ReportOptions(reporter: .usa, rival: .china))
        let chains = try #require(report.sections.first { $0.id == "chains" })
        // The framework analysis, as `decouple framework` runs it.
        let framework = try await data.framework(leader: .usa, challenger: .china, year: nil).result
        for id in Self.stages {
            let figure = chains.figures.first { $0.metric == .partnerShare && $0.product == id && $0.partner == "CHN" }
            #expect(figure?.value == home[id], "report, \(id)")
            #expect(framework.vulnerabilities[id]?.importShareFromChallenger == home[id], "framework, \(id)")
        }

        // The dashboard's API: the report and framework documents, decoded with JSONDecoder (it
        // reads the shortest round-trip text back to the same double; JSONSerialization may not).
        let expected = home
        try await TestServer.withClient { client in
            try await client.execute(uri: "/api/v1/report?reporter=USA&rival=CHN", method: .get) { r in
                let doc = try JSONDecoder().decode(ReportJSON.self, from: Data(buffer: r.body))
                let figures = doc.sections.first { $0.id == "chains" }?.figures ?? []
                for id in Self.stages {
                    let f = figures.first { $0.metric == "partner_share" && $0.product == id && $0.partner == "CHN" }
                    #expect(f?.value == expected[id], "API report, \(id)")
                }
            }
            try await client.execute(uri: "/api/v1/framework", method: .get) { r in
                let doc = try JSONDecoder().decode(FrameworkJSON.self, from: Data(buffer: r.body))
                for id in Self.stages {
                    #expect(doc.result.vulnerabilities[id]?.importShareFromChallenger == expected[id], "API framework, \(id)")
                }
            }
        }
    }
}

/// The parts of the API documents the test reads.
private struct ReportJSON: Decodable {
    struct Section: Decodable {
        let id: String
        let figures: [FigureJSON]
    }
    struct FigureJSON: Decodable {
        let metric: String
        let product: String?
        let partner: String?
        let value: Double
    }
    let sections: [Section]
}

private struct FrameworkJSON: Decodable {
    struct Result: Decodable {
        struct V: Decodable { let importShareFromChallenger: Double? }
        let vulnerabilities: [String: V]
    }
    let result: Result
}
