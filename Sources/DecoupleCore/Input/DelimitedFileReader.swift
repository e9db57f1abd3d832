#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A streaming reader of delimited text files (CSV and its semicolon or tab cousins),
/// gzip or plain.
///
/// Follows RFC 4180: fields may be quoted with `"`, a quote inside a quoted field is
/// doubled, quoted fields may hold delimiters and line breaks; CRLF and LF line ends are
/// both accepted; blank lines are skipped. Malformed quoting is reported with its line and
/// column. Lines without quotes, the common case, are split with `memchr`; quoted fields are
/// unescaped in place in the read buffer.
public struct DelimitedFileReader {
    public let path: String
    public let delimiter: UInt8
    /// The name used for the file in error messages (the path by default).
    public var displayName: String

    public init(path: String, delimiter: Character = ",", displayName: String? = nil) {
        self.path = path
        self.delimiter = delimiter.asciiValue ?? UInt8(ascii: ",")
        self.displayName = displayName ?? path
    }

    private static let quote = UInt8(ascii: "\"")
    private static let newline = UInt8(ascii: "\n")
    private static let carriageReturn = UInt8(ascii: "\r")

    /// Calls `body` for each record, in order. The record object is reused between calls.
    /// `progress`, when given, receives the fraction of the file read so far.
    public func forEachRecord(progress: ((Double) -> Void)? = nil,
                              _ body: (CSVRecord) throws -> Void) throws {
        let stream = try ByteStream(path: path)
        var capacity = 1 << 20
        var buffer = UnsafeMutablePointer<UInt8>.allocate(capacity: capacity)
        defer { buffer.deallocate() }
        var filled = 0
        var eof = false
        var line = 1
        var lastProgress = -1.0
        let record = CSVRecord()

        while !eof || filled > 0 {
            try refill(buffer, capacity: capacity, filled: &filled, eof: &eof, from: stream, lastProgress: &lastProgress, progress: progress)
            var pos = 0
            while pos < filled {
                guard let next = try parseRecord(buffer, from: pos, to: filled, final: eof, line: &line, record: record) else { break }
                if record.count > 0 { try body(record) }
                pos = next
            }
            compactOrGrow(&buffer, capacity: &capacity, filled: &filled, consumed: pos)
            if eof && pos == 0 && filled > 0 {
                // parseRecord consumes everything at the end of the data, so this is unreachable.
                break
            }
        }
        progress?(1)
    }

    /// Parses the record starting at `start`. Returns the offset after it, or nil when the
    /// buffer ends inside it and more data is coming. A blank line yields a record with no fields.
    private func parseRecord(_ p: UnsafeMutablePointer<UInt8>, from start: Int, to end: Int, final: Bool,
                             line: inout Int, record: CSVRecord) throws -> Int? {
        let q = Self.quote
        let remaining = end - start
        let nl = memchr(p + start, Int32(Self.newline), remaining)
        var lineEnd = nl.map { UnsafeMutablePointer<UInt8>($0.assumingMemoryBound(to: UInt8.self)) - p } ?? end
        if nl == nil && !final { return nil }
        var contentEnd = lineEnd
        if contentEnd > start && p[contentEnd - 1] == Self.carriageReturn { contentEnd -= 1 }

        if memchr(p + start, Int32(q), contentEnd - start) == nil {
            // Fast path: no quotes on the line.
            record.reset(base: UnsafePointer(p), line: line)
            if contentEnd > start {
                var fieldStart = start
                while true {
                    if let d = memchr(p + fieldStart, Int32(delimiter), contentEnd - fieldStart) {
                        let at = UnsafeMutablePointer<UInt8>(d.assumingMemoryBound(to: UInt8.self)) - p
                        record.append(start: fieldStart, end: at, column: fieldStart - start + 1)
                        fieldStart = at + 1
                    } else {
                        record.append(start: fieldStart, end: contentEnd, column: fieldStart - start + 1)
                        break
                    }
                }
            }
            line += 1
            return nl == nil ? end : lineEnd + 1
        }

        // Slow path: find where the record really ends (line breaks may be quoted).
        var inQuotes = false
        var i = start
        var openLine = line, openColumn = 1, lineStart = start, scanLine = line
        lineEnd = -1
        while i < end {
            let c = p[i]
            if c == q {
                if !inQuotes { openLine = scanLine; openColumn = i - lineStart + 1 }
                inQuotes.toggle()
            } else if c == Self.newline {
                if !inQuotes { lineEnd = i; break }
                scanLine += 1
                lineStart = i + 1
            }
            i += 1
        }
        if lineEnd < 0 {
            if !final { return nil }
            if inQuotes {
                throw DataReadError(issues: [DataIssue(file: displayName, line: openLine, column: openColumn,
                                                       message: "unterminated quoted field: the file ends inside it")])
            }
            lineEnd = end
        }
        contentEnd = lineEnd
        if contentEnd > start && p[contentEnd - 1] == Self.carriageReturn { contentEnd -= 1 }

        // Split and unescape in place.
        record.reset(base: UnsafePointer(p), line: line)
        lineStart = start
        i = start
        while true {
            let fieldStart = i
            let column = i - lineStart + 1
            if i < contentEnd && p[i] == q {
                var w = i
                i += 1
                while true {
                    let c = p[i]
                    if c == q {
                        if i + 1 < contentEnd && p[i + 1] == q { p[w] = q; w += 1; i += 2; continue }
                        i += 1
                        break
                    }
                    if c == Self.newline { line += 1; lineStart = i + 1 }
                    p[w] = c; w += 1; i += 1
                }
                record.append(start: fieldStart, end: w, column: column)
                if i < contentEnd && p[i] != delimiter {
                    throw DataReadError(issues: [DataIssue(
                        file: displayName, line: line, column: i - lineStart + 1,
                        message: "expected a delimiter or the end of the line after a closing quote, found '\(Character(Unicode.Scalar(p[i])))'")])
                }
            } else {
                while i < contentEnd && p[i] != delimiter { i += 1 }
                record.append(start: fieldStart, end: i, column: column)
            }
            if i >= contentEnd { break }
            i += 1  // the delimiter
            if i == contentEnd { record.append(start: i, end: i, column: i - lineStart + 1); break }
        }
        line += 1
        return lineEnd == end ? end : lineEnd + 1
    }
}
