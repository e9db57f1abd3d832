import DecoupleAnalyses
import DecoupleRendering
import Foundation

/// The frame every dashboard page shares: navigation, the report's style sheet plus a few
/// dashboard rules, and a few lines of script (auto-submitting selectors, loading a BOM file
/// into the form). Pages work without the script; nothing is fetched from the network.
enum PageLayout {
    /// A page in the dashboard's frame; with `refreshSeconds` the browser reloads it after that
    /// many seconds (the "computing…" page, marked `<meta name="decouple-computing">`).
    static func page(title: String, active: String, body: String, sources: [String: Provenance] = [:], refreshSeconds: Int? = nil) -> String {
        let nav = DecoupleApp.pages.map { p in
            "<a href=\"\(p.path)\"\(p.path == active ? " aria-current=\"page\"" : "")>\(xmlEscaped(p.title))</a>"
        }.joined()
        var sourceList = ""
        if !sources.isEmpty {
            sourceList = "<section id=\"provenance\"><h2>Sources</h2>\(DecouplingReport.sourcesHTML(sources))</section>\n"
        }
        return """
        <!DOCTYPE html>
        <html lang="en"><head><meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        \(refreshSeconds.map { "<meta http-equiv=\"refresh\" content=\"\($0)\"><meta name=\"decouple-computing\" content=\"true\">" } ?? "")
        <link rel="icon" href="data:,">
        <title>\(xmlEscaped(title)) · Decouple</title>
        <style>\(DecouplingReport.css)\n\(css)</style></head>
        <body>
        <nav class="top"><span class="brand">Decouple</span>\(nav)</nav>
        <main>
        <h1>\(xmlEscaped(title))</h1>
        \(body)
        \(sourceList)</main>
        <footer>Decouple dashboard, served locally from the bundled public data. Every chart and table names its source. JSON API under <a href="/api">/api/v1</a>.</footer>
        <script>\(script)</script>
        </body></html>

        """
    }

    static let css = """
    body{max-width:1100px}nav.top{display:flex;flex-wrap:wrap;gap:.2em 1em;align-items:baseline;border-bottom:2px solid rgb(0,114,178);padding:.4em 0;margin-bottom:1em}
    nav.top a{color:rgb(0,84,148);text-decoration:none;padding:.1em .2em}nav.top a[aria-current]{font-weight:700;border-bottom:3px solid rgb(213,94,0)}
    .brand{font-weight:800;color:rgb(0,114,178);margin-right:.5em}
    form.controls{display:flex;flex-wrap:wrap;gap:.6em 1.2em;align-items:end;background:rgb(246,248,250);padding:.7em 1em;border:1px solid rgb(225,228,232);border-radius:6px;margin:1em 0}
    form.controls label{display:flex;flex-direction:column;font-size:.85em;color:rgb(80,80,80)}form.controls select,form.controls input{font-size:1em;padding:.15em .3em;margin-top:.15em;max-width:17em}
    button{font-size:.95em;padding:.3em .9em;border:1px solid rgb(0,114,178);background:rgb(0,114,178);color:white;border-radius:4px;cursor:pointer}
    .cards{display:grid;grid-template-columns:repeat(auto-fill,minmax(200px,1fr));gap:.8em;margin:1em 0}
    .card{border:1px solid rgb(225,228,232);border-radius:6px;padding:.6em .8em;background:white}.card .v{font-size:1.6em;font-weight:700;color:rgb(0,84,148)}
    .card .l{font-size:.85em;color:rgb(80,80,80)}.card .s{font-size:.75em;color:rgb(120,120,120)}.card .stale,.stale{font-size:.75em;color:rgb(160,60,0)}.vintage{font-size:.8em;color:rgb(100,100,100)}.notes{font-size:.85em;color:rgb(90,90,90)}
    .notice{border-left:4px solid rgb(230,159,0);background:rgb(255,248,230);padding:.6em 1em;margin:1em 0}
    .error{border-left:4px solid rgb(213,94,0);background:rgb(253,237,230);padding:.6em 1em;margin:1em 0}
    textarea{width:100%;font-family:ui-monospace,Menlo,Consolas,monospace;font-size:.8em}
    .status{font-size:1.2em;font-weight:700}.ok{color:rgb(0,128,90)}.bad{color:rgb(190,60,0)}
    ol.steps li{margin:.5em 0}code{font-size:.9em}
    """

    /// Selectors with `data-auto` submit their form on change; a file input with `data-into`
    /// reads the chosen file into that textarea.
    static let script = """
    document.querySelectorAll('select[data-auto]').forEach(function(s){s.addEventListener('change',function(){s.form.submit();});});
    document.querySelectorAll('input[type=file][data-into]').forEach(function(f){f.addEventListener('change',function(){var t=document.getElementById(f.dataset.into);var r=new FileReader();r.onload=function(){t.value=r.result;};if(f.files[0]){r.readAsText(f.files[0]);}});});
    """

    /// A `<select>` of options (value, label) with one selected.
    static func select(_ name: String, label: String, options: [(String, String)], selected: String?, auto: Bool = true) -> String {
        var s = "<label>\(xmlEscaped(label))<select name=\"\(name)\"\(auto ? " data-auto" : "")>"
        for (value, text) in options {
            s += "<option value=\"\(xmlEscaped(value))\"\(value == selected ? " selected" : "")>\(xmlEscaped(text))</option>"
        }
        return s + "</select></label>"
    }

    /// Country options sorted by name ("China (CHN)").
    static func countryOptions(_ countries: [Country]) -> [(String, String)] {
        countries.map { ($0.code, "\(CountryTable.standard.name($0)) (\($0.code))") }.sorted { $0.1 < $1.1 }
    }

    static func form(_ action: String, _ fields: String) -> String {
        "<form class=\"controls\" method=\"get\" action=\"\(action)\">\(fields)<button type=\"submit\">Show</button></form>\n"
    }

    static func figure(_ svg: String) -> String { "<figure>\(svg)</figure>\n" }

    static func figure(_ chart: Chart) -> String { figure(chart.svg()) }

    static func card(_ value: String, _ label: String, _ source: String, vintage: Vintage? = nil) -> String {
        var html = "<div class=\"card\"><div class=\"v\">\(xmlEscaped(value))</div><div class=\"l\">\(xmlEscaped(label))</div><div class=\"s\">Source: \(xmlEscaped(source))</div>"
        if let vintage {
            html += "<div class=\"s\">Latest period: \(xmlEscaped(vintage.latestPeriod))</div>"
            if let stale = vintage.staleNote { html += "<div class=\"stale\">\(xmlEscaped(stale))</div>" }
        }
        return html + "</div>"
    }

    /// The page shown to a browser for an error.
    static func errorPage(_ error: APIError, path: String) -> String {
        var body = "<div class=\"error\"><p><b>\(error.status.code) \(xmlEscaped(error.status.reasonPhrase))</b>: \(xmlEscaped(error.message))</p>"
        if !error.problems.isEmpty {
            body += "<ul>" + error.problems.prefix(50).map { "<li><code>\(xmlEscaped($0))</code></li>" }.joined() + "</ul>"
        }
        body += "</div><p><a href=\"\(xmlEscaped(DecoupleApp.pages.contains { $0.path == path } ? path : "/"))\">Back</a></p>"
        return page(title: "Request not understood", active: "", body: body)
    }
}
