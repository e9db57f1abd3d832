/// A column of an Arrow schema: its name and one of the types the reader decodes.
public struct ArrowField: Sendable, Equatable {
    /// The Arrow types the reader decodes (flat columns only).
    public enum DataType: Sendable, Equatable {
        /// A signed or unsigned integer of 8, 16, 32 or 64 bits.
        case int(bitWidth: Int, signed: Bool)
        /// Float32 (`bits` 32) or Float64 (`bits` 64).
        case floatingPoint(bits: Int)
        /// UTF-8 text with 32-bit offsets.
        case utf8
        /// UTF-8 text with 64-bit offsets.
        case largeUtf8
        case bool
    }

    public var name: String
    public var type: DataType
    public var nullable: Bool

    public init(name: String, type: DataType, nullable: Bool = true) {
        self.name = name
        self.type = type
        self.nullable = nullable
    }
}
