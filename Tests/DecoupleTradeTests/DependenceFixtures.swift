import Foundation
import DecoupleCore
import DecoupleTrade



/// Small BACI releases written by the tests, imported through the real reader and store.
struct DependenceFixture {
    let folder: URL

    init() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("decouple-dependence-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    }

    static let countryFile = """
    country_code,country_name,country_iso2,country_iso3
    156,China,CN,CHN
    251,France,FR,FRA
    276,Germany,DE,DEU
    490,"Other Asia, nes",,S19
    484,Mexico,MX,MEX
    704,Viet Nam,VN,VNM
    842,USA,US,USA

    """

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

    /// The hand-computed fixture of the tests (thousand US$):
    ///
    /// 2020 — 850760: CHN→USA 800, DEU→USA 150, VNM→USA 50, CHN→VNM 10, CHN→DEU 600;
    ///        854140: CHN→USA 300, TWN→USA 100;  010121: FRA→USA 40
    /// 2021 — 850760: CHN→USA 600, DEU→USA 300, VNM→USA 100, CHN→DEU 200, USA→DEU 100,
    ///        FRA→DEU 100, CHN→FRA 50, CHN→VNM 90;
    ///        854140: CHN→USA 100, TWN→USA 100, CHN→DEU 300;
    ///        010121 (written 10121): FRA→USA 40, USA→CHN 100, DEU→CHN 60
    static let twoYears: [Int: String] = [
        2020: """
        2020,156,842,850760,800,1
        2020,276,842,850760,150,1
        2020,704,842,850760,50,1
        2020,156,704,850760,10,1
        2020,156,276,850760,600,1
        2020,156,842,854140,300,1
        2020,490,842,854140,100,1
        2020,251,842,010121,40,1

        """,
        2021: """
        2021,156,842,850760,600,1
        2021,276,842,850760,300,1
        2021,704,842,850760,100,1
        2021,156,276,850760,200,1
        2021,842,276,850760,100,1
        2021,251,276,850760,100,1
        2021,156,251,850760,50,1
        2021,156,704,850760,90,1
        2021,156,842,854140,100,1
        2021,490,842,854140,100,1
        2021,156,276,854140,300,1
        2021,251,842,10121,40,1
        2021,842,156,10121,100,1
        2021,276,156,10121,60,NA

        """,
    ]
}

/// Compares within a relative tolerance (values pass through thousand-dollar scaling).
func close(_ a: Double?, _ b: Double, _ tolerance: Double = 1e-9) -> Bool {
    guard let a else { return false }
    return abs(a - b) <= tolerance * max(1, abs(b))
}
