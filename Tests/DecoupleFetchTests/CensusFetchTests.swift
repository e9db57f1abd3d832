import DecoupleAnalyses
import DecoupleRendering
import DecoupleTestSupport
import Foundation
import Testing

/// Records the waits a fetcher asked for instead of sleeping.
final class Waits: @unchecked Sendable {
    private let lock = NSLock()
    private var _values: [Double] = []
    private var _events: [FetchEvent] = []
    var values: [Double] { lock.lock(); defer { lock.unlock() }; return _values }
    var events: [FetchEvent] { lock.lock(); defer { lock.unlock() }; return _events }
    func add(_ v: Double) { lock.lock(); _values.append(v); lock.unlock() }
    func add(_ e: FetchEvent) { lock.lock(); _events.append(e); lock.unlock() }

    func fetcher(attempts: Int = 6) -> HTTPFetcher {
        HTTPFetcher(policy: RetryPolicy(maxAttempts: attempts, connectTimeout: 2, readTimeout: 5),
                    onEvent: { self.add($0) }, sleep: { self.add($0) })
    }
}

/// `decouple data fetch census` against a loopback server answering in the API's format.
@Suite(.serialized) struct CensusFetchTests {
    static let lastMonth = (2024, 12)

    static func request(_ base: String, from: Int = 2017, to: Int = 2024, frequencies: [CensusFetchRequest.Frequency] = [.annual]) -> CensusFetchRequest {
        CensusFetchRequest(frequencies: frequencies, fromYear: from, toYear: to, baseURL: base + "/data/timeseries/intltrade",
                           lastPossibleMonth: lastMonth)
    }

    /// Runs a fetch that must fail into the fixture cache; the error it gave.
    static func failure(of r: CensusFetchRequest, cache f: Fixtures) async -> FetchError? {
        let fetcher = Waits().fetcher()
        let error = await #expect(throws: FetchError.self) {
            try await CensusFetch.run(r, cache: FetchCache(root: f.folder.path), fetcher: fetcher, command: "test")
        }
        await fetcher.shutdown()
        return error
    }

    static func fixtureServer(fault: (@Sendable (FixtureRequest, Int) -> FixtureReply?)? = nil) throws -> FixtureServer {
        try FixtureServer { r, n in
            if let f = fault?(r, n) { return f }
            if let body = CensusFixture.answer(r) { return .json(body) }
            return FixtureReply(status: 204)
        }
    }

    /// Acceptance: after fetching 2017–2024 from the fixture server, the report shows China's
    /// share of US imports for 2024 equal to the fixture's, labelled with the fetch.
    @Test func reportUsesTheFetchedImports() async throws {
        let server = try Self.fixtureServer()
        defer { server.stop() }
        let f = try Fixtures()
        let root = f.folder.appendingPathComponent("cache").path
        let waits = Waits()
        let fetcher = waits.fetcher()
        let s = try await CensusFetch.run(Self.request(server.baseURL), cache: FetchCache(root: root), fetcher: fetcher, command: "test")
        await fetcher.shutdown()
        #expect(s.fetched.count == 16 && s.kept.isEmpty && s.notPublished.isEmpty)   // 8 years × 2 flows
        #expect(server.requests.count == 16)
        let first = try #require(server.requests.first)
        #expect(first.value("get") == "CTY_CODE,CTY_NAME,I_COMMODITY,CON_VAL_YR" && first.value("time") == "2017-12" && first.value("COMM_LVL") == "HS2")

        let manifest = try FetchCache(root: root).manifest("census")
        let entry = try #require(manifest.files["imports/HS2/annual/2024.json"])
        let bytes = try Data(contentsOf: URL(fileURLWithPath: root + "/census/imports/HS2/annual/2024.json"))
        #expect(entry.sha256 == SHA256.hex(of: bytes) && entry.bytes == Int64(bytes.count) && entry.period == "2024")
        #expect(entry.apiVersion == "timeseries/intltrade/imports/hs" && entry.query["time"] == "2024-12")
        #expect(manifest.runs.count == 1 && manifest.runs[0].id == s.runID)

        let data = AnalysisData(catalog: Bundled.catalog, fetchCache: root)
        let report = try await data.report(ReportOptions(asOf: CalendarDay(year: 2026, month: 12, day: 5)!))
        let expected = CensusFixture.chinaImportShare(2024)
        let figure = try #require(report.figures.first { $0.metric == .partnerShare && $0.flow == .imports && $0.period == "2024" })
        #expect(abs(figure.value - expected) < 1e-12 && figure.source == "census-fetch")
        let headline = try #require(report.headlines.first { $0.id == "rival-share-of-imports" })
        #expect(headline.value == ValueFormat.percent(decimals: 1).format(expected) && headline.source == "census-fetch")
        #expect(headline.label.contains("2024"))
        let provenance = try #require(report.sources["census-fetch"])
        #expect(provenance.retrievedFrom.contains(s.runID) && provenance.retrievedFrom.contains("manifest.json"))
        #expect(provenance.edition.contains("2017–2024"))
        // 2021–2024 rows have imports, exports and total from the fetch; the DOTS years stay.
        let section = try #require(report.sections.first { $0.id == "annual-shares" })
        #expect(section.figures.first { $0.metric == .partnerShare && $0.flow == .total && $0.period == "2020" }?.source == "imf-dots")
        #expect(section.figures.first { $0.metric == .partnerShare && $0.flow == .total && $0.period == "2023" }?.source == "census-fetch")
        let text = report.text(colour: false)
        #expect(text.contains("rival-share-of-imports") == false && text.contains(headline.value) && text.contains("run \(s.runID)"))

        // Run again: everything is in the cache and complete; nothing is asked of the server.
        let again = try await CensusFetch.run(Self.request(server.baseURL), cache: FetchCache(root: root), fetcher: waits.fetcher(), command: "test")
        #expect(again.fetched.isEmpty && again.kept.count == 16 && server.requests.count == 16)
        // Offline: the cache covers the request; a wider request is refused, naming what is missing.
        let offline = try await CensusFetch.run(Self.request(server.baseURL), cache: FetchCache(root: root), fetcher: nil, command: "test")
        #expect(offline.kept.count == 16)
        await #expect(throws: FetchError.self) {
            _ = try await CensusFetch.run(Self.request(server.baseURL, from: 2016), cache: FetchCache(root: root), fetcher: nil, command: "test")
        }
    }

    /// Without fetched data the report says how current its trade data are and the command.
    @Test func reportWithoutFetchSaysHowToUpdate() async throws {
        let data = AnalysisData(catalog: Bundled.catalog)
        let report = try await data.report(ReportOptions(asOf: CalendarDay(year: 2026, month: 12, day: 5)!))
        let line = try #require(report.currency.first)
        #expect(line.contains("imports and exports by partner to 2020 (imf-dots)") && line.contains("decouple data fetch census --from 2017 --to"))
        #expect(report.text(colour: false).contains("decouple data fetch census"))
    }

    /// Monthly pages stop at the first month the API has not published (204), which is listed.
    @Test func monthlyStopsAtTheFirstUnpublishedMonth() async throws {
        let server = try Self.fixtureServer()
        defer { server.stop() }
        let f = try Fixtures()
        let waits = Waits()
        let fetcher = waits.fetcher()
        var r = Self.request(server.baseURL, from: 2024, to: 2024, frequencies: [.monthly])
        r.flows = [.imports]
        let s = try await CensusFetch.run(r, cache: FetchCache(root: f.folder.path), fetcher: fetcher, command: "test")
        await fetcher.shutdown()
        #expect(s.fetched == ["imports/HS2/monthly/2024-01.json", "imports/HS2/monthly/2024-02.json"])
        // March was not published (204): later months are not asked for, and all are listed.
        #expect(s.notPublished == (3...12).map { "2024-\($0 < 10 ? "0" : "")\($0)" } && server.requests.count == 3)
        let loaded = try #require(try FetchedCensusData.load(cacheRoot: f.folder.path))
        let monthly = try #require(loaded.monthly)
        // Group rows (1XXX, 0022) are left out; the total is the world.
        #expect(Set(monthly.flows.map(\.partner.code)) == ["CHN", "MEX", "CAN", "WLD"])
        let jan = monthly.flows.filter { $0.partner.code == "CHN" && $0.period == .month(year: 2024, month: 1) }.map(\.value).reduce(0, +)
        #expect(jan == Double(CensusFixture.annual("imports", "5700", "84", 2024) / 12 + CensusFixture.annual("imports", "5700", "85", 2024) / 12))
    }

    /// 429 with Retry-After, then 500, then the answer: the waits honour the header and the
    /// cache ends complete.
    @Test func retriesHonourRetryAfter() async throws {
        let server = try Self.fixtureServer { _, n in
            n == 0 ? FixtureReply(status: 429, headers: [("Retry-After", "3")]) : n == 1 ? FixtureReply(status: 500) : nil
        }
        defer { server.stop() }
        let f = try Fixtures()
        let waits = Waits()
        let fetcher = waits.fetcher()
        var r = Self.request(server.baseURL, from: 2024, to: 2024)
        r.flows = [.imports]
        let s = try await CensusFetch.run(r, cache: FetchCache(root: f.folder.path), fetcher: fetcher, command: "test")
        await fetcher.shutdown()
        #expect(s.fetched == ["imports/HS2/annual/2024.json"] && server.requests.count == 3)
        #expect(waits.values.first == 3)                       // Retry-After: 3
        #expect(waits.values.count == 2 && waits.values[1] <= 2) // backoff with jitter, attempt 2: ≤ 2 s
        #expect(waits.events.contains { if case .retry(_, 1, "HTTP 429", 3) = $0 { return true }; return false })
    }

    /// Issue #22: a Retry-After far past Int.max (1e300 s) trapped in `Int(Double)` when the
    /// fetcher gave up; it is a FetchError saying how long the server asked to wait.
    @Test func anAbsurdRetryAfterIsAnError() async throws {
        let server = try Self.fixtureServer { _, _ in FixtureReply(status: 429, headers: [("Retry-After", "1e300")]) }
        defer { server.stop() }
        let f = try Fixtures()
        var r = Self.request(server.baseURL, from: 2024, to: 2024)
        r.flows = [.imports]
        let error = await Self.failure(of: r, cache: f)
        #expect(error.map { "\($0)" }?.contains("the server asks to wait 1e+300 s, longer than") == true, "\(String(describing: error))")
    }

    /// A malformed answer (a row one value short) is an error naming line and column; nothing
    /// enters the cache.
    @Test func malformedAnswerLeavesTheCacheUntouched() async throws {
        let server = try Self.fixtureServer { r, _ in
            .json("[[\"CTY_CODE\",\"CTY_NAME\",\"I_COMMODITY\",\"CON_VAL_YR\",\"COMM_LVL\",\"time\"],\n[\"5700\",\"CHINA\",\"85\",\"12\",\"HS2\",\"2024-12\"],\n[\"2010\",\"MEXICO\",\"85\",\"HS2\",\"2024-12\"]]")
        }
        defer { server.stop() }
        let f = try Fixtures()
        var r = Self.request(server.baseURL, from: 2024, to: 2024)
        r.flows = [.imports]
        let error = await Self.failure(of: r, cache: f)
        #expect(error.map { "\($0)" }?.contains(":3:1: expected 6 values as in the header, found 5") == true)
        #expect(!FileManager.default.fileExists(atPath: f.folder.path + "/census/imports/HS2/annual/2024.json"))
        #expect(!FileManager.default.fileExists(atPath: f.folder.path + "/census/manifest.json"))
    }

    /// 401: the error names the key variable.
    @Test func unauthorizedNamesTheKey() async throws {
        let server = try Self.fixtureServer { _, _ in FixtureReply(status: 401, body: Data("Invalid Key".utf8)) }
        defer { server.stop() }
        let f = try Fixtures()
        var r = Self.request(server.baseURL, from: 2024, to: 2024)
        r.key = "secret-key"
        let error = await Self.failure(of: r, cache: f)
        let text = error.map { "\($0)" } ?? ""
        #expect(text.contains("HTTP 401") && text.contains("CENSUS_API_KEY") && text.contains("Invalid Key") && !text.contains("secret-key"))
    }

    /// Without a network: the run fails in under 10 s, naming the host and --offline.
    @Test func unreachableFailsFast() async throws {
        // A port nothing listens on.
        let probe = try FixtureServer { _, _ in FixtureReply(status: 200) }
        let port = probe.port
        probe.stop()
        for base in ["http://127.0.0.1:\(port)", "http://no-such-host.invalid"] {
            let f = try Fixtures()
            let started = Date()
            let o = FetchRunOptions(cacheRoot: f.folder.path)
            let error = await #expect(throws: FetchError.self) {
                _ = try await DataFetchRun.census(from: 2024, to: 2024, flows: ["imports"], frequencies: ["annual"], level: 2, partners: [], codes: [],
                                                  baseURL: base + "/data/timeseries/intltrade", key: nil, lastPossibleMonth: (2024, 12), options: o)
            }
            let elapsed = Date().timeIntervalSince(started)
            let text = error.map { "\($0)" } ?? ""
            #expect(elapsed < 10, "took \(elapsed) s")
            #expect(text.contains(URL(string: base)!.host!) && text.contains("--offline"), "\(text)")
        }
    }

    @Test func queryPlan() throws {
        var r = Self.request("http://x", from: 2023, to: 2024, frequencies: [.monthly])
        r.level = 6
        r.flows = [.exports]
        r.lastPossibleMonth = (2024, 2)
        let pages = try CensusFetch.pages(r)
        #expect(pages.count == 14 * 99)   // 12 + 2 months, by chapter
        #expect(pages[0].path == "exports/HS6/monthly/2023-01-ch01.json")
        let url = CensusFetch.url(pages[0], baseURL: "http://x/data", key: "k")
        #expect(url == "http://x/data/exports/hs?get=CTY_CODE,CTY_NAME,E_COMMODITY,ALL_VAL_MO&COMM_LVL=HS6&time=2023-01&E_COMMODITY=01*&key=k")
        #expect(HTTPFetcher.redacted(url).hasSuffix("key=REDACTED"))
        r.codes = ["8507"]
        r.partners = ["5700"]
        #expect(try CensusFetch.pages(r).count == 14)
        #expect(throws: FetchError.self) { var b = r; b.level = 5; _ = try CensusFetch.pages(b) }
        #expect(throws: FetchError.self) { var b = r; b.fromYear = 2009; _ = try CensusFetch.pages(b) }
    }
}
