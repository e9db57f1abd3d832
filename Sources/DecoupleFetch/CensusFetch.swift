import DecoupleCore
import Foundation

/// What to ask the US Census Bureau International Trade API for
/// (`timeseries/intltrade/imports/hs` and `exports/hs`).
public struct CensusFetchRequest: Sendable, Equatable {
    public enum Flow: String, CaseIterable, Sendable { case imports, exports }
    public enum Frequency: String, CaseIterable, Sendable { case annual, monthly }

    public var flows: [Flow]
    public var frequencies: [Frequency]
    /// HS digits: 2, 4, 6 or 10 (`COMM_LVL` HS2, HS4, HS6, HS10).
    public var level: Int
    public var fromYear: Int
    public var toYear: Int
    /// Census country codes (`CTY_CODE`, e.g. 5700 for China); empty: every partner and the total.
    public var partners: [String]
    /// Commodity codes or prefixes (`85`, `8507`); empty: all.
    public var codes: [String]
    /// `…/timeseries/intltrade`; override for a mirror or a test server.
    public var baseURL: String
    /// The API key (`CENSUS_API_KEY`), optional: without one the API allows fewer queries a day.
    public var key: String?
    /// Fetch again what the cache already holds.
    public var refresh: Bool
    /// Periods after this month are not asked for (they cannot be published).
    public var lastPossibleMonth: (year: Int, month: Int)

    public static func == (a: Self, b: Self) -> Bool {
        a.flows == b.flows && a.frequencies == b.frequencies && a.level == b.level && a.fromYear == b.fromYear && a.toYear == b.toYear
            && a.partners == b.partners && a.codes == b.codes && a.baseURL == b.baseURL && a.refresh == b.refresh
            && a.lastPossibleMonth == b.lastPossibleMonth
    }

    public init(flows: [Flow] = Flow.allCases, frequencies: [Frequency] = Frequency.allCases, level: Int = 2,
                fromYear: Int, toYear: Int, partners: [String] = [], codes: [String] = [],
                baseURL: String = CensusFetch.defaultBaseURL, key: String? = nil, refresh: Bool = false,
                lastPossibleMonth: (year: Int, month: Int)) {
        self.flows = flows
        self.frequencies = frequencies
        self.level = level
        self.fromYear = fromYear
        self.toYear = toYear
        self.partners = partners
        self.codes = codes
        self.baseURL = baseURL
        self.key = key
        self.refresh = refresh
        self.lastPossibleMonth = lastPossibleMonth
    }
}

/// One query of a Census fetch and the cache file it fills.
public struct CensusPage: Sendable, Equatable {
    public let flow: CensusFetchRequest.Flow
    public let frequency: CensusFetchRequest.Frequency
    /// `2024-01` (monthly) or `2024` (annual: the December year-to-date value).
    public let period: String
    /// Below the `census` folder: `imports/HS2/monthly/2024-01.json`.
    public let path: String
    /// Query parameters in order, without the key.
    public let query: [(String, String)]

    public static func == (a: Self, b: Self) -> Bool { a.path == b.path }

    /// The dataset path of the API (`timeseries/intltrade/imports/hs`).
    public var dataset: String { "timeseries/intltrade/\(flow.rawValue)/hs" }
}

/// The Census International Trade API: query plan, response checks, and the fetch into the cache.
public enum CensusFetch {
    /// The API's root for international trade time series.
    public static let defaultBaseURL = "https://api.census.gov/data/timeseries/intltrade"
    /// The cache folder's name.
    public static let source = "census"

    /// The commodity and value variables of a flow and frequency.
    public static func variables(_ flow: CensusFetchRequest.Flow, _ frequency: CensusFetchRequest.Frequency) -> (commodity: String, value: String) {
        switch (flow, frequency) {
        case (.imports, .monthly): ("I_COMMODITY", "CON_VAL_MO")
        case (.imports, .annual): ("I_COMMODITY", "CON_VAL_YR")
        case (.exports, .monthly): ("E_COMMODITY", "ALL_VAL_MO")
        case (.exports, .annual): ("E_COMMODITY", "ALL_VAL_YR")
        }
    }

    /// The queries of a request, paged by month (monthly) or year (annual), and by HS chapter
    /// for HS6 and HS10 without `codes` (keeps each answer to a few MB and lets a cut run resume
    /// by chapter).
    public static func pages(_ r: CensusFetchRequest) throws -> [CensusPage] {
        guard [2, 4, 6, 10].contains(r.level) else { throw FetchError.invalidRequest("--level must be 2, 4, 6 or 10 (HS digits), found \(r.level)") }
        guard r.fromYear >= 2010, r.fromYear <= r.toYear else {
            throw FetchError.invalidRequest("--from must be 2010 or later (the API's series start in January 2010) and not after --to; found \(r.fromYear)–\(r.toYear)")
        }
        for c in r.codes where c.isEmpty || c.count > r.level || !c.allSatisfy(\.isNumber) {
            throw FetchError.invalidRequest("--codes: '\(c)' is not an HS code or prefix of at most \(r.level) digits")
        }
        for p in r.partners where p.isEmpty || !p.allSatisfy({ $0.isNumber || $0.isLetter }) {
            throw FetchError.invalidRequest("--partners: '\(p)' is not a Census country code")
        }
        let level = "HS\(r.level)"
        var chapters: [String?] = [nil]
        if r.codes.isEmpty && r.level >= 6 { chapters = (1...99).map { $0 < 10 ? "0\($0)" : "\($0)" } }
        var slug = ""
        if !r.partners.isEmpty { slug += "-p" + r.partners.joined(separator: "_") }
        if !r.codes.isEmpty { slug += "-c" + r.codes.joined(separator: "_") }
        var out: [CensusPage] = []
        for flow in r.flows {
            for frequency in r.frequencies {
                let (commodity, value) = variables(flow, frequency)
                for year in r.fromYear...r.toYear {
                    let months: [Int] = frequency == .annual ? [12] : Array(1...12)
                    for m in months {
                        guard (year, m) <= r.lastPossibleMonth else { continue }
                        let time = "\(year)-\(m < 10 ? "0" : "")\(m)"
                        let period = frequency == .annual ? "\(year)" : time
                        for chapter in chapters {
                            var q: [(String, String)] = [("get", "CTY_CODE,CTY_NAME,\(commodity),\(value)"), ("COMM_LVL", level), ("time", time)]
                            for p in r.partners { q.append(("CTY_CODE", p)) }
                            for c in r.codes { q.append((commodity, c.count < r.level ? c + "*" : c)) }
                            if let chapter { q.append((commodity, chapter + "*")) }
                            let file = period + (chapter.map { "-ch" + $0 } ?? "") + slug + ".json"
                            out.append(CensusPage(flow: flow, frequency: frequency, period: period,
                                                  path: "\(flow.rawValue)/\(level)/\(frequency.rawValue)/\(file)", query: q))
                        }
                    }
                }
            }
        }
        return out
    }

    /// The URL of a page (with the key when given).
    public static func url(_ page: CensusPage, baseURL: String, key: String?) -> String {
        var c = URLComponents(string: baseURL.hasSuffix("/") ? String(baseURL.dropLast()) : baseURL)!
        c.path += "/\(page.flow.rawValue)/hs"
        var items = page.query.map { URLQueryItem(name: $0.0, value: $0.1) }
        if let key, !key.isEmpty { items.append(URLQueryItem(name: "key", value: key)) }
        c.queryItems = items
        // The API reads '*' and ',' literally; keep them unescaped.
        return c.string!.replacingOccurrences(of: "%2A", with: "*").replacingOccurrences(of: "%2C", with: ",")
    }

    /// Checks an answer before it may enter the cache: a JSON array of arrays whose header
    /// names the asked variables, every row of the asked period with a whole non-negative
    /// value. The first fault is reported with its line and column in the answer.
    public static func validate(_ data: Data, page: CensusPage, file: String) throws -> Int {
        let table = try JSONTable(data: data, file: file)
        let (commodity, value) = variables(page.flow, page.frequency)
        var index: [String: Int] = [:]
        for name in ["CTY_CODE", commodity, value, "time"] {
            guard let i = table.index(of: name) else {
                throw DataReadError(issues: [DataIssue(file: file, line: 1, column: 1,
                    message: "the header lacks '\(name)'; expected CTY_CODE, \(commodity), \(value) and time (found \(table.header.joined(separator: ", ")))")])
            }
            index[name] = i
        }
        let time = page.frequency == .annual ? page.period + "-12" : page.period
        for row in table.rows {
            func fault(_ message: String) -> DataReadError {
                DataReadError(issues: [DataIssue(file: file, line: row.line, column: row.column, message: message)])
            }
            guard row.cells[index["time"]!] == time else { throw fault("row of period '\(row.cells[index["time"]!] ?? "null")'; the query asked for \(time)") }
            guard let code = row.cells[index["CTY_CODE"]!], !code.isEmpty else { throw fault("empty CTY_CODE") }
            guard let v = row.cells[index[value]!], !v.isEmpty, v.allSatisfy(\.isNumber) else {
                throw fault("\(value) '\(row.cells[index[value]!] ?? "null")' is not a whole non-negative number of US dollars")
            }
            guard let c = row.cells[index[commodity]!], !c.isEmpty, c.allSatisfy(\.isNumber) || c == "-" else {
                throw fault("\(commodity) '\(row.cells[index[commodity]!] ?? "null")' is not an HS code")
            }
        }
        return table.rows.count
    }

    /// Fetches every page the cache lacks (or all, with `refresh`), each checked and written
    /// atomically, and records the run in the manifest. With `offline`, nothing is fetched: the
    /// run fails when a page is missing.
    public static func run(_ r: CensusFetchRequest, cache: FetchCache, fetcher: HTTPFetcher?, command: String,
                           log: @Sendable (String) -> Void = { _ in }) async throws -> FetchSummary {
        let pages = try pages(r)
        var manifest = try cache.manifest(source)
        let started = Date()
        var summary = FetchSummary(source: source, runID: FetchCache.runID(source, started), cacheFolder: cache.folder(source))
        var unpublished = Set<String>()   // flow/frequency streams that reached an unpublished period
        for (n, page) in pages.enumerated() {
            let stream = "\(page.flow.rawValue)/\(page.frequency.rawValue)"
            if !r.refresh, cache.isIntact(manifest, page.path) {
                summary.kept.append(page.path)
                continue
            }
            guard let fetcher else {
                // Offline: a period the API had not published at the last fetch is not missing.
                if manifest.runs.contains(where: { $0.notPublished.contains(page.period) }) { summary.notPublished.append(page.period) } else { summary.missing.append(page.path) }
                continue
            }
            if unpublished.contains(stream) { summary.notPublished.append(page.period); continue }
            let url = url(page, baseURL: r.baseURL, key: r.key)
            log("[\(n + 1)/\(pages.count)] \(page.flow.rawValue) \(page.period)\(page.query.contains { $0.0.hasSuffix("COMMODITY") } ? " (\(page.query.filter { $0.0.hasSuffix("COMMODITY") }.map(\.1).joined(separator: ",")))" : "")")
            let response: FetchedResponse
            do {
                response = try await fetcher.get(url, keyVariable: "CENSUS_API_KEY")
            } catch FetchError.notPublished {
                summary.notPublished.append(page.period)
                if page.query.contains(where: { $0.0.hasSuffix("COMMODITY") && $0.1.hasSuffix("*") && $0.1.count == 3 }) {
                    // A chapter with no trade that month: an empty page, kept so it is not asked again.
                    summary.notPublished.removeLast()
                    try store(Data("[]".utf8), page: page, url: url, response: nil, rows: 0, in: &manifest, cache: cache, summary: &summary)
                } else {
                    unpublished.insert(stream)
                }
                continue
            }
            let file = "\(HTTPFetcher.redacted(url))"
            // A refused key can come back as 200 with an HTML page ("Invalid Key", "Missing Key").
            if response.body.first == UInt8(ascii: "<"), let page = String(data: response.body.prefix(2000), encoding: .utf8),
               page.range(of: "key", options: .caseInsensitive) != nil {
                throw FetchError.unauthorized(url: file, status: response.status, keyVariable: "CENSUS_API_KEY",
                                              body: page.contains("Invalid Key") ? "Invalid Key" : page.contains("Missing Key") ? "Missing Key" : "an HTML page about the key")
            }
            let rows: Int
            do { rows = try validate(response.body, page: page, file: file) } catch let e as DataReadError { throw FetchError.malformed(e) }
            try store(response.body, page: page, url: url, response: response, rows: rows, in: &manifest, cache: cache, summary: &summary)
        }
        if fetcher == nil, !summary.missing.isEmpty {
            throw FetchError.notInCache("\(summary.missing.count) of \(pages.count) Census pages (first: \(summary.missing[0]))")
        }
        summary.notPublished = Array(Set(summary.notPublished)).sorted()
        let run = FetchRun(id: summary.runID, command: command, startedAt: FetchCache.timestamp(started), finishedAt: FetchCache.timestamp(),
                           fetched: summary.fetched, kept: summary.kept, notPublished: summary.notPublished)
        if fetcher != nil {
            manifest.runs.append(run)
            try cache.write(manifest)
        }
        return summary
    }

    static func store(_ body: Data, page: CensusPage, url: String, response: FetchedResponse?, rows: Int,
                      in manifest: inout FetchManifest, cache: FetchCache, summary: inout FetchSummary) throws {
        try FetchCache.writeAtomically(body, to: cache.path(source, page.path))
        var query: [String: String] = [:]
        for (k, v) in page.query { query[k] = query[k].map { $0 + "," + v } ?? v }
        manifest.files[page.path] = CachedFile(path: page.path, url: HTTPFetcher.redacted(url), query: query, retrievedAt: FetchCache.timestamp(),
                                               bytes: Int64(body.count), sha256: SHA256.hex(of: body),
                                               etag: response?.headers["etag"], lastModified: response?.headers["last-modified"],
                                               apiVersion: page.dataset, period: page.period)
        // The manifest follows every file, so an interrupted run keeps what it finished.
        try cache.write(manifest)
        summary.fetched.append(page.path)
        summary.bytes += Int64(body.count)
        summary.rows += rows
    }
}

/// What a fetch did.
public struct FetchSummary: Sendable {
    public let source: String
    public let runID: String
    public let cacheFolder: String
    public var fetched: [String] = []
    public var kept: [String] = []
    public var notPublished: [String] = []
    public var missing: [String] = []
    public var bytes: Int64 = 0
    public var rows = 0

    public init(source: String, runID: String, cacheFolder: String) {
        self.source = source
        self.runID = runID
        self.cacheFolder = cacheFolder
    }
}
