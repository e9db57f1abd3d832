import DecoupleAnalyses
import DecoupleTestSupport
import Foundation
import Testing

/// `decouple report --store`: the report's trade sections from a panel store built from a small
/// BACI release, through the same aggregation requests any engine answers.
@Suite struct ReportOnAStoreTests {
    /// The trade tests' hand-computed BACI release (``BACIFixtureText/twoYears``, thousand US$):
    /// 2020 US imports: CHN 800 + 300, DEU 150, VNM 50, TWN 100, FRA 40 → CHN 1100 of 1440;
    /// 2021 US imports: CHN 600 + 100, DEU 300, VNM 100, TWN 100, FRA 40 → CHN 700 of 1240;
    /// 2021 850760: CHN 600 of 1000; 854140 (solar cells, weighted): CHN 100 of 200.
    static func store(_ f: Fixtures) throws -> String {
        let out = f.folder.appendingPathComponent("fixture.dpanel").path
        _ = try StoreImport.baci(files: try BACIFixtureText.write(f), countryCodes: nil, edition: nil, to: out)
        return out
    }

    @Test func tradeSectionsComeFromTheStore() async throws {
        let f = try Fixtures()
        var panel = TradePanelRequest()
        panel.store = try Self.store(f)
        let data = AnalysisData(catalog: DataCatalog(root: DataCatalog.sourceCheckoutDataFolder), tradePanel: panel)
        let report = try await data.report(ReportOptions(reporter: .usa, rival: .china))
        func figure(_ section: String, _ product: String, _ period: String) -> Figure? {
            report.sections.first { $0.id == section }?.figures.first {
                $0.metric == .partnerShare && $0.partner == "CHN" && $0.product == product && $0.period == period
            }
        }
        #expect(figure("annual-shares", "TOTAL", "2020")?.value == 1100.0 / 1440)
        #expect(figure("annual-shares", "TOTAL", "2021")?.value == 700.0 / 1240)
        #expect(figure("products", "850760", "2021")?.value == 0.6)
        #expect(figure("chains", "solar-pv/cells", "2021")?.value == 0.5)
        #expect(figure("annual-shares", "TOTAL", "2021")?.source == "panel-store")
        #expect(report.sources["panel-store"]?.retrievedFrom.contains("fixture.dpanel") == true)
        #expect(report.sources["imf-dots"] == nil && report.sources["census-hs6-2024"] == nil)
        // Monthly and chapter data are not in an annual panel: said, not invented.
        #expect(report.sections.first { $0.id == "monthly" }?.skippedBecause != nil)
        #expect(report.sections.first { $0.id == "chapters" }?.skippedBecause != nil)
    }
}
