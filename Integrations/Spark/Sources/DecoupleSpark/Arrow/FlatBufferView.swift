/// Bounds-checked, little-endian reads of one FlatBuffers object (an Arrow IPC message header)
/// inside a byte array.
///
/// Every read is checked against the object's region, so corrupt offsets end in an
/// ``ArrowReadError`` rather than a crash. Positions are absolute indices into `bytes`.
struct FlatBufferView {
    let bytes: [UInt8]
    /// The object's region: `start..<end` of `bytes`.
    let start: Int
    let end: Int

    init(bytes: [UInt8], start: Int, end: Int) {
        self.bytes = bytes
        self.start = start
        self.end = end
    }

    private func check(_ position: Int, _ size: Int, _ what: String) throws {
        guard position >= start, size >= 0, position <= end - size else {
            throw ArrowReadError("\(what) at byte \(position) lies outside the \(end - start)-byte message header")
        }
    }

    func uint8(at p: Int) throws -> UInt8 {
        try check(p, 1, "a byte")
        return bytes[p]
    }

    func uint16(at p: Int) throws -> Int {
        try check(p, 2, "a 16-bit field")
        return Int(bytes[p]) | Int(bytes[p + 1]) << 8
    }

    func int32(at p: Int) throws -> Int {
        try check(p, 4, "a 32-bit field")
        let u = UInt32(bytes[p]) | UInt32(bytes[p + 1]) << 8 | UInt32(bytes[p + 2]) << 16 | UInt32(bytes[p + 3]) << 24
        return Int(Int32(bitPattern: u))
    }

    func uint32(at p: Int) throws -> Int {
        try check(p, 4, "a 32-bit offset")
        return Int(UInt32(bytes[p]) | UInt32(bytes[p + 1]) << 8 | UInt32(bytes[p + 2]) << 16 | UInt32(bytes[p + 3]) << 24)
    }

    func int64(at p: Int) throws -> Int64 {
        try check(p, 8, "a 64-bit field")
        var v: UInt64 = 0
        for k in 0..<8 { v |= UInt64(bytes[p + k]) << (8 * UInt64(k)) }
        return Int64(bitPattern: v)
    }

    /// The position of the root table.
    func root() throws -> Int {
        try target(of: start)
    }

    /// Follows the unsigned offset stored at `p` (to a table, vector or string).
    func target(of p: Int) throws -> Int {
        let t = p + (try uint32(at: p))
        try check(t, 4, "an object")
        return t
    }

    /// The position of field `slot` of the table at `table`, or nil when the field is absent.
    func field(_ slot: Int, ofTable table: Int) throws -> Int? {
        let vtable = table - (try int32(at: table))
        let vtableSize = try uint16(at: vtable)
        let entry = 4 + 2 * slot
        guard entry + 2 <= vtableSize else { return nil }
        let offset = try uint16(at: vtable + entry)
        guard offset != 0 else { return nil }
        let p = table + offset
        try check(p, 1, "field \(slot)")
        return p
    }

    /// The element count and first element of the vector whose offset is stored at `p`,
    /// checked to fit `elementSize`-byte elements in the region.
    func vector(at p: Int, elementSize: Int) throws -> (first: Int, count: Int) {
        let v = try target(of: p)
        let count = try uint32(at: v)
        guard count <= (end - v - 4) / max(elementSize, 1) else {
            throw ArrowReadError("a vector of \(count) elements at byte \(v) runs past the end of the message header")
        }
        return (v + 4, count)
    }

    /// The string whose offset is stored at `p`.
    func string(at p: Int) throws -> String {
        let (first, count) = try vector(at: p, elementSize: 1)
        return String(decoding: bytes[first..<(first + count)], as: UTF8.self)
    }
}
