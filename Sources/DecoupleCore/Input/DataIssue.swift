/// One problem found in an input file, located as precisely as the problem allows.
///
/// Printed as `file:line:column: message`, the form compilers use, so that editors and
/// terminals can jump to it.
public struct DataIssue: Error, Hashable, Sendable, CustomStringConvertible {
    public let file: String
    /// 1-based line, when the problem is on a line.
    public let line: Int?
    /// 1-based byte column of the offending field, when the problem is in a field.
    public let column: Int?
    /// What was found and what was expected.
    public let message: String

    public init(file: String, line: Int? = nil, column: Int? = nil, message: String) {
        self.file = file
        self.line = line
        self.column = column
        self.message = message
    }

    public var description: String {
        var s = file
        // A column is shown only after its line ("file:7:" would read as line 7).
        if let line {
            s += ":\(line)"
            if let column { s += ":\(column)" }
        }
        return s + ": " + message
    }
}

/// The failure of a read: every issue found (up to a limit), after which nothing is returned.
///
/// Readers never skip a bad line silently: they collect issues up to ``limit`` and then fail
/// with all of them.
public struct DataReadError: Error, Sendable, CustomStringConvertible {
    public let issues: [DataIssue]
    /// True when reading stopped at the limit, so more issues may follow.
    public let stoppedAtLimit: Bool

    public init(issues: [DataIssue], stoppedAtLimit: Bool = false) {
        self.issues = issues
        self.stoppedAtLimit = stoppedAtLimit
    }

    public var description: String {
        var lines = issues.map(\.description)
        if stoppedAtLimit { lines.append("(stopped after \(issues.count) errors; there may be more)") }
        return lines.joined(separator: "\n")
    }
}

/// Collects issues while a file is read, and throws once the limit is reached.
package struct IssueCollector {
    package let file: String
    package let limit: Int
    private(set) var issues: [DataIssue] = []

    package init(file: String, limit: Int) {
        self.file = file
        self.limit = max(1, limit)
    }

    package mutating func add(line: Int?, column: Int?, _ message: String) throws {
        issues.append(DataIssue(file: file, line: line, column: column, message: message))
        if issues.count >= limit { throw DataReadError(issues: issues, stoppedAtLimit: true) }
    }

    /// Adds an issue at a position in a JSON text (none when nil).
    package mutating func add(at position: JSONPositions.Position?, _ message: String) throws {
        try add(line: position?.line, column: position?.column, message)
    }

    /// Throws the collected issues, if any.
    package func finish() throws {
        if !issues.isEmpty { throw DataReadError(issues: issues) }
    }
}
