import DecoupleAnalyses
import DecoupleRendering
import Foundation
import Hummingbird

/// The JSON API: one endpoint per CLI command, the same parameters (the CLI's option names,
/// without dashes in front) and the same document as `--format json`. Options that name files
/// (`--data-dir`, `--taxonomy`, `--measures`, `--config` …) are not accepted. The operations,
/// their parameters and what each value must be are ``apiOperations``; the OpenAPI description
/// (`/api/v1/openapi.yaml`, `docs/openapi.yaml`) is made from them and from the documents.
extension DecoupleApp {
    /// `/api/v1` takes no parameters.
    static let indexParameters: Set<String> = []

    /// `/healthz`: the server is up.
    struct Health: Codable, Sendable {
        let status: String
        let uptimeSeconds: Int
    }

    /// `/api/v1`: every endpoint with its methods, parameters and an example.
    struct APIIndex: Codable, Sendable {
        struct Endpoint: Codable, Sendable {
            let path: String
            let methods: [String]
            let parameters: [String]
            let example: String?
        }
        var api = "decouple JSON API"
        var version = "v1"
        var documentation = "/api/v1/openapi.yaml (OpenAPI 3.1; also /api/v1/openapi.json and docs/openapi.yaml in the repository); the page /api"
        var errors = "4xx with {\"error\": {\"status\", \"message\", \"parameter\"}}"
        let endpoints: [Endpoint]
        let pages: [String]
    }

    /// The example an index links for an operation (GET only: a POST needs a body).
    static func example(_ op: APIOperation) -> String? {
        guard op.method == .get, let q = op.examples.first else { return nil }
        return q.isEmpty ? op.path : op.path + "?" + q.replacingOccurrences(of: " ", with: "%20")
    }

    static var apiIndex: APIIndex {
        APIIndex(endpoints: apiOperations.map { op in
            APIIndex.Endpoint(path: op.path, methods: [op.method.rawValue], parameters: op.parameters.map(\.name), example: example(op))
        } + [APIIndex.Endpoint(path: "/healthz", methods: ["GET"], parameters: [], example: "/healthz"),
             APIIndex.Endpoint(path: "/api/v1/openapi.yaml", methods: ["GET"], parameters: [], example: "/api/v1/openapi.yaml"),
             APIIndex.Endpoint(path: "/api/v1/openapi.json", methods: ["GET"], parameters: [], example: "/api/v1/openapi.json")],
                 pages: pages.map(\.path))
    }

    func addAPIRoutes(to router: Router<BasicRequestContext>) {
        router.get("/healthz") { _, _ in
            let health = Health(status: "ok", uptimeSeconds: Int((ContinuousClock.now - self.started).components.seconds))
            var data = try DecoupleJSON.data(health)
            data.append(0x0A)
            return Self.json(data, cacheable: false)
        }
        router.get("/api/v1") { request, _ in
            _ = try QueryParameters(query: request.uri.query, allowed: Self.indexParameters)
            // A browser gets the API page; a client the JSON index.
            if (request.headers[.accept] ?? "").contains("text/html") { return Self.html(PageLayout.page(title: "JSON API", active: "/api", body: self.apiPageBody())) }
            return try await self.cachedJSON("api-index") { Self.apiIndex }
        }
        router.get("/api/v1/openapi.yaml") { request, _ in
            _ = try QueryParameters(query: request.uri.query, allowed: [])
            let buffer = try await self.responses.value(for: "api:openapi.yaml") { ByteBuffer(string: try await self.openAPIDocument().yaml()) }
            return Response(status: .ok, headers: [.contentType: "application/yaml; charset=utf-8"], body: .init(byteBuffer: buffer))
        }
        router.get("/api/v1/openapi.json") { request, _ in
            _ = try QueryParameters(query: request.uri.query, allowed: [])
            let buffer = try await self.responses.value(for: "api:openapi.json") { ByteBuffer(string: try await self.openAPIDocument().json()) }
            return Self.json(buffer)
        }
        router.get("/api/v1/ira-bom.schema.json") { request, _ in
            _ = try QueryParameters(query: request.uri.query, allowed: [])
            let buffer = try await self.responses.value(for: "api:ira-bom.schema.json") {
                ByteBuffer(bytes: try Data(contentsOf: URL(fileURLWithPath: self.configuration.dataRoot + "/policy/ira-bom.schema.json")))
            }
            return Response(status: .ok, headers: [.contentType: "application/schema+json"], body: .init(byteBuffer: buffer))
        }
        for op in Self.apiOperations where op.method == .get {
            router.get(RouterPath(op.path)) { request, _ in
                let q = try await self.validatedQuery(request, op.path)
                return try await self.cachedDocument(q.cacheKey(op.path)) { try await self.apiDocument(op.path, q) }
            }
        }
        router.post("/api/v1/ira/check") { request, _ in try await self.apiIRACheck(request) }
    }

    /// The document a GET operation answers for a checked query. A request the bundled data
    /// hold nothing for (an analysis input error once every value fits the schema) is a 404.
    func apiDocument(_ path: String, _ q: QueryParameters) async throws -> any Encodable & Sendable {
        switch path {
        case "/api/v1/report":
            try Self.differ(q, "reporter", "rival", defaults: ("USA", "CHN"))
            let o = try Self.reportOptions(q)
            return try await Self.found { try await self.store.report(o) }
        case "/api/v1/data":
            return BundledDataset.all
        case "/api/v1/taxonomy":
            let chain = try q.name("chain"), arena = try q.choice("arena", Arena.self), edition = try q.choice("edition", HSEdition.self)
            let t = try await store.taxonomy().taxonomy
            var chains = t.chains.filter { (arena == nil || $0.arena == arena) && (chain == nil || $0.id == chain) }
            if let edition { chains = chains.map { $0.restricted(to: edition) } }
            return TaxonomyListing(chains: chains, provenance: t.provenance)
        case "/api/v1/taxonomy/lookup":
            let code = q.string("code")!
            let b = try await store.taxonomy()
            return TaxonomyData.lookup(code: code, taxonomy: b.taxonomy, concordance: b.concordance)
        case "/api/v1/taxonomy/minerals":
            return try await store.taxonomy().taxonomy.criticalMinerals.sorted { $0.name < $1.name }
        case "/api/v1/minerals":
            let r = try await mineralsRequest(q)
            return try await Self.found { try await self.mineralsDocument(r) }
        case "/api/v1/policy":
            let f = try await policyFilter(q)
            return PolicyAnalyses.measures(try await store.policy().measures, f)
        case "/api/v1/alliances":
            return try await alliancesDocument(q)
        case "/api/v1/friendshoring":
            return try await friendshoringDocument(q)
        case "/api/v1/framework":
            try Self.differ(q, "leader", "challenger", defaults: ("USA", "CHN"))
            let r = try await frameworkRequest(q)
            let b = try await Self.found { try await self.store.framework(leader: r.leader, challenger: r.challenger, year: r.year) }
            return FrameworkOutput(result: FrameworkRun.only(chain: r.chain, of: b.result), sources: b.provenance)
        case "/api/v1/ira/rules":
            return try await store.policy().rules
        case "/api/v1/exposure":
            return try await exposureDocument(q)
        case "/api/v1/scenario":
            let name = try scenarioExample(q)
            return try await Self.found { try await self.store.scenario(name) }
        default:
            throw APIError(.notFound, "no such endpoint: \(path)")
        }
    }

    /// A 404 when two parameters name the same economy: each value is valid, but there is no
    /// such pair to describe.
    static func differ(_ q: QueryParameters, _ a: String, _ b: String, defaults: (String, String)) throws {
        let x = q.string(a) ?? defaults.0, y = q.string(b) ?? defaults.1
        if x == y { throw APIError(.notFound, "\(a) and \(b) are both \(x): there is no such pair", parameter: b) }
    }

    /// An analysis input error as a 404: every value fits the schema, so what is missing is
    /// the data (a mineral not in the edition, a dataset without that reporter).
    static func found<T>(_ body: () async throws -> T) async throws -> T {
        do { return try await body() } catch let e as AnalysisInputError {
            throw APIError(.notFound, e.message, parameter: e.parameter)
        }
    }

    // MARK: Helpers

    static func json(_ data: Data, cacheable: Bool = true) -> Response {
        var headers: HTTPFields = [.contentType: "application/json; charset=utf-8"]
        if !cacheable { headers[.cacheControl] = "no-store" }
        return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }

    static func json(_ buffer: ByteBuffer) -> Response {
        Response(status: .ok, headers: [.contentType: "application/json; charset=utf-8"], body: .init(byteBuffer: buffer))
    }


    /// The document for `key`, encoded once as the CLI prints it (pretty JSON and a newline).
    func cachedJSON<T: Encodable & Sendable>(_ key: String, _ make: @escaping @Sendable () async throws -> T) async throws -> Response {
        try await cachedDocument(key) { try await make() }
    }

    /// A document made once per key, encoded as the CLI prints it (pretty JSON and a newline).
    func cachedDocument(_ key: String, _ make: @escaping @Sendable () async throws -> any Encodable & Sendable) async throws -> Response {
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
        let parameter = { Self.parameter("/api/v1/report", $0) }
        let baseYear = try q.int(parameter("base-year"))!
        let top = try q.int(parameter("top"))!
        let includeGold = try q.flag("include-gold")
        let minimum = try q.double(parameter("min-value"))!
        return ReportOptions(reporter: reporter, rival: rival, baseYear: baseYear, topCount: top,
                             includeGold: includeGold, minimumStageValue: minimum)
    }

    /// The minerals request from a query (shared with the minerals page).
    func mineralsRequest(_ q: QueryParameters) async throws -> MineralsRequest {
        let parameter = { Self.parameter("/api/v1/minerals", $0) }
        let edition = try q.int(parameter("edition"))!
        let leader = try q.country("reporter", default: .usa)!
        let rival = try q.country("rival", default: .china)!
        let allies: Set<Country>
        if let given = try q.countries("allies") { allies = Set(given) } else { allies = MineralsDefaults.allies(try await store.policy().alliances) }
        var r = MineralsRequest(edition: edition, mineral: try q.name("mineral"), leader: leader, rival: rival, allies: allies,
                                highReliance: try q.double(parameter("high-reliance"))!,
                                meaningfulReserves: try q.double(parameter("meaningful-reserves"))!,
                                dominance: try q.double(parameter("dominance"))!)
        r.allCommodities = try q.flag("all-commodities")
        do { try r.validate() } catch let e as AnalysisInputError { throw APIError.badRequest(e.message, parameter: e.parameter) }
        return r
    }

    func mineralsDocument(_ r: MineralsRequest) async throws -> MineralsDocument {
        let mcs = try await store.mineralCommoditySummaries(r.edition)
        let list = try await store.criticalMineralsList(edition: r.edition)
        return try await Offload.run { try MineralsRun.document(r, mcs: mcs, list: list) }
    }

    /// The policy filter from a query (shared with the policy page).
    func policyFilter(_ q: QueryParameters) async throws -> MeasureFilter {
        let from = try q.policyDate("from")?.firstDay, to = try q.policyDate("to")?.lastDay
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

    func alliancesDocument(_ q: QueryParameters) async throws -> AllianceListingFile {
        let day = try q.day("at"), table4 = try q.flag("table4"), name = try q.name("alliance")
        let catalog = try await store.policy().alliances
        var selected = catalog.alliances.filter { !table4 || $0.inTable4 }
        if let name {
            guard let a = catalog.alliance(named: name) else {
                throw APIError.badRequest("unknown alliance '\(name)'; known: \(catalog.alliances.map(\.abbreviation).joined(separator: ", "))", parameter: "alliance")
            }
            selected = [a]
        }
        return AllianceListingFile(alliances: selected.map { a in AllianceListing(alliance: a, at: day, membersAt: day.map { a.members(on: $0) }) },
                                   provenance: catalog.provenance)
    }

    func friendshoringDocument(_ q: QueryParameters) async throws -> FriendshoringResult {
        // Valid values that select nothing together (the schema of a query cannot say so).
        if q.values["chain"] != nil, q.values["codes"] != nil { throw APIError(.notFound, "a chain and codes together select nothing: give one of them", parameter: "codes") }
        if q.values["stage"] != nil, q.values["chain"] == nil { throw APIError(.notFound, "a stage without its chain selects nothing: give chain too", parameter: "stage") }
        let request = FriendshoringRequest(alliance: q.string("alliance")!, chain: try q.name("chain"), stage: try q.name("stage"),
                                           codes: q.string("codes"), dataset: try q.choice("dataset", FriendshoringDataset.self),
                                           reporter: try q.country("reporter", default: .usa)!, at: try q.day("at"))
        let (dataset, _) = try await Self.found { try FriendshoringRun.plan(request) }
        let alliances = try await store.policy().alliances
        let taxonomy = try await store.taxonomy().taxonomy
        let data: TradeDataset
        switch dataset {
        case .censusHS6: data = try await store.censusHS6()
        case .censusHS2: data = try await store.censusHS2Monthly()
        case .dots: data = try await store.dots().dataset(reporters: [request.reporter])
        }
        return try await Self.found {
            try await Offload.run { try FriendshoringRun.run(request, alliances: alliances, taxonomy: { taxonomy }, load: { _ in data }) }
        }
    }

    /// Framework parameters from a query (shared with the framework page).
    func frameworkRequest(_ q: QueryParameters) async throws -> (leader: Country, challenger: Country, year: Int?, chain: String?) {
        let leader = try q.country("leader", default: .usa)!, challenger = try q.country("challenger", default: .china)!
        guard leader != challenger else { throw APIError.badRequest("leader and challenger must differ", parameter: "challenger") }
        let year = try q.int(Self.parameter("/api/v1/framework", "year"))
        let chain = try q.name("chain")
        if let chain {
            let t = try await store.taxonomy().taxonomy
            guard t.chain(chain) != nil else {
                throw APIError.badRequest("unknown chain '\(chain)'; known chains: \(t.chains.map(\.id).joined(separator: ", "))", parameter: "chain")
            }
        }
        return (leader, challenger, year, chain)
    }

    /// Hidden exposure on the bundled OECD ICIO 2022 block: the document of
    /// `decouple exposure --importer … --source … [--sector …] --format json`.
    func exposureDocument(_ q: QueryParameters) async throws -> ExposureDocument {
        let importer = q.string("importer") ?? "USA", source = q.string("source") ?? "CHN"
        guard importer != source else { throw APIError(.notFound, "importer and source are both \(importer): there is no such pair", parameter: "source") }
        let sector = try q.name("sector")
        let tiers = try q.int(Self.parameter("/api/v1/exposure", "tiers"))!
        let top = try q.int(Self.parameter("/api/v1/exposure", "top"))!
        let table = try await Offload.run { try ICIOCache.shared.oecdICIO2022(self.store.catalog) }
        return try await Offload.run {
            do {
                let exposure = try ICIOCache.shared.oecdICIO2022Exposure(self.store.catalog, importer: importer, tiers: tiers)
                return try ExposureRun.document(exposure: exposure, table: table, datasetID: BundledDataset.oecdICIO2022.id,
                                                provenance: BundledDataset.oecdICIO2022.provenance, source: source, sector: sector, top: top)
            } catch let e as ExposureRunError {
                throw APIError(.notFound, e.message, parameter: "sector")
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
        // Not a JSON object: 400. An object whose content is wrong, against its schema or the
        // rules (an unknown country, a day outside the rules): 422 with every problem.
        guard (try? JSONSerialization.jsonObject(with: data)) is [String: Any] else {
            throw APIError.badRequest("the bill of materials is not a JSON object (schema: docs/ira-bom.schema.json)")
        }
        let bill: BatteryBillOfMaterials
        do { bill = try PolicyData.billOfMaterials(data: data, file: "bom") } catch let e as DataReadError {
            throw APIError(.unprocessableContent, "the bill of materials is not valid (schema: docs/ira-bom.schema.json)",
                           problems: e.issues.map(\.description))
        }
        do {
            let (assessment, placed) = try PolicyAnalyses.cleanVehicleCredit(bill, rules: rules, placedInService: date)
            return (assessment, placed, rules)
        } catch let e as BOMProblems {
            throw APIError(.unprocessableContent, "the bill of materials does not fit the rules", problems: e.lines(file: "bom"))
        }
    }

    func apiIRACheck(_ request: Request) async throws -> Response {
        let q = try await validatedQuery(request, "/api/v1/ira/check")
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
