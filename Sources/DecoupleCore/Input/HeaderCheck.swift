/// Helpers shared by the readers to check a file's header line.
package struct Header {
    package let names: [String]

    package init(_ record: CSVRecord) {
        // Strip a UTF-8 byte-order mark from the first name.
        var names = record.strings
        if let first = names.first, first.hasPrefix("\u{FEFF}") { names[0] = String(first.dropFirst()) }
        self.names = names
    }

    /// The index of a required column, or an issue naming what was expected.
    package func index(of name: String) -> Int? { names.firstIndex(of: name) }

    package func requireExactly(_ expected: [String], file: String, line: Int, delimiter: String = ",") throws {
        guard names == expected else {
            throw DataReadError(issues: [DataIssue(
                file: file, line: line, column: 1,
                message: "unexpected header '\(names.joined(separator: delimiter))'; expected '\(expected.joined(separator: delimiter))'")])
        }
    }
}

/// Reads the first record as the header; an empty file is an error.
package func readWithHeader(_ reader: DelimitedFileReader, progress: ((Double) -> Void)?,
                    header onHeader: (Header, Int) throws -> Void,
                    row: (CSVRecord) throws -> Void) throws {
    var sawHeader = false
    try reader.forEachRecord(progress: progress) { record in
        if !sawHeader {
            sawHeader = true
            try onHeader(Header(record), record.line)
        } else {
            try row(record)
        }
    }
    if !sawHeader {
        throw DataReadError(issues: [DataIssue(file: reader.displayName, line: 1, message: "empty file: expected a header line and data")])
    }
}
