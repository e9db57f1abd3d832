import Foundation
import Testing
@testable import DecoupleCore
import DecoupleTestSupport

@Suite struct DelimitedFileReaderTests {
    func records(_ path: String, delimiter: Character = ",") throws -> [[String]] {
        var out: [[String]] = []
        try DelimitedFileReader(path: path, delimiter: delimiter).forEachRecord { out.append($0.strings) }
        return out
    }

    @Test func readsQuotedFieldsCRLFAndBlankLines() throws {
        let f = try Fixtures()
        let path = try f.file("a.csv", "a,b,c\r\n\"x, y\",\"he said \"\"hi\"\"\",\r\n\r\n\"two\nlines\",2,3")
        #expect(try records(path) == [["a", "b", "c"], ["x, y", "he said \"hi\"", ""], ["two\nlines", "2", "3"]])
    }

    @Test func keepsATrailingEmptyField() throws {
        let f = try Fixtures()
        #expect(try records(try f.file("t.csv", "a,b,")) == [["a", "b", ""]])
    }

    @Test func readsGzipAndSemicolons() throws {
        let f = try Fixtures()
        let path = try f.gzip("s.csv.gz", "Month;Value\nJanuary 2001;1,187.5\n")
        #expect(try records(path, delimiter: ";") == [["Month", "Value"], ["January 2001", "1,187.5"]])
    }

    @Test func reportsLinesAndColumns() throws {
        let f = try Fixtures()
        let path = try f.file("c.csv", "a,b\n1,\"x\"y\n")
        let text = Fixtures.errorText { _ = try records(path) }
        #expect(text == "\(path):2:6: expected a delimiter or the end of the line after a closing quote, found 'y'")
        let open = try f.file("u.csv", "a,b\n1,\"never closed\n")
        #expect(Fixtures.errorText { _ = try records(open) } == "\(open):2:3: unterminated quoted field: the file ends inside it")
    }

    @Test func recordsKnowTheirLineAndFieldColumns() throws {
        let f = try Fixtures()
        let path = try f.file("l.csv", "h1,h2\n\nabc,de\n")
        var seen: [(Int, Int)] = []
        try DelimitedFileReader(path: path).forEachRecord { seen.append(($0.line, $0.column(1))) }
        #expect(seen.map(\.0) == [1, 3])
        #expect(seen.map(\.1) == [4, 5])
    }

    @Test func parsesNumbersFromBytes() throws {
        let f = try Fixtures()
        let path = try f.file("n.csv", "1.5,-20,3e2,1,187.5,abc,0.1,12345678901234567890.5\n")
        var values: [Double?] = []
        try DelimitedFileReader(path: path).forEachRecord { r in
            values = (0..<r.count).map { r.number($0) }
            #expect(r.integer(1) == -20)
            #expect(r.integer(0) == nil)
        }
        #expect(values[0] == 1.5)
        #expect(values[1] == -20)
        #expect(values[2] == 300)
        #expect(values[5] == nil)
        #expect(values[6] == 0.1)
        #expect(values[7] == 12345678901234567890.5)
    }

    @Test func truncatedGzipIsAnError() throws {
        let f = try Fixtures()
        let full = try f.gzip("full.csv.gz", String(repeating: "reporter,flow,partner,year,value_usd_m,flag\n", count: 2000))
        let bytes = try [UInt8](contentsOf: full)
        let cut = f.folder.appendingPathComponent("cut.csv.gz").path
        try bytes.prefix(bytes.count / 2).write(to: cut)
        #expect(Fixtures.errorText { _ = try records(cut) } == "\(cut): truncated gzip stream: the file ends before the compressed data does")
    }

    @Test func missingFileIsAnError() {
        #expect(Fixtures.errorText { _ = try records("/nonexistent/x.csv") } == "/nonexistent/x.csv: cannot open file: No such file or directory")
    }
}
