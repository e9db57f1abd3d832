import DecoupleAnalyses
import DecoupleRendering
import Foundation
import Hummingbird

/// The dashboard's pages: server-rendered HTML with inline SVG charts drawn by DecoupleRendering
/// (the same code as the HTML report). Query parameters are the API's.
extension DecoupleApp {
    static let pages: [(path: String, title: String)] = [
        ("/", "Overview"), ("/trend", "Trade trend"), ("/minerals", "Minerals"), ("/exposure", "Exposure"),
        ("/scenarios", "Scenarios"), ("/framework", "Framework"), ("/policy", "Policy"), ("/alliances", "Alliances"), ("/ira", "IRA check"), ("/api", "API"),
    ]

    /// The pages as `serve --help` lists them: "/ (Overview), /trend (Trade trend), …".
    public static var pageList: String { pages.map { "\($0.path) (\($0.title))" }.joined(separator: ", ") }

    static let pageParameters: [String: Set<String>] = [
        "/": ["reporter", "rival", "base-year"],
        "/trend": ["reporter", "rival", "base-year", "chain"],
        "/minerals": ["edition", "mineral", "rival", "all-commodities"],
        "/exposure": ["importer", "source", "sector", "tiers"],
        "/scenarios": ["example"],
        "/framework": ["leader", "challenger", "year", "chain"],
        "/policy": ["chain", "country", "instrument", "from", "to", "at"],
        "/alliances": ["at", "alliance", "table4"],
        "/ira": ["date", "example"],
        "/api": [],
    ]

    /// The pages rendered from a query alone (cached per query; `/ira`'s form post is not one).
    static let pageRenderers: [String: @Sendable (DecoupleApp, QueryParameters) async throws -> String] = [
        "/": { try await $0.overviewPage($1) },
        "/trend": { try await $0.trendPage($1) },
        "/minerals": { try await $0.mineralsPage($1) },
        "/exposure": { try await $0.exposurePage($1) },
        "/scenarios": { try await $0.scenariosPage($1) },
        "/framework": { try await $0.frameworkPage($1) },
        "/policy": { try await $0.policyPage($1) },
        "/alliances": { try await $0.alliancesPage($1) },
        "/api": { app, _ in app.apiPage() },
    ]

    func addPageRoutes(to router: Router<BasicRequestContext>) {
        for path in Self.pageRenderers.keys {
            router.get(RouterPath(path)) { request, _ in try await self.cachedPage(request, path) }
        }
        router.get("/ira") { request, _ in
            let q = try QueryParameters(query: request.uri.query, allowed: Self.pageParameters["/ira"]!)
            let date = try q.day("date")
            guard try q.flag("example") else { return Self.html(self.iraPage(bom: self.exampleBOM, date: date, result: nil)) }
            // The bundled example, checked (a page a link or a screenshot can show).
            let (a, bill, rules) = try await self.assess(bom: Data(self.exampleBOM.utf8), date: date)
            return Self.html(self.iraPage(bom: self.exampleBOM, date: date, result: self.iraResult(a, bill: bill, rules: rules)))
        }
        router.post("/ira") { request, _ in try await self.iraPost(request) }
    }

    static func html(_ text: String, status: HTTPResponse.Status = .ok) -> Response {
        Response(status: status, headers: [.contentType: "text/html; charset=utf-8"], body: .init(byteBuffer: ByteBuffer(string: text)))
    }

    /// A page rendered once per distinct (validated) query and then served from memory. A
    /// browser (Accept: text/html) that would wait longer than ``ServerConfiguration/pendingPageAfter``
    /// gets a "computing…" page that reloads itself while the page is computed.
    func cachedPage(_ request: Request, _ path: String) async throws -> Response {
        let limit = APIError.wantsHTML(request) ? configuration.pendingPageAfter : nil
        guard let buffer = try await page(path, query: request.uri.query, waitingAtMost: limit) else {
            var headers: HTTPFields = [.contentType: "text/html; charset=utf-8", .cacheControl: "no-store"]
            headers[.retryAfter] = "\(Self.computingRefreshSeconds)"
            return Response(status: .accepted, headers: headers, body: .init(byteBuffer: ByteBuffer(string: computingPage(path))))
        }
        return Response(status: .ok, headers: [.contentType: "text/html; charset=utf-8"], body: .init(byteBuffer: buffer))
    }

    /// A page's bytes from the page cache, rendered on first use; nil when `limit` passes first
    /// (the rendering goes on and is stored).
    func page(_ path: String, query: String?, waitingAtMost limit: Duration? = nil) async throws -> ByteBuffer? {
        guard let render = Self.pageRenderers[path] else { throw APIError(.notFound, "no page \(path)") }
        let q = try QueryParameters(query: query, allowed: Self.pageParameters[path] ?? [])
        let key = "page:" + q.cacheKey(path)
        let compute: @Sendable () async throws -> ByteBuffer = { ByteBuffer(string: try await Self.mapped { try await render(self, q) }) }
        guard let limit else { return try await responses.value(for: key, compute: compute) }
        return try await responses.value(for: key, waitingAtMost: limit, compute: compute)
    }

    /// A page's bytes, waiting for them.
    func page(_ path: String, query: String?) async throws -> ByteBuffer {
        try await page(path, query: query, waitingAtMost: nil)!
    }

    static let computingRefreshSeconds = 2

    /// What a browser sees while a page is computed: the same frame, a note, and a reload every
    /// two seconds (no script needed).
    func computingPage(_ path: String) -> String {
        let title = Self.pages.first { $0.path == path }?.title ?? path
        let body = "<p class=\"notice\" id=\"computing\">Computing this page from the bundled data (the first request for a pair or an option reads and solves the tables; later ones are served from memory). It reloads itself every \(Self.computingRefreshSeconds) seconds until it is ready.</p>"
        return PageLayout.page(title: "\(title): computing…", active: path, body: body, refreshSeconds: Self.computingRefreshSeconds)
    }

    func name(_ c: Country) -> String { CountryTable.standard.name(c) }

    // MARK: Overview

    func overviewPage(_ q: QueryParameters) async throws -> String {
        let o = try Self.reportOptions(q)
        let report = try await store.report(o)
        let reporters = try await store.dotsReporters()
        var body = PageLayout.form("/", PageLayout.select("reporter", label: "Reporter", options: PageLayout.countryOptions(reporters), selected: o.reporter.code)
            + PageLayout.select("rival", label: "Rival", options: PageLayout.countryOptions(reporters), selected: o.rival.code)
            + "<label>Base year<input name=\"base-year\" type=\"number\" min=\"1990\" max=\"2030\" value=\"\(o.baseYear)\"></label>")
        body += "<p class=\"lead\">\(xmlEscaped(report.title)) The headline figures of <code>decouple report</code>; each card names its source.</p>"
        // Cards from the report's figures.
        var cards = ""
        func cite(_ id: String) -> String { report.sources[id]?.citation ?? id }
        for h in report.headlines {
            cards += PageLayout.card(h.value, h.label, cite(h.source), vintage: h.vintage)
        }
        body += "<div class=\"cards\">\(cards)</div>\n"
        body += report.currency.map { "<p class=\"vintage\">\(xmlEscaped($0))</p>" }.joined()
        for section in report.sections where section.skippedBecause == nil && !section.findings.isEmpty {
            let link: String
            switch section.id {
            case "annual-shares", "monthly", "chapters", "chains": link = "/trend?reporter=\(o.reporter.code)&rival=\(o.rival.code)"
            case "minerals": link = "/minerals"
            case "framework": link = "/framework?leader=\(o.reporter.code)&challenger=\(o.rival.code)"
            default: link = ""
            }
            body += "<h2>\(xmlEscaped(section.title))</h2>"
            if let v = section.vintage { body += "<p class=\"\(v.staleNote == nil ? "vintage" : "stale")\">\(xmlEscaped(v.text.prefix(1).uppercased() + v.text.dropFirst()))</p>" }
            body += "<ul class=\"findings\">" + section.findings.map { "<li>\(xmlEscaped($0))</li>" }.joined() + "</ul>"
            if !link.isEmpty { body += "<p><a href=\"\(xmlEscaped(link))\">More →</a></p>" }
            if ["annual-shares", "chains"].contains(section.id), let chart = section.charts.first { body += PageLayout.figure(chart) }
        }
        let skipped = report.sections.filter { $0.skippedBecause != nil }
        if !skipped.isEmpty {
            body += "<p class=\"skipped\">Not shown for this pair: " + skipped.map { "\(xmlEscaped($0.title)) (\(xmlEscaped($0.skippedBecause!)))" }.joined(separator: "; ") + ".</p>"
        }
        return PageLayout.page(title: "Overview: \(report.reporterName) and \(report.rivalName)", active: "/", body: body, sources: report.sources)
    }

    // MARK: Trade trend

    func trendPage(_ q: QueryParameters) async throws -> String {
        let o = try Self.reportOptions(q)
        let t = try await store.taxonomy().taxonomy
        let chain = try q.name("chain") ?? (o.reporter == .usa ? "batteries" : nil)
        if let chain, t.chain(chain) == nil {
            throw APIError.badRequest("unknown chain '\(chain)'; known chains: \(t.chains.map(\.id).joined(separator: ", "))", parameter: "chain")
        }
        let report = try await store.report(o)
        let dots = try await store.dots()
        let (r, v) = (o.reporter, o.rival)
        var body = PageLayout.form("/trend", PageLayout.select("reporter", label: "Reporter", options: PageLayout.countryOptions(dots.reporters), selected: r.code)
            + PageLayout.select("rival", label: "Rival", options: PageLayout.countryOptions(dots.reporters), selected: v.code)
            + PageLayout.select("chain", label: "Strategic chain (US imports)", options: [("", "(none)")] + t.chains.map { ($0.id, "\($0.name) [\($0.arena.rawValue)]") }, selected: chain ?? "")
            + "<label>Base year<input name=\"base-year\" type=\"number\" min=\"1990\" max=\"2030\" value=\"\(o.baseYear)\"></label>")
        var sources = report.sources
        if let annual = report.sections.first(where: { $0.id == "annual-shares" }) {
            body += "<h2>\(xmlEscaped(annual.title))</h2>" + annual.charts.map { PageLayout.figure($0) }.joined()
        }
        // One chain, stage by stage: who supplies the reporter.
        if let chain, let c = t.chain(chain) {
            body += "<h2>\(xmlEscaped(c.name)): who supplies each stage</h2>"
            if r == .usa {
                let hs6 = try await store.censusHS6()
                body += PageLayout.figure(TradeCharts.chainSourcing(c, taxonomy: t, data: hs6, reporter: r, rival: v)?.svg() ?? "")
                sources[hs6.id] = hs6.provenance
            } else {
                body += "<p class=\"notice\">Stage-level imports come from US Census data: choose reporter USA to see them.</p>"
            }
        }
        // Largest partners of the reporter's imports over time: where trade went.
        if let chart = TradeCharts.largestSuppliers(flows: dots.byReporter[r] ?? [], provenance: dots.provenance, reporter: r, rival: v) {
            body += PageLayout.figure(chart.svg())
        }
        for id in ["monthly", "chapters"] {
            if let s = report.sections.first(where: { $0.id == id }), s.skippedBecause == nil {
                body += "<h2>\(xmlEscaped(s.title))</h2>" + s.findings.map { "<p>\(xmlEscaped($0))</p>" }.joined() + s.charts.map { PageLayout.figure($0) }.joined()
            }
        }
        return PageLayout.page(title: "Trade trend: \(name(r)) and \(name(v))", active: "/trend", body: body, sources: sources)
    }

    // MARK: Minerals

    func mineralsPage(_ q: QueryParameters) async throws -> String {
        var request = try await mineralsRequest(q)
        let selected = request.mineral
        request.mineral = nil
        let doc = try await Self.mapped { try await self.mineralsDocument(request) }
        let mcs = try await store.mineralCommoditySummaries(request.edition)
        let (l, v) = (request.leader, request.rival)
        let allies = Set(request.allies)
        var body = PageLayout.form("/minerals", PageLayout.select("edition", label: "MCS edition", options: MineralsRequest.editions.reversed().map { ("\($0)", "\($0)") }, selected: "\(request.edition)")
            + PageLayout.select("mineral", label: "Mineral", options: [("", "(all)")] + doc.minerals.map { ($0.profile.code, $0.profile.name) }.sorted { $0.1 < $1.1 }, selected: selected.flatMap { mcs.code(for: $0) } ?? "")
            + PageLayout.select("rival", label: "Rival", options: PageLayout.countryOptions([.china, Country("RUS"), Country("COD"), Country("ZAF"), Country("AUS")]), selected: v.code)
            + PageLayout.select("all-commodities", label: "Commodities", options: [("false", "critical-minerals list"), ("true", "all commodities")], selected: request.allCommodities ? "true" : "false"))
        let citation = doc.source.citation
        if let selected {
            var one = request
            one.mineral = selected
            guard mcs.code(for: selected) != nil, let a = try await Self.mapped({ try await self.mineralsDocument(one) }).minerals.first else {
                throw APIError.badRequest("no commodity '\(selected)' in MCS \(request.edition)", parameter: "mineral")
            }
            body += mineralDetail(a, leader: l, rival: v, allies: allies, citation: citation)
        }
        if let scope = doc.scope { body += "<p class=\"lead\">Listed: \(xmlEscaped(scope)).</p>" }
        if let c = doc.criticalMinerals {
            body += "<ul class=\"findings\">" + c.findings(leaderName: name(l), rivalName: name(v)).map { "<li>\(xmlEscaped($0))</li>" }.joined() + "</ul>"
        }
        // Everyone: reliance against the rival's production share, and who produces.
        let points = MineralCharts.reliancePoints(doc.minerals)
        body += PageLayout.figure(ScatterChart(
            title: "\(name(l)) net import reliance vs \(name(v))'s share of world production, MCS \(request.edition)",
            subtitle: "One point per mineral whose \(name(v)) share is stated (a world total published, \(name(v)) listed); hollow = reliance published as a bound (>50, <25)",
            xTitle: "\(name(v)) share of world production", yTitle: "Net import reliance", points: points, source: citation).svg())
        body += PageLayout.figure(MineralCharts.producers(doc.minerals, leader: l, rival: v, allies: allies, edition: request.edition, citation: citation).svg())
        var rows: [[String]] = []
        for a in doc.minerals {
            let p = a.profile
            rows.append([p.name, MineralsText.reliance(p.latestReliance), p.rivalShares.mine.shortText, p.rivalShares.refinery.shortText,
                         p.leaderShares.reserves.shortText, a.classificationLabel,
                         a.classification.reasons.joined(separator: "; ")])
        }
        let table = ReportTable(title: "\(doc.minerals.count) commodities of MCS \(request.edition): reliance, shares by stage and the framework's class",
                                columns: ["Mineral", "NIR", "\(name(v)) mine production share", "\(name(v)) refinery production share",
                                          "\(name(l)) reserves share", "Class", "Why"],
                                numericColumns: [1, 2, 3, 4], rows: rows, sources: ["usgs-mcs\(request.edition)"])
        let sources = ["usgs-mcs\(request.edition)": doc.source]
        body += DecouplingReport.html(table, sources: sources)
        return PageLayout.page(title: "Critical minerals: \(name(l)) and \(name(v))", active: "/minerals", body: body, sources: sources)
    }

    func mineralDetail(_ a: MineralAssessment, leader: Country, rival: Country, allies: Set<Country>, citation: String) -> String {
        let p = a.profile
        var body = "<h2>\(xmlEscaped(p.name))</h2><p><b>\(xmlEscaped(a.classificationLabel))</b>: \(xmlEscaped(a.classification.reasons.joined(separator: "; ")))</p>"
        if let chart = MineralCharts.reliance(p, leaderName: name(leader), citation: citation) {
            body += PageLayout.figure(chart.svg())
        }
        if let chart = MineralCharts.stages(p, citation: citation) {
            body += PageLayout.figure(chart.svg())
        }
        if !p.imports.sources.isEmpty {
            let rows = p.imports.sources.map { s in [s.country.map(name) ?? s.label, s.share.map { $0.amount.text + "%" } ?? "ranked", s.source.description] }
            body += DecouplingReport.html(ReportTable(title: "\(p.name): \(name(leader))'s import sources", columns: ["Source", "Share", "From"],
                                                      numericColumns: [1], rows: rows, sources: ["usgs-mcs\(p.edition)"]),
                                          sources: ["usgs-mcs\(p.edition)": BundledDataset.usgsMCS.first { $0.id == "usgs-mcs\(p.edition)" }!.provenance])
        }
        return body
    }

    // MARK: Exposure

    /// Look-through exposure of an importer to a source in the bundled OECD ICIO (the report's
    /// hidden-exposure section, same code), and with `sector` one sector tier by tier (`tiers`).
    func exposurePage(_ q: QueryParameters) async throws -> String {
        let importer = try q.country("importer", default: .usa)!, source = try q.country("source", default: .china)!
        guard importer != source else { throw APIError.badRequest("importer and source must differ", parameter: "source") }
        let sector = try q.name("sector").map { $0.uppercased() }
        let tiers = try q.int("tiers", in: 2...20) ?? 4
        let table = try await Offload.run { try ICIOCache.shared.oecdICIO2022(self.store.catalog) }
        for (region, key) in [(importer, "importer"), (source, "source")] where !table.regions.contains(region.code) {
            throw APIError.badRequest("\(region.code) is not a region of \(table.name)", parameter: key)
        }
        let input = try await store.exposure(importer: importer, rival: source).input
        let regions = PageLayout.countryOptions(table.regions.map { Country($0) })
        let sectors = (input?.sectors.map(\.sector) ?? []).map { ($0, input?.sectorLabel($0) ?? $0) }
        if let sector, !sectors.contains(where: { $0.0 == sector }) {
            throw APIError.badRequest("no sector '\(sector)' in \(table.name); its sectors are \(sectors.map(\.0).joined(separator: ", "))", parameter: "sector")
        }
        var body = PageLayout.form("/exposure", PageLayout.select("importer", label: "Importer", options: regions, selected: importer.code)
            + PageLayout.select("source", label: "Source", options: regions, selected: source.code)
            + PageLayout.select("sector", label: "Sector (tier by tier)", options: [("", "(manufacturing overview)")] + sectors, selected: sector ?? "")
            + "<label>Tiers<input name=\"tiers\" type=\"number\" min=\"2\" max=\"20\" value=\"\(tiers)\"></label>")
        let api = "/api/v1/exposure?importer=\(importer.code)&source=\(source.code)&sector=\(sector ?? "C26")&tiers=\(tiers)"
        body += "<p>JSON: <a href=\"\(xmlEscaped(api))\">\(xmlEscaped(api))</a> (parameters sector, tiers, top), or <code>decouple exposure --importer \(importer.code) --source \(source.code) --sector \(sector ?? "C26") --tiers \(tiers)</code>.</p>"
        let builder = ReportBuilder(options: ReportOptions(reporter: importer, rival: source), countries: .standard)
        var sections: [ReportSection] = []
        if let sector {
            let detail = try await store.exposureDetail(importer: importer, source: source, sector: sector, tiers: tiers, top: 10)
            sections.append(builder.exposureDetail(detail))
        }
        sections.append(builder.dated(builder.exposure(input)))
        var sources: [String: Provenance] = [:]
        if let input { sources[input.datasetID] = input.provenance }
        let report = DecouplingReport(title: "", reporter: importer, rival: source, reporterName: name(importer), rivalName: name(source),
                                      sections: sections, sources: sources)
        for section in sections { body += report.html(section) }
        return PageLayout.page(title: "Exposure through input–output linkages: \(name(importer)) and \(name(source))", active: "/exposure",
                               body: body, sources: sources)
    }

    // MARK: Scenarios

    /// A bundled example scenario run on the bundled data: its charts and tables (the same code
    /// as `decouple scenario run --html`).
    func scenariosPage(_ q: QueryParameters) async throws -> String {
        let name = try scenarioExample(q)
        let result = try await store.scenario(name)
        var body = PageLayout.form("/scenarios", PageLayout.select("example", label: "Scenario",
                                                                   options: store.scenarioExamples.map { ($0, $0) }, selected: name))
        body += "<p>\(xmlEscaped(result.scenario.description))</p>\n"
        body += ScenarioText.charts(result, top: 10).joined(separator: "\n")
        body += "<h2>Tables</h2>\(ScenarioText.htmlTables(result, top: 10))\n"
        body += "<p>Models and equations: docs/scenario.md. Your own scenario: <code>decouple scenario example &gt; my.json</code>, "
            + "edit, then <code>decouple scenario run my.json --html page.html</code>. JSON: "
            + "<a href=\"/api/v1/scenario?example=\(xmlEscaped(name))\">/api/v1/scenario?example=\(xmlEscaped(name))</a>.</p>\n"
        var sources: [String: Provenance] = [:]
        let used = [result.products?.dataset, result.mineral?.dataset, result.io?.dataset].compactMap { $0 }
            + (result.deadlock != nil ? [BundledDataset.oecdICIO2022.id] : [])
        for id in used {
            if let d = BundledDataset.all.first(where: { $0.id == id }) {
                sources[d.id] = d.provenance
            }
        }
        return PageLayout.page(title: "Scenario: \(result.scenario.name)", active: "/scenarios", body: body, sources: sources)
    }

    // MARK: Framework

    func frameworkPage(_ q: QueryParameters) async throws -> String {
        let r = try await frameworkRequest(q)
        let b = try await store.framework(leader: r.leader, challenger: r.challenger, year: r.year)
        let t = try await store.taxonomy().taxonomy
        let shown = FrameworkRun.only(chain: r.chain, of: b.result)
        let countries = [Country.usa, .china, Country("JPN"), Country("DEU"), Country("KOR"), Country("TWN"), Country("GBR"), Country("FRA"), Country("IND")]
        var body = PageLayout.form("/framework", PageLayout.select("leader", label: "Leader", options: PageLayout.countryOptions(countries), selected: r.leader.code)
            + PageLayout.select("challenger", label: "Challenger", options: PageLayout.countryOptions(countries), selected: r.challenger.code)
            + PageLayout.select("chain", label: "Chain", options: [("", "(all)")] + t.chains.map { ($0.id, $0.name) }, selected: r.chain ?? "")
            + "<label>Indicator year<input name=\"year\" type=\"number\" min=\"1990\" max=\"2030\" value=\"\(r.year.map(String.init) ?? "")\" placeholder=\"latest\"></label>")
        let sources = ["framework": Provenance(
            source: "Decouple framework engine (Zhou 2024) on bundled indicators",
            edition: b.provenance.map(\.citation).joined(separator: "; "), url: "Data/framework/framework.json",
            licence: b.provenance.map(\.licence).joined(separator: "; "), retrievedFrom: "computed by decouple from the sources listed in its edition")]
        // The evaluation against the null models leads the page (issue #18); the section follows the charts.
        let evaluation = r.chain == nil ? try await store.frameworkEvaluation(leader: r.leader, challenger: r.challenger).evaluation : nil
        let sensitivity = r.chain == nil ? try await store.frameworkSensitivity(leader: r.leader, challenger: r.challenger).sensitivity : nil
        let builder = ReportBuilder(options: ReportOptions(reporter: r.leader, rival: r.challenger), countries: .standard)
        let section = builder.dated(builder.framework(shown, evaluation: evaluation, sensitivity: sensitivity))
        let report = DecouplingReport(title: "", reporter: r.leader, rival: r.challenger, reporterName: name(r.leader),
                                      rivalName: name(r.challenger), sections: [section], sources: sources)
        var rest = section
        if evaluation != nil, let evaluationChart = section.charts.first {
            body += "<h2>Does the framework predict the instruments?</h2><ul class=\"findings\">"
                + section.findings.prefix(3).map { "<li>\(xmlEscaped($0))</li>" }.joined() + "</ul>" + PageLayout.figure(evaluationChart)
            rest.charts.removeFirst()   // drawn above
        }
        let sectionHTML = report.html(rest)
        // Table 1 as a chart: pluses per dimension, from data.
        let rows = shown.table1
        let dims = rows.first?.cells.map(\.dimension) ?? []
        let labels = rows.map { "\($0.arena.rawValue) · \(name($0.country))" }
        let chart = StackedBarChart(
            title: "Table 1 rebuilt from data: competitive advantage (pluses per dimension)",
            subtitle: "\(name(r.leader)) and \(name(r.challenger)); dimensions without bundled data (n/a in the table below) are not drawn",
            labels: labels,
            series: dims.map { d in ChartSeries(name: d.rawValue, values: rows.map { row in row.cells.first { $0.dimension == d }?.data.map(Double.init) }) },
            format: .number(decimals: 0), source: b.provenance.map(\.citation).prefix(2).joined(separator: "; "))
        body += PageLayout.figure(chart.svg())
        // Vulnerability: imports from the challenger per chain stage.
        let vulnerable = shown.predictions.compactMap { p -> (String, Double)? in
            let key = p.stage.map { "\(p.chain)/\($0)" } ?? p.chain
            return shown.vulnerabilities[key]?.importShareFromChallenger.map { (key, $0) }
        }.sorted { $0.1 > $1.1 }.prefix(30)
        if !vulnerable.isEmpty {
            body += PageLayout.figure(BarChart(
                title: "\(name(r.leader)) imports from \(name(r.challenger)) by chain stage (vulnerability)",
                subtitle: "Share of the stage's HS6 imports; the 30 largest",
                labels: vulnerable.map(\.0), values: vulnerable.map(\.1), format: .percent(decimals: 0),
                source: b.provenance.first { $0.source.contains("Census") }?.citation ?? "US Census Bureau").svg())
        }
        body += sectionHTML
        return PageLayout.page(title: "The framework: \(name(r.leader)) (leader) and \(name(r.challenger)) (challenger)", active: "/framework",
                               body: body, sources: sources)
    }

    // MARK: Policy and alliances

    func policyPage(_ q: QueryParameters) async throws -> String {
        let filter = try await policyFilter(q)
        let at = try q.day("at") ?? Self.today()
        let bundle = try await store.policy()
        let t = try await store.taxonomy().taxonomy
        let measures = PolicyAnalyses.measures(bundle.measures, filter).measures.sorted { ($0.start ?? PolicyDate("1900")!, $0.id) < ($1.start ?? PolicyDate("1900")!, $1.id) }
        let jurisdictions = Array(Set(bundle.measures.measures.map(\.jurisdiction) + bundle.measures.measures.flatMap(\.targetedCountries))).sorted()
        var body = PageLayout.form("/policy", PageLayout.select("chain", label: "Chain", options: [("", "(all)")] + t.chains.map { ($0.id, $0.name) }, selected: filter.chain ?? "")
            + PageLayout.select("country", label: "Country", options: [("", "(all)")] + PageLayout.countryOptions(jurisdictions), selected: filter.country?.code ?? "")
            + PageLayout.select("instrument", label: "Instrument", options: [("", "(all)")] + MeasureInstrument.allCases.map { ($0.rawValue, $0.label) }, selected: filter.instrument?.rawValue ?? "")
            + "<label>From<input name=\"from\" value=\"\(xmlEscaped(q.string("from") ?? ""))\" placeholder=\"YYYY[-MM[-DD]]\" size=\"10\"></label>"
            + "<label>To<input name=\"to\" value=\"\(xmlEscaped(q.string("to") ?? ""))\" placeholder=\"YYYY[-MM[-DD]]\" size=\"10\"></label>"
            + "<label>Timeline through<input name=\"at\" type=\"date\" value=\"\(at)\"></label>")
        body += "<p>\(measures.count) of \(bundle.measures.measures.count) measures. Hover a bar for its summary; the table lists the legal sources ([as quoted]: read on a secondary page, not in the legal text).</p>"
        let items = measures.compactMap { m -> TimelineChart.Item? in
            guard let start = m.start else { return nil }
            return .init(label: "\(m.jurisdiction.code): \(m.name)", start: start.firstDay, end: m.ended?.lastDay, ongoing: m.ended == nil,
                         category: m.instrument.label, detail: m.summary)
        }
        body += PageLayout.figure(TimelineChart(
            title: "Policy measures in strategic supply chains", subtitle: "From announcement or entry into force; bars run while in force",
            items: items, categories: MeasureInstrument.allCases.map(\.label), throughYear: at.year,
            source: bundle.measures.provenance.citation).svg())
        let rows = measures.map { m in
            [m.start?.description ?? "?", m.jurisdiction.code, m.instrument.label, m.name, m.targets.map(\.description).joined(separator: ", "),
             (m.targetedCountries.isEmpty || m.countriesLabel == "aimed at" ? "" : m.countriesLabel + " ") + m.targetedCountries.map(\.code).joined(separator: " "),
             m.sources.map { $0.verification == .asQuoted ? $0.citation + " [as quoted]" : $0.citation }.joined(separator: "; ")]
        }
        let sources = ["policy-measures": bundle.measures.provenance]
        body += DecouplingReport.html(ReportTable(title: "Measures", columns: ["Start", "By", "Instrument", "Measure", "Chains", "Aimed at (or partner, for ally agreements)", "Legal sources"],
                                                  rows: rows, sources: ["policy-measures"]), sources: sources)
        body += "<p>The issue-based alliances that carry these measures, with their members on any date: <a href=\"/alliances\">Alliances</a>.</p>"
        return PageLayout.page(title: "Policy measures", active: "/policy", body: body, sources: sources)
    }

    // MARK: Alliances

    /// The issue-based alliances: when each was founded (and ended), who belonged on a date, and
    /// with `alliance` one alliance's memberships with their dates and sources.
    func alliancesPage(_ q: QueryParameters) async throws -> String {
        let at = try q.day("at") ?? Self.today()
        let table4 = try q.flag("table4")
        let catalog = try await store.policy().alliances
        var selected = catalog.alliances.filter { !table4 || $0.inTable4 }
        var one: Alliance? = nil
        if let name = try q.name("alliance") {
            guard let a = catalog.alliance(named: name) else {
                throw APIError.badRequest("unknown alliance '\(name)'; known: \(catalog.alliances.map(\.abbreviation).joined(separator: ", "))", parameter: "alliance")
            }
            one = a
            selected = [a]
        }
        var body = PageLayout.form("/alliances", PageLayout.select("alliance", label: "Alliance", options: [("", "(all)")] + catalog.alliances.map { ($0.abbreviation, "\($0.abbreviation) — \($0.name)") }, selected: one?.abbreviation ?? "")
            + PageLayout.select("table4", label: "Which", options: [("false", "every alliance"), ("true", "Table 4 of the paper only")], selected: table4 ? "true" : "false")
            + "<label>Members on<input name=\"at\" type=\"date\" value=\"\(at)\"></label>")
        let api = "/api/v1/alliances?at=\(at)" + (one.map { "&alliance=\($0.abbreviation)" } ?? "") + (table4 ? "&table4=true" : "")
        body += "<p>\(selected.count) of \(catalog.alliances.count) alliances. JSON: <a href=\"\(xmlEscaped(api))\">\(xmlEscaped(api))</a>; how far an alliance's suppliers could replace the rival's: <code>decouple friendshoring --alliance MSP</code>.</p>"
        body += PageLayout.figure(TimelineChart(
            title: "Issue-based alliances: founded and, where it happened, ended", subtitle: "Colour: the issue each is organised around",
            items: selected.map { a in .init(label: "\(a.abbreviation) — \(a.name)", start: a.founded.firstDay, end: a.ended?.lastDay,
                                             ongoing: a.ended == nil, category: a.issue,
                                             detail: "\(a.members(on: at).count) members on \(at)") },
            throughYear: at.year, source: catalog.provenance.citation).svg())
        // Who belongs to what on the day: economies in two or more of the alliances shown (every
        // member when one alliance is chosen).
        let members = selected.map { Set($0.members(on: at)) }
        var counts: [Country: Int] = [:]
        for m in members { for c in m { counts[c, default: 0] += 1 } }
        let rows = counts.filter { one != nil || $0.value >= 2 }.sorted { ($0.value, name($1.key)) > ($1.value, name($0.key)) }.map(\.key)
        if !rows.isEmpty {
            let cells = rows.map { c in selected.indices.map { i -> String? in
                guard members[i].contains(c) else { return nil }
                return selected[i].members.first { $0.country == c && $0.isMember(on: at) }?.joined == selected[i].founded ? "founding member" : "joined later"
            } }
            body += PageLayout.figure(HeatMapChart(
                title: "Who belongs to which alliance on \(at)",
                subtitle: one == nil ? "Economies in two or more of the alliances shown, most memberships first" : "Every member on the day",
                rows: rows.map { "\(name($0)) (\(counts[$0]!))" }, columns: selected.map(\.abbreviation), cells: cells,
                categories: [("founding member", ChartPalette.color(at: 0)), ("joined later", ChartPalette.color(at: 2))],
                source: catalog.provenance.citation).svg())
        }
        let allianceRows = selected.map { a in
            let m = a.members(on: at)
            return [a.abbreviation, a.name, a.issue, a.founded.annotated + (a.ended.map { " – \($0.annotated)" } ?? ""), a.inTable4 ? "yes" : "",
                    "\(m.count)", m.map(\.code).joined(separator: " ")]
        }
        let sources = ["alliances": catalog.provenance]
        body += DecouplingReport.html(ReportTable(title: "Members on \(at)", columns: ["Alliance", "Name", "Issue", "Founded", "Table 4", "Members", "Who"],
                                                  numericColumns: [5], rows: allianceRows, sources: ["alliances"]), sources: sources)
        if let a = one {
            let rows = a.members.sorted { ($0.joined.description, $0.country.code) < ($1.joined.description, $1.country.code) }.map { m in
                [name(m.country), m.joined.annotated, m.left?.annotated ?? "", m.isMember(on: at) ? "yes" : "no", m.note ?? ""]
            }
            body += DecouplingReport.html(ReportTable(title: "\(a.abbreviation): every membership", columns: ["Economy", "Joined", "Left", "Member on \(at)", "Note"],
                                                      rows: rows, sources: ["alliances"]), sources: sources)
            body += "<p class=\"source\">\(xmlEscaped(a.abbreviation)) sources: " + a.sources.map { xmlEscaped($0.verification == .asQuoted ? $0.citation + " [as quoted]" : $0.citation) }.joined(separator: "; ")
                + (a.note.map { ". Note: " + xmlEscaped($0) } ?? "") + "</p>"
        }
        return PageLayout.page(title: "Issue-based alliances", active: "/alliances", body: body, sources: sources)
    }

    static func today() -> CalendarDay {
        let c = Calendar(identifier: .gregorian).dateComponents(in: TimeZone(identifier: "UTC")!, from: Date())
        return CalendarDay(year: c.year ?? 2025, month: c.month ?? 1, day: c.day ?? 1) ?? CalendarDay("2025-01-01")!
    }

    // MARK: IRA check

    func iraPage(bom: String, date: CalendarDay?, result: String?, error: APIError? = nil) -> String {
        var body = """
        <p>Check a battery bill of materials against the §30D critical-mineral, battery-component and foreign-entity-of-concern rules
        (bundled rule schedule). Paste the JSON or choose a file (schema <code>docs/ira-bom.schema.json</code>; the example below is
        <code>Data/policy/examples/bom-example.json</code>, <a href="/ira?example=true">checked here</a>). Same engine as <code>decouple ira check</code>; the API is <code>POST /api/v1/ira/check</code>.</p>
        """
        if let error {
            body += "<div class=\"error\"><p><b>\(xmlEscaped(error.message))</b></p>"
            if !error.problems.isEmpty { body += "<ul>" + error.problems.prefix(50).map { "<li><code>\(xmlEscaped($0))</code></li>" }.joined() + "</ul>" }
            body += "</div>"
        }
        if let result { body += result }
        body += """
        <form method="post" action="/ira" enctype="multipart/form-data">
        <p><label>Bill of materials (JSON)<br><textarea id="bom" name="bom" rows="18" spellcheck="false">\(xmlEscaped(bom))</textarea></label></p>
        <p><label>…or upload a file: <input type="file" name="file" accept="application/json,.json" data-into="bom"></label></p>
        <p><label>Placed in service (optional override): <input type="date" name="date" value="\(date.map { "\($0)" } ?? "")"></label>
        <button type="submit">Check</button></p>
        </form>
        """
        return PageLayout.page(title: "IRA §30D battery-sourcing check", active: "/ira", body: body)
    }

    func iraPost(_ request: Request) async throws -> Response {
        let q = try QueryParameters(query: request.uri.query, allowed: Self.pageParameters["/ira"]!)
        let data = try await Self.collect(request, limit: configuration.maxBodyBytes)
        let form = try FormData(body: data, contentType: request.headers[.contentType] ?? "")
        let file = form.fields["file"] ?? ""
        let bom = file.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty ? (form.fields["bom"] ?? "") : file
        var date = try q.day("date")
        if let d = form.fields["date"], !d.isEmpty {
            guard let day = CalendarDay(d) else { throw APIError.badRequest("date '\(QueryParameters.printable(d))' is not a day YYYY-MM-DD", parameter: "date") }
            date = day
        }
        guard !bom.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else {
            throw APIError.badRequest("paste a bill of materials or choose a file", parameter: "bom")
        }
        do {
            let (a, bill, rules) = try await assess(bom: Data(bom.utf8), date: date)
            return Self.html(iraPage(bom: bom, date: date, result: iraResult(a, bill: bill, rules: rules)))
        } catch let e as APIError where APIError.wantsHTML(request) {
            return Self.html(iraPage(bom: bom, date: date, result: nil, error: e), status: e.status)
        }
    }

    func iraResult(_ a: CleanVehicleAssessment, bill: BatteryBillOfMaterials, rules: CleanVehicleRuleSet) -> String {
        let ok = a.credit > 0
        var s = "<section id=\"result\"><h2>Result</h2><p class=\"status \(ok ? "ok" : "bad")\">\(xmlEscaped(a.status.rawValue)): credit \(xmlEscaped(NumberText.dollars(a.credit)))</p>"
        s += "<p>\(xmlEscaped(bill.vehicle.description)), placed in service \(bill.vehicle.placedInService).</p>"
        let requirements = [a.criticalMinerals, a.batteryComponents].compactMap { $0 }
        if !requirements.isEmpty {
            s += PageLayout.figure(StackedBarChart(
                title: "Qualifying content against the applicable percentage",
                subtitle: requirements.map { "\($0.requirement): \($0.applicablePercentage)% required, \($0.met ? "met" : "not met")" }.joined(separator: "; "),
                labels: requirements.map { "\($0.requirement) (need \($0.applicablePercentage)%)" },
                series: [ChartSeries(name: "Qualifying", values: requirements.map { $0.totalValue > 0 ? $0.qualifyingValue / $0.totalValue : 0 }),
                         ChartSeries(name: "Not qualifying", values: requirements.map { $0.totalValue > 0 ? 1 - $0.qualifyingValue / $0.totalValue : 0 })],
                format: .percent(decimals: 0), source: "\(rules.title) [\(rules.id)]", fixedMaximum: 1, showTotals: false,
                colors: [ChartPalette.color(at: 2), "rgb(200,200,200)"]).svg())
        }
        s += "<h3>Steps</h3><ol class=\"steps\">"
        for step in a.steps {
            s += "<li><b>\(xmlEscaped(step.title))</b><ul>" + step.lines.map { "<li>\(xmlEscaped($0))</li>" }.joined() + "</ul></li>"
        }
        s += "</ol><p class=\"source\">Rules: \(xmlEscaped(rules.title)) [\(xmlEscaped(rules.id))]; \(xmlEscaped(rules.transcription)). Sources: "
        s += xmlEscaped(rules.sources.map(\.citation).joined(separator: "; ")) + "</p></section>"
        return s
    }

    // MARK: API

    func apiPage() -> String { PageLayout.page(title: "JSON API", active: "/api", body: apiPageBody()) }

    func apiPageBody() -> String {
        var body = "<p>Every CLI command has a JSON endpoint with the same parameters (the option names without the leading dashes) and the same document as <code>--format json</code>, provenance included. Options naming files are not accepted. Errors answer 4xx with <code>{\"error\": {\"status\", \"message\", \"parameter\"}}</code>. The OpenAPI 3.1 description, generated from the server's code, is <a href=\"/api/v1/openapi.yaml\">/api/v1/openapi.yaml</a> (<a href=\"/api/v1/openapi.json\">JSON</a>; <code>docs/openapi.yaml</code> in the repository).</p>"
        var rows: [[String]] = []
        for op in Self.apiOperations {
            rows.append([op.method.rawValue, op.path, op.parameters.map(\.name).joined(separator: ", "),
                         Self.example(op) ?? "POST a bill of materials (JSON)"])
        }
        rows.append(["GET", "/healthz", "", "/healthz"])
        rows.append(["GET", "/api/v1", "", "/api/v1 (this list as JSON)"])
        body += DecouplingReport.html(ReportTable(title: "Endpoints", columns: ["Method", "Path", "Parameters", "Example"], rows: rows, sources: []), sources: [:])
        body += "<p>Try: " + Self.apiOperations.compactMap { Self.example($0) }.map { "<a href=\"\(xmlEscaped($0))\">\(xmlEscaped($0))</a>" }.joined(separator: " · ") + "</p>"
        return body
    }
}
