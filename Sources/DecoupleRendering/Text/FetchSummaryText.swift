import DecoupleAnalyses

/// The summary `decouple data fetch` prints when it is done.
public enum FetchSummaryText {
    public static func text(_ s: FetchSummary, offline: Bool) -> String {
        var lines: [String] = []
        if offline {
            lines.append("\(s.source): \(s.kept.count) files in the cache cover the request (nothing fetched: --offline).")
        } else {
            lines.append("\(s.source): run \(s.runID): fetched \(s.fetched.count) files (\(s.bytes) bytes\(s.rows > 0 ? ", \(s.rows) rows" : "")), \(s.kept.count) already in the cache.")
        }
        if !s.notPublished.isEmpty {
            let shown = s.notPublished.prefix(6).joined(separator: ", ") + (s.notPublished.count > 6 ? " … (\(s.notPublished.count))" : "")
            lines.append("Not published yet (the API had no data): \(shown).")
        }
        lines.append("Cache: \(s.cacheFolder) (manifest.json lists every file with its URL, time and SHA-256).")
        return lines.joined(separator: "\n")
    }
}
