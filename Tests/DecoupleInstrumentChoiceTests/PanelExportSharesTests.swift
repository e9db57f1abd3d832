import Foundation
import Testing
import DecoupleCore
@testable import DecoupleInstrumentChoice
import DecoupleTrade

/// World export shares per chain from a small BACI release written by the test.
@Suite struct PanelExportSharesTests {
    @Test func chainSharesOfWorldExportsFromABACIPanel() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("fw-panel-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try Data("country_code,country_name,country_iso2,country_iso3\n156,China,CN,CHN\n276,Germany,DE,DEU\n842,USA,US,USA\n".utf8)
            .write(to: folder.appendingPathComponent("country_codes_V202401b.csv"))
        // HS2017 850760 (batteries/cells-packs and EV traction batteries): CHN exports 600, DEU 300, USA 100 (thousand US$).
        let rows = "t,i,j,k,v,q\n2021,156,842,850760,600,1\n2021,276,842,850760,300,1\n2021,842,276,850760,100,1\n2021,842,156,010121,50,1\n"
        let data = folder.appendingPathComponent("BACI_HS17_Y2021_V202401b.csv")
        try Data(rows.utf8).write(to: data)
        let out = folder.appendingPathComponent("p.dpanel").path
        try PanelImport.baci(files: [data.path], to: out)
        let store = try TradePanelStore(path: out)
        let taxonomy = try TaxonomyLoader.bundled(catalog: DataCatalog(root: DataCatalog.sourceCheckoutDataFolder))
        let shares = try #require(PanelExportShares(panel: store.bilateralPanel, taxonomy: taxonomy, leader: .usa, challenger: .china))
        let batteries = try #require(shares.shares["batteries"])
        #expect(abs(batteries.challenger! - 0.6) < 1e-12)
        #expect(abs(batteries.leader! - 0.1) < 1e-12)
        #expect(shares.year == 2021)
        #expect(shares.shares["solar-pv"] == nil)   // no solar products in the panel
    }
}
