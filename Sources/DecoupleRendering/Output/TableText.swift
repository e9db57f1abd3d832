import DecoupleAnalyses
import TextTable

/// The one table renderer of the text outputs: every command's and the report's tables.
public enum TableText {
    /// How a table is drawn.
    public enum Layout: Sendable {
        /// Columns separated by two spaces, a rule of `rule` under the header, trailing spaces
        /// trimmed (command outputs).
        case plain(rule: Character)
        /// A boxed grid (psql style), for the report.
        case boxed
    }

    /// The table with its header; columns in `numeric` are right-aligned, the others left.
    public static func render(header: [String], rows: [[String]], numeric: Set<Int>, layout: Layout) -> String {
        switch layout {
        case .boxed:
            let t = TextTable<[String]> { row in
                header.indices.map { i in
                    Column(title: header[i], value: i < row.count ? row[i] : "", align: numeric.contains(i) ? .right : .left)
                }
            }
            return t.string(for: rows, style: Style.psql) ?? ""
        case .plain(let rule):
            let all = [header] + rows
            let widths = header.indices.map { i in all.map { i < $0.count ? $0[i].count : 0 }.max() ?? 0 }
            func line(_ cells: [String]) -> String {
                var s = header.indices.map { i in
                    let cell = i < cells.count ? cells[i] : ""
                    let pad = String(repeating: " ", count: max(0, widths[i] - cell.count))
                    return numeric.contains(i) ? pad + cell : cell + pad
                }.joined(separator: "  ")
                while s.hasSuffix(" ") { s.removeLast() }
                return s + "\n"
            }
            return line(header) + line(widths.map { String(repeating: rule, count: $0) }) + rows.map(line).joined()
        }
    }
}
