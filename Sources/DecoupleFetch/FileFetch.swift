import DecoupleCore
import Foundation
import ZIPFoundation

/// A release file to download whole (a BACI, OECD ICIO or USGS MCS zip), then check, keep and
/// optionally unpack.
public struct FileFetchRequest: Sendable {
    /// The cache folder (`baci`, `oecd-icio`, `usgs-mcs`).
    public var source: String
    public var url: String
    /// The name the file is kept under, below the source folder.
    public var fileName: String
    /// The release or edition the file is (for the manifest's `apiVersion`).
    public var release: String
    /// The SHA-256 the file must have, when the publisher gives one (`--sha256`).
    public var expectedSHA256: String?
    /// Entries that must be in the zip (name prefixes, e.g. `BACI_HS17_Y`); empty: any entry.
    public var requiredEntries: [String]
    /// Unpack the zip's entries whose name ends with one of these (`.csv`) into
    /// `<source>/<release>/`, for readers that take plain files.
    public var unpackSuffixes: [String]
    /// Fetch again even when the cached copy is intact (a conditional GET is still used).
    public var refresh: Bool
    /// The subfolder of the unpacked folder an entry goes to, by file name ("" = the folder itself).
    public var subfolder: @Sendable (String) -> String = { _ in "" }
    /// Which entries to unpack, by file name (all matching `unpackSuffixes` by default).
    public var unpackFilter: @Sendable (String) -> Bool = { _ in true }

    public init(source: String, url: String, fileName: String, release: String, expectedSHA256: String? = nil,
                requiredEntries: [String] = [], unpackSuffixes: [String] = [], refresh: Bool = false) {
        self.source = source
        self.url = url
        self.fileName = fileName
        self.release = release
        self.expectedSHA256 = expectedSHA256?.lowercased()
        self.requiredEntries = requiredEntries
        self.unpackSuffixes = unpackSuffixes
        self.refresh = refresh
    }
}

/// Release files: a resumable download into `.partial/`, the checks (size, SHA-256, a zip that
/// opens and holds the expected entries), then one rename into the cache.
public enum FileFetch {
    /// Validators of a partial download, kept beside it so a later run can resume it.
    struct PartialState: Codable {
        var url: String
        var etag: String?
        var lastModified: String?
    }

    public static func run(_ r: FileFetchRequest, cache: FetchCache, fetcher: HTTPFetcher?, command: String,
                           progress: (@Sendable (TransferProgress) -> Void)? = nil,
                           log: @Sendable (String) -> Void = { _ in }) async throws -> FetchSummary {
        var manifest = try cache.manifest(r.source)
        let started = Date()
        var summary = FetchSummary(source: r.source, runID: FetchCache.runID(r.source, started), cacheFolder: cache.folder(r.source))
        let finalPath = cache.path(r.source, r.fileName)
        let intact = cache.isIntact(manifest, r.fileName)
        guard let fetcher else {
            guard intact else { throw FetchError.notInCache("\(r.fileName) (\(r.source))") }
            summary.kept.append(r.fileName)
            if !r.unpackSuffixes.isEmpty { summary.fetched += try unpack(r, finalPath: finalPath, cache: cache, onlyIfMissing: true) }
            return summary
        }
        if intact && !r.refresh {
            summary.kept.append(r.fileName)
            log("\(r.fileName): in the cache (SHA-256 \(manifest.files[r.fileName]!.sha256.prefix(12))…), not fetched again; --refresh asks the server for a newer copy")
        } else {
            let partialDir = cache.partialFolder(r.source)
            try FileManager.default.createDirectory(atPath: partialDir, withIntermediateDirectories: true)
            let part = partialDir + "/" + r.fileName + ".part"
            let statePath = part + ".json"
            var state = (try? JSONDecoder().decode(PartialState.self, from: Data(contentsOf: URL(fileURLWithPath: statePath))))
            if state?.url != r.url { state = nil; try? FileManager.default.removeItem(atPath: part) }
            let cached = intact ? manifest.files[r.fileName] : nil
            log("\(r.fileName): downloading \(r.url)")
            // Record the validators as soon as the server sends them, so a killed run can resume.
            let url = r.url
            let outcome = try await fetcher.download(r.url, to: part, what: r.fileName,
                                                     validators: (state?.etag, state?.lastModified),
                                                     conditional: cached.map { ($0.etag, $0.lastModified) },
                                                     onValidators: { etag, lastModified in
                                                         try? JSONEncoder().encode(PartialState(url: url, etag: etag, lastModified: lastModified))
                                                             .write(to: URL(fileURLWithPath: statePath), options: .atomic)
                                                     },
                                                     progress: progress)
            switch outcome {
            case .notModified:
                summary.kept.append(r.fileName)
                log("\(r.fileName): not modified on the server; the cached copy stays")
            case .complete(let bytes, let etag, let lastModified):
                let digest = try SHA256.hex(ofFile: part)
                if let expected = r.expectedSHA256, expected != digest {
                    try? FileManager.default.removeItem(atPath: part)
                    try? FileManager.default.removeItem(atPath: statePath)
                    throw FetchError.checksumMismatch(url: r.url, expected: expected, found: digest)
                }
                if r.fileName.lowercased().hasSuffix(".zip") {
                    do { try checkZip(part, name: r.fileName, required: r.requiredEntries) } catch {
                        try? FileManager.default.removeItem(atPath: part)
                        try? FileManager.default.removeItem(atPath: statePath)
                        throw error
                    }
                }
                try FetchCache.moveIntoPlace(part, finalPath)
                try? FileManager.default.removeItem(atPath: statePath)
                manifest.files[r.fileName] = CachedFile(path: r.fileName, url: r.url, query: [:], retrievedAt: FetchCache.timestamp(),
                                                        bytes: bytes, sha256: digest, etag: etag, lastModified: lastModified,
                                                        apiVersion: r.release, period: nil)
                try cache.write(manifest)
                summary.fetched.append(r.fileName)
                summary.bytes += bytes
            }
        }
        if !r.unpackSuffixes.isEmpty {
            summary.fetched += try unpack(r, finalPath: finalPath, cache: cache, onlyIfMissing: summary.fetched.isEmpty)
        }
        manifest.runs.append(FetchRun(id: summary.runID, command: command, startedAt: FetchCache.timestamp(started), finishedAt: FetchCache.timestamp(),
                                      fetched: summary.fetched, kept: summary.kept, notPublished: []))
        try cache.write(manifest)
        return summary
    }

    /// Opens the zip (a truncated file has no central directory and fails here) and checks the
    /// required entries are in it.
    public static func checkZip(_ path: String, name: String, required: [String]) throws {
        let archive: Archive
        do { archive = try Archive(url: URL(fileURLWithPath: path), accessMode: .read) } catch {
            throw FetchError.malformed(DataReadError(issues: [DataIssue(file: name, message: "not a readable zip (\(error)): truncated or not a zip; nothing was kept")]))
        }
        let names = archive.map(\.path)
        guard !names.isEmpty else {
            throw FetchError.malformed(DataReadError(issues: [DataIssue(file: name, message: "the zip has no entries")]))
        }
        for prefix in required where !names.contains(where: { ($0 as NSString).lastPathComponent.hasPrefix(prefix) }) {
            throw FetchError.malformed(DataReadError(issues: [DataIssue(file: name, message: "the zip has no entry named \(prefix)…; found \(names.prefix(5).joined(separator: ", "))")]))
        }
    }

    /// Unpacks the matching entries into `<source>/<release>/` (through a temporary folder
    /// renamed into place, with CRC checks), returning the paths written.
    static func unpack(_ r: FileFetchRequest, finalPath: String, cache: FetchCache, onlyIfMissing: Bool) throws -> [String] {
        let target = cache.path(r.source, r.release)
        if onlyIfMissing, FileManager.default.fileExists(atPath: target) { return [] }
        let files = try ZipEntries.extract(archive: finalPath, suffixes: r.unpackSuffixes, into: target, accept: r.unpackFilter, subfolder: r.subfolder)
        guard !files.isEmpty else {
            throw FetchError.malformed(DataReadError(issues: [DataIssue(file: finalPath, message: "no entry of the zip matches what was asked to unpack (\(r.unpackSuffixes.joined(separator: ", ")))")]))
        }
        return files.map { r.release + "/" + $0 }
    }
}

/// Extraction of zip entries, whole or nothing.
public enum ZipEntries {
    /// Extracts the entries whose names end with one of `suffixes` (flattened to their file
    /// names) into `folder`, replacing it: written to a temporary sibling folder first, each
    /// entry's CRC-32 checked, then renamed into place. Returns the file names.
    @discardableResult
    public static func extract(archive path: String, suffixes: [String], into folder: String,
                               accept: (String) -> Bool = { _ in true }, subfolder: (String) -> String = { _ in "" }) throws -> [String] {
        let archive: Archive
        do { archive = try Archive(url: URL(fileURLWithPath: path), accessMode: .read) } catch {
            throw DataReadError(issues: [DataIssue(file: path, message: "not a readable zip (\(error))")])
        }
        let fm = FileManager.default
        let parent = (folder as NSString).deletingLastPathComponent
        try fm.createDirectory(atPath: parent, withIntermediateDirectories: true)
        let tmp = parent + "/.tmp-\(UUID().uuidString)"
        try fm.createDirectory(atPath: tmp, withIntermediateDirectories: true)
        var names: [String] = []
        do {
            for entry in archive where entry.type == .file {
                let name = (entry.path as NSString).lastPathComponent
                // A zip inside the zip (some ICIO bundles hold one per year): its matching entries too.
                if name.lowercased().hasSuffix(".zip"), !suffixes.contains(where: { $0.lowercased() == ".zip" }) {
                    let inner = tmp + "/.inner-" + name
                    _ = try archive.extract(entry, to: URL(fileURLWithPath: inner), skipCRC32: false)
                    let innerFolder = tmp + "/.inner-" + name + ".d"
                    for n in try extract(archive: inner, suffixes: suffixes, into: innerFolder, accept: accept, subfolder: subfolder) where !names.contains(n) {
                        try fm.createDirectory(atPath: (tmp + "/" + n as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
                        try fm.moveItem(atPath: innerFolder + "/" + n, toPath: tmp + "/" + n)
                        names.append(n)
                    }
                    try? fm.removeItem(atPath: inner)
                    try? fm.removeItem(atPath: innerFolder)
                    continue
                }
                guard !name.hasPrefix("."), suffixes.contains(where: { name.lowercased().hasSuffix($0.lowercased()) }), accept(name) else { continue }
                guard !names.contains(name), !names.contains(subfolder(name) + "/" + name) else { continue }
                let sub = subfolder(name)
                let relative = sub.isEmpty ? name : sub + "/" + name
                _ = try archive.extract(entry, to: URL(fileURLWithPath: tmp + "/" + relative), skipCRC32: false)
                names.append(relative)
            }
        } catch {
            try? fm.removeItem(atPath: tmp)
            throw DataReadError(issues: [DataIssue(file: path, message: "cannot unpack the zip: \(error)")])
        }
        if fm.fileExists(atPath: folder) {
            let old = parent + "/.old-\(UUID().uuidString)"
            try fm.moveItem(atPath: folder, toPath: old)
            try FetchCache.moveIntoPlace(tmp, folder)
            try? fm.removeItem(atPath: old)
        } else {
            try FetchCache.moveIntoPlace(tmp, folder)
        }
        return names.sorted()
    }
}
