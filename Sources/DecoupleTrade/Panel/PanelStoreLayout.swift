import DecoupleCore

/// The fixed 64-byte prefix of a panel store file and the column names (`docs/store-format.md`).
///
///     offset  size  field
///          0     8  magic "DECPANEL"
///          8     4  format version (UInt32, little-endian)
///         12     4  flags (0)
///         16     8  header length H in bytes (UInt64)
///         24     8  data section offset D (UInt64, a multiple of 64, ≥ 64 + H)
///         32     8  file length (UInt64)
///         40     4  CRC-32 of bytes 0 ..< 40 and of the header (UInt32)
///         44    20  zero
///         64     H  header (UTF-8 JSON, ``PanelStoreHeader``)
///          D        columns, each at D + its offset (64-byte aligned)
enum PanelStoreLayout {
    static let magic: [UInt8] = Array("DECPANEL".utf8)
    static let prefixSize = 64
    static let alignment = 64

    static let productOffsets = "productOffsets"
    static let exporter = "exporter"
    static let importer = "importer"
    static let basis = "basis"
    static let value = "value"
    static let quantity = "quantity"

    static let headerChecksumOffset = 40

    static func aligned(_ n: Int) -> Int { (n + alignment - 1) / alignment * alignment }

    /// The checksum stored at ``headerChecksumOffset``: CRC-32 of the prefix's first 40 bytes
    /// and of the header.
    static func headerChecksum(prefix: UnsafeRawPointer, header: UnsafeRawPointer, headerLength: Int) -> UInt32 {
        var crc = CRC32()
        crc.update(prefix, count: headerChecksumOffset)
        crc.update(header, count: headerLength)
        return crc.value
    }

    /// A column's checksum as the header stores it.
    static func hex(_ crc: UInt32) -> String {
        let digits = String(crc, radix: 16)
        return String(repeating: "0", count: 8 - digits.count) + digits
    }

    /// The width in bytes of a column type (`u8`, `u16`, `i64`, `f64`), or nil.
    static func width(of type: String) -> Int? {
        switch type {
        case "u8": 1
        case "u16": 2
        case "i64", "f64": 8
        default: nil
        }
    }
}
