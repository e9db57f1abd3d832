import DecoupleAnalyses
import Foundation

/// `decouple data list --check` as text and CSV.
public enum DataCheckText {
    /// A table of the inputs (status, what was read, seconds), then every warning and error.
    public static func text(_ checks: [DatasetCheck]) -> String {
        let rows = checks.map { c in
            [c.id, c.status.rawValue, c.summary.isEmpty ? "–" : c.summary, NumberText.fixed(c.seconds, decimals: 2)]
        }
        var s = TableText.render(header: ["input", "status", "read", "seconds"], rows: rows, numeric: [3], layout: .plain(rule: "─"))
        for c in checks where !c.problems.isEmpty {
            s += "\n\(c.id) (\(c.path)): \(c.status == .error ? "error" : "warnings")\n"
            s += c.problems.map { "  " + $0.replacingOccurrences(of: "\n", with: "\n  ") + "\n" }.joined()
        }
        let errors = checks.filter { $0.status == .error }.count, warned = checks.filter { $0.status == .warnings }.count
        s += "\n\(checks.count) inputs read: \(checks.count - errors - warned) ok, \(warned) with warnings, \(errors) with errors.\n"
        return s
    }

    /// One line per input: `id,path,status,summary,seconds,problems` (problems joined by " | ").
    public static func csv(_ checks: [DatasetCheck]) -> String {
        var s = "id,path,status,summary,seconds,problems\n"
        for c in checks {
            s += [c.id, c.path, c.status.rawValue, c.summary, "\(c.seconds)", c.problems.joined(separator: " | ")].map(csvField).joined(separator: ",") + "\n"
        }
        return s
    }
}
