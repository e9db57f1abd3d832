import Foundation
import Testing
import DecoupleCore
@testable import DecoupleTrade
import DecoupleTestSupport

@Suite struct DOTSReaderTests {
    let provenance = BundledDataset.imfDOTS.provenance
    let header = "reporter,flow,partner,year,value_usd_m,flag\n"

    func read(_ path: String) throws -> TradeDataset {
        try DOTSReader().read(path: path, provenance: provenance)
    }

    @Test func readsValidRows() throws {
        let f = try Fixtures()
        let path = try f.file("d.csv", header + "USA,M,CHN,2017,505597.06495,\nCHN,X,USA,2017,433744.887853,e\n")
        let flows = try read(path).flows
        #expect(flows.count == 2)
        #expect(flows[0] == TradeFlow(period: .year(2017), reporter: .usa, partner: .china, direction: .imports,
                                      value: 505597.06495e6, valuation: .customsValue))
        #expect(flows[1].valuation == .fob)
        #expect(flows[1].isEstimate)
    }

    @Test func wrongFieldCount() throws {
        let f = try Fixtures()
        let path = try f.file("d.csv", header + "USA,M,CHN,2017\n")
        #expect(Fixtures.errorText { _ = try read(path) } == "\(path):2: expected 6 fields (reporter,flow,partner,year,value_usd_m,flag), found 4")
    }

    @Test func nonNumericValue() throws {
        let f = try Fixtures()
        let path = try f.file("d.csv", header + "USA,M,CHN,2017,12x.5,\n")
        #expect(Fixtures.errorText { _ = try read(path) } == "\(path):2:16: expected a value in US$ million, ≥ 0, found '12x.5'")
    }

    /// Issue #22: a negative value was read as a negative flow.
    @Test func negativeValue() throws {
        let f = try Fixtures()
        let path = try f.file("d.csv", header + "USA,M,CHN,2017,-5.0,\n")
        #expect(Fixtures.errorText { _ = try read(path) } == "\(path):2:16: expected a value in US$ million, ≥ 0, found '-5.0'")
    }

    /// Issue #22: an error names the file that was read, not `Data/…`, when the data folder is
    /// another one (`--data-dir`).
    @Test func errorsNameTheRealDataFolder() throws {
        let f = try Fixtures()
        let folder = f.folder.appendingPathComponent("data").path
        try FileManager.default.createDirectory(atPath: folder + "/imf-dots", withIntermediateDirectories: true)
        _ = try f.gzip("data/imf-dots/dots_bilateral_annual_2000_2020.csv.gz", header + "USA,M,CHN,2017,-5.0,\n")
        let catalog = DataCatalog(root: folder)
        #expect(catalog.displayPath("x") == folder + "/x")
        #expect(DataCatalog(root: DataCatalog.sourceCheckoutDataFolder).displayPath("x") == "Data/x")
        #expect(Fixtures.errorText { _ = try catalog.loadDOTS() }?.hasPrefix(folder + "/imf-dots/dots_bilateral_annual_2000_2020.csv.gz:2:16:") == true)
    }

    @Test func unknownCountryCode() throws {
        let f = try Fixtures()
        let path = try f.file("d.csv", header + "USA,M,XXX,2017,1,\n")
        #expect(Fixtures.errorText { _ = try read(path) } == "\(path):2:7: unknown country code 'XXX' (expected a IMF DOTS code such as USA or WLD)")
    }

    @Test func emptyFile() throws {
        let f = try Fixtures()
        let path = try f.file("d.csv", "")
        #expect(Fixtures.errorText { _ = try read(path) } == "\(path):1: empty file: expected a header line and data")
    }

    @Test func wrongHeader() throws {
        let f = try Fixtures()
        let path = try f.file("d.csv", "reporter,partner,year\n")
        #expect(Fixtures.errorText { _ = try read(path) } == "\(path):1:1: unexpected header 'reporter,partner,year'; expected 'reporter,flow,partner,year,value_usd_m,flag'")
    }

    @Test func truncatedGzip() throws {
        let f = try Fixtures()
        let full = try f.gzip("d.csv.gz", header + String(repeating: "USA,M,CHN,2017,1,\n", count: 5000))
        let bytes = try [UInt8](contentsOf: full)
        let cut = f.folder.appendingPathComponent("cut.csv.gz").path
        try bytes.prefix(bytes.count - 30).write(to: cut)
        #expect(Fixtures.errorText { _ = try read(cut) } == "\(cut): truncated gzip stream: the file ends before the compressed data does")
    }

    @Test func collectsSeveralIssuesBeforeFailing() throws {
        let f = try Fixtures()
        let path = try f.file("d.csv", header + "USA,Z,CHN,2017,1,\nUSA,M,CHN,20x7,1,\nUSA,M,CHN,2017,1,q\n")
        let text = Fixtures.errorText { _ = try read(path) }
        #expect(text == """
            \(path):2:5: expected flow 'X' (exports) or 'M' (imports), found 'Z'
            \(path):3:11: expected a year (1948–2100), found '20x7'
            \(path):4:18: expected flag 'e' or nothing, found 'q'
            """)
    }

    @Test func stopsAtTheErrorLimit() throws {
        let f = try Fixtures()
        let path = try f.file("d.csv", header + String(repeating: "USA,M,CHN,x,1,\n", count: 50))
        let text = try #require(Fixtures.errorText { _ = try DOTSReader(errorLimit: 3).read(path: path, provenance: provenance) })
        #expect(text.split(separator: "\n").count == 4)
        #expect(text.hasSuffix("(stopped after 3 errors; there may be more)"))
    }
}
