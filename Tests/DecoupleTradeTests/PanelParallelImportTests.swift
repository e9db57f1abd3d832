import Foundation
import Testing
import DecoupleCore
@testable import DecoupleTrade
import DecoupleTestSupport

/// The parallel BACI read (a plain file cut into stretches read on several threads, then
/// joined) against the one-thread read and the gzip stream: the same store bytes, the same
/// errors in file order with the same lines.
@Suite struct PanelParallelImportTests {
    static let exporters = [156, 251, 276, 490, 704, 842]

    /// A BACI file in every form the format takes: padded fields, CRLF and LF endings, blank
    /// lines, 5-digit product codes, `NA` and empty quantities, long mantissas, no newline at
    /// the end. Deterministic; every (year, product, exporter, importer) once.
    static func varied() -> (text: String, rows: Int, total: Double) {
        var lines = ["t,i,j,k,v,q"]
        var rows = 0, total = 0.0
        var seed: UInt64 = 42
        func next() -> Int {
            seed = seed &* 6364136223846793005 &+ 1442695040888963407
            return Int(seed >> 33)
        }
        for year in [2021, 2020] {
            for product in stride(from: 10121, to: 10121 + 300 * 37, by: 37) {
                for e in exporters {
                    for m in exporters where m != e {
                        let r = next()
                        let code = product < 100_000 && r % 3 == 0 ? String(product) : String(format: "%06d", product)
                        let thousands = Double(r % 1_000_000) / 1000
                        var value = String(format: "%.3f", thousands)
                        if r % 97 == 0 { value = "12345678901234567.5" }  // past 15 digits: the general number parser
                        let q: String
                        switch r % 5 {
                        case 0: q = "NA"
                        case 1: q = ""
                        default: q = String(format: "%.3f", Double(r % 9999) / 7)
                        }
                        var line = "\(year),\(e),\(m),\(code),\(value),\(q)"
                        switch r % 11 {
                        case 0: line = "\(year), \(e) ,\(m),\(code),     \(value),           \(q)"
                        case 1: line += "\r"
                        default: break
                        }
                        lines.append(line)
                        if r % 53 == 0 { lines.append("") }
                        rows += 1
                        total += (Double(value) ?? 0) * 1000
                    }
                }
            }
        }
        return (lines.joined(separator: "\n"), rows, total)  // no newline after the last line
    }

    /// The store's bytes with the write time blanked (the only field that may differ) and the
    /// header checksum, which covers it.
    static func storeBytes(_ path: String) throws -> Data {
        var data = try Data(contentsOf: URL(fileURLWithPath: path))
        data.replaceSubrange(40..<44, with: Data(count: 4))
        let key = Data("\"createdAt\":\"".utf8)
        let start = try #require(data.range(of: key)).upperBound
        let end = try #require(data[start...].firstIndex(of: UInt8(ascii: "\"")))
        data.replaceSubrange(start..<end, with: Data(repeating: UInt8(ascii: "x"), count: end - start))
        return data
    }

    static func read(_ paths: [String], threads: Int, stretch: Int, errorLimit: Int = 20,
                     into folder: URL, writeThreads: Int, name: String) throws -> String {
        let codes = try BACICountryCodes.read(path: folder.appendingPathComponent("country_codes_V202401b.csv").path)
        var reader = BACIReader(countryCodes: codes, edition: .hs2017, release: "V202401b", errorLimit: errorLimit, threads: threads)
        reader.minimumStretch = stretch
        var builder = TradePanelBuilder(source: "BACI")
        for path in paths { try reader.read(path: path, displayName: "data.csv", into: &builder) }
        let out = folder.appendingPathComponent(name).path
        try builder.write(to: out, errorLimit: errorLimit, threads: writeThreads)
        return out
    }

    @Test func sameStoreBytesOnOneThreadOnManyAndFromGzip() throws {
        let f = try Fixtures()
        _ = try f.file("country_codes_V202401b.csv", BACIFixture.countries)
        let (text, rows, total) = Self.varied()
        let plain = try f.file("BACI_HS17_Y2020_V202401b.csv", text)
        let gzip = try f.gzip("BACI_HS17_Y2020_V202401b.csv.gz", text)
        #expect(text.utf8.count > 300_000)

        let one = try Self.read([plain], threads: 1, stretch: 4 << 20, into: f.folder, writeThreads: 1, name: "one.dpanel")
        // 16 stretches of ~30 KB on 4 threads, sorted on 3.
        let many = try Self.read([plain], threads: 4, stretch: 1000, into: f.folder, writeThreads: 3, name: "many.dpanel")
        let stream = try Self.read([gzip], threads: 4, stretch: 1000, into: f.folder, writeThreads: 2, name: "gzip.dpanel")

        let store = try TradePanelStore(path: many)
        #expect(store.rowCount == rows)
        #expect(store.rowCount == 18_000)
        let sum = store.value.reduce(0, +)
        #expect(abs(sum - total) <= 1e-9 * total)
        #expect(store.quantity.contains { $0.isNaN })
        #expect(try Self.storeBytes(many) == Self.storeBytes(one))
        #expect(try Self.storeBytes(stream) == Self.storeBytes(one))
    }

    @Test func theSameFileTwiceIsReportedAsDuplicatesWithBothLines() throws {
        let f = try Fixtures()
        _ = try f.file("country_codes_V202401b.csv", BACIFixture.countries)
        let (text, _, _) = Self.varied()
        let a = try f.file("a.csv", text)
        let b = try f.file("b.csv", text)
        func failure(threads: Int) -> String? {
            Fixtures.errorText {
                let codes = try BACICountryCodes.read(path: f.folder.appendingPathComponent("country_codes_V202401b.csv").path)
                var reader = BACIReader(countryCodes: codes, edition: .hs2017, errorLimit: 3, threads: threads)
                reader.minimumStretch = 1000
                var builder = TradePanelBuilder(source: "BACI")
                try reader.read(path: a, into: &builder)
                try reader.read(path: b, into: &builder)
                try builder.write(to: f.folder.appendingPathComponent("dup.dpanel").path, errorLimit: 3, threads: threads)
            }
        }
        let one = failure(threads: 1), many = failure(threads: 4)
        #expect(one == many)
        // The first stored block is 2020's first product: its first flow is on line 9,002 of
        // each file (header, 9,000 rows of 2021 and the blank lines among them come first).
        let first = try #require(one?.split(separator: "\n").first.map(String.init))
        let line = try #require(first.split(separator: ":").dropFirst().first.flatMap { Int($0) })
        #expect(first.hasPrefix("\(b):\(line): duplicate flow: year 2020, product 010121 (HS2017)"))
        #expect(first.hasSuffix("already on line \(line) of \(a)"))
        // (Split as bytes: "\r\n" is one Character.)
        let blank = text.utf8.split(separator: 10, omittingEmptySubsequences: false).prefix(line).filter(\.isEmpty).count
        #expect(line == 2 + 9_000 + blank)
    }

    @Test func errorsComeInFileOrderWithTheirLinesWhateverTheThreads() throws {
        let f = try Fixtures()
        _ = try f.file("country_codes_V202401b.csv", BACIFixture.countries)
        var lines = ["t,i,j,k,v,q"]
        for i in 0..<400 {
            let e = Self.exporters[i % 6], m = Self.exporters[(i / 6 + 1 + i % 6) % 6]
            lines.append("2021,\(e),\(m == e ? 999 : m),\(String(format: "%06d", 100_000 + i)),1.5,2")
        }
        // Known mistakes at known lines (line n is lines[n - 1]).
        lines[49] = "2021,156,842,850760,x,1"
        lines[119] = "2021,156,842"
        lines[120] = "20x1,156,842,850760,1,1"
        lines[299] = "2021,156,842,8507600,1,1"
        lines[389] = "2021,156,842,850760,1,-3"
        let path = try f.file("BACI_HS17_Y2021_V202401b.csv", lines.joined(separator: "\n") + "\n")
        func failure(threads: Int, limit: Int) -> String? {
            Fixtures.errorText {
                _ = try Self.read([path], threads: threads, stretch: 500, errorLimit: limit, into: f.folder, writeThreads: threads, name: "e.dpanel")
            }
        }
        let all = try #require(failure(threads: 1, limit: 200))
        #expect(failure(threads: 4, limit: 200) == all)
        #expect(failure(threads: 2, limit: 200) == all)
        let numbered = all.split(separator: "\n").compactMap { $0.split(separator: ":").dropFirst().first.flatMap { Int($0) } }
        #expect(numbered == numbered.sorted())
        // The planted mistakes, among the rows whose importer was the exporter (code 999).
        for n in [50, 120, 121, 300, 390] { #expect(numbered.contains(n)) }
        #expect(all.contains("data.csv:50:21: expected a value in thousand US dollars (a number ≥ 0), found 'x'"))
        #expect(all.contains("data.csv:120: expected 6 fields (t,i,j,k,v,q), found 3"))
        #expect(all.contains("data.csv:390:23: expected a quantity in tonnes (a number ≥ 0, or NA), found '-3'"))
        // At a limit of 3: the first three in file order, on any number of threads.
        let three = try #require(failure(threads: 1, limit: 3))
        #expect(failure(threads: 4, limit: 3) == three)
        #expect(Array(three.split(separator: "\n").prefix(3)) == Array(all.split(separator: "\n").prefix(3)))
        #expect(!FileManager.default.fileExists(atPath: f.folder.appendingPathComponent("e.dpanel").path))
    }

    /// A store written over an existing one (exchanged with it, then the old one removed): the
    /// path holds the new rows, a reader of the old file keeps reading it, nothing is left over.
    @Test func replacingAStoreLeavesTheNewOneOnly() throws {
        let f = try Fixtures()
        let files = try BACIFixture.release(f, data: [
            "BACI_HS17_Y2021_V202401b.csv": "t,i,j,k,v,q\n2021,156,842,850760,600,1\n",
            "BACI_HS17_Y2022_V202401b.csv": "t,i,j,k,v,q\n2022,156,842,850760,700,1\n2022,842,156,850760,5,NA\n",
        ])
        let folder = f.folder.appendingPathComponent("stores")
        let out = folder.appendingPathComponent("baci.dpanel").path
        try PanelImport.baci(files: [files[0]], to: out)
        let old = try TradePanelStore(path: out)
        try PanelImport.baci(files: [files[1]], to: out)
        let new = try TradePanelStore(path: out)
        #expect(new.rowCount == 2 && new.years == [2022])
        #expect(new.value.reduce(0, +) == 705_000)
        #expect(old.rowCount == 1 && old.value[0] == 600_000)  // still mapped, still whole
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["baci.dpanel"])
    }
}
