import DecoupleAnalyses
import DecoupleRendering
import Foundation
import Hummingbird

/// The JSON API: one endpoint per CLI command, the same parameters (the CLI's option names,
/// without dashes in front) and the same document as `--format json`. Options that name files
/// (`--data-dir`, `--taxonomy`, `--measures`, `--config` …) are not accepted.
extension DecoupleApp {
    /// Every API route with its methods (also used to answer 405 and to list the API).
    static let apiRoutes: [(path: String, methods: [HTTPRequest.Method], parameters: [String])] = [
        ("/api/v1/report", [.get], ["reporter", "rival", "base-year", "top"]),
        ("/api/v1/data", [.get], []),
        ("/api/v1/taxonomy", [.get], ["chain", "arena", "edition"]),
        ("/api/v1/taxonomy/lookup", [.get], ["code"]),
        ("/api/v1/taxonomy/minerals", [.get], []),
        ("/api/v1/minerals", [.get], ["edition", "mineral", "reporter", "rival", "allies", "high-reliance", "meaningful-reserves", "dominance", "all-commodities"]),
        ("/api/v1/policy", [.get], ["chain", "country", "instrument", "from", "to"]),
        ("/api/v1/alliances", [.get], ["at", "alliance", "table4"]),
        ("/api/v1/friendshoring", [.get], ["alliance", "chain", "stage", "codes", "dataset", "reporter", "at"]),
        ("/api/v1/framework", [.get], ["leader", "challenger", "year", "chain"]),
        ("/api/v1/ira/check", [.post], ["date"]),
        ("/api/v1/ira/rules", [.get], []),
        ("/api/v1/exposure", [.get], ["importer", "source", "sector", "tiers", "top"]),
        ("/api/v1/scenario", [.get], ["example"]),
    ]

    /// `/api/v1` takes no parameters.
    static let indexParameters: Set<String> = []

    /// An example request of each GET endpoint (the API index and page link them).
    static let apiExamples: [String: String] = [
        "/api/v1/report": "/api/v1/report?reporter=USA&rival=CHN",
        "/api/v1/data": "/api/v1/data",
        "/api/v1/taxonomy": "/api/v1/taxonomy?chain=batteries",
        "/api/v1/taxonomy/lookup": "/api/v1/taxonomy/lookup?code=850760",
        "/api/v1/taxonomy/minerals": "/api/v1/taxonomy/minerals",
        "/api/v1/minerals": "/api/v1/minerals?mineral=lithium",
        "/api/v1/policy": "/api/v1/policy?chain=semiconductors",
        "/api/v1/alliances": "/api/v1/alliances?at=2024-01-01",
        "/api/v1/friendshoring": "/api/v1/friendshoring?alliance=MSP&chain=batteries",
        "/api/v1/framework": "/api/v1/framework?chain=batteries",
        "/api/v1/ira/rules": "/api/v1/ira/rules",
        "/api/v1/exposure": "/api/v1/exposure?importer=USA&source=CHN",
        "/api/v1/scenario": "/api/v1/scenario?example=battery-ban",
    ]

    /// `/api/v1`: every endpoint with its methods, parameters and an example.
    struct APIIndex: Encodable {
        struct Endpoint: Encodable {
            let path: String
            let methods: [String]
            let parameters: [String]
            let example: String?
        }
        let api = "decouple JSON API"
        let version = "v1"
        let documentation = "docs/openapi.yaml in the repository; the page /api"
        let errors = "4xx with {\"error\": {\"status\", \"message\", \"parameter\"}}"
        let endpoints: [Endpoint]
        let pages: [String]
    }

    static var apiIndex: APIIndex {
        APIIndex(endpoints: apiRoutes.map { r in
            APIIndex.Endpoint(path: r.path, methods: r.methods.map(\.rawValue), parameters: r.parameters, example: apiExamples[r.path])
        } + [APIIndex.Endpoint(path: "/healthz", methods: ["GET"], parameters: [], example: "/healthz")],
                 pages: pages.map(\.path))
    }

    static func parameters(_ path: String) -> Set<String> {
        Set(apiRoutes.first { $0.path == path }?.parameters ?? [])
    }

    func addAPIRoutes(to router: Router<BasicRequestContext>) {
        router.get("/healthz") { _, _ in
            let uptime = (ContinuousClock.now - self.started).components.seconds
            let body = #"{"status":"ok","uptimeSeconds":\#(uptime)}"# + "\n"
            return Self.json(Data(body.utf8), cacheable: false)
        }
        router.get("/api/v1") { request, _ in
            _ = try QueryParameters(query: request.uri.query, allowed: Self.indexParameters)
            // A browser gets the API page; a client the JSON index.
            if (request.headers[.accept] ?? "").contains("text/html") { return Self.html(PageLayout.page(title: "JSON API", active: "/api", body: self.apiPageBody())) }
            return try await self.cachedJSON("api-index") { Self.apiIndex }
        }
        router.get("/api/v1/report") { request, _ in try await self.apiReport(request) }
        router.get("/api/v1/data") { request, _ in
            _ = try Self.query(request, "/api/v1/data")
            return try await self.cachedJSON("data") { BundledDataset.all }
        }
        router.get("/api/v1/taxonomy") { request, _ in try await self.apiTaxonomy(request) }
        router.get("/api/v1/taxonomy/lookup") { request, _ in try await self.apiTaxonomyLookup(request) }
        router.get("/api/v1/taxonomy/minerals") { request, _ in
            _ = try Self.query(request, "/api/v1/taxonomy/minerals")
            return try await self.cachedJSON("taxonomy-minerals") {
                try await self.store.taxonomy().taxonomy.criticalMinerals.sorted { $0.name < $1.name }
            }
        }
        router.get("/api/v1/minerals") { request, _ in try await self.apiMinerals(request) }
        router.get("/api/v1/policy") { request, _ in try await self.apiPolicy(request) }
        router.get("/api/v1/alliances") { request, _ in try await self.apiAlliances(request) }
        router.get("/api/v1/friendshoring") { request, _ in try await self.apiFriendshoring(request) }
        router.get("/api/v1/framework") { request, _ in try await self.apiFramework(request) }
        router.post("/api/v1/ira/check") { request, _ in try await self.apiIRACheck(request) }
        router.get("/api/v1/ira/rules") { request, _ in
            _ = try Self.query(request, "/api/v1/ira/rules")
            return try await self.cachedJSON("ira-rules") { try await self.store.policy().rules }
        }
        router.get("/api/v1/exposure") { request, _ in try await self.apiExposure(request) }
        router.get("/api/v1/scenario") { request, _ in
            let name = try self.scenarioExample(Self.query(request, "/api/v1/scenario"))
            return try await self.cachedJSON("scenario|\(name)") { try await Self.mapped { try await self.store.scenario(name) } }
        }
    }

    // MARK: Helpers

    static func query(_ request: Request, _ route: String) throws -> QueryParameters {
        try QueryParameters(query: request.uri.query, allowed: parameters(route))
    }

    static func json(_ data: Data, cacheable: Bool = true) -> Response {
        var headers: HTTPFields = [.contentType: "application/json; charset=utf-8"]
        if !cacheable { headers[.cacheControl] = "no-store" }
        return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }

    static func json(_ buffer: ByteBuffer) -> Response {
        Response(status: .ok, headers: [.contentType: "application/json; charset=utf-8"], body: .init(byteBuffer: buffer))
    }

    /// Bytes made once per key (a document the CLI encodes its own way).
    func cachedJSON(raw key: String, _ make: @escaping @Sendable () async throws -> Data) async throws -> Response {
        let buffer = try await responses.value(for: "api:" + key) { ByteBuffer(bytes: try await make()) }
        return Self.json(buffer)
    }

    /// The document for `key`, encoded once as the CLI prints it (pretty JSON and a newline).
    func cachedJSON<T: Encodable & Sendable>(_ key: String, _ make: @escaping @Sendable () async throws -> T) async throws -> Response {
        let buffer = try await responses.value(for: "api:" + key) {
            let value = try await make()
            return try await Offload.run {
                var data = try DecoupleJSON.data(value)
                data.append(0x0A)
                return ByteBuffer(bytes: data)
            }
        }
        return Self.json(buffer)
    }

    /// A known analysis error as a 400.
    static func mapped<T>(_ body: () async throws -> T) async throws -> T {
        do { return try await body() } catch let e as AnalysisInputError {
            throw APIError.badRequest(e.message, parameter: e.parameter)
        }
    }

    // MARK: Endpoints

    /// The report's options from a query (shared with the overview and trend pages).
    static func reportOptions(_ q: QueryParameters, reporterKey: String = "reporter", rivalKey: String = "rival") throws -> ReportOptions {
        let reporter = try q.country(reporterKey, default: .usa)!
        let rival = try q.country(rivalKey, default: .china)!
        guard reporter != rival else { throw APIError.badRequest("\(reporterKey) and \(rivalKey) must differ", parameter: rivalKey) }
        let baseYear = try q.int("base-year", in: 1990...2030) ?? 2017
        let top = try q.int("top", in: 1...200) ?? 10
        let includeGold = try q.flag("include-gold")
        let minimum = try q.double("min-value", in: 0...1e13) ?? ReportOptions.defaultMinimumStageValue
        return ReportOptions(reporter: reporter, rival: rival, baseYear: baseYear, topCount: top,
                             includeGold: includeGold, minimumStageValue: minimum)
    }

    func apiReport(_ request: Request) async throws -> Response {
        let o = try Self.reportOptions(Self.query(request, "/api/v1/report"))
        return try await cachedJSON("report|\(o.reporter)|\(o.rival)|\(o.baseYear)|\(o.topCount)|\(o.includeGold)|\(o.minimumStageValue)|\(o.asOf)") {
            try await self.store.report(o)
        }
    }

    func apiTaxonomy(_ request: Request) async throws -> Response {
        let q = try Self.query(request, "/api/v1/taxonomy")
        let chain = try q.name("chain"), arena = try q.choice("arena", Arena.self), edition = try q.choice("edition", HSEdition.self)
        let t = try await store.taxonomy().taxonomy
        if let chain, t.chain(chain) == nil {
            throw APIError.badRequest("unknown chain '\(chain)'; known chains: \(t.chains.map(\.id).joined(separator: ", "))", parameter: "chain")
        }
        return try await cachedJSON("taxonomy|\(chain ?? "")|\(arena?.rawValue ?? "")|\(edition?.rawValue ?? "")") {
            var chains = t.chains.filter { (arena == nil || $0.arena == arena) && (chain == nil || $0.id == chain) }
            if let edition { chains = chains.map { $0.restricted(to: edition) } }
            return TaxonomyListing(chains: chains, provenance: t.provenance)
        }
    }

    func apiTaxonomyLookup(_ request: Request) async throws -> Response {
        let q = try Self.query(request, "/api/v1/taxonomy/lookup")
        guard let code = q.string("code") else { throw APIError.badRequest("parameter 'code' is required (an HS6 code such as 854143)", parameter: "code") }
        guard code.count == 6, code.allSatisfy({ $0.isASCII && $0.isNumber }) else {
            throw APIError.badRequest("'\(QueryParameters.printable(code))' is not an HS6 code: expected 6 digits, such as 854143", parameter: "code")
        }
        return try await cachedJSON("lookup|\(code)") {
            let b = try await self.store.taxonomy()
            return TaxonomyData.lookup(code: code, taxonomy: b.taxonomy, concordance: b.concordance)
        }
    }

    /// The minerals request from a query (shared with the minerals page).
    func mineralsRequest(_ q: QueryParameters) async throws -> MineralsRequest {
        let edition = try q.int("edition", in: 2022...2024) ?? 2024
        let leader = try q.country("reporter", default: .usa)!
        let rival = try q.country("rival", default: .china)!
        let allies: Set<Country>
        if let given = try q.countries("allies") { allies = Set(given) } else { allies = MineralsDefaults.allies(try await store.policy().alliances) }
        var r = MineralsRequest(edition: edition, mineral: try q.name("mineral"), leader: leader, rival: rival, allies: allies,
                                highReliance: try q.double("high-reliance", in: 0...100) ?? 50,
                                meaningfulReserves: try q.double("meaningful-reserves", in: 0...100) ?? 5,
                                dominance: try q.double("dominance", in: 0...100) ?? 50)
        r.allCommodities = try q.flag("all-commodities")
        do { try r.validate() } catch let e as AnalysisInputError { throw APIError.badRequest(e.message, parameter: e.parameter) }
        return r
    }

    func mineralsDocument(_ r: MineralsRequest) async throws -> MineralsDocument {
        let mcs = try await store.mineralCommoditySummaries(r.edition)
        let list = try await store.criticalMineralsList(edition: r.edition)
        return try await Self.mapped { try await Offload.run { try MineralsRun.document(r, mcs: mcs, list: list) } }
    }

    func apiMinerals(_ request: Request) async throws -> Response {
        let r = try await mineralsRequest(Self.query(request, "/api/v1/minerals"))
        let key = "minerals|\(r.edition)|\(r.mineral?.lowercased() ?? "")|\(r.leader)|\(r.rival)|\(r.allies.sorted().map(\.code).joined(separator: ","))|\(r.highReliance)|\(r.meaningfulReserves)|\(r.dominance)|\(r.allCommodities)"
        return try await cachedJSON(key) { try await self.mineralsDocument(r) }
    }

    /// The policy filter from a query (shared with the policy page).
    func policyFilter(_ q: QueryParameters) async throws -> MeasureFilter {
        let from = try q.policyDate("from")?.firstDay, to = try q.policyDate("to")?.lastDay
        if let from, let to, to < from { throw APIError.badRequest("to \(to) is before from \(from)", parameter: "to") }
        let country = try q.country("country")
        let instrument = try q.choice("instrument", MeasureInstrument.self)
        let chain = try q.name("chain")
        if let chain {
            let t = try await store.taxonomy().taxonomy
            guard t.chain(chain) != nil else {
                throw APIError.badRequest("unknown chain '\(chain)'; known chains: \(t.chains.map(\.id).joined(separator: ", "))", parameter: "chain")
            }
        }
        return MeasureFilter(chain: chain, country: country, instrument: instrument, from: from, to: to)
    }

    func apiPolicy(_ request: Request) async throws -> Response {
        let f = try await policyFilter(Self.query(request, "/api/v1/policy"))
        let key = "policy|\(f.chain ?? "")|\(f.country?.code ?? "")|\(f.instrument?.rawValue ?? "")|\(f.from?.description ?? "")|\(f.to?.description ?? "")"
        return try await cachedJSON(key) {
            PolicyAnalyses.measures(try await self.store.policy().measures, f)
        }
    }

    func apiAlliances(_ request: Request) async throws -> Response {
        let q = try Self.query(request, "/api/v1/alliances")
        let day = try q.day("at"), table4 = try q.flag("table4"), name = try q.name("alliance")
        let catalog = try await store.policy().alliances
        var selected = catalog.alliances.filter { !table4 || $0.inTable4 }
        if let name {
            guard let a = catalog.alliance(named: name) else {
                throw APIError.badRequest("unknown alliance '\(name)'; known: \(catalog.alliances.map(\.abbreviation).joined(separator: ", "))", parameter: "alliance")
            }
            selected = [a]
        }
        let list = selected
        return try await cachedJSON("alliances|\(day?.description ?? "")|\(table4)|\(list.map(\.id).joined(separator: ","))") {
            AllianceListingFile(alliances: list.map { a in AllianceListing(alliance: a, at: day, membersAt: day.map { a.members(on: $0) }) },
                                provenance: catalog.provenance)
        }
    }

    func apiFriendshoring(_ request: Request) async throws -> Response {
        let q = try Self.query(request, "/api/v1/friendshoring")
        guard let alliance = try q.name("alliance") else {
            throw APIError.badRequest("parameter 'alliance' is required (an id or abbreviation such as MSP)", parameter: "alliance")
        }
        let codes = q.string("codes")
        if let codes, codes.count > 200 || !codes.allSatisfy({ $0.isNumber || $0 == "," || $0 == " " }) {
            throw APIError.badRequest("parameter 'codes': expected HS codes such as 850760,850790", parameter: "codes")
        }
        let request = FriendshoringRequest(alliance: alliance, chain: try q.name("chain"), stage: try q.name("stage"), codes: codes,
                                           dataset: try q.choice("dataset", FriendshoringDataset.self),
                                           reporter: try q.country("reporter", default: .usa)!, at: try q.day("at"))
        let (dataset, _) = try await Self.mapped { try FriendshoringRun.plan(request) }
        let alliances = try await store.policy().alliances
        let taxonomy = try await store.taxonomy().taxonomy
        let data: TradeDataset
        switch dataset {
        case .censusHS6: data = try await store.censusHS6()
        case .censusHS2: data = try await store.censusHS2Monthly()
        case .dots: data = try await store.dots().dataset(reporters: [request.reporter])
        }
        return try await cachedJSON("friendshoring|\(request)") {
            try await Self.mapped {
                try await Offload.run { try FriendshoringRun.run(request, alliances: alliances, taxonomy: { taxonomy }, load: { _ in data }) }
            }
        }
    }

    /// Framework parameters from a query (shared with the framework page).
    func frameworkRequest(_ q: QueryParameters) async throws -> (leader: Country, challenger: Country, year: Int?, chain: String?) {
        let leader = try q.country("leader", default: .usa)!, challenger = try q.country("challenger", default: .china)!
        guard leader != challenger else { throw APIError.badRequest("leader and challenger must differ", parameter: "challenger") }
        let year = try q.int("year", in: 1990...2030)
        let chain = try q.name("chain")
        if let chain {
            let t = try await store.taxonomy().taxonomy
            guard t.chain(chain) != nil else {
                throw APIError.badRequest("unknown chain '\(chain)'; known chains: \(t.chains.map(\.id).joined(separator: ", "))", parameter: "chain")
            }
        }
        return (leader, challenger, year, chain)
    }

    func apiFramework(_ request: Request) async throws -> Response {
        let r = try await frameworkRequest(Self.query(request, "/api/v1/framework"))
        return try await cachedJSON("framework|\(r.leader)|\(r.challenger)|\(r.year.map(String.init) ?? "")|\(r.chain ?? "")") {
            let b = try await Self.mapped { try await self.store.framework(leader: r.leader, challenger: r.challenger, year: r.year) }
            return FrameworkOutput(result: FrameworkRun.only(chain: r.chain, of: b.result), sources: b.provenance)
        }
    }

    /// Hidden exposure on the bundled OECD ICIO 2022 block: the document of
    /// `decouple exposure --importer … --source … [--sector …] --format json`.
    func apiExposure(_ request: Request) async throws -> Response {
        let q = try Self.query(request, "/api/v1/exposure")
        let importer = try q.country("importer", default: .usa)!.code
        let source = try q.country("source", default: .china)!.code
        guard importer != source else { throw APIError.badRequest("importer and source must differ", parameter: "source") }
        let sector = try q.name("sector")
        let tiers = try q.int("tiers", in: 2...20) ?? 4
        let top = try q.int("top", in: 1...100) ?? 10
        return try await cachedJSON(raw: "exposure|\(importer)|\(source)|\(sector ?? "")|\(tiers)|\(top)") {
            let table = try await Offload.run { try ICIOCache.shared.oecdICIO2022(self.store.catalog) }
            for (region, name) in [(importer, "importer"), (source, "source")] where !table.regions.contains(region) {
                throw APIError.badRequest("\(region) is not a region of \(table.name)", parameter: name)
            }
            return try await Offload.run {
                do {
                    let exposure = try ICIOCache.shared.oecdICIO2022Exposure(self.store.catalog, importer: importer, tiers: tiers)
                    return try ExposureRun.encode(ExposureRun.document(
                        exposure: exposure, table: table, datasetID: BundledDataset.oecdICIO2022.id,
                        provenance: BundledDataset.oecdICIO2022.provenance, source: source, sector: sector, top: top))
                } catch let e as ExposureRunError {
                    throw APIError.badRequest(e.message, parameter: "sector")
                }
            }
        }
    }

    /// The `example` parameter: one of the bundled scenarios (default: the first).
    func scenarioExample(_ q: QueryParameters) throws -> String {
        let examples = store.scenarioExamples
        guard let first = examples.first else { throw APIError(.notFound, "no bundled scenarios in this data folder") }
        guard let name = try q.name("example") else { return first }
        guard examples.contains(name) else {
            throw APIError.badRequest("unknown example '\(name)'; the bundled scenarios are \(examples.joined(separator: ", "))", parameter: "example")
        }
        return name
    }

    /// Checks a bill of materials (JSON bytes) against the bundled §30D rules.
    func assess(bom data: Data, date: CalendarDay?) async throws -> (CleanVehicleAssessment, BatteryBillOfMaterials, CleanVehicleRuleSet) {
        let rules = try await store.policy().rules
        let bill: BatteryBillOfMaterials
        do { bill = try PolicyData.billOfMaterials(data: data, file: "bom") } catch let e as DataReadError {
            throw APIError.badRequest("the bill of materials is not valid (schema: docs/ira-bom.schema.json)",
                                      problems: e.issues.map(\.description))
        }
        do {
            let (assessment, placed) = try PolicyAnalyses.cleanVehicleCredit(bill, rules: rules, placedInService: date)
            return (assessment, placed, rules)
        } catch let e as BOMProblems {
            throw APIError.badRequest("the bill of materials does not fit the rules", problems: e.lines(file: "bom"))
        }
    }

    func apiIRACheck(_ request: Request) async throws -> Response {
        let q = try Self.query(request, "/api/v1/ira/check")
        let date = try q.day("date")
        let type = request.headers[.contentType] ?? "application/json"
        guard type.lowercased().hasPrefix("application/json") else {
            throw APIError(.unsupportedMediaType, "send the bill of materials as application/json (schema: docs/ira-bom.schema.json)")
        }
        let body = try await Self.collect(request, limit: configuration.maxBodyBytes)
        guard !body.isEmpty else { throw APIError.badRequest("the request body is empty: send a bill of materials as JSON") }
        let (assessment, _, _) = try await assess(bom: body, date: date)
        var data = try DecoupleJSON.data(assessment)
        data.append(0x0A)
        return Self.json(data, cacheable: false)
    }

    /// The request body, at most `limit` bytes (413 beyond).
    static func collect(_ request: Request, limit: Int) async throws -> Data {
        if let length = request.headers[.contentLength].flatMap(Int.init), length > limit {
            throw APIError(.contentTooLarge, "the request body is larger than \(limit) bytes")
        }
        do {
            let buffer = try await request.body.collect(upTo: limit)
            return Data(buffer.readableBytesView)
        } catch let e as any HTTPResponseError where e.status == .contentTooLarge {
            throw APIError(.contentTooLarge, "the request body is larger than \(limit) bytes")
        }
    }
}
