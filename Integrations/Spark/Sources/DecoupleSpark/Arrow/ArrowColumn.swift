/// One column of an Arrow result, its values widened to Swift's `Int`, `Double`, `String` or
/// `Bool`; nil marks a null.
public struct ArrowColumn: Sendable, Equatable {
    /// The values of one column.
    public enum Values: Sendable, Equatable {
        case int([Int?])
        case double([Double?])
        case string([String?])
        case bool([Bool?])

        /// The number of values.
        public var count: Int {
            switch self {
            case .int(let v): v.count
            case .double(let v): v.count
            case .string(let v): v.count
            case .bool(let v): v.count
            }
        }
    }

    /// The column's name as the server gave it.
    public var name: String
    public var values: Values

    public init(name: String, values: Values) {
        self.name = name
        self.values = values
    }

    /// Value `row` as an integer (integers, and doubles that are whole numbers); nil for null.
    public func int(_ row: Int) -> Int? {
        switch values {
        case .int(let v): v[row]
        case .double(let v): v[row].flatMap { $0.rounded() == $0 ? Int(exactly: $0) : nil }
        case .string(let v): v[row].flatMap { Int($0) }
        case .bool(let v): v[row].map { $0 ? 1 : 0 }
        }
    }

    /// Value `row` as a double; nil for null.
    public func double(_ row: Int) -> Double? {
        switch values {
        case .int(let v): v[row].map(Double.init)
        case .double(let v): v[row]
        case .string(let v): v[row].flatMap { Double($0) }
        case .bool(let v): v[row].map { $0 ? 1 : 0 }
        }
    }

    /// Value `row` as text; nil for null.
    public func string(_ row: Int) -> String? {
        switch values {
        case .int(let v): v[row].map(String.init)
        case .double(let v): v[row].map { "\($0)" }
        case .string(let v): v[row]
        case .bool(let v): v[row].map { $0 ? "true" : "false" }
        }
    }
}
