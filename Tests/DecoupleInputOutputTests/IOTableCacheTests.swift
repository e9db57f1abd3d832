@testable import DecoupleInputOutput
import DecoupleCore
import Foundation
import Testing

/// The on-disk cache of an input–output table and its LU factors (#21): reused when intact,
/// rebuilt — never read — when damaged, truncated, stale or of another format version.
@Suite struct IOTableCacheTests {
    /// A three-node table (two regions) whose numbers come from its source file, so a changed
    /// source gives a different table.
    static func table(from source: String) throws -> InputOutputTableData {
        let scale = Double(try String(contentsOfFile: source, encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines))!
        return InputOutputTableData(name: "made", nodeRegions: ["AAA", "AAA", "BBB"], nodeSectors: ["s1", "s2", "s1"],
                                    intermediate: [10, 20, 5, 15, 5, 10, 5, 10, 20].map { $0 * scale },
                                    grossOutput: [100, 80, 120].map { $0 * scale }, valueAdded: [50, 40, 70].map { $0 * scale },
                                    notes: ["made for the test"])
    }

    struct Setup {
        let folder: URL
        let source: String
        let cache: IOTableCache
        init() throws {
            folder = FileManager.default.temporaryDirectory.appendingPathComponent("iocache-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            source = folder.appendingPathComponent("table.txt").path
            try "1\n".write(toFile: source, atomically: true, encoding: .utf8)
            cache = IOTableCache(folder: folder.appendingPathComponent("cache").path)
        }
        func load(_ notes: inout [String]) throws -> (InputOutputTableData, LeontiefModel, IOTableCache.Outcome) {
            var seen: [String] = []
            let r = try cache.load(name: "made", sources: [source], note: { seen.append($0) }) { try IOTableCacheTests.table(from: source) }
            notes += seen
            return (r.table, r.model, r.outcome)
        }
        var file: String { cache.path(for: "made") }
    }

    @Test func reusedWhenIntact() throws {
        let s = try Setup()
        defer { try? FileManager.default.removeItem(at: s.folder) }
        var notes: [String] = []
        let (t1, m1, o1) = try s.load(&notes)
        #expect(o1 == .built("no cache file yet"))
        let (t2, m2, o2) = try s.load(&notes)
        #expect(o2 == .reused && notes.isEmpty)
        #expect(t2.intermediate == t1.intermediate && t2.grossOutput == t1.grossOutput && t2.valueAdded == t1.valueAdded)
        #expect(t2.nodeSectors == t1.nodeSectors && t2.notes == t1.notes && t2.name == "made")
        #expect(m2.factorization.factors == m1.factorization.factors && m2.factorization.pivots == m1.factorization.pivots)
        // The reused factors solve: x = L y reproduces the gross output from final demand.
        let y = (0..<3).map { j in t1.grossOutput[j] - (0..<3).reduce(0) { $0 + t1.intermediate[$1 * 3 + j] } }
        let x = try m2.output(for: y)
        for j in 0..<3 { #expect(abs(x[j] - t1.grossOutput[j]) < 1e-9) }
        // Touched but unchanged: the content decides, still reused.
        try "1\n".write(toFile: s.source, atomically: true, encoding: .utf8)
        #expect(try s.load(&notes).2 == .reused)
    }

    /// Every single flipped byte (header, payload, prefix) and every truncation is detected and
    /// the cache rebuilt: the numbers returned are always the source's.
    @Test func damageIsDetectedAndRebuilt() throws {
        let s = try Setup()
        defer { try? FileManager.default.removeItem(at: s.folder) }
        var notes: [String] = []
        let (good, _, _) = try s.load(&notes)
        let bytes = try Data(contentsOf: URL(fileURLWithPath: s.file))
        var positions = Array(stride(from: 0, to: bytes.count, by: max(1, bytes.count / 97)))
        positions.append(bytes.count - 1)
        for p in positions {
            var bad = bytes
            bad[p] ^= 0x10
            try bad.write(to: URL(fileURLWithPath: s.file))
            notes = []
            let (t, _, outcome) = try s.load(&notes)
            guard case .built(let why) = outcome else { Issue.record("byte \(p) flipped: read as \(outcome)"); continue }
            #expect(t.intermediate == good.intermediate, "byte \(p)")
            #expect(notes.count == 1 && notes[0].contains(why), "byte \(p): \(notes)")
            #expect(try s.load(&notes).2 == .reused, "byte \(p): not rewritten")
        }
        for cut in [0, 10, 23, 24, bytes.count / 2, bytes.count - 1] {
            try bytes.prefix(cut).write(to: URL(fileURLWithPath: s.file))
            let outcome = try s.load(&notes).2
            #expect(outcome != .reused, "truncated to \(cut) bytes: read")
        }
    }

    @Test func staleSourceOrVersionRebuilds() throws {
        let s = try Setup()
        defer { try? FileManager.default.removeItem(at: s.folder) }
        var notes: [String] = []
        _ = try s.load(&notes)
        try "2\n".write(toFile: s.source, atomically: true, encoding: .utf8)
        let (t, _, outcome) = try s.load(&notes)
        #expect(outcome == .built("is stale (its source files changed)"))
        #expect(t.grossOutput == [200, 160, 240])
        // Another format version: rebuilt, not read.
        var bytes = try Data(contentsOf: URL(fileURLWithPath: s.file))
        bytes[8] = 99
        try bytes.write(to: URL(fileURLWithPath: s.file))
        #expect(try s.load(&notes).2 == .built("has format version 99, this build writes \(IOTableCache.formatVersion)"))
        #expect(try s.load(&notes).2 == .reused)
        // No stray temporary files.
        let left = try FileManager.default.contentsOfDirectory(atPath: s.cache.folder)
        #expect(left == ["made.iocache"])
    }
}
