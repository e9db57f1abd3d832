import DecoupleAnalyses
import DecoupleRendering
import DecoupleTestSupport
import Foundation
import Testing

/// `decouple data list --check` (#20 item 17): every bundled input read in full, warnings shown.
@Suite struct DataCheckTests {
    /// The bundled folder: every input reads; MCS 2024 warns about its three files in unknown
    /// layouts (the warnings `minerals` shows only with --verbose).
    @Test func bundledDataReads() {
        let checks = DataCheck.run(catalog: Bundled.catalog)
        #expect(checks.map(\.id) == DataCheck.inputs)
        #expect(!checks.contains { $0.status == .error }, "\(checks.filter { $0.status == .error })")
        let mcs = checks.first { $0.id == "usgs-mcs2024" }!
        #expect(mcs.status == .warnings)
        #expect(mcs.problems.first == "3 file(s) not used (unrecognised layout): Data/usgs-mcs/mcs2024/salient/mcs2024-felds_salient.csv, Data/usgs-mcs/mcs2024/world/mcs2024-barit_world.csv, Data/usgs-mcs/mcs2024/world/mcs2024-vermi_world.csv")
        #expect(checks.first { $0.id == "oecd-icio-2022" }?.summary == "80 economies × 50 sectors, 50 sector names")
        #expect(checks.first { $0.id == "census-hs6-2024" }?.summary == "89,334 flows")
        #expect(checks.first { $0.id == "stage-figures" }?.summary == "263 published stage figures")
    }

    /// A damaged file is an error naming the file, line and column; a missing one names the path.
    @Test func damagedInputIsAnError() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("datacheck-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: root) }
        try FileManager.default.createDirectory(atPath: root + "/policy", withIntermediateDirectories: true)
        try Data("{\"schemaVersion\": 1,\n \"alliances\": [,]}\n".utf8).write(to: URL(fileURLWithPath: root + "/policy/alliances.json"))
        let catalog = DataCatalog(root: root)
        let broken = DataCheck.check("alliances", catalog: catalog)
        #expect(broken.status == .error)
        // The real file is named (it was "Data/…" whatever folder was read, #22).
        #expect(broken.problems.first?.contains(root + "/policy/alliances.json:2:") == true, "\(broken.problems)")
        let missing = DataCheck.check("imf-dots", catalog: catalog)
        #expect(missing.status == .error && missing.problems.first?.contains("imf-dots") == true, "\(missing.problems)")
        let text = DataCheckText.text([broken, missing])
        #expect(text.contains("2 inputs read: 0 ok, 0 with warnings, 2 with errors."))
    }
}
