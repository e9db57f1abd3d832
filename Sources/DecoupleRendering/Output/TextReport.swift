import DecoupleAnalyses
import Rainbow

extension DecouplingReport {
    /// A compact terminal summary: findings and the first rows of each table.
    /// Colours are added only when `colour` is true (a terminal).
    /// - Parameter width: the terminal's width in characters: a table wider than that drops its
    ///   least important columns (the end of ``ReportTable/terminalColumns``), naming them; nil
    ///   keeps every chosen column.
    public func text(maxRows: Int = 12, colour: Bool, width: Int? = nil) -> String {
        let paint = Paint(on: colour)
        // Numbered source keys, in order of first citation.
        let keys = sections.flatMap { $0.tables.flatMap(\.sources) }.reduce(into: [String]()) { if !$0.contains($1) && sources[$1] != nil { $0.append($1) } }
        func key(_ id: String) -> Int { (keys.firstIndex(of: id) ?? 0) + 1 }
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
                out += render(table, maxRows: maxRows, paint: paint, width: width)
            }
            // Cited once per section, by short keys; the full provenance is listed at the end.
            let ids = section.tables.flatMap(\.sources).reduce(into: [String]()) { if !$0.contains($1) && sources[$1] != nil { $0.append($1) } }
            if !ids.isEmpty {
                out += "  " + paint.dim("Sources: " + ids.map { "\($0) [\(key($0))]" }.joined(separator: "; ")) + "\n"
            }
        }
        let cited = keys
        if !cited.isEmpty {
            out += "\n" + paint.heading("── Sources ") + "\n"
            for id in cited { out += "  [\(key(id))] \(id): \(sources[id]!.citation); \(sources[id]!.licence); \(sources[id]!.retrievedFrom)\n" }
        }
        return out
    }

    private func render(_ table: ReportTable, maxRows: Int, paint: Paint, width: Int?) -> String {
        // Columns by importance: the table's terminal choice (most important first), else all
        // (very wide tables, a year per column, show their first columns and the last few).
        var importance = Array(table.columns.indices)
        if let chosen = table.terminalColumns?.filter({ $0 < table.columns.count }), !chosen.isEmpty {
            importance = chosen
        } else if importance.count > 9 {
            importance = Array(importance.prefix(2)) + Array(importance.suffix(5))
        }
        let rows = Array(table.rows.prefix(maxRows))
        var limit: [Int: Int] = [:]   // longest text kept per column, when even two columns are too wide
        func cell(_ text: String, _ c: Int) -> String {
            guard let max = limit[c], text.count > max else { return text }
            return String(text.prefix(max - 1)) + "…"
        }
        func draw(_ columns: [Int]) -> String {
            let shown = Set(columns.indices.filter { table.numericColumns.contains(columns[$0]) })
            return TableText.render(header: columns.map { cell(table.columns[$0], $0) },
                                    rows: rows.map { row in columns.map { $0 < row.count ? cell(row[$0], $0) : "" } },
                                    numeric: shown, layout: .boxed)
        }
        // Shown in the table's order; the least important dropped until it fits the terminal.
        var columns = importance.sorted()
        var text = draw(columns)
        if let width {
            while importance.count > 2, (text.split(separator: "\n").first?.count ?? 0) + 2 > width {
                importance.removeLast()
                columns = importance.sorted()
                text = draw(columns)
            }
            // Still too wide: shorten the longest text column's cells (marked …).
            var guardCount = 0
            while let lineWidth = text.split(separator: "\n").first?.count, lineWidth + 2 > width, guardCount < 8 {
                guardCount += 1
                let textColumns = columns.filter { !table.numericColumns.contains($0) }
                guard let widest = textColumns.max(by: { a, b in
                    (rows.map { $0.count > a ? $0[a].count : 0 }.max() ?? 0) < (rows.map { $0.count > b ? $0[b].count : 0 }.max() ?? 0)
                }) else { break }
                let current = limit[widest] ?? (rows.map { $0.count > widest ? $0[widest].count : 0 }.max() ?? 0)
                let next = max(8, current - (lineWidth + 2 - width))
                guard next < current else { break }
                limit[widest] = next
                text = draw(columns)
            }
        }
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
