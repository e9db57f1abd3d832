import DecoupleCore
import Foundation

/// What to ask the UN Comtrade API (v1, final data) for.
public struct ComtradeFetchRequest: Sendable {
    /// `A` annual or `M` monthly.
    public var frequency: String
    /// Reporters as Comtrade (M49) codes: 842 United States, 156 China.
    public var reporters: [Int]
    /// Partners as M49 codes; empty: every partner (and World, code 0).
    public var partners: [Int]
    /// Years (annual) or `YYYYMM` months.
    public var periods: [String]
    /// `M` imports, `X` exports.
    public var flows: [String]
    /// HS codes, `TOTAL`, `AG2`, `AG4`, `AG6` (all codes at that level).
    public var commodities: [String]
    public var baseURL: String
    /// `COMTRADE_API_KEY`: required.
    public var key: String?
    /// Seconds between two calls (the API's rate limit).
    public var interval: Double
    /// The API's cap on records per call; an answer that reaches it is refused as truncated.
    public var maxRecords: Int
    public var refresh: Bool

    public init(frequency: String = "A", reporters: [Int], partners: [Int] = [], periods: [String], flows: [String] = ["M", "X"],
                commodities: [String] = ["TOTAL"], baseURL: String = ComtradeFetch.defaultBaseURL, key: String?,
                interval: Double = 1.0, maxRecords: Int = 100_000, refresh: Bool = false) {
        self.frequency = frequency
        self.reporters = reporters
        self.partners = partners
        self.periods = periods
        self.flows = flows
        self.commodities = commodities
        self.baseURL = baseURL
        self.key = key
        self.interval = interval
        self.maxRecords = maxRecords
        self.refresh = refresh
    }
}

/// The UN Comtrade API: one call per reporter, period and flow, the JSON envelope checked,
/// kept as received and as a CSV in the API's column names that `data import comtrade` reads.
public enum ComtradeFetch {
    public static let defaultBaseURL = "https://comtradeapi.un.org/data/v1/get"
    public static let source = "comtrade"
    /// The v1 record fields, in the order of the API's CSV downloads.
    public static let columns = ["typeCode", "freqCode", "refPeriodId", "refYear", "refMonth", "period", "reporterCode", "reporterISO",
                                 "reporterDesc", "flowCode", "flowDesc", "partnerCode", "partnerISO", "partnerDesc", "partner2Code",
                                 "partner2ISO", "partner2Desc", "classificationCode", "classificationSearchCode", "isOriginalClassification",
                                 "cmdCode", "cmdDesc", "aggrLevel", "isLeaf", "customsCode", "customsDesc", "mosCode", "motCode", "motDesc",
                                 "qtyUnitCode", "qtyUnitAbbr", "qty", "isQtyEstimated", "altQtyUnitCode", "altQtyUnitAbbr", "altQty",
                                 "isAltQtyEstimated", "netWgt", "isNetWgtEstimated", "grossWgt", "isGrossWgtEstimated", "cifvalue",
                                 "fobvalue", "primaryValue", "legacyEstimationFlag", "isReported", "isAggregate"]

    struct Page {
        let reporter: Int, period: String, flow: String
        var path: String { "\(reporter)/\(period)-\(flow).json" }
    }

    static func pages(_ r: ComtradeFetchRequest) throws -> [Page] {
        guard r.frequency == "A" || r.frequency == "M" else { throw FetchError.invalidRequest("--frequency must be annual (A) or monthly (M)") }
        guard !r.reporters.isEmpty else { throw FetchError.invalidRequest("--reporters: give at least one reporter") }
        for p in r.periods {
            let ok = r.frequency == "A" ? (p.count == 4 && Int(p) != nil) : (p.count == 6 && Int(p) != nil)
            guard ok else { throw FetchError.invalidRequest("period '\(p)': expected \(r.frequency == "A" ? "a year YYYY" : "a month YYYYMM")") }
        }
        for f in r.flows where f != "M" && f != "X" { throw FetchError.invalidRequest("flow '\(f)': expected M (imports) or X (exports)") }
        return r.reporters.flatMap { rep in r.periods.flatMap { p in r.flows.map { Page(reporter: rep, period: p, flow: $0) } } }
    }

    static func url(_ page: Page, _ r: ComtradeFetchRequest) -> String {
        var c = URLComponents(string: "\(r.baseURL)/C/\(r.frequency)/HS")!
        var items = [URLQueryItem(name: "reporterCode", value: "\(page.reporter)"), URLQueryItem(name: "period", value: page.period),
                     URLQueryItem(name: "flowCode", value: page.flow), URLQueryItem(name: "cmdCode", value: r.commodities.joined(separator: ",")),
                     URLQueryItem(name: "customsCode", value: "C00"), URLQueryItem(name: "motCode", value: "0"),
                     URLQueryItem(name: "partner2Code", value: "0"), URLQueryItem(name: "maxRecords", value: "\(r.maxRecords)"),
                     URLQueryItem(name: "includeDesc", value: "true")]
        if !r.partners.isEmpty { items.append(URLQueryItem(name: "partnerCode", value: r.partners.map(String.init).joined(separator: ","))) }
        c.queryItems = items
        return c.string!.replacingOccurrences(of: "%2C", with: ",")
    }

    /// Checks the envelope and every record; returns the records. The first fault names its
    /// record (`data[12]`) and field.
    public static func records(_ data: Data, file: String, maxRecords: Int) throws -> [[String: Any]] {
        func fault(_ m: String, line: Int? = nil, column: Int? = nil) -> FetchError {
            .malformed(DataReadError(issues: [DataIssue(file: file, line: line, column: column, message: m)]))
        }
        if let d = JSONText.firstDuplicateKey(in: data) { throw fault("key '\(d.key)' appears twice in one object", line: d.line, column: d.column) }
        let object: Any
        do { object = try JSONSerialization.jsonObject(with: data) } catch {
            let (l, c) = JSONText.location(of: error, in: data)
            throw fault("not JSON: \(JSONText.detail(of: error))", line: l, column: c)
        }
        guard let envelope = object as? [String: Any] else { throw fault("expected the API's envelope object {\"count\", \"data\", \"error\"}") }
        if let e = envelope["error"] as? String, !e.isEmpty { throw FetchError.http(url: file, status: 200, body: e) }
        guard let rows = envelope["data"] as? [Any] else { throw fault("the envelope has no 'data' array") }
        if let count = envelope["count"] as? Int, count != rows.count {
            throw fault("the envelope's count is \(count) but 'data' holds \(rows.count) records")
        }
        if rows.count >= maxRecords {
            throw fault("\(rows.count) records: the answer reached the API's cap of \(maxRecords) and may be cut; ask for fewer commodities or partners per call")
        }
        var out: [[String: Any]] = []
        for (i, any) in rows.enumerated() {
            guard let rec = any as? [String: Any] else { throw fault("data[\(i)] is not an object") }
            for field in ["reporterCode", "partnerCode", "flowCode", "cmdCode", "period", "primaryValue"] where rec[field] == nil || rec[field] is NSNull {
                throw fault("data[\(i)] has no '\(field)'")
            }
            guard let v = rec["primaryValue"] as? NSNumber, !isJSONBool(v), v.doubleValue.isFinite, v.doubleValue >= 0 else {
                throw fault("data[\(i)].primaryValue is \(rec["primaryValue"]!), expected a non-negative number of US dollars")
            }
            out.append(rec)
        }
        return out
    }

    /// The records as CSV with the API's column names.
    static func csv(_ records: [[String: Any]]) -> Data {
        var lines = [columns.joined(separator: ",")]
        for r in records {
            lines.append(columns.map { c -> String in
                guard let v = r[c], !(v is NSNull) else { return "" }
                var s: String
                if let n = v as? NSNumber {
                    s = isJSONBool(n) ? (n.boolValue ? "True" : "False") : (n.doubleValue == n.doubleValue.rounded() && abs(n.doubleValue) < 1e15 ? String(Int64(n.doubleValue)) : "\(n.doubleValue)")
                } else { s = "\(v)" }
                if s.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" }) { s = "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\"" }
                return s
            }.joined(separator: ","))
        }
        return Data((lines.joined(separator: "\n") + "\n").utf8)
    }

    public static func run(_ r: ComtradeFetchRequest, cache: FetchCache, fetcher: HTTPFetcher?, command: String,
                           log: @Sendable (String) -> Void = { _ in }) async throws -> FetchSummary {
        let pages = try pages(r)
        let folder = r.frequency
        var manifest = try cache.manifest(source)
        let started = Date()
        var summary = FetchSummary(source: source, runID: FetchCache.runID(source, started), cacheFolder: cache.folder(source))
        if fetcher != nil, (r.key ?? "").isEmpty { throw FetchError.missingKey(source: "UN Comtrade", variable: "COMTRADE_API_KEY") }
        var first = true
        for (n, page) in pages.enumerated() {
            let path = folder + "/" + page.path
            if !r.refresh, cache.isIntact(manifest, path) { summary.kept.append(path); continue }
            guard let fetcher else { summary.missing.append(path); continue }
            if !first { try await fetcher.sleep(r.interval) }
            first = false
            let url = url(page, r)
            log("[\(n + 1)/\(pages.count)] reporter \(page.reporter) \(page.period) \(page.flow == "M" ? "imports" : "exports")")
            let response: FetchedResponse
            do {
                response = try await fetcher.get(url, headers: [("Ocp-Apim-Subscription-Key", r.key!)], keyVariable: "COMTRADE_API_KEY")
            } catch FetchError.notPublished {
                summary.notPublished.append("\(page.reporter) \(page.period)")
                continue
            }
            let records = try records(response.body, file: url, maxRecords: r.maxRecords)
            try FetchCache.writeAtomically(response.body, to: cache.path(source, path))
            let csvPath = String(path.dropLast(5)) + ".csv"
            let csv = csv(records)
            try FetchCache.writeAtomically(csv, to: cache.path(source, csvPath))
            let q = ["reporterCode": "\(page.reporter)", "period": page.period, "flowCode": page.flow, "cmdCode": r.commodities.joined(separator: ",")]
            manifest.files[path] = CachedFile(path: path, url: url, query: q, retrievedAt: FetchCache.timestamp(), bytes: Int64(response.body.count),
                                              sha256: SHA256.hex(of: response.body), etag: response.headers["etag"],
                                              lastModified: response.headers["last-modified"], apiVersion: "data/v1/get/C/\(r.frequency)/HS", period: page.period)
            manifest.files[csvPath] = CachedFile(path: csvPath, url: url, query: q, retrievedAt: FetchCache.timestamp(), bytes: Int64(csv.count),
                                                 sha256: SHA256.hex(of: csv), etag: nil, lastModified: nil,
                                                 apiVersion: "data/v1 records as CSV (written by decouple)", period: page.period)
            try cache.write(manifest)
            summary.fetched += [path, csvPath]
            summary.bytes += Int64(response.body.count)
            summary.rows += records.count
        }
        if fetcher == nil {
            if !summary.missing.isEmpty { throw FetchError.notInCache("\(summary.missing.count) of \(pages.count) Comtrade answers (first: \(summary.missing[0]))") }
            return summary
        }
        manifest.runs.append(FetchRun(id: summary.runID, command: command, startedAt: FetchCache.timestamp(started), finishedAt: FetchCache.timestamp(),
                                      fetched: summary.fetched, kept: summary.kept, notPublished: summary.notPublished))
        try cache.write(manifest)
        return summary
    }
}
