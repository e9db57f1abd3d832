import DecoupleCore
import DecoupleFetch
import Foundation

/// Names the fetch a file came from, when it lies in a fetch cache: the run, the file's URL and
/// SHA-256 from the source's manifest — so a store imported from fetched files cites the fetch.
public enum FetchProvenance {
    /// "decouple data fetch baci, run baci-20261205T…: BACI_HS17_V202501.zip from URL (SHA-256 …)"
    /// for each of `files` found in a cache manifest; nil when none is.
    public static func describe(files: [String]) -> String? {
        var parts: [String] = []
        for file in files {
            let path = URL(fileURLWithPath: file).standardizedFileURL.path
            var folder = (path as NSString).deletingLastPathComponent
            // Walk up to a folder holding manifest.json (the source folder).
            while folder.count > 1 {
                let manifestPath = folder + "/manifest.json"
                if FileManager.default.fileExists(atPath: manifestPath) {
                    let source = (folder as NSString).lastPathComponent
                    let cache = FetchCache(root: (folder as NSString).deletingLastPathComponent)
                    let relative = String(path.dropFirst(folder.count + 1))
                    if let manifest = try? cache.manifest(source), let entry = manifest.files[relative] {
                        let run = manifest.run(for: relative)?.id ?? "unrecorded run"
                        parts.append("decouple data fetch \(source), run \(run): \(relative) from \(entry.url), retrieved \(entry.retrievedAt) (SHA-256 \(entry.sha256))")
                    }
                    break
                }
                folder = (folder as NSString).deletingLastPathComponent
            }
        }
        return parts.isEmpty ? nil : parts.joined(separator: "; ")
    }
}
