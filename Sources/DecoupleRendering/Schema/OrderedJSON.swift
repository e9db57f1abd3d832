import Foundation

/// A JSON value whose object members keep the order they were written in: documents meant to
/// be read by people as well as machines (the OpenAPI description), written as YAML or JSON.
public indirect enum OrderedJSON: Sendable, Equatable {
    case null
    case bool(Bool)
    case int(Int)
    case number(Double)
    case string(String)
    case array([OrderedJSON])
    case object([Member])

    /// One member of an object.
    public struct Member: Sendable, Equatable {
        public var key: String
        public var value: OrderedJSON
        public init(_ key: String, _ value: OrderedJSON) {
            self.key = key
            self.value = value
        }
    }

    /// The value of `key` when this is an object that has it.
    public subscript(key: String) -> OrderedJSON? {
        guard case .object(let members) = self else { return nil }
        return members.first { $0.key == key }?.value
    }

    /// An object without the members whose value is nil.
    public static func members(_ pairs: [(String, OrderedJSON?)]) -> OrderedJSON {
        .object(pairs.compactMap { k, v in v.map { Member(k, $0) } })
    }

    /// An array of strings.
    public static func strings(_ values: [String]) -> OrderedJSON { .array(values.map { .string($0) }) }
}

extension OrderedJSON: ExpressibleByStringLiteral, ExpressibleByIntegerLiteral, ExpressibleByBooleanLiteral,
    ExpressibleByFloatLiteral, ExpressibleByArrayLiteral, ExpressibleByDictionaryLiteral {
    public init(stringLiteral value: String) { self = .string(value) }
    public init(integerLiteral value: Int) { self = .int(value) }
    public init(booleanLiteral value: Bool) { self = .bool(value) }
    public init(floatLiteral value: Double) { self = .number(value) }
    public init(arrayLiteral elements: OrderedJSON...) { self = .array(elements) }
    public init(dictionaryLiteral elements: (String, OrderedJSON)...) { self = .object(elements.map { Member($0.0, $0.1) }) }
}

// MARK: - JSON

extension OrderedJSON {
    /// Pretty JSON (two-space indent, members in their order) and a final newline.
    public func json() -> String {
        var out = ""
        writeJSON(into: &out, indent: "")
        out += "\n"
        return out
    }

    private func writeJSON(into out: inout String, indent: String) {
        switch self {
        case .null: out += "null"
        case .bool(let b): out += b ? "true" : "false"
        case .int(let i): out += String(i)
        case .number(let d): out += Self.numberText(d)
        case .string(let s): out += Self.quoted(s)
        case .array(let items):
            guard !items.isEmpty else { out += "[]"; return }
            let inner = indent + "  "
            out += "[\n"
            for (i, item) in items.enumerated() {
                out += inner
                item.writeJSON(into: &out, indent: inner)
                out += i == items.count - 1 ? "\n" : ",\n"
            }
            out += indent + "]"
        case .object(let members):
            guard !members.isEmpty else { out += "{}"; return }
            let inner = indent + "  "
            out += "{\n"
            for (i, m) in members.enumerated() {
                out += inner + Self.quoted(m.key) + ": "
                m.value.writeJSON(into: &out, indent: inner)
                out += i == members.count - 1 ? "\n" : ",\n"
            }
            out += indent + "}"
        }
    }

    /// A number as JSON and YAML both read it: integral values without a fraction, others in
    /// the shortest form that reads back the same, never with an exponent (YAML 1.1 readers
    /// take `1e-05` for a string).
    static func numberText(_ d: Double) -> String {
        precondition(d.isFinite, "a schema number must be finite")
        if d == d.rounded(), abs(d) < 1e15 { return String(Int(d)) }
        let text = "\(d)"
        if !text.contains("e") { return text }
        var digits = String(format: "%.20f", d)
        while digits.hasSuffix("0") { digits.removeLast() }
        return digits
    }

    /// A JSON string literal (also a valid YAML double-quoted scalar).
    static func quoted(_ s: String) -> String {
        var out = "\""
        for u in s.unicodeScalars {
            switch u {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default:
                if u.value < 0x20 || u.value == 0x7F { out += String(format: "\\u%04x", u.value) } else { out.unicodeScalars.append(u) }
            }
        }
        return out + "\""
    }
}

// MARK: - YAML

extension OrderedJSON {
    /// Block-style YAML (1.2, also read the same by YAML 1.1 readers): two-space indent, short
    /// lists of scalars on one line, multi-line strings as literal blocks, every string that a
    /// reader could take for something else (a number, a date, `yes`, `null`, a comment) quoted.
    public func yaml() -> String {
        var out = ""
        switch self {
        case .object(let members) where !members.isEmpty: Self.writeMembers(members, into: &out, indent: "")
        case .array(let items) where !items.isEmpty: Self.writeItems(items, into: &out, indent: "")
        default: out = inlineYAML(indent: "") + "\n"
        }
        return out
    }

    private var isScalar: Bool {
        switch self {
        case .array, .object: return false
        case .string(let s): return !s.contains("\n")
        default: return true
        }
    }

    private var isEmptyCollection: Bool {
        switch self {
        case .array(let a): return a.isEmpty
        case .object(let o): return o.isEmpty
        default: return false
        }
    }

    /// A list written on one line: only scalars, not too long.
    private var flowList: String? {
        guard case .array(let items) = self, items.allSatisfy(\.isScalar) else { return nil }
        let text = "[" + items.map { $0.inlineYAML(indent: "") }.joined(separator: ", ") + "]"
        return text.count <= 100 ? text : nil
    }

    private func inlineYAML(indent: String) -> String {
        switch self {
        case .null: return "null"
        case .bool(let b): return b ? "true" : "false"
        case .int(let i): return String(i)
        case .number(let d): return Self.numberText(d)
        case .string(let s): return Self.yamlScalar(s)
        case .array(let a): return a.isEmpty ? "[]" : flowList ?? "[]"
        case .object(let o): return o.isEmpty ? "{}" : "{}"
        }
    }

    private static func writeMembers(_ members: [Member], into out: inout String, indent: String) {
        for m in members {
            out += indent + yamlScalar(m.key) + ":"
            writeValue(m.value, into: &out, indent: indent)
        }
    }

    private static func writeItems(_ items: [OrderedJSON], into out: inout String, indent: String) {
        for item in items {
            if case .object(let members) = item, !members.isEmpty {
                // "- key: value" then the other members under the first.
                var block = ""
                writeMembers(members, into: &block, indent: indent + "  ")
                out += indent + "- " + block.dropFirst(indent.count + 2)
            } else {
                out += indent + "-"
                writeValue(item, into: &out, indent: indent)
            }
        }
    }

    /// The value after `key:` or `-`: on the same line when it is a scalar, a flow list or
    /// empty; a literal block for a multi-line string; indented lines otherwise.
    private static func writeValue(_ value: OrderedJSON, into out: inout String, indent: String) {
        let inner = indent + "  "
        if value.isScalar || value.isEmptyCollection {
            out += " " + value.inlineYAML(indent: indent) + "\n"
        } else if let flow = value.flowList {
            out += " " + flow + "\n"
        } else if case .string(let s) = value, s.first == " " || s.contains(" \n") || s.contains("\t") {
            out += " " + quoted(s) + "\n"
        } else if case .string(let s) = value {
            out += s.hasSuffix("\n") ? " |\n" : " |-\n"
            let body = s.hasSuffix("\n") ? String(s.dropLast()) : s
            for line in body.split(separator: "\n", omittingEmptySubsequences: false) {
                out += line.isEmpty ? "\n" : inner + line + "\n"
            }
        } else if case .object(let members) = value {
            out += "\n"
            writeMembers(members, into: &out, indent: inner)
        } else if case .array(let items) = value {
            out += "\n"
            writeItems(items, into: &out, indent: inner)
        }
    }

    /// A string as a plain YAML scalar when no reader can take it for anything else, quoted
    /// otherwise.
    static func yamlScalar(_ s: String) -> String {
        guard let first = s.unicodeScalars.first, let last = s.unicodeScalars.last else { return "\"\"" }
        let plainFirst = CharacterSet.letters.union(CharacterSet(charactersIn: "/$_")).contains(first) && first.isASCII
        let plainRest = s.unicodeScalars.allSatisfy { $0.isASCII && (CharacterSet.alphanumerics.contains($0) || " _./()$+-".contains(Character($0))) }
        let reserved: Set<String> = ["true", "false", "null", "yes", "no", "on", "off", "y", "n", "~"]
        if plainFirst, plainRest, last != " ", !reserved.contains(s.lowercased()), !s.contains(" -"), !s.contains("- ") {
            return s
        }
        return quoted(s)
    }
}

extension OrderedJSON: Decodable {
    /// Reads any JSON value; object members in key order (JSON objects have no order to keep).
    public init(from decoder: any Decoder) throws {
        let c = try decoder.singleValueContainer()
        if c.decodeNil() { self = .null }
        else if let b = try? c.decode(Bool.self) { self = .bool(b) }
        else if let i = try? c.decode(Int.self) { self = .int(i) }
        else if let d = try? c.decode(Double.self) { self = .number(d) }
        else if let s = try? c.decode(String.self) { self = .string(s) }
        else if let a = try? c.decode([OrderedJSON].self) { self = .array(a) }
        else {
            let o = try c.decode([String: OrderedJSON].self)
            self = .object(o.keys.sorted().map { Member($0, o[$0]!) })
        }
    }
}
