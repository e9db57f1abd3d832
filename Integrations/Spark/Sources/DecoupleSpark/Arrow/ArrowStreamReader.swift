/// Decodes Arrow IPC *streams* (the format of Spark Connect's `ArrowBatch.data`): a schema
/// message, then record batches, optionally ended by an end-of-stream marker.
///
/// Supported: flat schemas of Int8–Int64 (signed or not), Float32/Float64, Utf8, LargeUtf8 and
/// Bool columns, with nulls; uncompressed bodies. Anything else (dictionaries, nested or
/// decimal columns, compressed batches) is rejected with an ``ArrowReadError``. So is any
/// malformed input: every length and offset is checked against the bytes actually present,
/// so bad bytes never crash the reader.
///
/// Several streams can be read in turn (Spark sends one per batch); their rows are appended,
/// and their schemas must agree.
public struct ArrowStreamReader: Sendable {
    /// The schema, once a schema message has been read.
    public private(set) var fields: [ArrowField]?
    private var columns: [ArrowColumn.Values] = []
    /// Rows decoded so far.
    public private(set) var rowCount = 0

    public init() {}

    /// The rows decoded so far as a table (an empty table before any schema).
    public var table: ArrowTable {
        let fields = fields ?? []
        return ArrowTable(columns: zip(fields, columns).map { ArrowColumn(name: $0.name, values: $1) }, rowCount: rowCount)
    }

    /// Decodes one IPC stream and appends its rows.
    public mutating func read(_ data: [UInt8]) throws {
        var pos = 0
        while pos < data.count {
            guard data.count - pos >= 4 else {
                throw ArrowReadError("truncated message prefix at byte \(pos) (\(data.count - pos) of 4 bytes)")
            }
            var length = Self.int32(data, pos)
            pos += 4
            if length == -1 {  // continuation marker, then the length
                guard data.count - pos >= 4 else {
                    throw ArrowReadError("truncated message length at byte \(pos) (\(data.count - pos) of 4 bytes)")
                }
                length = Self.int32(data, pos)
                pos += 4
            }
            if length == 0 { return }  // end of stream
            guard length > 0, length <= data.count - pos else {
                throw ArrowReadError("message header of \(length) bytes at byte \(pos), but \(data.count - pos) bytes remain")
            }
            let header = FlatBufferView(bytes: data, start: pos, end: pos + length)
            pos += length
            let message = try header.root()
            let headerType = try header.field(1, ofTable: message).map { try header.uint8(at: $0) } ?? 0
            let bodyLength = try header.field(3, ofTable: message).map { try header.int64(at: $0) } ?? 0
            guard bodyLength >= 0, bodyLength <= Int64(data.count - pos) else {
                throw ArrowReadError("message body of \(bodyLength) bytes at byte \(pos), but \(data.count - pos) bytes remain")
            }
            let body = pos..<(pos + Int(bodyLength))
            pos = body.upperBound
            guard let headerField = try header.field(2, ofTable: message) else {
                throw ArrowReadError("message at byte \(header.start) has no header")
            }
            let content = try header.target(of: headerField)
            switch headerType {
            case 1: try readSchema(header, content)
            case 3: try readRecordBatch(header, content, data, body)
            case 2: throw ArrowReadError("dictionary-encoded columns are not supported")
            default: throw ArrowReadError("unsupported message type \(headerType) (expected a schema or a record batch)")
            }
        }
    }

    // MARK: - Schema

    private mutating func readSchema(_ fb: FlatBufferView, _ schema: Int) throws {
        var found: [ArrowField] = []
        if let list = try fb.field(1, ofTable: schema) {
            let (first, count) = try fb.vector(at: list, elementSize: 4)
            for k in 0..<count {
                found.append(try Self.field(fb, try fb.target(of: first + 4 * k)))
            }
        }
        if let fields {
            guard fields == found else {
                throw ArrowReadError("a later stream has a different schema (\(found.map(\.name))) than the first (\(fields.map(\.name)))")
            }
        } else {
            fields = found
            columns = found.map { f in
                switch f.type {
                case .int: .int([])
                case .floatingPoint: .double([])
                case .utf8, .largeUtf8: .string([])
                case .bool: .bool([])
                }
            }
        }
    }

    private static func field(_ fb: FlatBufferView, _ f: Int) throws -> ArrowField {
        let name = try fb.field(0, ofTable: f).map { try fb.string(at: $0) } ?? ""
        let nullable = try fb.field(1, ofTable: f).map { try fb.uint8(at: $0) != 0 } ?? false
        let typeId = try fb.field(2, ofTable: f).map { try fb.uint8(at: $0) } ?? 0
        if let children = try fb.field(5, ofTable: f), try fb.vector(at: children, elementSize: 4).count > 0 {
            throw ArrowReadError("column '\(name)' is nested, which is not supported")
        }
        if try fb.field(4, ofTable: f) != nil {
            throw ArrowReadError("column '\(name)' is dictionary-encoded, which is not supported")
        }
        let typeTable = try fb.field(3, ofTable: f).map { try fb.target(of: $0) }
        let type: ArrowField.DataType
        switch typeId {
        case 2:
            let bits = try typeTable.flatMap { try fb.field(0, ofTable: $0) }.map { try fb.int32(at: $0) } ?? 0
            let signed = try typeTable.flatMap { try fb.field(1, ofTable: $0) }.map { try fb.uint8(at: $0) != 0 } ?? false
            guard [8, 16, 32, 64].contains(bits) else {
                throw ArrowReadError("column '\(name)' is an integer of \(bits) bits (expected 8, 16, 32 or 64)")
            }
            type = .int(bitWidth: bits, signed: signed)
        case 3:
            let precision = try typeTable.flatMap { try fb.field(0, ofTable: $0) }.map { try fb.uint16(at: $0) } ?? 0
            switch precision {
            case 1: type = .floatingPoint(bits: 32)
            case 2: type = .floatingPoint(bits: 64)
            default: throw ArrowReadError("column '\(name)' is a half-precision float, which is not supported")
            }
        case 5: type = .utf8
        case 6: type = .bool
        case 20: type = .largeUtf8
        default:
            let names: [UInt8: String] = [1: "null", 4: "binary", 7: "decimal", 8: "date", 9: "time", 10: "timestamp",
                                          11: "interval", 12: "list", 13: "struct", 17: "map", 18: "duration"]
            throw ArrowReadError("column '\(name)' has Arrow type \(names[typeId] ?? "#\(typeId)"), which is not supported (cast it to BIGINT, DOUBLE or STRING in the query)")
        }
        return ArrowField(name: name, type: type, nullable: nullable)
    }

    // MARK: - Record batches

    private mutating func readRecordBatch(_ fb: FlatBufferView, _ batch: Int, _ data: [UInt8], _ body: Range<Int>) throws {
        guard let fields else { throw ArrowReadError("a record batch came before the schema") }
        if try fb.field(3, ofTable: batch) != nil {
            throw ArrowReadError("compressed record batches are not supported")
        }
        let length64 = try fb.field(0, ofTable: batch).map { try fb.int64(at: $0) } ?? 0
        guard length64 >= 0, length64 <= Int64(Int32.max) else {
            throw ArrowReadError("record batch length \(length64) is out of range")
        }
        let length = Int(length64)
        guard let nodesField = try fb.field(1, ofTable: batch), let buffersField = try fb.field(2, ofTable: batch) else {
            throw ArrowReadError("record batch without field nodes or buffers")
        }
        let nodes = try fb.vector(at: nodesField, elementSize: 16)
        guard nodes.count == fields.count else {
            throw ArrowReadError("record batch has \(nodes.count) field nodes for \(fields.count) columns")
        }
        let bufferList = try fb.vector(at: buffersField, elementSize: 16)
        var buffers: [Range<Int>] = []
        for k in 0..<bufferList.count {
            let offset = try fb.int64(at: bufferList.first + 16 * k)
            let size = try fb.int64(at: bufferList.first + 16 * k + 8)
            guard offset >= 0, size >= 0, offset <= Int64(body.count), size <= Int64(body.count) - offset else {
                throw ArrowReadError("buffer \(k) (offset \(offset), \(size) bytes) lies outside the \(body.count)-byte body")
            }
            buffers.append((body.lowerBound + Int(offset))..<(body.lowerBound + Int(offset + size)))
        }
        var next = 0
        func take(_ what: String, column: String) throws -> Range<Int> {
            guard next < buffers.count else {
                throw ArrowReadError("record batch has too few buffers (missing the \(what) buffer of '\(column)')")
            }
            next += 1
            return buffers[next - 1]
        }

        for (i, field) in fields.enumerated() {
            let nodeLength = try fb.int64(at: nodes.first + 16 * i)
            let nullCount = try fb.int64(at: nodes.first + 16 * i + 8)
            guard nodeLength == length64 else {
                throw ArrowReadError("column '\(field.name)' has \(nodeLength) values in a batch of \(length) rows")
            }
            guard nullCount >= 0, nullCount <= length64 else {
                throw ArrowReadError("column '\(field.name)' has a null count of \(nullCount) in a batch of \(length) rows")
            }
            let validityBuffer = try take("validity", column: field.name)
            let validity: Range<Int>? = nullCount == 0 ? nil : validityBuffer
            if let validity, validity.count < (length + 7) / 8 {
                throw ArrowReadError("validity buffer of '\(field.name)' has \(validity.count) bytes, \((length + 7) / 8) needed")
            }
            func isValid(_ r: Int) -> Bool {
                guard let validity else { return true }
                return data[validity.lowerBound + r / 8] >> (r % 8) & 1 == 1
            }
            func require(_ buffer: Range<Int>, _ bytes: Int, _ what: String) throws {
                guard buffer.count >= bytes else {
                    throw ArrowReadError("\(what) buffer of '\(field.name)' has \(buffer.count) bytes, \(bytes) needed for \(length) rows")
                }
            }
            switch (field.type, columns[i]) {
            case (.int(let bits, let signed), .int(var out)):
                columns[i] = .bool([])  // `out` is now the only reference: appends do not copy
                let values = try take("values", column: field.name)
                let width = bits / 8
                try require(values, length * width, "values")
                out.reserveCapacity(out.count + length)
                for r in 0..<length {
                    guard isValid(r) else { out.append(nil); continue }
                    let p = values.lowerBound + r * width
                    let raw = Self.uint64(data, p, width)
                    switch (width, signed) {
                    case (1, true): out.append(Int(Int8(truncatingIfNeeded: raw)))
                    case (2, true): out.append(Int(Int16(truncatingIfNeeded: raw)))
                    case (4, true): out.append(Int(Int32(truncatingIfNeeded: raw)))
                    case (8, true): out.append(Int(Int64(bitPattern: raw)))
                    default:
                        guard let v = Int(exactly: raw) else {
                            throw ArrowReadError("column '\(field.name)' holds the unsigned value \(raw), too large for Int")
                        }
                        out.append(v)
                    }
                }
                columns[i] = .int(out)
            case (.floatingPoint(let bits), .double(var out)):
                columns[i] = .bool([])
                let values = try take("values", column: field.name)
                let width = bits / 8
                try require(values, length * width, "values")
                out.reserveCapacity(out.count + length)
                for r in 0..<length {
                    guard isValid(r) else { out.append(nil); continue }
                    let raw = Self.uint64(data, values.lowerBound + r * width, width)
                    out.append(width == 8 ? Double(bitPattern: raw) : Double(Float(bitPattern: UInt32(truncatingIfNeeded: raw))))
                }
                columns[i] = .double(out)
            case (.utf8, .string(var out)), (.largeUtf8, .string(var out)):
                columns[i] = .bool([])
                let width = field.type == .utf8 ? 4 : 8
                let offsets = try take("offsets", column: field.name)
                let text = try take("data", column: field.name)
                try require(offsets, (length + 1) * width, "offsets")
                out.reserveCapacity(out.count + length)
                var start = Int64(bitPattern: Self.uint64(data, offsets.lowerBound, width))
                if width == 4 { start = Int64(Int32(truncatingIfNeeded: start)) }
                for r in 0..<length {
                    var end = Int64(bitPattern: Self.uint64(data, offsets.lowerBound + (r + 1) * width, width))
                    if width == 4 { end = Int64(Int32(truncatingIfNeeded: end)) }
                    defer { start = end }
                    guard isValid(r) else { out.append(nil); continue }
                    guard start >= 0, start <= end, end <= Int64(text.count) else {
                        throw ArrowReadError("string \(r) of '\(field.name)' spans bytes \(start)..<\(end) of a \(text.count)-byte data buffer")
                    }
                    out.append(String(decoding: data[(text.lowerBound + Int(start))..<(text.lowerBound + Int(end))], as: UTF8.self))
                }
                columns[i] = .string(out)
            case (.bool, .bool(var out)):
                columns[i] = .bool([])
                let values = try take("values", column: field.name)
                try require(values, (length + 7) / 8, "values")
                out.reserveCapacity(out.count + length)
                for r in 0..<length {
                    out.append(isValid(r) ? data[values.lowerBound + r / 8] >> (r % 8) & 1 == 1 : nil)
                }
                columns[i] = .bool(out)
            default:
                throw ArrowReadError("column '\(field.name)' changed type between batches")
            }
        }
        rowCount += length
    }

    // MARK: - Little-endian helpers (callers check the bounds)

    private static func int32(_ data: [UInt8], _ p: Int) -> Int {
        Int(Int32(truncatingIfNeeded: uint64(data, p, 4)))
    }

    private static func uint64(_ data: [UInt8], _ p: Int, _ width: Int) -> UInt64 {
        var v: UInt64 = 0
        for k in 0..<width { v |= UInt64(data[p + k]) << (8 * UInt64(k)) }
        return v
    }
}
