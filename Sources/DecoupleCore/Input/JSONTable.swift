import Foundation

/// A table sent as a JSON array of arrays whose first array is the header, the layout of the
/// US Census Bureau APIs:
///
///     [["CTY_CODE","CTY_NAME","CON_VAL_MO","time"],
///     ["5700","CHINA","38110925447","2024-12"]]
///
/// Cells are strings, numbers or null (kept as text, null as nil). Every row keeps the line and
/// column where it starts, so a fault names its place in the response; a row whose length
/// differs from the header's, or anything that is not an array of arrays of scalars, is an error.
public struct JSONTable: Sendable {
    public let header: [String]
    public let rows: [Row]

    /// One data row: its cells and where it starts in the text (1-based).
    public struct Row: Sendable {
        public let cells: [String?]
        public let line: Int
        public let column: Int
    }

    /// The index of a header name, or nil.
    public func index(of name: String) -> Int? { header.firstIndex(of: name) }

    /// Parses `data`; `file` names the response in errors.
    public init(data: Data, file: String) throws {
        var p = Parser(bytes: [UInt8](data), file: file)
        let table = try p.table()
        guard let first = table.first else {
            throw DataReadError(issues: [DataIssue(file: file, line: 1, column: 1, message: "expected a header row in the JSON array, found an empty array")])
        }
        var header: [String] = []
        for (i, cell) in first.cells.enumerated() {
            guard let name = cell, !name.isEmpty else {
                throw DataReadError(issues: [DataIssue(file: file, line: first.line, column: first.column,
                    message: "header cell \(i + 1) is empty or null; expected a variable name")])
            }
            header.append(name)
        }
        for row in table.dropFirst() where row.cells.count != header.count {
            throw DataReadError(issues: [DataIssue(file: file, line: row.line, column: row.column,
                message: "expected \(header.count) values as in the header, found \(row.cells.count)")])
        }
        self.header = header
        self.rows = Array(table.dropFirst())
    }

    private struct Parser {
        let bytes: [UInt8]
        let file: String
        var i = 0, line = 1, lineStart = 0

        init(bytes: [UInt8], file: String) {
            self.bytes = bytes
            self.file = file
            if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { i = 3; lineStart = 3 }
        }

        var column: Int { i - lineStart + 1 }

        func fail(_ message: String) -> DataReadError {
            let found: String
            if i >= bytes.count { found = "the end of the response" } else {
                let b = bytes[i]
                found = b >= 0x20 && b < 0x7F ? "'\(Character(UnicodeScalar(b)))'" : String(format: "byte 0x%02X", b)
            }
            return DataReadError(issues: [DataIssue(file: file, line: line, column: column, message: "\(message), found \(found)")])
        }

        mutating func skipSpace() {
            while i < bytes.count {
                switch bytes[i] {
                case UInt8(ascii: "\n"): i += 1; line += 1; lineStart = i
                case UInt8(ascii: " "), UInt8(ascii: "\t"), UInt8(ascii: "\r"): i += 1
                default: return
                }
            }
        }

        mutating func expect(_ c: Character) throws {
            skipSpace()
            guard i < bytes.count, bytes[i] == c.asciiValue! else { throw fail("expected '\(c)'") }
            i += 1
        }

        mutating func table() throws -> [Row] {
            try expect("[")
            var rows: [Row] = []
            skipSpace()
            if i < bytes.count, bytes[i] == UInt8(ascii: "]") { i += 1 } else {
                while true {
                    skipSpace()
                    let (l, c) = (line, column)
                    guard i < bytes.count, bytes[i] == UInt8(ascii: "[") else { throw fail("expected a row (a JSON array)") }
                    i += 1
                    var cells: [String?] = []
                    skipSpace()
                    if i < bytes.count, bytes[i] == UInt8(ascii: "]") { i += 1 } else {
                        while true {
                            cells.append(try scalar())
                            skipSpace()
                            guard i < bytes.count else { throw fail("expected ',' or ']' in a row") }
                            if bytes[i] == UInt8(ascii: ",") { i += 1; continue }
                            if bytes[i] == UInt8(ascii: "]") { i += 1; break }
                            throw fail("expected ',' or ']' in a row")
                        }
                    }
                    rows.append(Row(cells: cells, line: l, column: c))
                    skipSpace()
                    guard i < bytes.count else { throw fail("expected ',' or ']' after a row") }
                    if bytes[i] == UInt8(ascii: ",") { i += 1; continue }
                    if bytes[i] == UInt8(ascii: "]") { i += 1; break }
                    throw fail("expected ',' or ']' after a row")
                }
            }
            skipSpace()
            guard i == bytes.count else { throw fail("expected the end of the response after the table") }
            return rows
        }

        mutating func scalar() throws -> String? {
            skipSpace()
            guard i < bytes.count else { throw fail("expected a value") }
            switch bytes[i] {
            case UInt8(ascii: "\""): return try string()
            case UInt8(ascii: "n"):
                guard bytes[i...].starts(with: Array("null".utf8)) else { throw fail("expected a string, number or null") }
                i += 4
                return nil
            case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
                let start = i
                while i < bytes.count, "+-.eE0123456789".utf8.contains(bytes[i]) { i += 1 }
                return String(decoding: bytes[start..<i], as: UTF8.self)
            default:
                throw fail("expected a string, number or null")
            }
        }

        mutating func string() throws -> String {
            i += 1
            var out: [UInt8] = []
            while i < bytes.count {
                let b = bytes[i]
                if b == UInt8(ascii: "\"") { i += 1; return String(decoding: out, as: UTF8.self) }
                if b == UInt8(ascii: "\n") || b < 0x20 { throw fail("expected the closing '\"' of a string") }
                if b == UInt8(ascii: "\\") {
                    i += 1
                    guard i < bytes.count else { break }
                    switch bytes[i] {
                    case UInt8(ascii: "n"): out.append(10)
                    case UInt8(ascii: "t"): out.append(9)
                    case UInt8(ascii: "r"): out.append(13)
                    case UInt8(ascii: "b"): out.append(8)
                    case UInt8(ascii: "f"): out.append(12)
                    case UInt8(ascii: "u"):
                        guard i + 4 < bytes.count, let v = UInt32(String(decoding: bytes[(i + 1)...(i + 4)], as: UTF8.self), radix: 16) else {
                            throw fail("expected four hexadecimal digits after \\u")
                        }
                        out.append(contentsOf: Array(String(UnicodeScalar(v).map(Character.init) ?? "\u{FFFD}").utf8))
                        i += 4
                    default: out.append(bytes[i])
                    }
                    i += 1
                    continue
                }
                out.append(b)
                i += 1
            }
            throw fail("expected the closing '\"' of a string")
        }
    }
}
