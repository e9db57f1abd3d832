import Foundation
import DecoupleCore

/// Writes small made-up input files for the reader tests into a fresh temporary folder.
public struct Fixtures {
    public let folder: URL

    public init() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("decouple-tests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    }

    /// Writes `text` as `name` and returns the path.
    public func file(_ name: String, _ text: String) throws -> String {
        let url = folder.appendingPathComponent(name)
        try Data(text.utf8).write(to: url)
        return url.path
    }

    /// Writes `text` gzip-compressed (by the system gzip) and returns the path.
    public func gzip(_ name: String, _ text: String) throws -> String {
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
    public static func errorText(_ body: () throws -> Void) -> String? {
        do { try body(); return nil } catch { return "\(error)" }
    }
}

/// The repository's bundled data.
public enum Bundled {
    public static let catalog = DataCatalog(root: DataCatalog.sourceCheckoutDataFolder)
}

/// Whole files as bytes, for the tests that cut or corrupt them.
extension Array where Element == UInt8 {
    public init(contentsOf path: String) throws { self = [UInt8](try Data(contentsOf: URL(fileURLWithPath: path))) }
    public func write(to path: String) throws { try Data(self).write(to: URL(fileURLWithPath: path)) }
}
extension ArraySlice where Element == UInt8 {
    public func write(to path: String) throws { try Data(self).write(to: URL(fileURLWithPath: path)) }
}
