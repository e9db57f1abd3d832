import DecoupleAnalyses

extension DecouplingReport {
    /// A self-contained HTML page: inline CSS and SVG, no scripts, no network.
    public func html(generatedBy: String = "decouple report") -> String {
        var body = ""
        body += "<header><h1>\(xmlEscaped(title))</h1>"
        body += "<p class=\"lead\">Reporter: <b>\(xmlEscaped(reporterName))</b> (\(reporter.code)) · Rival: <b>\(xmlEscaped(rivalName))</b> (\(rival.code)). "
        body += "Every chart and table names its source; the full provenance of each source is listed at the end.</p></header>\n"
        if !headlines.isEmpty {
            body += "<section id=\"headlines\"><h2>Headlines</h2><ul class=\"findings\">" + headlines.map { h in
                "<li><b>\(xmlEscaped(h.value))</b> \(xmlEscaped(h.label)) <span class=\"src\">(\(xmlEscaped(sources[h.source]?.citation ?? h.source)); \(xmlEscaped(h.vintage.latestPeriod)))</span>"
                    + (h.vintage.staleNote.map { " <span class=\"stale\">\(xmlEscaped($0))</span>" } ?? "") + "</li>"
            }.joined() + "</ul>" + currency.map { "<p class=\"vintage\">\(xmlEscaped($0))</p>" }.joined() + "</section>\n"
        }
        body += "<nav><ol>" + sections.map { "<li><a href=\"#\($0.id)\">\(xmlEscaped($0.title))</a></li>" }.joined() + "<li><a href=\"#provenance\">Sources</a></li></ol></nav>\n"
        for section in sections { body += html(section) }
        body += "<section id=\"provenance\"><h2>Sources</h2>\(Self.sourcesHTML(sources))</section>\n"
        return """
        <!DOCTYPE html>
        <html lang="en"><head><meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <meta name="generator" content="\(xmlEscaped(generatedBy))">
        <title>\(xmlEscaped(title))</title>
        <style>\(Self.css)</style></head>
        <body>
        \(body)<footer>Made by Decouple from bundled public data. Shares are computed within one reporter's statistics, never across reporters.</footer>
        </body></html>

        """
    }

    /// One section as HTML: findings, charts, tables (the report page and the dashboard share it).
    public func html(_ section: ReportSection) -> String {
        var body = "<section id=\"\(section.id)\"><h2>\(xmlEscaped(section.title))</h2>\n"
        if let why = section.skippedBecause {
            return body + "<p class=\"skipped\">Skipped: \(xmlEscaped(why)).</p></section>\n"
        }
        if let v = section.vintage {
            body += "<p class=\"\(v.staleNote == nil ? "vintage" : "stale")\">\(xmlEscaped(v.text.prefix(1).uppercased() + v.text.dropFirst()))</p>\n"
        }
        if !section.findings.isEmpty {
            body += "<ul class=\"findings\">" + section.findings.map { "<li>\(xmlEscaped($0))</li>" }.joined() + "</ul>\n"
        }
        if !section.notes.isEmpty {
            body += "<ul class=\"notes\">" + section.notes.map { "<li>\(xmlEscaped($0))</li>" }.joined() + "</ul>\n"
        }
        for chart in section.charts { body += "<figure>\(chart.svg())</figure>\n" }
        for table in section.tables { body += Self.html(table, sources: sources, cite: false) }
        // Cited once per section, by dataset id linking to its full provenance.
        let ids = section.tables.flatMap(\.sources).reduce(into: [String]()) { if !$0.contains($1) { $0.append($1) } }
        if !ids.isEmpty {
            body += "<p class=\"source\">Sources: " + ids.map { id in
                "<a href=\"#src-\(xmlEscaped(id))\" title=\"\(xmlEscaped(sources[id]?.citation ?? id))\">\(xmlEscaped(sources[id].map { String($0.source.prefix(60)) } ?? id))</a>"
            }.joined(separator: "; ") + "</p>\n"
        }
        return body + "</section>\n"
    }

    /// The provenance of each source as a definition list, anchored `src-<id>`.
    public static func sourcesHTML(_ sources: [String: Provenance]) -> String {
        var body = "<dl>"
        for (id, p) in sources.sorted(by: { $0.key < $1.key }) {
            body += "<dt id=\"src-\(xmlEscaped(id))\">\(xmlEscaped(p.source)) <code>\(xmlEscaped(id))</code></dt>"
            body += "<dd>Edition: \(xmlEscaped(p.edition))<br>Original: \(xmlEscaped(p.url))<br>Licence: \(xmlEscaped(p.licence))<br>Copy read: \(xmlEscaped(p.retrievedFrom))</dd>"
        }
        return body + "</dl>"
    }

    /// A table as HTML with its source line, citing this report's sources.
    public func html(_ table: ReportTable) -> String { Self.html(table, sources: sources) }

    /// A table as HTML with its source line; each source id links to `#src-<id>`.
    ///
    /// A table with more columns than its ``ReportTable/terminalColumns`` shows those first; the
    /// others ("minor") appear with a "show all columns" switch (CSS only, no script). Text cells
    /// wrap, numbers stay on one line right-aligned, and the first column stays in view when the
    /// table scrolls sideways.
    /// - Parameter cite: a source line under the table (off inside a section, which cites once).
    public static func html(_ table: ReportTable, sources: [String: Provenance], cite: Bool = true) -> String {
        let important = Set(table.terminalColumns?.filter { $0 < table.columns.count } ?? Array(table.columns.indices))
        let hasMinor = important.count < table.columns.count
        func cls(_ i: Int) -> String {
            let c = [table.numericColumns.contains(i) ? "n" : nil, important.contains(i) ? nil : "minor"].compactMap { $0 }
            return c.isEmpty ? "" : " class=\"\(c.joined(separator: " "))\""
        }
        var s = "<div class=\"table-block\">"
        if hasMinor {
            var hash: UInt32 = 2166136261
            for b in table.title.utf8 { hash = (hash ^ UInt32(b)) &* 16777619 }
            let id = "cols-\(String(hash, radix: 16))"
            s += "<input type=\"checkbox\" class=\"cols\" id=\"\(id)\"><label class=\"cols\" for=\"\(id)\">Show all \(table.columns.count) columns (\(table.columns.count - important.count) more: \(xmlEscaped(table.columns.indices.filter { !important.contains($0) }.map { table.columns[$0] }.joined(separator: ", "))))</label>"
        }
        s += "<div class=\"table\"><table><caption>\(xmlEscaped(table.title))</caption><thead><tr>"
        for (i, c) in table.columns.enumerated() {
            s += "<th\(cls(i))>\(xmlEscaped(c))</th>"
        }
        s += "</tr></thead><tbody>"
        for row in table.rows {
            s += "<tr>"
            for (i, v) in row.enumerated() {
                s += "<td\(cls(i))>\(xmlEscaped(v))</td>"
            }
            s += "</tr>"
        }
        let cites = table.sources.map { id in
            "<a href=\"#src-\(xmlEscaped(id))\">\(xmlEscaped(sources[id]?.citation ?? id))</a>"
        }.joined(separator: "; ")
        s += "</tbody></table></div>" + (cite ? "<p class=\"source\">Source: \(cites)</p>" : "") + "</div>\n"
        return s
    }

    /// The report's style sheet (the dashboard uses it too).
    public static let css = """
    body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;max-width:1000px;margin:2em auto;padding:0 1em;color:rgb(34,34,34);line-height:1.45}
    h1{font-size:1.6em;margin-bottom:.2em}h2{border-bottom:1px solid rgb(220,220,220);padding-bottom:.2em;margin-top:2em}
    .lead{color:rgb(80,80,80)}nav ol{columns:2}figure{margin:1em 0}figure svg{max-width:100%;height:auto}
    .findings li{margin:.3em 0}.notes{font-size:.85em;color:rgb(90,90,90)}.vintage{font-size:.85em;color:rgb(100,100,100)}.stale{font-size:.85em;color:rgb(160,60,0)}.src{color:rgb(110,110,110);font-size:.85em}.skipped{color:rgb(120,120,120);font-style:italic}
    .table-block{margin:1em 0}.table{overflow-x:auto;max-width:100%}table{border-collapse:collapse;font-size:.85em}
    caption{text-align:left;font-weight:600;padding:.3em 0}th,td{padding:.25em .6em;border-bottom:1px solid rgb(230,230,230);text-align:left;vertical-align:top;white-space:normal;min-width:4em;max-width:22em;overflow-wrap:anywhere}
    th{background:rgb(246,246,246);vertical-align:bottom;max-width:14em;overflow-wrap:break-word}td.n,th.n{text-align:right;font-variant-numeric:tabular-nums}td.n{white-space:nowrap;min-width:0}
    td:first-child,th:first-child{position:sticky;left:0;background:white;z-index:1}th:first-child{background:rgb(246,246,246)}
    input.cols{margin-right:.4em}label.cols{font-size:.8em;color:rgb(90,90,90)}input.cols:not(:checked)~.table .minor{display:none}
    .source{font-size:.8em;color:rgb(100,100,100);margin:.2em 0}dt{font-weight:600;margin-top:.6em}dd{margin-left:1em;font-size:.9em}
    footer{margin-top:3em;font-size:.8em;color:rgb(120,120,120)}
    """
}
