import Foundation
import DecoupleCore
import DecoupleTrade
import DecoupleTestSupport



/// Small BACI releases written by the tests, imported through the real reader and store.
struct DependenceFixture {
    let folder: URL

    init() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("decouple-dependence-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    }

    static let countryFile = BACIFixtureText.countryFile

    /// Writes the country file and one data file per year (values in thousand US$), imports
    /// them and opens the store.
    func panel(_ yearsToRows: [Int: String]) throws -> (TradePanelStore, BilateralPanel) {
        try Data(Self.countryFile.utf8).write(to: folder.appendingPathComponent("country_codes_V202401b.csv"))
        var files: [String] = []
        for (year, rows) in yearsToRows.sorted(by: { $0.key < $1.key }) {
            let url = folder.appendingPathComponent("BACI_HS17_Y\(year)_V202401b.csv")
            try Data(("t,i,j,k,v,q\n" + rows).utf8).write(to: url)
            files.append(url.path)
        }
        let out = folder.appendingPathComponent("panel.dpanel").path
        try PanelImport.baci(files: files, to: out)
        let store = try TradePanelStore(path: out)
        return (store, store.bilateralPanel)
    }

    static let twoYears = BACIFixtureText.twoYears
}

/// Compares within a relative tolerance (values pass through thousand-dollar scaling).
func close(_ a: Double?, _ b: Double, _ tolerance: Double = 1e-9) -> Bool {
    guard let a else { return false }
    return abs(a - b) <= tolerance * max(1, abs(b))
}
