import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The bundled datasets and where they live on disk, with one loader per dataset.
public struct DataCatalog: Sendable {
    /// The `Data/` folder.
    public let root: String
    /// Go on without an input file that cannot be read where the data allow it (a USGS MCS
    /// commodity or table file): the results that need it are marked incomplete. Off by
    /// default: such a file is an error naming it (`--skip-bad-files`).
    public var skipBadFiles = false

    public init(root: String, skipBadFiles: Bool = false) {
        self.root = root
        self.skipBadFiles = skipBadFiles
    }

    /// Finds the data folder: `explicit` if given, else `$DECOUPLE_DATA`, else the `Data/`
    /// folder of the source checkout this binary was built from.
    public static func locate(explicit: String? = nil) throws -> DataCatalog {
        if let explicit { return try checked(explicit, origin: "--data-dir") }
        if let env = getenv("DECOUPLE_DATA") { return try checked(String(cString: env), origin: "DECOUPLE_DATA") }
        return try checked(sourceCheckoutDataFolder, origin: "the source checkout")
    }

    /// `<package root>/Data`, derived from this file's path at build time.
    public static var sourceCheckoutDataFolder: String {
        var parts = "\(#filePath)".split(separator: "/", omittingEmptySubsequences: false)
        parts.removeLast(4)  // Catalog/DataCatalog.swift, DecoupleCore, Sources
        return parts.joined(separator: "/") + "/Data"
    }

    private static func checked(_ path: String, origin: String) throws -> DataCatalog {
        var st = stat()
        guard stat(path, &st) == 0, (st.st_mode & S_IFMT) == S_IFDIR else {
            throw DataReadError(issues: [DataIssue(file: path, message: "bundled data folder not found (from \(origin)); pass --data-dir or set DECOUPLE_DATA")])
        }
        return DataCatalog(root: path)
    }

    /// The full path of a dataset's file or folder.
    public func path(of dataset: BundledDataset) -> String { root + "/" + dataset.path }

    /// How a file of this data folder is named in messages: `Data/<relative>` for the source
    /// checkout's own folder, the real path for any other (`--data-dir`, `$DECOUPLE_DATA`), so
    /// that an error names the file that was read.
    public func displayPath(_ relative: String) -> String {
        let standard = URL(fileURLWithPath: root).standardizedFileURL.path
        return standard == URL(fileURLWithPath: Self.sourceCheckoutDataFolder).standardizedFileURL.path
            ? "Data/" + relative : root + "/" + relative
    }
}

/// The names of the files in `folder` ending in `suffix`, sorted.
package func listFiles(_ folder: String, suffix: String) throws -> [String] {
    guard let dir = opendir(folder) else {
        throw DataReadError(issues: [DataIssue(file: folder, message: "cannot open folder: \(String(cString: strerror(errno)))")])
    }
    defer { closedir(dir) }
    var names: [String] = []
    while let entry = readdir(dir) {
        let name = withUnsafePointer(to: entry.pointee.d_name) {
            $0.withMemoryRebound(to: CChar.self, capacity: 256) { String(cString: $0) }
        }
        if name.hasSuffix(suffix) { names.append(name) }
    }
    return names.sorted()
}
