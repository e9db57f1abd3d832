import DecoupleCore
import Foundation

/// One file kept in the cache, with where and when it came from.
public struct CachedFile: Codable, Sendable, Equatable {
    /// Path below the source's folder (`imports/HS2/monthly/2024-01.json`).
    public var path: String
    /// The URL it was fetched from, the key removed.
    public var url: String
    /// The query's parameters (the key removed), for a reader of the manifest.
    public var query: [String: String]
    /// ISO 8601, UTC.
    public var retrievedAt: String
    public var bytes: Int64
    public var sha256: String
    public var etag: String?
    public var lastModified: String?
    /// The API's version or dataset path (`timeseries/intltrade/imports/hs`, `data/v1`), or the release.
    public var apiVersion: String
    /// The period the file covers (`2024-01`, `2024`), when it covers one.
    public var period: String?
}

/// One run of `decouple data fetch`: what it asked for and what it did.
public struct FetchRun: Codable, Sendable, Equatable {
    /// `census-20261205T170102Z`: the id that figures computed from the fetch cite.
    public var id: String
    /// The command line, the key removed.
    public var command: String
    public var startedAt: String
    public var finishedAt: String
    /// Files written by this run.
    public var fetched: [String]
    /// Files already in the cache and complete, not fetched again.
    public var kept: [String]
    /// Periods the source has not published (204/404).
    public var notPublished: [String]
}

/// A source folder's manifest (`<cache>/<source>/manifest.json`).
public struct FetchManifest: Codable, Sendable, Equatable {
    public var source: String
    /// Every file in the folder, by path.
    public var files: [String: CachedFile]
    /// Every run, oldest first.
    public var runs: [FetchRun]

    public init(source: String) {
        self.source = source
        self.files = [:]
        self.runs = []
    }

    /// The last run that wrote or confirmed `path`.
    public func run(for path: String) -> FetchRun? {
        runs.last { $0.fetched.contains(path) || $0.kept.contains(path) }
    }
}

/// The fetch cache: one folder per source holding the fetched files and `manifest.json`.
/// Files enter it only whole and checked — written to a temporary name in the same folder and
/// renamed (one `rename(2)`) — so a cut transfer or a crash leaves the previous state, never a
/// half-written file. Partial downloads wait in `<source>/.partial/` until they are complete.
public struct FetchCache: Sendable {
    public let root: String

    public init(root: String) {
        self.root = (root as NSString).expandingTildeInPath
    }

    /// `$DECOUPLE_CACHE`, else `$XDG_CACHE_HOME/decouple`, else `~/.cache/decouple`.
    public static func defaultRoot(environment: [String: String] = ProcessInfo.processInfo.environment) -> String {
        if let d = environment["DECOUPLE_CACHE"], !d.isEmpty { return d }
        if let x = environment["XDG_CACHE_HOME"], !x.isEmpty { return x + "/decouple" }
        let home = environment["HOME"] ?? NSHomeDirectory()
        return home + "/.cache/decouple"
    }

    public func folder(_ source: String) -> String { root + "/" + source }
    public func partialFolder(_ source: String) -> String { folder(source) + "/.partial" }
    public func path(_ source: String, _ relative: String) -> String { folder(source) + "/" + relative }

    /// The source's manifest (empty when none has been written).
    public func manifest(_ source: String) throws -> FetchManifest {
        let p = folder(source) + "/manifest.json"
        guard let data = FileManager.default.contents(atPath: p) else { return FetchManifest(source: source) }
        do {
            return try JSONDecoder().decode(FetchManifest.self, from: data)
        } catch {
            throw DataReadError(issues: [DataIssue(file: p, message: "the cache manifest cannot be read (\(error)); delete the folder to start the cache afresh")])
        }
    }

    /// Writes the manifest atomically.
    public func write(_ manifest: FetchManifest) throws {
        let e = JSONEncoder()
        e.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        try Self.writeAtomically(try e.encode(manifest), to: folder(manifest.source) + "/manifest.json")
    }

    /// True when `relative` is in the manifest and the file on disk has its size and SHA-256.
    public func isIntact(_ manifest: FetchManifest, _ relative: String) -> Bool {
        guard let entry = manifest.files[relative] else { return false }
        let p = path(manifest.source, relative)
        guard let size = try? FileManager.default.attributesOfItem(atPath: p)[.size] as? Int64, size == entry.bytes else { return false }
        return (try? SHA256.hex(ofFile: p)) == entry.sha256
    }

    /// Writes `data` to a temporary file beside `path`, then renames it over `path`.
    public static func writeAtomically(_ data: Data, to path: String) throws {
        let dir = (path as NSString).deletingLastPathComponent
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        let tmp = dir + "/.tmp-\(UUID().uuidString)-" + (path as NSString).lastPathComponent
        guard FileManager.default.createFile(atPath: tmp, contents: data) else {
            throw DataReadError(issues: [DataIssue(file: tmp, message: "cannot write to the cache folder")])
        }
        try moveIntoPlace(tmp, path)
    }

    /// Renames `from` over `to` (same file system), creating `to`'s folder.
    public static func moveIntoPlace(_ from: String, _ to: String) throws {
        try FileManager.default.createDirectory(atPath: (to as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        guard rename(from, to) == 0 else {
            let reason = String(cString: strerror(errno))
            try? FileManager.default.removeItem(atPath: from)
            throw DataReadError(issues: [DataIssue(file: to, message: "cannot move the fetched file into the cache: \(reason)")])
        }
    }

    /// Now, as ISO 8601 UTC.
    public static func timestamp(_ date: Date = Date()) -> String {
        let f = ISO8601DateFormatter()
        f.formatOptions = [.withInternetDateTime]
        return f.string(from: date)
    }

    /// A run id: `source-YYYYMMDDTHHMMSSZ`.
    public static func runID(_ source: String, _ date: Date = Date()) -> String {
        let f = DateFormatter()
        f.locale = Locale(identifier: "en_US_POSIX")
        f.timeZone = TimeZone(identifier: "UTC")
        f.dateFormat = "yyyyMMdd'T'HHmmss'Z'"
        return "\(source)-\(f.string(from: date))"
    }
}
