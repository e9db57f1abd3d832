import Foundation
import Testing
import DecoupleCore
@testable import DecoupleTrade
import DecoupleTestSupport

/// The checksummed store (#22): a damaged byte anywhere is either harmless (padding: the store
/// opens with identical contents) or a clear error, never wrong numbers and never a crash;
/// temporary files of killed imports are cleaned; `--out` never replaces a non-file.
@Suite struct PanelStoreIntegrityTests {
    /// A small store: 2 years × 5 products × a few flows, values and quantities varied.
    static func smallStore(_ f: Fixtures) throws -> String {
        var lines = ["t,i,j,k,v,q"]
        let codes = [156, 251, 276, 490, 704, 842]
        for year in [2021, 2022] {
            for (p, product) in ["850760", "854140", "280530", "810520", "850110"].enumerated() {
                for (x, e) in codes.enumerated() where (x + p) % 2 == 0 {
                    let m = codes[(x + p + 1) % codes.count]
                    lines.append("\(year),\(e),\(m),\(product),\(Double(x * 37 + p * 11 + year % 7) / 8),\(x % 3 == 0 ? "NA" : String(p + x))")
                }
            }
        }
        let files = try BACIFixture.release(f, data: ["BACI_HS17_Y2021_V202401b.csv": lines.joined(separator: "\n") + "\n"])
        let out = f.folder.appendingPathComponent("small.dpanel").path
        try PanelImport.baci(files: files, to: out)
        return out
    }

    /// Everything a store hands out, to compare two opens.
    struct Contents: Equatable {
        var header: PanelStoreHeader
        var offsets: [Int64], exporter: [UInt16], importer: [UInt16], basis: [UInt8]
        var value: [UInt64], quantity: [UInt64]  // bit patterns: NaN == NaN

        init(_ s: TradePanelStore) {
            header = s.header
            offsets = Array(s.productOffsets); exporter = Array(s.exporter); importer = Array(s.importer); basis = Array(s.basis)
            value = s.value.map(\.bitPattern); quantity = s.quantity.map(\.bitPattern)
        }
    }

    @Test func everyHeaderByteAndAThousandColumnBytesFlipped() throws {
        let f = try Fixtures()
        let path = try Self.smallStore(f)
        let good = try [UInt8](Data(contentsOf: URL(fileURLWithPath: path)))
        let original = Contents(try TradePanelStore(path: path))
        #expect(original.header.rowCount == 30)
        #expect(original.header.columns.allSatisfy { $0.crc32.count == 8 && $0.crc32 != "00000000" })
        let dataOffset = Int(good.withUnsafeBytes { $0.loadUnaligned(fromByteOffset: 24, as: UInt64.self) })
        #expect(dataOffset > 1000 && dataOffset < good.count)

        var seed: UInt64 = 22
        func random(_ n: Int) -> Int {
            seed = seed &* 6364136223846793005 &+ 1442695040888963407
            return Int((seed >> 33) % UInt64(n))
        }
        var flips: [(at: Int, mask: UInt8)] = (0..<dataOffset).map { ($0, 0xFF) }
        flips += (0..<1000).map { _ in (dataOffset + random(good.count - dataOffset), UInt8(1 + random(255))) }
        let damaged = f.folder.appendingPathComponent("damaged.dpanel").path
        var opened = 0, refused = 0
        var reasons: [String: Int] = [:]
        for (at, mask) in flips {
            var bytes = good
            bytes[at] ^= mask
            try Data(bytes).write(to: URL(fileURLWithPath: damaged))
            do {
                let store = try TradePanelStore(path: damaged)
                // Opened: only where the byte is not part of the data (padding), and then the
                // store reads exactly as before.
                #expect(Contents(store) == original, "byte \(at) ^ \(mask) opened with other contents")
                opened += 1
            } catch {
                let text = "\(error)"
                #expect(text.hasPrefix(damaged + ": "), "byte \(at): \(text)")
                refused += 1
                let reason = text.dropFirst(damaged.count + 2).prefix(40)
                reasons[String(reason), default: 0] += 1
            }
        }
        #expect(opened + refused == dataOffset + 1000)
        // Every flipped byte of the prefix's fields and of the header is refused; what opens
        // is padding (after the header, between columns).
        #expect(refused >= 1000)
        #expect(reasons.keys.contains { $0.hasPrefix("store corrupted: column") })
        #expect(reasons.keys.contains { $0.hasPrefix("store corrupted: the prefix and header") })
    }

    @Test func staleTemporaryFilesAreRemovedAndNonFilesNeverReplaced() throws {
        let f = try Fixtures()
        let path = try Self.smallStore(f)
        let folder = f.folder.path
        // A killed import's temporary file (a pid that does not run) and a running one's (pid 1).
        let stale = folder + "/.small.dpanel.2147483000.tmp"
        let live = folder + "/.small.dpanel.1.tmp"
        FileManager.default.createFile(atPath: stale, contents: Data([1, 2, 3]))
        FileManager.default.createFile(atPath: live, contents: Data([1]))
        _ = try Self.smallStore(f)
        #expect(!FileManager.default.fileExists(atPath: stale))
        #expect(FileManager.default.fileExists(atPath: live))
        #expect(try TradePanelStore(path: path).rowCount == 30)

        // A symbolic link, a folder and a FIFO at the target are refused and left alone.
        let link = folder + "/link.dpanel", dir = folder + "/dir.dpanel", fifo = folder + "/fifo.dpanel"
        try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: path)
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        #expect(mkfifo(fifo, 0o644) == 0)
        let files = [folder + "/BACI_HS17_Y2021_V202401b.csv"]
        for (target, kind) in [(link, "a symbolic link"), (dir, "a folder"), (fifo, "a FIFO")] {
            #expect(Fixtures.errorText { try PanelImport.baci(files: files, to: target) }
                    == "\(target): refusing to replace it: it is \(kind), not a store file (choose another --out)")
        }
        #expect(try FileManager.default.destinationOfSymbolicLink(atPath: link) == path)
    }
}
