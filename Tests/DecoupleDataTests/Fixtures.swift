import Foundation
@testable import DecoupleData

/// Writes small made-up input files for the reader tests into a fresh temporary folder.
struct Fixtures {
    let folder: URL

    init() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("decouple-tests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    }

    /// Writes `text` as `name` and returns the path.
    func file(_ name: String, _ text: String) throws -> String {
        let url = folder.appendingPathComponent(name)
        try Data(text.utf8).write(to: url)
        return url.path
    }

    /// Writes `text` gzip-compressed (by the system gzip) and returns the path.
    func gzip(_ name: String, _ text: String) throws -> String {
        let plain = try file(name + ".plain", text)
        let out = folder.appendingPathComponent(name).path
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/bin/sh")
        p.arguments = ["-c", "gzip -c '\(plain)' > '\(out)'"]
        try p.run()
        p.waitUntilExit()
        return out
    }

    /// The error text a read fails with, or nil when it succeeds.
    static func errorText(_ body: () throws -> Void) -> String? {
        do { try body(); return nil } catch { return "\(error)" }
    }
}

/// The repository's bundled data.
enum Bundled {
    static let catalog = DataCatalog(root: DataCatalog.sourceCheckoutDataFolder)
}
