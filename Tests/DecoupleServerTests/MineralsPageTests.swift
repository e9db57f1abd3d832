import DecoupleAnalyses
@testable import DecoupleServer
import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

/// Issue 16 on the dashboard: the overview card and the minerals page give the report's
/// critical-minerals count; the lithium chart draws bounds as bounds.
@Suite struct MineralsPageTests {
    func page(_ uri: String) async throws -> String {
        try await TestServer.withClient { client in
            try await client.execute(uri: uri, method: .get, headers: [.accept: "text/html"]) { r in
                #expect(r.status == .ok)
                return r.text
            }
        }
    }

    @Test func overviewCardAndMineralsPageGiveTheReportsCount() async throws {
        let input = try MineralSupplySelection.reportInput(catalog: DataCatalog(root: DataCatalog.sourceCheckoutDataFolder),
                                                           leader: .usa, rival: .china)
        let count = try #require(input.critical)
        #expect(count.fullyImportReliant == 12 && count.listSize == 50)
        let overview = try await page("/")
        #expect(overview.contains("12 of 50"))
        #expect(overview.contains("critical minerals United States imports entirely"))
        let minerals = try await page("/minerals")
        #expect(minerals.contains("100% net-import-reliant for 12 of the 50 minerals"))
        let all = try await page("/minerals?all-commodities=true")
        #expect(all.contains("Stone (Dimension)") && !minerals.contains("Stone (Dimension)"))
    }

    @Test func lithiumChartDrawsBoundsAsBounds() async throws {
        let html = try await page("/minerals?mineral=lithium")
        #expect(html.components(separatedBy: #"data-bound="above""#).count - 1 == 5)
        #expect(html.contains("legend-bound"))
        #expect(html.contains("Lithium: shares of the world, by stage of supply"))
    }
}
