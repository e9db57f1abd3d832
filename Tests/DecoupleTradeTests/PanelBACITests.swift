import Foundation
import Testing
import DecoupleCore
@testable import DecoupleTrade
import DecoupleTestSupport

/// A BACI release in miniature: the country file of the 2024 layout (with BACI's own codes 842,
/// 251 and 490) and data files named like the real ones.
enum BACIFixture {
    static let countries = """
    country_code,country_name,country_iso2,country_iso3
    156,China,CN,CHN
    251,France,FR,FRA
    276,Germany,DE,DEU
    490,"Other Asia, nes",,S19
    704,Viet Nam,VN,VNM
    842,USA,US,USA

    """

    static func release(_ f: Fixtures, data: [String: String]) throws -> [String] {
        _ = try f.file("country_codes_V202401b.csv", countries)
        return try data.keys.sorted().map { try f.file($0, data[$0]!) }
    }
}

@Suite struct PanelBACITests {
    @Test func fileNameGivesEditionYearAndRelease() {
        #expect(BACIFileName("x/BACI_HS17_Y2022_V202401b.csv") == BACIFileName.init("BACI_HS17_Y2022_V202401b.csv"))
        let n = BACIFileName("/data/BACI_HS17_Y2022_V202401b.csv")
        #expect(n?.edition == .hs2017)
        #expect(n?.year == 2022)
        #expect(n?.release == "V202401b")
        #expect(BACIFileName("BACI_HS92_Y1995_V202301.csv.gz")?.edition == .hs1992)
        #expect(BACIFileName("trade.csv") == nil)
    }

    @Test func importsAndReopens() throws {
        let f = try Fixtures()
        let files = try BACIFixture.release(f, data: [
            "BACI_HS17_Y2021_V202401b.csv": """
            t,i,j,k,v,q
            2021,156,842,850760,600.5,12.25
            2021,842,276,850760,     1.000,           NA
            2021,251,842,10121,40,
            2021,490,842,854140,100,3

            """,
            "BACI_HS17_Y2020_V202401b.csv": "t,i,j,k,v,q\r\n2020,156,842,850760,800,1\r\n",
        ])
        let out = f.folder.appendingPathComponent("stores/baci.dpanel").path
        let header = try PanelImport.baci(files: files, to: out)
        #expect(header.rowCount == 5)
        #expect(header.years == [2020, 2021])
        #expect(header.source == "BACI")
        #expect(header.provenance.first?.edition == "HS17 (HS2017), release V202401b")
        #expect(header.inputs.map(\.rows) == [1, 4])  // files in name order: Y2020 first

        let store = try TradePanelStore(path: out)
        #expect(store.countries.map(\.code) == ["CHN", "DEU", "FRA", "TWN", "USA"])
        #expect(store.products.map(\.code) == ["010121", "850760", "854140"])
        #expect(store.products.allSatisfy { $0.edition == .hs2017 })
        // Year 2020 holds one row, of 850760.
        #expect(store.rows(yearIndex: 0) == 0..<1)
        #expect(store.rows(yearIndex: 0, productIndex: 1) == 0..<1)
        #expect(store.value[0] == 800_000)
        // 2021: 010121 (FRA → USA), 850760 (two rows, in input order), 854140.
        let horses = store.rows(yearIndex: 1, productIndex: 0)
        #expect(horses.count == 1)
        #expect(store.countries[Int(store.exporter[horses.lowerBound])].code == "FRA")
        #expect(store.quantity[horses.lowerBound].isNaN)
        let batteries = store.rows(yearIndex: 1, productIndex: 1)
        #expect(batteries.map { store.value[$0] } == [600_500, 1_000])
        #expect(store.quantity[batteries.lowerBound] == 12.25)
        #expect(store.quantity[batteries.lowerBound + 1].isNaN)
        #expect(store.countries[Int(store.importer[batteries.lowerBound + 1])].code == "DEU")
        let solar = store.rows(yearIndex: 1, productIndex: 2)
        #expect(store.countries[Int(store.exporter[solar.lowerBound])].code == "TWN")
        #expect(store.basis.allSatisfy { $0 == PanelFlowBasis.reconciled.rawValue })
        // No temporary file is left next to the store.
        let left = try FileManager.default.contentsOfDirectory(atPath: f.folder.appendingPathComponent("stores").path)
        #expect(left == ["baci.dpanel"])
    }

    @Test func gzipInputReadsTheSame() throws {
        let f = try Fixtures()
        _ = try f.file("country_codes_V202401b.csv", BACIFixture.countries)
        let path = try f.gzip("BACI_HS17_Y2021_V202401b.csv.gz", "t,i,j,k,v,q\n2021,156,842,850760,600,1\n2021,842,156,850760,5,NA\n")
        let out = f.folder.appendingPathComponent("g.dpanel").path
        try PanelImport.baci(files: [path], to: out)
        let store = try TradePanelStore(path: out)
        #expect(store.rowCount == 2)
        #expect(store.value.reduce(0, +) == 605_000)
    }

    @Test func malformedFileReportsLinesAndLeavesNoStore() throws {
        let f = try Fixtures()
        let files = try BACIFixture.release(f, data: [
            "BACI_HS17_Y2021_V202401b.csv": """
            t,i,j,k,v,q
            2021,156,842,850760,600,1
            2021,156,999,850760,1,1
            2021,156,842,85076,x,1
            2021,156,842
            20x1,156,842,850760,1,1

            """,
        ])
        let out = f.folder.appendingPathComponent("bad.dpanel").path
        let text = Fixtures.errorText { try PanelImport.baci(files: files, to: out) }
        let file = files[0]
        #expect(text == """
        \(file):3:10: unknown BACI country code 999 (not in \(f.folder.path)/country_codes_V202401b.csv)
        \(file):4:20: expected a value in thousand US dollars (a number ≥ 0), found 'x'
        \(file):5: expected 6 fields (t,i,j,k,v,q), found 3
        \(file):6:1: expected a year (1900–2100), found '20x1'
        """)
        #expect(!FileManager.default.fileExists(atPath: out))
        #expect(try FileManager.default.contentsOfDirectory(atPath: f.folder.path).allSatisfy { !$0.hasSuffix(".tmp") })
    }

    @Test func wrongHeaderAndMissingCountryFile() throws {
        let f = try Fixtures()
        let data = try f.file("BACI_HS17_Y2021_V202401b.csv", "year,exporter\n2021,156\n")
        let out = f.folder.appendingPathComponent("x.dpanel").path
        #expect(Fixtures.errorText { try PanelImport.baci(files: [data], to: out) }
                == "\(data): no BACI country file (country_codes_V….csv) beside the data; give it with --countries")
        _ = try f.file("country_codes_V202401b.csv", BACIFixture.countries)
        #expect(Fixtures.errorText { try PanelImport.baci(files: [data], to: out) }
                == "\(data):1:1: unexpected header 'year,exporter'; expected 't,i,j,k,v,q' (a BACI trade file)")
        let unnamed = try f.file("trade.csv", "t,i,j,k,v,q\n")
        #expect(Fixtures.errorText { try PanelImport.baci(files: [unnamed], to: out) }?
            .hasSuffix("cannot tell the HS edition from the file name (expected BACI_HS17_Y2022_V202401b.csv); give it with --edition") == true)
        #expect(!FileManager.default.fileExists(atPath: out))
    }

    @Test func duplicateFlowsAreErrorsWithBothLines() throws {
        let f = try Fixtures()
        let files = try BACIFixture.release(f, data: [
            "BACI_HS17_Y2021_V202401b.csv": "t,i,j,k,v,q\n2021,156,842,850760,1,1\n2021,156,276,850760,1,1\n2021,156,842,850760,2,1\n",
        ])
        let out = f.folder.appendingPathComponent("dup.dpanel").path
        #expect(Fixtures.errorText { try PanelImport.baci(files: files, to: out) }
                == "\(files[0]):4: duplicate flow: year 2021, product 850760 (HS2017), CHN → USA (reconciled) already on line 2 of \(files[0])")
        #expect(!FileManager.default.fileExists(atPath: out))
    }

    @Test func damagedStoresAreRejectedNotCrashed() throws {
        let f = try Fixtures()
        let files = try BACIFixture.release(f, data: ["BACI_HS17_Y2021_V202401b.csv": "t,i,j,k,v,q\n2021,156,842,850760,1,1\n"])
        let out = f.folder.appendingPathComponent("s.dpanel").path
        try PanelImport.baci(files: files, to: out)
        var bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: out)))
        let cut = f.folder.appendingPathComponent("cut.dpanel").path
        try Data(bytes.dropLast(10)).write(to: URL(fileURLWithPath: cut))
        #expect(Fixtures.errorText { _ = try TradePanelStore(path: cut) }?.contains("truncated or extended store") == true)
        bytes[0] = UInt8(ascii: "X")
        let magic = f.folder.appendingPathComponent("magic.dpanel").path
        try Data(bytes).write(to: URL(fileURLWithPath: magic))
        #expect(Fixtures.errorText { _ = try TradePanelStore(path: magic) } == "\(magic): not a Decouple panel store (expected the magic bytes DECPANEL)")
        #expect(Fixtures.errorText { _ = try TradePanelStore(path: f.folder.path) } == "\(f.folder.path): is a folder, expected a panel store file")
    }

    /// A prefix whose header length, data offset or file length is ≥ 2^63 once trapped in
    /// `Int(UInt64)` (#22): each is now a "corrupt store" error.
    @Test func prefixFieldsPastIntMaxAreErrorsNotCrashes() throws {
        let f = try Fixtures()
        let files = try BACIFixture.release(f, data: ["BACI_HS17_Y2021_V202401b.csv": "t,i,j,k,v,q\n2021,156,842,850760,1,1\n"])
        let out = f.folder.appendingPathComponent("s.dpanel").path
        try PanelImport.baci(files: files, to: out)
        let good = try [UInt8](Data(contentsOf: URL(fileURLWithPath: out)))
        for (field, offset) in [("header length", 16), ("data offset", 24), ("file length", 32)] {
            for fill: UInt8 in [0xFF, 0x80] {
                var bytes = good
                for i in offset..<(offset + 8) { bytes[i] = i == offset + 7 ? fill : 0xFF }
                let path = f.folder.appendingPathComponent("bad-\(offset)-\(fill).dpanel").path
                try Data(bytes).write(to: URL(fileURLWithPath: path))
                let message = Fixtures.errorText { _ = try TradePanelStore(path: path) }
                #expect(message?.contains("corrupt store prefix") == true || message?.contains("truncated or extended store") == true,
                        "\(field): \(message ?? "opened")")
            }
        }
        #expect(try TradePanelStore(path: out).rowCount == 1)
    }

    @Test func millionRowStoreReopensCorrectly() throws {
        let f = try Fixtures()
        var builder = TradePanelBuilder(source: "BACI", expectedRows: 1_000_000)
        _ = builder.beginFile(PanelInputSummary(file: "generated"))
        let countries = (0..<200).map { builder.index(of: Country(String(format: "C%02d", $0)))! }
        let products = (0..<1000).map { builder.index(of: PanelStoreProduct(code: String(100000 + $0 * 7), edition: .hs2017)) }
        var expectedTotal = 0.0
        var row = 0
        for year in [2021, 2020] {  // written out of order on purpose
            for p in stride(from: products.count - 1, through: 0, by: -1) {
                for k in 0..<500 {
                    // (k mod 200, k / 200) is unique, so every exporter–importer pair is too.
                    let from = k % 200, to = (k % 200 + 1 + k / 200 + p) % 200
                    if from == to { continue }
                    let e = countries[from], m = countries[to]
                    let v = Double((row % 977) + 1)
                    builder.append(year: year, product: products[p], exporter: e, importer: m, basis: .reconciled,
                                   value: v, quantity: .nan, line: row + 2)
                    expectedTotal += v
                    row += 1
                }
            }
        }
        let out = f.folder.appendingPathComponent("m.dpanel").path
        try builder.write(to: out)
        let store = try TradePanelStore(path: out)
        #expect(store.rowCount == row)
        #expect(store.rowCount > 990_000)
        #expect(store.years == [2020, 2021])
        #expect(store.value.reduce(0, +) == expectedTotal)
        // Blocks are ordered by year then product and cover every row once.
        var covered = 0
        for y in 0..<2 { for p in 0..<store.products.count { covered += store.rows(yearIndex: y, productIndex: p).count } }
        #expect(covered == row)
        #expect(store.products.map(\.code) == store.products.map(\.code).sorted())
    }
}
