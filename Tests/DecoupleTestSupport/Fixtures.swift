import Foundation
import DecoupleCore

/// Writes small made-up input files for the reader tests into a fresh temporary folder.
public struct Fixtures {
    public let folder: URL

    public init() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("decouple-tests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    }

    /// Writes `text` as `name` and returns the path.
    public func file(_ name: String, _ text: String) throws -> String {
        let url = folder.appendingPathComponent(name)
        try Data(text.utf8).write(to: url)
        return url.path
    }

    /// Writes `text` gzip-compressed (by the system gzip) and returns the path.
    public func gzip(_ name: String, _ text: String) throws -> String {
        let plain = try file(name + ".plain", text)
        let out = folder.appendingPathComponent(name).path
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/bin/sh")
        p.arguments = ["-c", "gzip -c '\(plain)' > '\(out)'"]
        try p.run()
        p.waitUntilExit()
        return out
    }

    /// The error text a read fails with, or nil when it succeeds.
    public static func errorText(_ body: () throws -> Void) -> String? {
        do { try body(); return nil } catch { return "\(error)" }
    }
}

/// The repository's bundled data.
public enum Bundled {
    public static let catalog = DataCatalog(root: DataCatalog.sourceCheckoutDataFolder)
}

/// Whole files as bytes, for the tests that cut or corrupt them.
extension Array where Element == UInt8 {
    public init(contentsOf path: String) throws { self = [UInt8](try Data(contentsOf: URL(fileURLWithPath: path))) }
    public func write(to path: String) throws { try Data(self).write(to: URL(fileURLWithPath: path)) }
}
extension ArraySlice where Element == UInt8 {
    public func write(to path: String) throws { try Data(self).write(to: URL(fileURLWithPath: path)) }
}

/// The hand-computed BACI release of the trade tests (country file and two years of flows),
/// shared by the panel, measure and report-on-a-store tests.
public enum BACIFixtureText {
    public static let countryFile = """
    country_code,country_name,country_iso2,country_iso3
    156,China,CN,CHN
    251,France,FR,FRA
    276,Germany,DE,DEU
    490,"Other Asia, nes",,S19
    484,Mexico,MX,MEX
    704,Viet Nam,VN,VNM
    842,USA,US,USA

    """

    /// The hand-computed fixture of the tests (thousand US$):
    ///
    /// 2020 — 850760: CHN→USA 800, DEU→USA 150, VNM→USA 50, CHN→VNM 10, CHN→DEU 600;
    ///        854140: CHN→USA 300, TWN→USA 100;  010121: FRA→USA 40
    /// 2021 — 850760: CHN→USA 600, DEU→USA 300, VNM→USA 100, CHN→DEU 200, USA→DEU 100,
    ///        FRA→DEU 100, CHN→FRA 50, CHN→VNM 90;
    ///        854140: CHN→USA 100, TWN→USA 100, CHN→DEU 300;
    ///        010121 (written 10121): FRA→USA 40, USA→CHN 100, DEU→CHN 60
    public static let twoYears: [Int: String] = [
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

    /// Writes the release into `f`'s folder (country file and one data file per year) and
    /// returns the data files' paths in year order.
    public static func write(_ f: Fixtures, years: [Int: String] = twoYears) throws -> [String] {
        _ = try f.file("country_codes_V202401b.csv", countryFile)
        return try years.keys.sorted().map { try f.file("BACI_HS17_Y\($0)_V202401b.csv", "t,i,j,k,v,q\n" + years[$0]!) }
    }
}
