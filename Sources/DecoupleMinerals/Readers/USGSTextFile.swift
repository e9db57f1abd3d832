import DecoupleCore

/// One record of a USGS CSV file, decoded to text.
struct USGSRow {
    /// 1-based line on which the record starts.
    let line: Int
    let fields: [String]
    /// 1-based byte column of each field.
    let columns: [Int]

    /// The 1-based column of field `i`, or of the end of the record when there is no such field.
    func column(_ i: Int) -> Int { i < columns.count ? columns[i] : (columns.last ?? 1) }

    /// True when every field is empty or blank (the releases pad files with rows of commas).
    var isBlank: Bool { fields.allSatisfy { $0.trimmedUSGS.isEmpty } }
}

/// Reads a USGS release CSV into decoded rows: strips a UTF-8 byte-order mark, decodes
/// UTF-8 and falls back to Windows-1252 for files (or fields) that are not valid UTF-8, and
/// keeps line and column numbers for error messages. Quoting, gzip and line ends are
/// handled by ``DelimitedFileReader``.
enum USGSTextFile {
    static func rows(path: String, displayName: String) throws -> [USGSRow] {
        var rows: [USGSRow] = []
        try DelimitedFileReader(path: path, displayName: displayName).forEachRecord { record in
            var fields: [String] = []
            var columns: [Int] = []
            fields.reserveCapacity(record.count)
            for i in 0..<record.count {
                var bytes = record.bytes(i)
                if rows.isEmpty && i == 0 && bytes.count >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF {
                    bytes = UnsafeBufferPointer(rebasing: bytes[3...])
                }
                fields.append(decode(bytes))
                columns.append(record.column(i))
            }
            rows.append(USGSRow(line: record.line, fields: fields, columns: columns))
        }
        return rows
    }

    /// UTF-8 when valid, else Windows-1252 (the encoding of some USGS files).
    static func decode(_ bytes: UnsafeBufferPointer<UInt8>) -> String {
        if let s = String(validating: bytes, as: UTF8.self) { return s }
        return windows1252(bytes)
    }

    /// Decodes Windows-1252: ASCII and Latin-1 as is, 0x80–0x9F through the code page table.
    static func windows1252<S: Sequence>(_ bytes: S) -> String where S.Element == UInt8 {
        var s = String.UnicodeScalarView()
        for b in bytes {
            if (0x80...0x9F).contains(b), let mapped = cp1252High[Int(b - 0x80)] {
                s.append(mapped)
            } else {
                s.append(Unicode.Scalar(b))
            }
        }
        return String(s)
    }

    /// Code points of bytes 0x80–0x9F in Windows-1252 (nil where the code page has none).
    static let cp1252High: [Unicode.Scalar?] = [
        "\u{20AC}", nil, "\u{201A}", "\u{0192}", "\u{201E}", "\u{2026}", "\u{2020}", "\u{2021}",
        "\u{02C6}", "\u{2030}", "\u{0160}", "\u{2039}", "\u{0152}", nil, "\u{017D}", nil,
        nil, "\u{2018}", "\u{2019}", "\u{201C}", "\u{201D}", "\u{2022}", "\u{2013}", "\u{2014}",
        "\u{02DC}", "\u{2122}", "\u{0161}", "\u{203A}", "\u{0153}", nil, "\u{017E}", "\u{0178}",
    ]
}
