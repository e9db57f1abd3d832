import Foundation

/// Where the values of a JSON document stand in its text, so that an error found after parsing
/// ("`alliances[4] › members[2] › joined`: expected a date") can name its line and column too.
///
/// The readers parse with `JSONSerialization` or `JSONDecoder`, which keep no positions; this
/// scans the same text once, on the first lookup (a reader that finds no error never pays for
/// it), and records where each value begins under its JSON Pointer (RFC 6901: `/alliances/4`).
/// A path that names no value (a missing field) resolves to its nearest enclosing value, the
/// object the field is missing from.
///
/// The scan assumes text the parser accepted; on anything else it records what it reached.
/// Lines and columns are 1-based; columns count characters (UTF-8 continuation bytes are not
/// counted), as in the readers' syntax errors.
package final class JSONPositions {
    /// A line and a column, 1-based.
    package struct Position: Equatable, Sendable {
        package let line: Int
        package let column: Int
        package init(line: Int, column: Int) {
            self.line = line
            self.column = column
        }
    }

    private let bytes: [UInt8]
    private var index: [String: Position]?

    package init(_ data: Data) { bytes = [UInt8](data) }

    /// The position of the value at `pointer`, or of its nearest enclosing value; nil only for
    /// an empty document.
    package func position(pointer: String) -> Position? {
        if index == nil { index = Self.scan(bytes) }
        var p = pointer
        while true {
            if let hit = index![p] { return hit }
            guard let slash = p.lastIndex(of: "/") else { return nil }
            p = String(p[..<slash])
        }
    }

    /// The position of a value named by a `Decodable` coding path.
    package func position(codingPath: [any CodingKey]) -> Position? {
        position(pointer: Self.pointer(codingPath.map { $0.intValue.map(String.init) ?? $0.stringValue }))
    }

    /// The position of a value named the way the readers name paths in their messages:
    /// `$.shock.importer`, `observations[3].value`, `alliances[4] (msp) › members[2] › joined`.
    /// A parenthesised label after a component (an id quoted for the reader's benefit) is
    /// skipped; keys are separated by `.` or ` › `, list indices written `[n]`.
    package func position(path: String) -> Position? {
        position(pointer: Self.pointer(Self.components(ofPath: path)))
    }

    /// `["a", "0", "b/c"]` → `/a/0/b~1c`.
    package static func pointer(_ components: [String]) -> String {
        components.map { "/" + $0.replacingOccurrences(of: "~", with: "~0").replacingOccurrences(of: "/", with: "~1") }.joined()
    }

    /// The keys and indices of a message path (see ``position(path:)``).
    package static func components(ofPath path: String) -> [String] {
        var text = Substring(path)
        if text.hasPrefix("$") { text = text.dropFirst() }
        // Drop parenthesised labels: "alliances[4] (msp) › members" → "alliances[4] › members".
        var plain = ""
        var depth = 0
        for ch in text {
            if ch == "(" { depth += 1; if plain.hasSuffix(" ") { plain.removeLast() }; continue }
            if ch == ")" && depth > 0 { depth -= 1; continue }
            if depth == 0 { plain.append(ch) }
        }
        var out: [String] = []
        for part in plain.replacingOccurrences(of: " › ", with: ".").split(separator: ".", omittingEmptySubsequences: true) {
            var name = Substring(part)
            var indices: [String] = []
            while name.hasSuffix("]"), let open = name.lastIndex(of: "[") {
                indices.insert(String(name[name.index(after: open)..<name.index(before: name.endIndex)]), at: 0)
                name = name[..<open]
            }
            let key = name.trimmingCharacters(in: .whitespaces)
            if !key.isEmpty { out.append(key) }
            out += indices
        }
        return out
    }

    // MARK: - The scan

    private enum Container {
        case object(key: String?)
        case array(next: Int)
    }

    private static func scan(_ bytes: [UInt8]) -> [String: Position] {
        var out: [String: Position] = [:]
        var stack: [Container] = []
        var path: [String] = []   // the pointer components of the value being read
        var line = 1, column = 1, k = 0
        func advance(_ b: UInt8) {
            if b == 10 { line += 1; column = 1 } else if b & 0xC0 != 0x80 { column += 1 }
        }
        /// Called where a value begins: records it and pushes its component.
        func valueStarts() {
            switch stack.last {
            case .object(let key?)?: path.append(key)
            case .array(let next)?:
                path.append(String(next))
                stack[stack.count - 1] = .array(next: next + 1)
            default: break
            }
            let pointer = Self.pointer(path)
            if out[pointer] == nil { out[pointer] = Position(line: line, column: column) }
        }
        /// Called where a value ends (a scalar, or the close of a container).
        func valueEnds() {
            if !stack.isEmpty, !path.isEmpty { path.removeLast() }
            if case .object? = stack.last { stack[stack.count - 1] = .object(key: nil) }
        }
        while k < bytes.count {
            let b = bytes[k]
            switch b {
            case 32, 9, 10, 13, UInt8(ascii: ","), UInt8(ascii: ":"):
                advance(b); k += 1
            case UInt8(ascii: "{"), UInt8(ascii: "["):
                valueStarts()
                stack.append(b == UInt8(ascii: "{") ? .object(key: nil) : .array(next: 0))
                advance(b); k += 1
            case UInt8(ascii: "}"), UInt8(ascii: "]"):
                _ = stack.popLast()
                valueEnds()
                advance(b); k += 1
            case UInt8(ascii: "\""):
                // A key (in an object with no pending key) or a string value.
                let isKey: Bool
                if case .object(nil)? = stack.last { isKey = true } else { isKey = false }
                if !isKey { valueStarts() }
                var raw: [UInt8] = []
                advance(b); k += 1
                while k < bytes.count && bytes[k] != UInt8(ascii: "\"") {
                    if bytes[k] == UInt8(ascii: "\\") && k + 1 < bytes.count { raw.append(bytes[k]); advance(bytes[k]); k += 1 }
                    raw.append(bytes[k]); advance(bytes[k]); k += 1
                }
                if k < bytes.count { advance(bytes[k]); k += 1 }
                if isKey {
                    var key = String(decoding: raw, as: UTF8.self)
                    if raw.contains(UInt8(ascii: "\\")) {
                        let quoted = Data([UInt8(ascii: "\"")] + raw + [UInt8(ascii: "\"")])
                        key = (try? JSONSerialization.jsonObject(with: quoted, options: .fragmentsAllowed) as? String) ?? key
                    }
                    stack[stack.count - 1] = .object(key: key)
                } else {
                    valueEnds()
                }
            default:
                // A number, true, false or null: up to the next delimiter.
                valueStarts()
                while k < bytes.count, ![32, 9, 10, 13, UInt8(ascii: ","), UInt8(ascii: "}"), UInt8(ascii: "]")].contains(bytes[k]) {
                    advance(bytes[k]); k += 1
                }
                valueEnds()
            }
        }
        return out
    }
}
