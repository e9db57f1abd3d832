import DecoupleCore

/// A bill of materials the rules cannot be applied to as given: a date outside what the rules
/// cover, or a fact the rules need on the vehicle's date that the BOM does not state.
///
/// Located by the JSON path of the offending value, in the BOM file's own terms
/// (`components[1] (modules) › manufacturer`), so that the message can be printed as
/// `file: <json path>: what was expected`.
public struct BOMProblem: Hashable, Sendable, Codable, CustomStringConvertible {
    public var path: String
    public var message: String

    public init(path: String, message: String) {
        self.path = path
        self.message = message
    }

    public var description: String { "\(path): \(message)" }
}

/// Every problem found in a bill of materials; the engine returns no figures when there is one.
public struct BOMProblems: Error, Sendable, CustomStringConvertible {
    public var problems: [BOMProblem]

    public init(_ problems: [BOMProblem]) { self.problems = problems }

    public var description: String { problems.map(\.description).joined(separator: "\n") }

    /// The problems as `file: path: message` lines.
    public func lines(file: String) -> [String] { problems.map { "\(file): \($0)" } }
}
