@testable import DecoupleSpark

/// Writes small Arrow IPC streams for the reader's tests: a FlatBuffers encoder that lays
/// objects out front to back (every offset points forward, as the format allows), and the
/// stream framing around it. Test-only; it writes the same few types the reader decodes.
struct ArrowStreamWriter {
    /// A FlatBuffers value of a table field.
    indirect enum Value {
        case u8(UInt8), i16(Int16), i32(Int32), i64(Int64)
        case table([(Int, Value)])
        case string(String)
        case tables([[(Int, Value)]])
        /// A vector of structs made of 64-bit integers (FieldNode, Buffer).
        case structs([[Int64]])
    }

    /// A column to write: name, type and values (nil = null).
    enum Column {
        case int32(String, [Int32?])
        case int64(String, [Int64?])
        case int8(String, [Int8?])
        case int16(String, [Int16?])
        case double(String, [Double?])
        case utf8(String, [String?])
        case bool(String, [Bool?])
        /// Any Arrow type id with an empty type table (e.g. 7 decimal), for rejection tests.
        case other(String, typeId: UInt8)
    }

    private var bytes: [UInt8] = []

    private mutating func pad(to n: Int) { while bytes.count % n != 0 { bytes.append(0) } }
    private mutating func put<T: FixedWidthInteger>(_ v: T) { withUnsafeBytes(of: v.littleEndian) { bytes += $0 } }
    private mutating func patch(_ at: Int, _ v: UInt32) {
        withUnsafeBytes(of: v.littleEndian) { for (k, b) in $0.enumerated() { bytes[at + k] = b } }
    }

    /// Writes a table (vtable first, then the table, then its children) and returns its position.
    private mutating func writeTable(_ fields: [(Int, Value)]) -> Int {
        let slots = (fields.map(\.0).max() ?? -1) + 1
        pad(to: 2)
        let vtable = bytes.count
        put(UInt16(4 + 2 * slots))
        put(UInt16(8 + 8 * fields.count))
        for s in 0..<slots {
            if let i = fields.firstIndex(where: { $0.0 == s }) { put(UInt16(8 + 8 * i)) } else { put(UInt16(0)) }
        }
        pad(to: 8)
        let table = bytes.count
        put(Int32(table - vtable))
        put(UInt32(0))
        var pending: [(Int, Value)] = []
        for (_, value) in fields {
            let at = bytes.count
            switch value {
            case .u8(let v): put(v); bytes += [UInt8](repeating: 0, count: 7)
            case .i16(let v): put(v); bytes += [UInt8](repeating: 0, count: 6)
            case .i32(let v): put(v); bytes += [UInt8](repeating: 0, count: 4)
            case .i64(let v): put(v)
            default: put(UInt32(0)); bytes += [0, 0, 0, 0]; pending.append((at, value))
            }
        }
        for (at, value) in pending { patch(at, UInt32(writeObject(value) - at)) }
        return table
    }

    private mutating func writeObject(_ value: Value) -> Int {
        switch value {
        case .table(let fields):
            return writeTable(fields)
        case .string(let s):
            pad(to: 4)
            let at = bytes.count
            put(UInt32(s.utf8.count)); bytes += Array(s.utf8); bytes.append(0)
            return at
        case .tables(let list):
            pad(to: 4)
            let at = bytes.count
            put(UInt32(list.count))
            let slots = bytes.count
            bytes += [UInt8](repeating: 0, count: 4 * list.count)
            for (k, t) in list.enumerated() { patch(slots + 4 * k, UInt32(writeTable(t) - (slots + 4 * k))) }
            return at
        case .structs(let list):
            while bytes.count % 8 != 4 { bytes.append(0) }
            let at = bytes.count
            put(UInt32(list.count))
            for s in list { for v in s { put(v) } }
            return at
        default:
            fatalError("not an object")
        }
    }

    /// One encapsulated message: continuation, length, header (padded to 8), body.
    static func message(headerType: UInt8, header: [(Int, Value)], body: [UInt8]) -> [UInt8] {
        var w = ArrowStreamWriter()
        w.put(UInt32(0))  // root offset, patched
        let root = w.writeTable([(0, .i16(4)), (1, .u8(headerType)), (2, .table(header)), (3, .i64(Int64(body.count)))])
        w.patch(0, UInt32(root))
        w.pad(to: 8)
        var out: [UInt8] = [0xFF, 0xFF, 0xFF, 0xFF]
        withUnsafeBytes(of: UInt32(w.bytes.count).littleEndian) { out += $0 }
        return out + w.bytes + body
    }

    static let endOfStream: [UInt8] = [0xFF, 0xFF, 0xFF, 0xFF, 0, 0, 0, 0]

    static func schema(_ columns: [Column]) -> [UInt8] {
        let fields: [[(Int, Value)]] = columns.map { c in
            let (name, typeId, type): (String, UInt8, [(Int, Value)]) = switch c {
            case .int8(let n, _): (n, 2, [(0, .i32(8)), (1, .u8(1))])
            case .int16(let n, _): (n, 2, [(0, .i32(16)), (1, .u8(1))])
            case .int32(let n, _): (n, 2, [(0, .i32(32)), (1, .u8(1))])
            case .int64(let n, _): (n, 2, [(0, .i32(64)), (1, .u8(1))])
            case .double(let n, _): (n, 3, [(0, .i16(2))])
            case .utf8(let n, _): (n, 5, [])
            case .bool(let n, _): (n, 6, [])
            case .other(let n, let id): (n, id, [])
            }
            return [(0, .string(name)), (1, .u8(1)), (2, .u8(typeId)), (3, .table(type)), (5, .tables([]))]
        }
        return message(headerType: 1, header: [(0, .i16(0)), (1, .tables(fields))], body: [])
    }

    /// A record batch message; `compressed` adds a compression field the reader must refuse.
    static func batch(_ columns: [Column], compressed: Bool = false) -> [UInt8] {
        var body: [UInt8] = []
        var buffers: [[Int64]] = []
        var nodes: [[Int64]] = []
        func add(_ b: [UInt8]) {
            buffers.append([Int64(body.count), Int64(b.count)])
            body += b
            while body.count % 8 != 0 { body.append(0) }
        }
        func bitmap(_ bits: [Bool]) -> [UInt8] {
            var out = [UInt8](repeating: 0, count: (bits.count + 7) / 8)
            for (i, b) in bits.enumerated() where b { out[i / 8] |= 1 << (i % 8) }
            return out
        }
        func fixed<T: FixedWidthInteger>(_ values: [T?]) {
            nodes.append([Int64(values.count), Int64(values.filter { $0 == nil }.count)])
            add(bitmap(values.map { $0 != nil }))
            var b: [UInt8] = []
            for v in values { withUnsafeBytes(of: (v ?? 0).littleEndian) { b += $0 } }
            add(b)
        }
        var length = 0
        for c in columns {
            switch c {
            case .int8(_, let v): fixed(v); length = v.count
            case .int16(_, let v): fixed(v); length = v.count
            case .int32(_, let v): fixed(v); length = v.count
            case .int64(_, let v): fixed(v); length = v.count
            case .double(_, let v): fixed(v.map { $0?.bitPattern }); length = v.count
            case .utf8(_, let v):
                nodes.append([Int64(v.count), Int64(v.filter { $0 == nil }.count)])
                add(bitmap(v.map { $0 != nil }))
                var offsets: [UInt8] = [], data: [UInt8] = []
                withUnsafeBytes(of: Int32(0).littleEndian) { offsets += $0 }
                for s in v { data += Array((s ?? "").utf8); withUnsafeBytes(of: Int32(data.count).littleEndian) { offsets += $0 } }
                add(offsets); add(data)
                length = v.count
            case .bool(_, let v):
                nodes.append([Int64(v.count), Int64(v.filter { $0 == nil }.count)])
                add(bitmap(v.map { $0 != nil }))
                add(bitmap(v.map { $0 ?? false }))
                length = v.count
            case .other:
                nodes.append([0, 0]); add([])
            }
        }
        var header: [(Int, Value)] = [(0, .i64(Int64(length))), (1, .structs(nodes)), (2, .structs(buffers))]
        if compressed { header.append((3, .table([(0, .u8(0))]))) }
        return message(headerType: 3, header: header, body: body)
    }

    /// A whole stream: schema, one batch, end marker.
    static func stream(_ columns: [Column]) -> [UInt8] {
        schema(columns) + batch(columns) + endOfStream
    }
}
