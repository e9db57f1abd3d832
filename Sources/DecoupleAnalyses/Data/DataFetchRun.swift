import DecoupleCore
import DecoupleFetch
import DecoupleTrade
import Foundation

/// How a `decouple data fetch` run behaves, whatever the source.
public struct FetchRunOptions: Sendable {
    /// The cache's root folder (``FetchCache/defaultRoot(environment:)`` by default).
    public var cacheRoot: String
    /// Use only the cache: nothing is fetched, and the run fails when something is missing.
    public var offline: Bool
    /// Fetch again what the cache holds.
    public var refresh: Bool
    /// Attempts per request (the first included).
    public var attempts: Int
    /// The command line, recorded in the manifest (keys are never part of it).
    public var command: String
    /// Told each retry, resumption or 304.
    public var onEvent: @Sendable (FetchEvent) -> Void
    /// Told the progress of each download.
    public var progress: (@Sendable (TransferProgress) -> Void)?
    /// Told each request as it starts.
    public var log: @Sendable (String) -> Void

    public init(cacheRoot: String = FetchCache.defaultRoot(), offline: Bool = false, refresh: Bool = false, attempts: Int = 6,
                command: String = "decouple data fetch", onEvent: @escaping @Sendable (FetchEvent) -> Void = { _ in },
                progress: (@Sendable (TransferProgress) -> Void)? = nil, log: @escaping @Sendable (String) -> Void = { _ in }) {
        self.cacheRoot = cacheRoot
        self.offline = offline
        self.refresh = refresh
        self.attempts = attempts
        self.command = command
        self.onEvent = onEvent
        self.progress = progress
        self.log = log
    }

    /// The retry policy of the run (default timeouts and waits, ``attempts`` tries).
    var retryPolicy: RetryPolicy { RetryPolicy(maxAttempts: max(1, attempts)) }
}

/// `decouple data fetch SOURCE`: official data into the fetch cache (docs/data-fetch.md).
public enum DataFetchRun {
    /// Where each source lives; every default can be replaced with `--base-url` or `--url`.
    public enum Endpoints {
        public static let census = CensusFetch.defaultBaseURL
        public static let comtrade = ComtradeFetch.defaultBaseURL
        /// `BACI_<edition>_V<release>.zip` below this.
        public static let baci = "https://www.cepii.fr/DATA_DOWNLOAD/baci/data"
    }

    /// `$DECOUPLE_CACHE`, else `$XDG_CACHE_HOME/decouple`, else `~/.cache/decouple`.
    public static func defaultCacheRoot() -> String { FetchCache.defaultRoot() }

    /// A URL with its key replaced (for messages).
    public static func redacted(_ url: String) -> String { HTTPFetcher.redacted(url) }

    static func withFetcher<T>(_ o: FetchRunOptions, _ body: (HTTPFetcher?) async throws -> T) async throws -> T {
        guard !o.offline else { return try await body(nil) }
        let fetcher = HTTPFetcher(policy: o.retryPolicy, onEvent: o.onEvent)
        do {
            let r = try await body(fetcher)
            await fetcher.shutdown()
            return r
        } catch {
            await fetcher.shutdown()
            throw error
        }
    }

    /// Census country codes of economies given as ISO3, ISO2 or names.
    public static func censusCodes(_ partners: [String], table: CountryTable = .standard) throws -> [String] {
        try partners.map { text in
            let c: Country
            do { c = try table.resolve(text) } catch { throw AnalysisInputError("--partners: unknown economy '\(text)'", parameter: "partners") }
            guard let code = table.info(c)?.censusCode else {
                throw AnalysisInputError("--partners: \(table.name(c)) has no Census country code", parameter: "partners")
            }
            return code
        }
    }

    /// The US Census International Trade API (imports/hs, exports/hs).
    public static func census(from: Int, to: Int, flows: [String], frequencies: [String], level: Int, partners: [String], codes: [String],
                              baseURL: String?, key: String?, lastPossibleMonth: (year: Int, month: Int),
                              options o: FetchRunOptions) async throws -> FetchSummary {
        let f = try flows.map { s -> CensusFetchRequest.Flow in
            guard let v = CensusFetchRequest.Flow(rawValue: s) else { throw AnalysisInputError("--flows: '\(s)' is not imports or exports", parameter: "flows") }
            return v
        }
        let q = try frequencies.map { s -> CensusFetchRequest.Frequency in
            guard let v = CensusFetchRequest.Frequency(rawValue: s) else { throw AnalysisInputError("--frequency: '\(s)' is not annual or monthly", parameter: "frequency") }
            return v
        }
        let request = CensusFetchRequest(flows: f, frequencies: q, level: level, fromYear: from, toYear: to,
                                         partners: try censusCodes(partners), codes: codes, baseURL: baseURL ?? Endpoints.census,
                                         key: key, refresh: o.refresh, lastPossibleMonth: lastPossibleMonth)
        return try await withFetcher(o) { fetcher in
            try await CensusFetch.run(request, cache: FetchCache(root: o.cacheRoot), fetcher: fetcher, command: o.command, log: o.log)
        }
    }

    /// Comtrade (M49) codes of economies given as ISO3, ISO2 or names (Comtrade's own codes
    /// where they differ from ISO: 842 the United States, 251 France …).
    public static func comtradeCodes(_ economies: [String], table: CountryTable = .standard) throws -> [Int] {
        let own = Dictionary(ComtradeAreaCodes.numeric.map { ($0.value, $0.key) }, uniquingKeysWith: max)
        return try economies.map { text in
            if let n = Int(text) { return n }
            let c: Country
            do { c = try table.resolve(text) } catch { throw AnalysisInputError("unknown economy '\(text)'", parameter: "reporters") }
            if let n = own[c] { return n }
            guard let n = table.info(c)?.isoNumeric else { throw AnalysisInputError("\(table.name(c)) has no numeric code", parameter: "reporters") }
            return n
        }
    }

    /// The UN Comtrade API (final data).
    public static func comtrade(frequency: String, reporters: [String], partners: [String], periods: [String], flows: [String],
                                commodities: [String], baseURL: String?, key: String?, interval: Double,
                                options o: FetchRunOptions) async throws -> FetchSummary {
        let request = ComtradeFetchRequest(frequency: frequency, reporters: try comtradeCodes(reporters), partners: try comtradeCodes(partners),
                                           periods: periods, flows: flows, commodities: commodities, baseURL: baseURL ?? Endpoints.comtrade,
                                           key: key, interval: interval, refresh: o.refresh)
        return try await withFetcher(o) { fetcher in
            try await ComtradeFetch.run(request, cache: FetchCache(root: o.cacheRoot), fetcher: fetcher, command: o.command, log: o.log)
        }
    }

    /// A release zip (BACI, OECD ICIO, USGS MCS): downloaded, checked, kept, and unpacked when
    /// `unpack` names file suffixes.
    /// - Parameter years: unpack only the files whose name holds one of these years (ICIO year files).
    public static func releaseFile(source: String, url: String, fileName: String, release: String, sha256: String?,
                                   requiredEntries: [String], unpack: [String], years: [Int]? = nil,
                                   options o: FetchRunOptions) async throws -> FetchSummary {
        var request = FileFetchRequest(source: source, url: url, fileName: fileName, release: release, expectedSHA256: sha256,
                                       requiredEntries: requiredEntries, unpackSuffixes: unpack, refresh: o.refresh)
        if source == "usgs-mcs" { request.subfolder = mcsSubfolder }
        if let years {
            let wanted = years.map(String.init)
            request.unpackFilter = { name in wanted.contains { name.contains($0) } }
        }
        return try await withFetcher(o) { fetcher in
            try await FileFetch.run(request, cache: FetchCache(root: o.cacheRoot), fetcher: fetcher, command: o.command,
                                    progress: o.progress, log: o.log)
        }
    }

    /// Where an MCS release file goes in the layout `decouple minerals` reads (the bundled one):
    /// `salient/`, `world/`, or `industry-trends/` (net import reliance, critical-minerals tables).
    @Sendable public static func mcsSubfolder(_ name: String) -> String {
        let n = name.lowercased()
        if n.contains("_fig") || n.contains("_t4_") || n.contains("_t5_") || n.contains("industry") { return "industry-trends" }
        if n.contains("salient") { return "salient" }
        if n.contains("world") { return "world" }
        return "industry-trends"
    }

    /// The BACI release zip of an HS edition (`HS17`, `V202501`).
    public static func baciURL(edition: String, release: String, baseURL: String?) -> (url: String, fileName: String) {
        let name = "BACI_\(edition)_V\(release.hasPrefix("V") ? String(release.dropFirst()) : release).zip"
        return ((baseURL ?? Endpoints.baci) + "/" + name, name)
    }
}
