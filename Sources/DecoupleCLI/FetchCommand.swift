import ArgumentParser
import DecoupleAnalyses
import DecoupleRendering
import Foundation

/// Options every `data fetch` source shares.
struct FetchOptions: ParsableArguments {
    @Option(help: "The cache folder (default: $DECOUPLE_CACHE, else $XDG_CACHE_HOME/decouple, else ~/.cache/decouple).")
    var cache: String?

    @Flag(help: "Use only the cache: fetch nothing; fail when the cache lacks what is asked for.")
    var offline = false

    @Flag(help: "Ask the server again for what the cache already holds.")
    var refresh = false

    @Flag(help: "No progress or per-request lines (errors and the summary only).")
    var quiet = false

    @Option(help: "Attempts per request, the first included (retries on 429, 5xx and cut connections).")
    var attempts = 6

    func validate() throws {
        guard (1...20).contains(attempts) else { throw ValidationError("--attempts must be between 1 and 20") }
    }

    var root: String { cache ?? DataFetchRun.defaultCacheRoot() }

    /// The run's options: progress and request lines on a terminal unless --quiet.
    func runOptions(command: String) -> FetchRunOptions {
        let tty = isatty(STDERR_FILENO) == 1 && !quiet
        let quiet = self.quiet
        let onEvent: @Sendable (FetchEvent) -> Void = { e in
            guard !quiet else { return }
            switch e {
            case .retry(let url, let attempt, let reason, let wait):
                printError("retry: \(DataFetchRun.redacted(url)): \(reason) (attempt \(attempt)); waiting \(String(format: "%.1f", wait)) s")
            case .resumed(_, let from):
                printError("resuming at byte \(from)")
            case .notModified:
                break
            }
        }
        let draw: @Sendable (TransferProgress) -> Void = { p in TransferLine.draw(p) }
        let progress: (@Sendable (TransferProgress) -> Void)? = tty ? draw : nil
        let log: @Sendable (String) -> Void = { line in if tty { printError(line) } }
        return FetchRunOptions(cacheRoot: root, offline: offline, refresh: refresh, attempts: attempts, command: command,
                               onEvent: onEvent, progress: progress, log: log)
    }

    /// Runs a fetch, printing its summary or a clear error.
    func run(_ body: () async throws -> FetchSummary) async throws {
        do {
            let s = try await body()
            print(FetchSummaryText.text(s, offline: offline))
        } catch let e as FetchError {
            printError("error: \(e)")
            throw ExitCode.failure
        } catch let e as DataReadError {
            printError("error: \(e)")
            throw ExitCode.failure
        } catch let e as AnalysisInputError {
            throw ValidationError(e.message)
        }
    }
}

/// A one-line transfer meter on standard error: bytes, rate, ETA.
enum TransferLine {
    static func draw(_ p: TransferProgress) {
        let rate = p.elapsed > 0 ? Double(p.received - p.resumedFrom) / p.elapsed : 0
        var line = "\r\(p.what): \(bytes(p.received))"
        if let t = p.total { line += " of \(bytes(t)) (\(Int(Double(p.received) / Double(max(t, 1)) * 100))%)" }
        line += "  \(bytes(Int64(rate)))/s"
        if let t = p.total, rate > 0, t > p.received { line += "  ETA \(duration(Double(t - p.received) / rate))" }
        if let t = p.total, p.received >= t { line += "\n" }
        FileHandle.standardError.write(Data((line + "   ").utf8))
    }

    static func bytes(_ n: Int64) -> String {
        let units = ["B", "KB", "MB", "GB", "TB"]
        var v = Double(n), i = 0
        while v >= 1000 && i < units.count - 1 { v /= 1000; i += 1 }
        return i == 0 ? "\(n) B" : String(format: "%.1f %@", v, units[i])
    }

    static func duration(_ s: Double) -> String {
        guard s.isFinite, s >= 0, s < 1e9 else { return "n/a" }
        let t = Int(s.rounded())
        return t >= 3600 ? "\(t / 3600)h\(t % 3600 / 60)m" : t >= 60 ? "\(t / 60)m\(t % 60)s" : "\(t)s"
    }
}

/// `decouple data fetch SOURCE`: official data into the cache, with provenance.
struct FetchCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "fetch",
        abstract: "Fetch official data (Census, UN Comtrade, BACI, OECD ICIO, USGS MCS) into a cache with provenance.",
        discussion: """
        Every file enters the cache whole and checked (written to a temporary name and renamed); \
        each source folder has a manifest.json with the URL, query, time, size, SHA-256 and \
        validators of every file and a record of every run. Re-running fetches only what is \
        missing. Endpoints, limits, keys and licences: docs/data-fetch.md.
        """,
        subcommands: [Census.self, Comtrade.self, BACI.self, OECDICIO.self, USGSMCS.self])

    static func commandLine() -> String {
        var args = CommandLine.arguments
        args[0] = "decouple"
        return args.joined(separator: " ")
    }

    struct Census: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "US Census Bureau International Trade API: US imports and exports by partner and HS code, monthly and annual.",
            discussion: "A key is optional (CENSUS_API_KEY); without one the API allows fewer queries a day. `decouple report` then uses the fetched data.")

        @Option(help: "First year (2013 or later).")
        var from: Int

        @Option(help: "Last year (months not yet published are skipped and listed).")
        var to: Int

        @Option(help: "HS digits: 2, 4, 6 or 10.")
        var level = 2

        @Option(help: "annual, monthly or both, comma-separated (annual = December year to date).")
        var frequency = "annual,monthly"

        @Option(help: "imports, exports or both, comma-separated.")
        var flows = "imports,exports"

        @Option(help: "Partners, comma-separated (ISO3, ISO2 or names; default: every partner and the total).")
        var partners: String?

        @Option(help: "HS codes or prefixes, comma-separated (default: all).")
        var codes: String?

        @Option(help: "The API root (default \(DataFetchRun.Endpoints.census)); for a mirror or a test server.")
        var baseURL: String?

        @OptionGroup var fetch: FetchOptions

        func run() async throws {
            let now = Calendar(identifier: .gregorian).dateComponents(in: TimeZone(identifier: "UTC")!, from: Date())
            func list(_ s: String?) -> [String] { (s ?? "").split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty } }
            try await fetch.run {
                try await DataFetchRun.census(from: from, to: to, flows: list(flows), frequencies: list(frequency), level: level,
                                              partners: list(partners), codes: list(codes), baseURL: baseURL,
                                              key: ProcessInfo.processInfo.environment["CENSUS_API_KEY"],
                                              lastPossibleMonth: (now.year!, now.month!),
                                              options: fetch.runOptions(command: FetchCommand.commandLine()))
            }
        }
    }

    struct Comtrade: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "UN Comtrade API (final data): any reporter, partner and HS code; needs COMTRADE_API_KEY.",
            discussion: "Each answer is kept as received (JSON) and as CSV in the API's column names, which `decouple data import comtrade` reads.")

        @Option(help: "Reporters, comma-separated (ISO3, names or Comtrade codes).")
        var reporters: String

        @Option(help: "Partners, comma-separated (default: every partner and World).")
        var partners: String?

        @Option(help: "Years (annual) or YYYYMM months (monthly), comma-separated; a range 2017-2024 for years.")
        var periods: String

        @Option(help: "annual or monthly.")
        var frequency = "annual"

        @Option(help: "M (imports), X (exports) or both, comma-separated.")
        var flows = "M,X"

        @Option(help: "HS codes, TOTAL, or AG2/AG4/AG6 (every code at that level), comma-separated.")
        var commodities = "TOTAL"

        @Option(help: "Seconds between calls (the API's rate limit).")
        var interval = 1.0

        @Option(help: "The API root (default \(DataFetchRun.Endpoints.comtrade)).")
        var baseURL: String?

        @OptionGroup var fetch: FetchOptions

        func run() async throws {
            func list(_ s: String?) -> [String] { (s ?? "").split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty } }
            var ps: [String] = []
            for p in list(periods) {
                let parts = p.split(separator: "-")
                if parts.count == 2, let a = Int(parts[0]), let b = Int(parts[1]), a <= b, b - a < 100 { ps += (a...b).map(String.init) } else { ps.append(p) }
            }
            guard frequency == "annual" || frequency == "monthly" else { throw ValidationError("--frequency must be annual or monthly") }
            guard interval >= 0, interval.isFinite else { throw ValidationError("--interval must be a non-negative number of seconds") }
            try await fetch.run {
                try await DataFetchRun.comtrade(frequency: frequency == "annual" ? "A" : "M", reporters: list(reporters), partners: list(partners),
                                                periods: ps, flows: list(flows), commodities: list(commodities), baseURL: baseURL,
                                                key: ProcessInfo.processInfo.environment["COMTRADE_API_KEY"], interval: interval,
                                                options: fetch.runOptions(command: FetchCommand.commandLine()))
            }
        }
    }

    struct BACI: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "baci",
            abstract: "A CEPII BACI release zip (multi-GB: streamed to disk, resumable); then `data import baci` reads the zip.")

        @Option(help: "The HS edition: HS92, HS96, HS02, HS07, HS12, HS17 or HS22.")
        var edition = "HS17"

        @Option(help: "The release (202501 or V202501).")
        var release = "202501"

        @Option(help: "The zip's URL (default: the CEPII download folder and the release's file name).")
        var url: String?

        @Option(help: "The folder holding the release zips (default \(DataFetchRun.Endpoints.baci)).")
        var baseURL: String?

        @Option(help: "The SHA-256 the zip must have, when you have it from the publisher.")
        var sha256: String?

        @OptionGroup var fetch: FetchOptions

        func run() async throws {
            guard ["HS92", "HS96", "HS02", "HS07", "HS12", "HS17", "HS22"].contains(edition.uppercased()) else {
                throw ValidationError("--edition must be one of HS92, HS96, HS02, HS07, HS12, HS17, HS22")
            }
            var (u, name) = DataFetchRun.baciURL(edition: edition.uppercased(), release: release, baseURL: baseURL)
            if let url { u = url; name = URL(string: url)?.lastPathComponent ?? name }
            try await fetch.run {
                let s = try await DataFetchRun.releaseFile(source: "baci", url: u, fileName: name, release: "\(edition.uppercased()) V\(release)",
                                                           sha256: sha256, requiredEntries: ["BACI_"], unpack: [],
                                                           options: fetch.runOptions(command: FetchCommand.commandLine()))
                if !fetch.quiet { printError("import it: decouple data import baci \(s.cacheFolder)/\(name) --out baci-\(edition.lowercased())") }
                return s
            }
        }
    }

    struct OECDICIO: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "oecd-icio",
            abstract: "An OECD Inter-Country Input-Output release zip; its year files are unpacked for `exposure --icio`.")

        @Option(help: "The release zip's URL (OECD publishes one zip per range of years; see docs/data-fetch.md).")
        var url: String

        @Option(help: "A name for the release in the cache (e.g. 2023-2016-2020).")
        var release: String

        @Option(help: "Years to unpack, e.g. 2016-2020 or 2019,2020 (default: every year file in the zip).")
        var years: String?

        @Option(help: "The SHA-256 the zip must have, when you have it.")
        var sha256: String?

        @OptionGroup var fetch: FetchOptions

        func run() async throws {
            let name = URL(string: url)?.lastPathComponent.nilIfEmpty ?? "icio-\(release).zip"
            var yearList: [Int]? = nil
            if let years {
                var out: [Int] = []
                for part in years.split(separator: ",") {
                    let r = part.split(separator: "-").compactMap { Int($0.trimmingCharacters(in: .whitespaces)) }
                    if r.count == 2, r[0] <= r[1], r[1] - r[0] < 100 { out += Array(r[0]...r[1]) } else if r.count == 1 { out.append(r[0]) } else {
                        throw ValidationError("--years: '\(part)' is not a year or a range such as 2016-2020")
                    }
                }
                yearList = out
            }
            try await fetch.run {
                let s = try await DataFetchRun.releaseFile(source: "oecd-icio", url: url, fileName: name.hasSuffix(".zip") ? name : name + ".zip",
                                                           release: release, sha256: sha256, requiredEntries: [], unpack: [".csv"],
                                                           years: yearList, options: fetch.runOptions(command: FetchCommand.commandLine()))
                if !fetch.quiet { printError("use a year: decouple exposure --icio \(s.cacheFolder)/\(release)/<YEAR>_SML.csv") }
                return s
            }
        }
    }

    struct USGSMCS: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "usgs-mcs",
            abstract: "A USGS Mineral Commodity Summaries data release (zip of CSV files), unpacked for `minerals --mcs-dir`.")

        @Option(help: "The data release zip's URL (ScienceBase; see docs/data-fetch.md).")
        var url: String

        @Option(help: "The MCS edition (year) the release is.")
        var edition: Int

        @Option(help: "The SHA-256 the zip must have, when you have it.")
        var sha256: String?

        @OptionGroup var fetch: FetchOptions

        func run() async throws {
            guard (2020...2100).contains(edition) else { throw ValidationError("--edition must be a year such as 2025") }
            let name = URL(string: url)?.lastPathComponent.nilIfEmpty ?? "mcs\(edition).zip"
            try await fetch.run {
                let s = try await DataFetchRun.releaseFile(source: "usgs-mcs", url: url, fileName: name.hasSuffix(".zip") ? name : name + ".zip",
                                                           release: "mcs\(edition)", sha256: sha256, requiredEntries: [], unpack: [".csv"],
                                                           options: fetch.runOptions(command: FetchCommand.commandLine()))
                if !fetch.quiet { printError("read it: decouple minerals --edition \(edition) --mcs-dir \(s.cacheFolder)/mcs\(edition)") }
                return s
            }
        }
    }
}

extension String {
    var nilIfEmpty: String? { isEmpty || self == "/" ? nil : self }
}

/// Where `report` and `serve` look for fetched Census data.
enum CensusCacheLocation {
    /// The folder given, else the default cache when it holds a Census fetch, else nil.
    static func census(explicit: String?) -> String? {
        if let explicit { return explicit }
        let root = DataFetchRun.defaultCacheRoot()
        return FileManager.default.fileExists(atPath: root + "/census/manifest.json") ? root : nil
    }
}
