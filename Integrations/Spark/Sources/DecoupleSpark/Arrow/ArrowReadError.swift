/// A malformed or unsupported Arrow IPC stream, with what was wrong and where.
public struct ArrowReadError: Error, Equatable, CustomStringConvertible {
    /// What was wrong (`truncated message metadata at byte 12 …`).
    public var message: String

    public init(_ message: String) {
        self.message = message
    }

    public var description: String { "malformed Arrow result: \(message)" }
}
