/// A streaming reader of delimited text files (CSV and its semicolon or tab cousins),
/// byte by byte, gzip or plain.
///
/// Follows RFC 4180: fields may be quoted with `"`, a quote inside a quoted field is
/// doubled, quoted fields may hold delimiters and line breaks; CRLF and LF line ends are
/// both accepted; blank lines are skipped. Malformed quoting is reported with its line and
/// column.
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

    private enum State { case fieldStart, unquoted, quoted, quoteInQuoted }

    /// Calls `body` for each record, in order. The record object is reused between calls.
    /// `progress`, when given, receives the fraction of the file read so far.
    public func forEachRecord(progress: ((Double) -> Void)? = nil,
                              _ body: (CSVRecord) throws -> Void) throws {
        let stream = try ByteStream(path: path)
        var chunk = [UInt8](repeating: 0, count: 1 << 18)
        let record = CSVRecord()
        var state = State.fieldStart
        var line = 1
        var lineStart = 0          // absolute offset of the current line's first byte
        var base = 0               // absolute offset of chunk[0]
        var recordLine = 1
        var recordHadQuotes = false
        var lastProgress = -1.0
        var quoteOpenLine = 0, quoteOpenColumn = 0
        let delimiter = self.delimiter

        func beginField(at absolute: Int) {
            record.starts.append(record.bytes.count)
            record.columns.append(absolute - lineStart + 1)
        }
        func endField() { record.ends.append(record.bytes.count) }
        func resetRecord() {
            record.bytes.removeAll(keepingCapacity: true)
            record.starts.removeAll(keepingCapacity: true)
            record.ends.removeAll(keepingCapacity: true)
            record.columns.removeAll(keepingCapacity: true)
        }
        func emit() throws {
            // A blank line is one empty field: skip it.
            if record.starts.count == 1 && record.starts[0] == record.ends[0] && !recordHadQuotes {
                resetRecord()
                return
            }
            record.line = recordLine
            try body(record)
            resetRecord()
        }

        while true {
            let n = try stream.read(into: &chunk)
            if n == 0 { break }
            if let progress {
                let f = stream.fractionRead
                if f - lastProgress >= 0.01 { lastProgress = f; progress(f) }
            }
            try chunk.withUnsafeBufferPointer { buf in
                var i = 0
                while i < n {
                    let c = buf[i]
                    switch state {
                    case .fieldStart:
                        if record.starts.count == record.ends.count {
                            if record.starts.isEmpty { recordLine = line; recordHadQuotes = false }
                            beginField(at: base + i)
                        }
                        if c == UInt8(ascii: "\"") {
                            state = .quoted
                            recordHadQuotes = true
                            quoteOpenLine = line
                            quoteOpenColumn = base + i - lineStart + 1
                        } else if c == delimiter {
                            endField()
                        } else if c == UInt8(ascii: "\n") {
                            endField()
                            try emit()
                            line += 1
                            lineStart = base + i + 1
                        } else if c == UInt8(ascii: "\r") {
                            // dropped; the \n that follows ends the line
                        } else {
                            record.bytes.append(c)
                            state = .unquoted
                        }
                    case .unquoted:
                        if c == delimiter {
                            endField()
                            state = .fieldStart
                        } else if c == UInt8(ascii: "\n") {
                            endField()
                            try emit()
                            line += 1
                            lineStart = base + i + 1
                            state = .fieldStart
                        } else if c != UInt8(ascii: "\r") {
                            record.bytes.append(c)
                        }
                    case .quoted:
                        if c == UInt8(ascii: "\"") {
                            state = .quoteInQuoted
                        } else {
                            if c == UInt8(ascii: "\n") { line += 1; lineStart = base + i + 1 }
                            record.bytes.append(c)
                        }
                    case .quoteInQuoted:
                        if c == UInt8(ascii: "\"") {
                            record.bytes.append(c)
                            state = .quoted
                        } else if c == delimiter {
                            endField()
                            state = .fieldStart
                        } else if c == UInt8(ascii: "\n") {
                            endField()
                            try emit()
                            line += 1
                            lineStart = base + i + 1
                            state = .fieldStart
                        } else if c == UInt8(ascii: "\r") {
                            // CRLF after a closing quote
                        } else {
                            throw DataReadError(issues: [DataIssue(
                                file: displayName, line: line, column: base + i - lineStart + 1,
                                message: "expected a delimiter or the end of the line after a closing quote, found '\(Character(Unicode.Scalar(c)))'")])
                        }
                    }
                    i += 1
                }
            }
            base += n
        }
        switch state {
        case .quoted:
            throw DataReadError(issues: [DataIssue(
                file: displayName, line: quoteOpenLine, column: quoteOpenColumn,
                message: "unterminated quoted field: the file ends inside it")])
        case .unquoted, .quoteInQuoted:
            endField()
            try emit()
        case .fieldStart:
            if !record.starts.isEmpty {
                // The file ends right after a delimiter: the last field is empty.
                if record.starts.count == record.ends.count { beginField(at: base) }
                endField()
                try emit()
            }
        }
        progress?(1)
    }
}
