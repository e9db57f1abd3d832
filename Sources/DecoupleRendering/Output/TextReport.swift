import DecoupleAnalyses
import Rainbow

extension DecouplingReport {
    /// A compact terminal summary: findings and the first rows of each table.
    /// Colours are added only when `colour` is true (a terminal).
    public func text(maxRows: Int = 12, colour: Bool) -> String {
        let paint = Paint(on: colour)
        var out = paint.bold(title) + "\n"
        if !headlines.isEmpty {
            out += "\n" + paint.heading("── Headlines ") + "\n"
            for h in headlines {
                out += "  \(paint.bold(h.value))  \(h.label) [\(h.source); \(h.vintage.text)]\n"
            }
        }
        for line in currency { out += paint.dim("  " + line) + "\n" }
        for section in sections {
            out += "\n" + paint.heading("── \(section.title) ") + "\n"
            if let why = section.skippedBecause {
                out += paint.dim("  (skipped: \(why))") + "\n"
                continue
            }
            if let v = section.vintage {
                let line = "  " + v.text.prefix(1).uppercased() + v.text.dropFirst()
                out += (v.staleNote == nil ? paint.dim(line) : paint.bold(line)) + "\n"
            }
            for f in section.findings { out += "  • " + f + "\n" }
            for n in section.notes { out += paint.dim("  Note: " + n) + "\n" }
            for table in section.tables {
                out += "\n  " + paint.bold(table.title) + "\n"
                out += render(table, maxRows: maxRows, paint: paint)
                let cites = table.sources.compactMap { sources[$0]?.citation }.joined(separator: "; ")
                out += "  " + paint.dim("Source: \(cites)") + "\n"
            }
        }
        return out
    }

    private func render(_ table: ReportTable, maxRows: Int, paint: Paint) -> String {
        // Very wide tables (a year per column) show their first columns and the last few.
        var columns = Array(table.columns.indices)
        if let chosen = table.terminalColumns?.filter({ $0 < table.columns.count }), !chosen.isEmpty {
            columns = chosen
        } else if columns.count > 9 {
            columns = Array(columns.prefix(2)) + Array(columns.suffix(5))
        }
        let rows = Array(table.rows.prefix(maxRows))
        let shown = Set(columns.indices.filter { table.numericColumns.contains(columns[$0]) })
        let text = TableText.render(header: columns.map { table.columns[$0] },
                                    rows: rows.map { row in columns.map { $0 < row.count ? row[$0] : "" } },
                                    numeric: shown, layout: .boxed)
        var s = text
            .split(separator: "\n").map { "  " + $0 }.joined(separator: "\n") + "\n"
        if table.rows.count > rows.count {
            s += paint.dim("  … \(table.rows.count - rows.count) more rows in the HTML, JSON and CSV outputs") + "\n"
        }
        if columns.count < table.columns.count {
            let hidden = table.columns.indices.filter { !columns.contains($0) }.map { table.columns[$0] }
            s += paint.dim("  … \(hidden.count) more column\(hidden.count == 1 ? "" : "s") (\(hidden.joined(separator: ", "))) in the HTML, JSON and CSV outputs") + "\n"
        }
        return s
    }
}

/// Terminal styling that is applied only when writing to a terminal.
struct Paint {
    let on: Bool
    func bold(_ s: String) -> String { on ? s.bold : s }
    func dim(_ s: String) -> String { on ? s.dim : s }
    func heading(_ s: String) -> String { on ? s.cyan.bold : s }
}
