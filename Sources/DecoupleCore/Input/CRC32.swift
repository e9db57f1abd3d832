import CSystemZlib

/// CRC-32 (ISO-HDLC, as zlib and ZIP compute it) over raw bytes, by the system zlib: fast in
/// any build (the C library is optimised), used to detect damaged cache files.
public struct CRC32: Sendable {
    public private(set) var value: UInt32 = 0

    public init() {}

    /// Adds `count` bytes at `bytes`.
    public mutating func update(_ bytes: UnsafeRawPointer, count: Int) {
        guard count > 0 else { return }
        value = UInt32(truncatingIfNeeded: crc32_z(UInt(value), bytes.assumingMemoryBound(to: UInt8.self), count))
    }

    /// Adds a buffer's bytes.
    public mutating func update(_ buffer: UnsafeRawBufferPointer) {
        if let base = buffer.baseAddress { update(base, count: buffer.count) }
    }

    /// The CRC-32 of a buffer.
    public static func of(_ buffer: UnsafeRawBufferPointer) -> UInt32 {
        var c = CRC32()
        c.update(buffer)
        return c.value
    }
}
