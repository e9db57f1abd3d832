import Foundation

/// Helpers the JSON readers share: where a `JSONSerialization` error is, in words and as
/// line:column, and telling a JSON boolean from a number.
package enum JSONText {
    /// The parser's own description of the error.
    package static func detail(of error: Error) -> String {
        ((error as NSError).userInfo[NSDebugDescriptionErrorKey] as? String) ?? "\(error)"
    }

    /// Line and column of "around character N" in a JSONSerialization error; the end of the
    /// text for "Unexpected end of file".
    package static func location(of error: Error, in data: Data) -> (Int?, Int?) {
        let text = detail(of: error)
        let offset: Int
        if let r = text.range(of: "character ", options: .backwards), let n = Int(text[r.upperBound...].prefix { $0.isNumber }) {
            offset = n
        } else if text.localizedCaseInsensitiveContains("end of file") || text.localizedCaseInsensitiveContains("end of data") {
            offset = data.count
        } else {
            return (nil, nil)
        }
        var line = 1, column = 1
        for (i, b) in data.enumerated() {
            if i >= offset { break }
            if b == UInt8(ascii: "\n") { line += 1; column = 1 } else if b & 0xC0 != 0x80 { column += 1 }
        }
        return (line, column)
    }
}

/// True when the number came from a JSON `true`/`false` (Foundation types those as `char`).
package func isJSONBool(_ n: NSNumber) -> Bool { String(cString: n.objCType) == "c" }

extension JSONText {
    /// What strict JSON refuses but Foundation's parsers accept: a key written twice in one
    /// object (the later value would win silently) and a trailing comma before `}` or `]`.
    /// The first such fault with its line and column, or nil.
    package static func firstStrictnessFault(in data: Data) -> (message: String, line: Int, column: Int)? {
        let duplicate = firstDuplicateKey(in: data)
        let comma = firstTrailingComma(in: data)
        switch (duplicate, comma) {
        case let (d?, c?) where (c.line, c.column) < (d.line, d.column):
            return ("a trailing comma before the closing bracket", c.line, c.column)
        case let (d?, _):
            return ("duplicate key \"\(d.key)\" in one object: each field may appear once", d.line, d.column)
        case let (nil, c?):
            return ("a trailing comma before the closing bracket", c.line, c.column)
        case (nil, nil):
            return nil
        }
    }

    /// The first comma followed (after white space) by `}` or `]`, outside strings.
    package static func firstTrailingComma(in data: Data) -> (line: Int, column: Int)? {
        var line = 1, column = 0
        var inString = false, escaped = false
        var pendingComma: (line: Int, column: Int)? = nil
        for b in data {
            if b == UInt8(ascii: "\n") { line += 1; column = 0 } else if b & 0xC0 != 0x80 { column += 1 }
            if inString {
                if escaped { escaped = false } else if b == UInt8(ascii: "\\") { escaped = true } else if b == UInt8(ascii: "\"") { inString = false }
                continue
            }
            switch b {
            case UInt8(ascii: " "), UInt8(ascii: "\t"), UInt8(ascii: "\n"), UInt8(ascii: "\r"):
                continue
            case UInt8(ascii: "}"), UInt8(ascii: "]"):
                if let c = pendingComma { return c }
            case UInt8(ascii: ","):
                pendingComma = (line, column)
                continue
            case UInt8(ascii: "\""):
                inString = true
            default:
                break
            }
            pendingComma = nil
        }
        return nil
    }

    /// The first key that appears twice in one JSON object, with its line and column (1-based,
    /// columns in characters), or nil. `JSONSerialization` keeps the last value of a duplicated
    /// key without a word; the readers call this first so that a duplicated field is an error
    /// (issue #22: a duplicated `manufacturedOrAssembledIn` silently changed a credit).
    ///
    /// A scan of the structure only: it assumes the text is otherwise valid JSON (the parser
    /// reports other faults). Keys are compared after decoding their escapes.
    package static func firstDuplicateKey(in data: Data) -> (key: String, line: Int, column: Int)? {
        enum Context { case object(Set<String>), array }
        var stack: [Context] = []
        var expectKey = false
        var line = 1, column = 1
        let bytes = [UInt8](data)
        var k = 0
        func advance(_ b: UInt8) {
            if b == UInt8(ascii: "\n") { line += 1; column = 1 } else if b & 0xC0 != 0x80 { column += 1 }
        }
        while k < bytes.count {
            let b = bytes[k]
            switch b {
            case UInt8(ascii: "{"):
                stack.append(.object([])); expectKey = true
            case UInt8(ascii: "["):
                stack.append(.array); expectKey = false
            case UInt8(ascii: "}"), UInt8(ascii: "]"):
                _ = stack.popLast(); expectKey = false
            case UInt8(ascii: ","):
                if case .object? = stack.last { expectKey = true }
            case UInt8(ascii: "\""):
                let (startLine, startColumn) = (line, column)
                advance(b); k += 1
                var raw: [UInt8] = []
                while k < bytes.count && bytes[k] != UInt8(ascii: "\"") {
                    if bytes[k] == UInt8(ascii: "\\") && k + 1 < bytes.count { raw.append(bytes[k]); advance(bytes[k]); k += 1 }
                    raw.append(bytes[k]); advance(bytes[k]); k += 1
                }
                if expectKey, case .object(var keys)? = stack.last {
                    // Decode the escapes through the parser: "\u0061" and "a" are the same key.
                    let quoted = Data([UInt8(ascii: "\"")] + raw + [UInt8(ascii: "\"")])
                    let key = (try? JSONSerialization.jsonObject(with: quoted, options: .fragmentsAllowed) as? String) ?? String(decoding: raw, as: UTF8.self)
                    if keys.contains(key) { return (key, startLine, startColumn) }
                    keys.insert(key)
                    stack[stack.count - 1] = .object(keys)
                    expectKey = false
                }
            default:
                break
            }
            if k < bytes.count { advance(bytes[k]) }   // the byte just handled (the closing quote of a string)
            k += 1
        }
        return nil
    }
}

extension JSONText {
    /// Parses `data` as strict JSON holding an object: a syntax error, a key written twice, a
    /// trailing comma or another top-level value is a ``DataReadError`` with line and column.
    package static func strictObject(_ data: Data, file: String, what: String) throws -> [String: Any] {
        guard !data.isEmpty else { throw DataReadError(issues: [DataIssue(file: file, line: 1, column: 1, message: "empty file: expected \(what)")]) }
        let object: Any
        do { object = try JSONSerialization.jsonObject(with: data, options: [.fragmentsAllowed]) } catch {
            let (line, column) = location(of: error, in: data)
            throw DataReadError(issues: [DataIssue(file: file, line: line ?? 1, column: column ?? 1,
                                                   message: "invalid JSON: expected \(what) (\(detail(of: error)))")])
        }
        if let d = firstStrictnessFault(in: data) {
            throw DataReadError(issues: [DataIssue(file: file, line: d.line, column: d.column, message: d.message)])
        }
        guard let o = object as? [String: Any] else {
            throw DataReadError(issues: [DataIssue(file: file, line: 1, column: 1, message: "expected \(what), found another JSON value")])
        }
        return o
    }

    /// The first key of the user's JSON that a `Decodable` type did not keep: `decoded` is the
    /// decoded value encoded back to JSON, so a key present in `user` but absent there (at the
    /// same place) was ignored by the decoder — a misspelt or unknown field, which strict
    /// readers refuse. A key whose value is `null` is not counted (an absent optional).
    /// Returns the key and the dotted path of its object (`observations[3]`).
    package static func firstUnknownKey(in user: Any, comparedWith decoded: Any, ignoring: Set<String> = [],
                                        path: String = "") -> (key: String, path: String)? {
        switch (user, decoded) {
        case let (u as [String: Any], d as [String: Any]):
            for key in u.keys.sorted() where !(u[key] is NSNull) {
                let child = path.isEmpty ? key : path + "." + key
                guard let dv = d[key] else {
                    if path.isEmpty && ignoring.contains(key) { continue }
                    return (key, path)
                }
                if let hit = firstUnknownKey(in: u[key]!, comparedWith: dv, path: child) { return hit }
            }
        case let (u as [Any], d as [Any]):
            for (i, item) in u.enumerated() where i < d.count {
                if let hit = firstUnknownKey(in: item, comparedWith: d[i], path: path + "[\(i)]") { return hit }
            }
        default:
            break
        }
        return nil
    }
}
