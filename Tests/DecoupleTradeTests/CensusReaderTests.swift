import Testing
import DecoupleCore
@testable import DecoupleTrade
import DecoupleTestSupport

@Suite struct CensusTradeReaderTests {
    let monthlyHeader = "CTY_NAME,CON_VAL_MO,CAL_DUT_MO,I_COMMODITY,I_COMMODITY_SDESC,time,COMM_LVL,CTY_CODE\n"

    func read(_ path: String) throws -> [TradeFlow] {
        var flows: [TradeFlow] = []
        var names: [String: String] = [:]
        try CensusTradeReader().read(path: path, into: &flows, productNames: &names)
        return flows
    }

    @Test func readsMonthlyRowsWithQuotedNames() throws {
        let f = try Fixtures()
        let path = try f.file("c.csv", monthlyHeader + "\"KOREA, SOUTH\",8100,0,01,LIVE ANIMALS,2013-01,HS2,5800\n")
        let flows = try read(path)
        #expect(flows == [TradeFlow(period: .month(year: 2013, month: 1), reporter: .usa, partner: Country("KOR"),
                                    direction: .imports, product: try ProductCode("01"), value: 8100, valuation: .customsValue)])
    }

    @Test func readsAnnualRowsAsYearsAndTheTotalFile() throws {
        let f = try Fixtures()
        let annual = try f.file("y.csv", "CTY_NAME,CON_VAL_YR,CAL_DUT_YR,I_COMMODITY,I_COMMODITY_SDESC,time,COMM_LVL,CTY_CODE\nCHINA,17300,1299,0106199120,\"DOGS, LIVE\",2024-12-01,HS10,5700\n")
        let flow = try #require(try read(annual).first)
        #expect(flow.period == .year(2024))
        #expect(flow.product.level == .hts10)
        #expect(flow.product.edition == .hs2022)
        let total = try f.file("t.csv", "CTY_NAME,CON_VAL_MO,CAL_DUT_MO,I_COMMODITY,I_COMMODITY_SDESC,time,COMM_LVL\nTOTAL FOR ALL COUNTRIES,784536648,4504327,07,EDIBLE VEGETABLES,2013-01,HS2\n")
        #expect(try read(total).first?.partner == .world)
    }

    @Test func wrongFieldCount() throws {
        let f = try Fixtures()
        let path = try f.file("c.csv", monthlyHeader + "CHINA,1,0,01,X,2013-01,HS2\n")
        #expect(Fixtures.errorText { _ = try read(path) } == "\(path):2: expected 8 fields as in the header, found 7")
    }

    @Test func nonNumericValue() throws {
        let f = try Fixtures()
        let path = try f.file("c.csv", monthlyHeader + "CHINA,abc,0,01,X,2013-01,HS2,5700\n")
        #expect(Fixtures.errorText { _ = try read(path) } == "\(path):2:7: expected a non-negative number (US$), found 'abc'")
    }

    @Test func unknownCountryCode() throws {
        let f = try Fixtures()
        let path = try f.file("c.csv", monthlyHeader + "ATLANTIS,1,0,01,X,2013-01,HS2,9999\n")
        #expect(Fixtures.errorText { _ = try read(path) } == "\(path):2:31: unknown country code '9999' (expected a US Census Schedule C code such as 5700)")
    }

    @Test func levelMustMatchTheCode() throws {
        let f = try Fixtures()
        let path = try f.file("c.csv", monthlyHeader + "CHINA,1,0,0101,X,2013-01,HS2,5700\n")
        #expect(Fixtures.errorText { _ = try read(path) } == "\(path):2:26: COMM_LVL 'HS2' does not match the 4-digit commodity code 0101; expected 'HS4'")
    }

    @Test func emptyFileAndMissingValueColumn() throws {
        let f = try Fixtures()
        let empty = try f.file("e.csv", "")
        #expect(Fixtures.errorText { _ = try read(empty) } == "\(empty):1: empty file: expected a header line and data")
        let noValue = try f.file("n.csv", "CTY_NAME,I_COMMODITY,time,CTY_CODE\n")
        #expect(Fixtures.errorText { _ = try read(noValue) } == "\(noValue):1:1: no value column: expected one of CON_VAL_MO, CON_VAL_YR, GEN_VAL_MO, GEN_VAL_YR in the header")
    }

    @Test func truncatedGzip() throws {
        let f = try Fixtures()
        let full = try f.gzip("c.csv.gz", monthlyHeader + String(repeating: "CHINA,1474506,0,01,LIVE ANIMALS,2013-01,HS2,5700\n", count: 3000))
        let bytes = try [UInt8](contentsOf: full)
        let cut = f.folder.appendingPathComponent("cut.csv.gz").path
        try bytes.prefix(bytes.count - 8).write(to: cut)
        #expect(Fixtures.errorText { _ = try read(cut) } == "\(cut): truncated gzip stream: the file ends before the compressed data does")
    }

    @Test func partialYearToDateIsRejected() throws {
        let f = try Fixtures()
        let path = try f.file("y.csv", "CTY_CODE,CON_VAL_YR,I_COMMODITY,time\n5700,1,85,2024-06\n")
        #expect(Fixtures.errorText { _ = try read(path) } == "\(path):2:11: year-to-date value for month 6; expected December (an annual figure) in a _YR column")
    }
}

@Suite struct CensusCountryTradeReaderTests {
    func read(_ path: String) throws -> TradeDataset {
        try CensusCountryTradeReader().read(path: path, provenance: BundledDataset.censusUSChinaMonthly.provenance)
    }

    @Test func readsMonthsWithThousandsSeparators() throws {
        let f = try Fixtures()
        let path = try f.file("m.csv", "Month;Exports;Imports;Balance\nJanuary 2001;1,187.5;8,427.5;-7,240.0\n")
        let flows = try read(path).flows
        #expect(flows.count == 2)
        #expect(flows[0].direction == .exports && flows[0].value == 1_187.5e6 && flows[0].valuation == .fas)
        #expect(flows[1].direction == .imports && flows[1].value == 8_427.5e6)
        #expect(flows[1].period == .month(year: 2001, month: 1))
    }

    @Test func malformedRows() throws {
        let f = try Fixtures()
        let path = try f.file("m.csv", "Month;Exports;Imports;Balance\nJanuary 2001;1,187.5;8,427.5\nFoo 2001;1;2;-1\nMarch 2001;x;2;-1\nApril 2001;1;2;5\n")
        #expect(Fixtures.errorText { _ = try read(path) } == """
            \(path):2: expected 4 fields (Month;Exports;Imports;Balance), found 3
            \(path):3:1: expected a month such as 'January 2001', found 'Foo 2001'
            \(path):4:12: expected a number (US$ million, e.g. 1,187.5), found 'x'
            \(path):5:16: balance 5 does not equal exports − imports (-1.0)
            """)
    }

    @Test func emptyFile() throws {
        let f = try Fixtures()
        let path = try f.file("m.csv", "")
        #expect(Fixtures.errorText { _ = try read(path) } == "\(path):1: empty file: expected a header line and data")
    }

    @Test func truncatedGzip() throws {
        let f = try Fixtures()
        let full = try f.gzip("m.csv.gz", "Month;Exports;Imports;Balance\n" + String(repeating: "January 2001;1,187.5;8,427.5;-7,240.0\n", count: 4000))
        let bytes = try [UInt8](contentsOf: full)
        let cut = f.folder.appendingPathComponent("cut.csv.gz").path
        try bytes.prefix(bytes.count / 3).write(to: cut)
        #expect(Fixtures.errorText { _ = try read(cut) } == "\(cut): truncated gzip stream: the file ends before the compressed data does")
    }

    @Test func wrongHeader() throws {
        let f = try Fixtures()
        let path = try f.file("m.csv", "Month,Exports,Imports,Balance\nJanuary 2001,1,2,-1\n")
        #expect(Fixtures.errorText { _ = try read(path) } == "\(path):1:1: unexpected header 'Month,Exports,Imports,Balance'; expected 'Month;Exports;Imports;Balance'")
    }
}
