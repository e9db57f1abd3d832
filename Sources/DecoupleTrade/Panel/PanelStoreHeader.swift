import DecoupleCore

/// The self-description at the front of a panel store file (JSON, see `docs/store-format.md`):
/// the format version, the provenance of every input, the dictionaries that the integer columns
/// index into, and where each column lies.
public struct PanelStoreHeader: Codable, Sendable, Equatable {
    /// The version this build writes and reads (2: per-column and header checksums).
    public static let currentFormatVersion = 2

    public var formatVersion: Int
    /// Which reader filled the store: `BACI` or `UN Comtrade`.
    public var source: String
    /// When the store was written (ISO 8601, UTC).
    public var createdAt: String
    public var rowCount: Int
    /// Unit of the `value` column: always US dollars (BACI's thousands are multiplied out).
    public var valueUnit: String
    /// Unit of the `quantity` column: metric tonnes (BACI `q`; Comtrade net weight / 1000).
    public var quantityUnit: String
    /// Where the data come from, one entry per distinct source.
    public var provenance: [Provenance]
    /// One entry per imported file, with what was kept and skipped.
    public var inputs: [PanelInputSummary]
    /// Canonical country codes; the `exporter` and `importer` columns index into this list.
    public var countries: [String]
    /// Products (code and HS edition), sorted by code then edition.
    public var products: [PanelStoreProduct]
    /// The years, ascending; with `products` they define the blocks of `productOffsets`.
    public var years: [Int]
    public var columns: [PanelColumnDescriptor]

    /// The column with this name.
    public func column(_ name: String) -> PanelColumnDescriptor? { columns.first { $0.name == name } }
}

/// One product of a store: an HS code in one edition (HS2017 `854140` and HS2022 `854140`
/// are different products; codes that did not change are matched by code across editions).
public struct PanelStoreProduct: Codable, Sendable, Hashable {
    public var code: String
    public var edition: HSEdition?

    public init(code: String, edition: HSEdition?) {
        self.code = code
        self.edition = edition
    }
}

/// Where a typed column lies in the data section of a store file.
public struct PanelColumnDescriptor: Codable, Sendable, Equatable {
    public var name: String
    /// `u8`, `u16`, `i64` or `f64` (little-endian).
    public var type: String
    /// Byte offset from the start of the data section (a multiple of 64).
    public var offset: Int
    /// Number of elements.
    public var count: Int
    /// CRC-32 (zlib's) of the column's `count` elements, 8 lowercase hex digits; checked when
    /// the store is opened.
    public var crc32: String = "00000000"
}

/// What one imported file contributed.
public struct PanelInputSummary: Codable, Sendable, Equatable {
    /// The file as named on the command line.
    public var file: String
    /// Rows kept.
    public var rows: Int
    /// Rows left out on purpose, by reason (aggregates, breakdowns, re-exports …).
    public var skipped: [String: Int]
    /// The HS edition of the file, when it has a single one.
    public var edition: HSEdition?
    /// The release or vintage named by the file (BACI `V202401b`).
    public var release: String?

    public init(file: String, rows: Int = 0, skipped: [String: Int] = [:], edition: HSEdition? = nil, release: String? = nil) {
        self.file = file
        self.rows = rows
        self.skipped = skipped
        self.edition = edition
        self.release = release
    }
}
