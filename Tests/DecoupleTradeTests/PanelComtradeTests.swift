import Foundation
import Testing
import DecoupleCore
@testable import DecoupleTrade
import DecoupleTestSupport

/// The shared folder of restricted sources (`../shared/data` from the package root).
enum SharedData {
    static let folder = DataCatalog.sourceCheckoutDataFolder + "/../../shared/data"
    static let nikhilm = folder + "/comtrade-us-partner-hs6-nikhilm/converted-csv"
    static let criticalMinerals = folder + "/comtrade-us-china-critical-minerals-cmmdata"
    static func exists(_ path: String) -> Bool { FileManager.default.fileExists(atPath: path) }
}

@Suite struct PanelComtradeTests {
    /// API spelling (camel case), with World rows, an HS4 aggregate, a transport-mode breakdown
    /// and a re-export row.
    let camel = """
    typeCode,freqCode,refYear,reporterCode,reporterISO,flowCode,partnerCode,partnerISO,partner2Code,classificationCode,cmdCode,motCode,customsCode,netWgt,cifvalue,fobvalue,primaryValue
    C,A,2022,842,,M,156,,0,H6,811292,0,C00,1000,120,,120
    C,A,2022,842,,M,0,,0,H6,811292,0,C00,5000,600,,600
    C,A,2022,842,,M,156,,0,H6,8112,0,C00,,900,,900
    C,A,2022,36,,M,156,,0,H6,811292,2100,C00,,7,,7
    C,A,2022,842,,RX,156,,0,H6,811292,0,C00,,3,,3
    C,A,2022,842,,X,156,,0,H6,811292,0,C00,,,40,40

    """

    @Test func readsCamelCaseWithWorldRowsAndSkipsAggregates() throws {
        let f = try Fixtures()
        let path = try f.file("c.csv", camel)
        var builder = TradePanelBuilder(source: "UN Comtrade")
        let summary = try ComtradeReader().read(path: path, into: &builder)
        #expect(summary.rows == 3)
        #expect(summary.edition == .hs2022)
        #expect(summary.skipped == [ComtradeReader.SkipReason.aggregateProduct: 1,
                                    ComtradeReader.SkipReason.transportBreakdown: 1,
                                    ComtradeReader.SkipReason.reExports: 1])
        let out = f.folder.appendingPathComponent("c.dpanel").path
        try builder.write(to: out)
        let store = try TradePanelStore(path: out)
        #expect(store.countries.map(\.code) == ["CHN", "USA", "WLD"])
        let rows = store.rows(yearIndex: 0, productIndex: 0)
        let flows = rows.map { (store.countries[Int(store.exporter[$0])].code, store.countries[Int(store.importer[$0])].code,
                                store.basis[$0], store.value[$0]) }
        #expect(flows.map(\.0) == ["CHN", "WLD", "USA"])
        #expect(flows.map(\.1) == ["USA", "USA", "CHN"])
        #expect(flows.map(\.2) == [1, 1, 2])
        #expect(flows.map(\.3) == [120, 600, 40])
        #expect(store.quantity[rows.lowerBound] == 1)  // 1000 kg
    }

    /// Found by the fuzzer (decouple-fuzz, seed 22, comtrade cases 8, 23 …): a row with one
    /// field more than the header was read by position (#22: "a value of 53,250 stored as 4");
    /// every row must have the header's number of fields.
    @Test func aRowWithAnExtraFieldIsRefused() throws {
        let f = try Fixtures()
        let text = camel.replacingOccurrences(of: "C,A,2022,842,,M,156,,0,H6,811292,0,C00,1000,120,,120",
                                              with: "C,A,2022,842,,M,156,,0,H6,811292,0,C00,1000,1,5,,120")
        let path = try f.file("x.csv", text)
        var builder = TradePanelBuilder(source: "UN Comtrade")
        #expect(Fixtures.errorText { try ComtradeReader().read(path: path, into: &builder) } == "\(path):2: expected 17 fields, found 18")
    }

    @Test func valuationChoosesTheColumn() throws {
        let f = try Fixtures()
        let path = try f.file("c.csv", camel)
        var builder = TradePanelBuilder(source: "UN Comtrade")
        let text = Fixtures.errorText { _ = try ComtradeReader(valuation: .fob).read(path: path, into: &builder) }
        #expect(text == "\(path):2:49: expected a value in US dollars (a number ≥ 0) in fobvalue, found ''\n\(path):3:47: expected a value in US dollars (a number ≥ 0) in fobvalue, found ''")
    }

    @Test func rejectsOtherLayoutsWithTheMissingColumns() throws {
        let f = try Fixtures()
        let path = try f.file("t.csv", "hs6,year,imports\n010129,2015,1\n")
        var builder = TradePanelBuilder(source: "UN Comtrade")
        #expect(Fixtures.errorText { _ = try ComtradeReader().read(path: path, into: &builder) }
                == "\(path):1:1: not a UN Comtrade v1 file: the header lacks refYear, flowCode, reporterCode, partnerCode, cmdCode, primaryValue (found 'hs6,year,imports')")
    }

    @Test func badFlowAndCountryAreReportedWithColumns() throws {
        let f = try Fixtures()
        let path = try f.file("b.csv", """
        refYear,reporterCode,flowCode,partnerCode,classificationCode,cmdCode,primaryValue
        2022,842,Q,156,H6,811292,1
        2022,842,M,1234,H6,811292,1
        2022,842,M,156,S4,811292,1

        """)
        let out = f.folder.appendingPathComponent("b.dpanel").path
        #expect(Fixtures.errorText { try PanelImport.comtrade(files: [path], to: out) } == """
        \(path):2:10: expected flowCode M (imports) or X (exports), found 'Q'
        \(path):3:12: unknown partner '1234' (expected an ISO alpha-3 code, W00, or a UN M49 / Comtrade area code)
        \(path):4:16: expected an HS classification code H0–H6, found 'S4'
        """)
        #expect(!FileManager.default.fileExists(atPath: out))
    }

    // MARK: real data (UN Comtrade, restricted: read from ../shared, skipped when absent)

    @Test(.enabled(if: SharedData.exists(SharedData.nikhilm + "/us_china.csv.gz"),
                   "needs ../shared/data/comtrade-us-partner-hs6-nikhilm (UN Comtrade, not bundled)"))
    func usImportsFromChinaOfLithiumIonBatteriesEqualTheFile() throws {
        let f = try Fixtures()
        let files = ["us_china.csv.gz", "us_china_2022_24.csv.gz"].map { SharedData.nikhilm + "/" + $0 }
        let out = f.folder.appendingPathComponent("us-china.dpanel").path
        let header = try PanelImport.comtrade(files: files, to: out)
        // HS2/HS4 and TOTAL lines are aggregates of the HS6 lines and are left out, counted.
        #expect(header.inputs[0].skipped[ComtradeReader.SkipReason.aggregateProduct]! > 10_000)
        #expect(header.years == Array(2015...2024))
        let store = try TradePanelStore(path: out)
        let chn = store.countries.firstIndex(of: .china)!, usa = store.countries.firstIndex(of: .usa)!
        func usImports(_ year: Int, _ code: String) -> [Double] {
            let y = store.years.firstIndex(of: year)!
            return store.products.indices.filter { store.products[$0].code == code }.flatMap { p in
                store.rows(yearIndex: y, productIndex: p).filter {
                    Int(store.exporter[$0]) == chn && Int(store.importer[$0]) == usa && store.basis[$0] == 1
                }.map { store.value[$0] }
            }
        }
        // The file's primary_value of the 2020 M row, reporter USA, partner CHN, cmd 850760 (HS2017).
        #expect(usImports(2020, "850760") == [2_099_983_118.0])
        #expect(usImports(2022, "850760") == [9_295_203_389.0])
        let y2020 = store.years.firstIndex(of: 2020)!
        let p = store.products.firstIndex { $0.code == "850760" && $0.edition == .hs2017 }!
        #expect(!store.rows(yearIndex: y2020, productIndex: p).isEmpty)
    }
}
