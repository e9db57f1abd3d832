import DecoupleCore

/// Header checks shared by the USGS table readers.
enum USGSHeader {
    /// The header row, checked to start with `expected` (each a name, or alternatives separated by "|";
    /// a trailing `*` accepts any name with that prefix). Fails with `file:line:column`.
    static func check(_ rows: [USGSRow], _ expected: [String], file: String) throws -> USGSRow {
        guard let header = rows.first else {
            throw DataReadError(issues: [DataIssue(file: file, line: 1, message: "empty file, expected a header \(expected.joined(separator: ","))")])
        }
        for (k, want) in expected.enumerated() {
            let got = k < header.fields.count ? header.fields[k].trimmedUSGS : ""
            let ok = want.split(separator: "|").contains { alt in
                alt.hasSuffix("*") ? got.hasPrefix(alt.dropLast()) : got == alt
            }
            if !ok {
                throw DataReadError(issues: [DataIssue(file: file, line: header.line, column: header.column(k),
                    message: "expected column \(k + 1) to be '\(want)', found '\(got)' (unrecognised layout)")])
            }
        }
        return header
    }

    /// The trailing digits groups of a column name: `Net_Import_Reliance_pct_2023` → [2023],
    /// `Major_Import_Sources_2019_2022` → [2019, 2022].
    static func years(in name: String) -> [Int] {
        name.split(separator: "_").compactMap { $0.count == 4 ? Int($0) : nil }
    }
}
