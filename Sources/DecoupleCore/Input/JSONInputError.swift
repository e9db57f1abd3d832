import Foundation

/// A JSON input file (a scenario, a framework configuration, the stage figures) that does not
/// match its schema: `file:line:column: path: what was expected`.
public struct JSONInputError: Error, Sendable, Equatable, CustomStringConvertible {
    public let file: String
    /// 1-based line and column where the offending value (or, for a missing field, its object)
    /// begins; nil when the file could not be read at all.
    public let line: Int?
    public let column: Int?
    /// The JSON path of the offending value (`$.shock.cut`, `observations[3].value`); empty
    /// for the whole file.
    public let path: String
    public let message: String

    public init(file: String, line: Int? = nil, column: Int? = nil, path: String = "", message: String) {
        self.file = file
        self.line = line
        self.column = column
        self.path = path
        self.message = message
    }

    public var description: String {
        var at = file
        if let line { at += ":\(line)" }
        if let column { at += ":\(column)" }
        return at + ": " + (path.isEmpty ? "" : path + ": ") + message
    }

    /// The same error with the line and column of its path in `positions` (when it has none);
    /// `at` names another value to point at (the value of an unknown field, not its object).
    package func located(in positions: JSONPositions, at other: String? = nil) -> JSONInputError {
        guard line == nil, let at = positions.position(path: other ?? path) else { return self }
        return JSONInputError(file: file, line: at.line, column: at.column, path: path, message: message)
    }
}
