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
///         40    24  zero
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

    static func aligned(_ n: Int) -> Int { (n + alignment - 1) / alignment * alignment }
}
