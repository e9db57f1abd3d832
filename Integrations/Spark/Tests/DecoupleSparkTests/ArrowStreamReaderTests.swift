import Testing
@testable import DecoupleSpark

@Suite struct ArrowStreamReaderTests {
    static let columns: [ArrowStreamWriter.Column] = [
        .int32("year", [2021, nil, 2023]),
        .int64("row_count", [7, 8, 1 << 40]),
        .double("value", [1.5, -0.25, nil]),
        .utf8("partner", ["CHN", nil, "Viet Nam ✓"]),
        .bool("flag", [true, false, nil]),
        .int8("tiny", [-3, nil, 127]),
        .int16("small", [-300, 2, nil]),
    ]

    @Test func decodesEveryTypeWithNulls() throws {
        var reader = ArrowStreamReader()
        try reader.read(ArrowStreamWriter.stream(Self.columns))
        let t = reader.table
        #expect(t.rowCount == 3)
        #expect(t.columns.map(\.name) == ["year", "row_count", "value", "partner", "flag", "tiny", "small"])
        #expect(t.columns[0].values == .int([2021, nil, 2023]))
        #expect(t.columns[1].values == .int([7, 8, 1 << 40]))
        #expect(t.columns[2].values == .double([1.5, -0.25, nil]))
        #expect(t.columns[3].values == .string(["CHN", nil, "Viet Nam ✓"]))
        #expect(t.columns[4].values == .bool([true, false, nil]))
        #expect(t.columns[5].values == .int([-3, nil, 127]))
        #expect(t.columns[6].values == .int([-300, 2, nil]))
        #expect(t.column("PARTNER")?.string(2) == "Viet Nam ✓")
        #expect(reader.fields?[0].type == .int(bitWidth: 32, signed: true))
    }

    @Test func appendsRowsOfSeveralStreams() throws {
        var reader = ArrowStreamReader()
        try reader.read(ArrowStreamWriter.stream([.int64("n", [1, 2])]))
        try reader.read(ArrowStreamWriter.stream([.int64("n", [3])]))
        #expect(reader.table.columns[0].values == .int([1, 2, 3]))
        #expect(throws: ArrowReadError.self) { try reader.read(ArrowStreamWriter.stream([.int32("m", [1])])) }
    }

    @Test func schemaOnlyStreamGivesNoRows() throws {
        var reader = ArrowStreamReader()
        try reader.read(ArrowStreamWriter.schema([.utf8("a", [])]) + ArrowStreamWriter.endOfStream)
        #expect(reader.table.rowCount == 0)
        #expect(reader.table.columns.map(\.name) == ["a"])
    }

    private func error(_ bytes: [UInt8]) -> String? {
        var reader = ArrowStreamReader()
        do { try reader.read(bytes); return nil } catch let e as ArrowReadError { return e.message } catch { return "\(error)" }
    }

    @Test func truncatedStreamsFailCleanlyAtEveryLength() {
        let full = ArrowStreamWriter.schema(Self.columns) + ArrowStreamWriter.batch(Self.columns)
        var failures = 0
        for n in 1..<full.count {
            if error(Array(full[..<n])) != nil { failures += 1 }
        }
        // Every cut inside a message fails; cuts exactly between messages are complete streams.
        #expect(failures >= full.count - 3)
        #expect(error([0xFF, 0xFF, 0xFF, 0xFF, 0x40]) == "truncated message length at byte 4 (1 of 4 bytes)")
        #expect(error(Array(full.prefix(100)))?.hasPrefix("message header of") == true)
    }

    @Test func badFlatBufferOffsetsAreReported() {
        var bytes = ArrowStreamWriter.stream(Self.columns)
        // The root offset of the first message header (after the 8-byte prefix) points far away.
        bytes[8] = 0xF0; bytes[9] = 0xFF; bytes[10] = 0xFF; bytes[11] = 0x7F
        let message = error(bytes)
        #expect(message?.contains("lies outside the") == true, "\(message ?? "no error")")
    }

    @Test func unsupportedTypesAndCompressionAreRejected() {
        #expect(error(ArrowStreamWriter.stream([.other("amount", typeId: 7)]))
                == "column 'amount' has Arrow type decimal, which is not supported (cast it to BIGINT, DOUBLE or STRING in the query)")
        #expect(error(ArrowStreamWriter.schema([.int32("a", [1])]) + ArrowStreamWriter.batch([.int32("a", [1])], compressed: true))
                == "compressed record batches are not supported")
        #expect(error(ArrowStreamWriter.batch([.int32("a", [1])])) == "a record batch came before the schema")
    }

    @Test func bodyShorterThanItsBuffersIsRejected() {
        let schema = ArrowStreamWriter.schema([.int64("n", [1, 2, 3])])
        let batch = ArrowStreamWriter.batch([.int64("n", [1, 2, 3])])
        // Cut the body: the header still claims its full length.
        let cut = error(schema + Array(batch.dropLast(8)))
        #expect(cut?.hasPrefix("message body of") == true, "\(cut ?? "no error")")
        // Shrink the declared body length (field 3 of the message table) below what the buffers need.
        var shrunk = batch
        // The writer puts the message table's fields 8 bytes apart after an 8-byte start; the
        // body length is the fourth.
        let root = 8 + (Int(batch[8]) | Int(batch[9]) << 8 | Int(batch[10]) << 16 | Int(batch[11]) << 24)
        shrunk.replaceSubrange((root + 32)..<(root + 40), with: withUnsafeBytes(of: Int64(8).littleEndian) { Array($0) })
        let short = error(schema + shrunk)
        #expect(short?.contains("lies outside the 8-byte body") == true, "\(short ?? "no error")")
    }

    @Test func randomCorruptionNeverCrashes() {
        let full = ArrowStreamWriter.stream(Self.columns)
        var rng = SplitMix64(seed: 42)
        var rejected = 0
        for _ in 0..<3000 {
            var bytes = full
            for _ in 0..<(1 + Int(rng.next() % 4)) {
                bytes[Int(rng.next() % UInt64(bytes.count))] = UInt8(truncatingIfNeeded: rng.next())
            }
            if error(bytes) != nil { rejected += 1 }
        }
        #expect(rejected > 0)
    }
}

/// A small deterministic generator for the corruption test.
struct SplitMix64 {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
