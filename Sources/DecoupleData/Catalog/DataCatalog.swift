import DecoupleCore
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The bundled datasets and where they live on disk, with one loader per dataset.
public struct DataCatalog: Sendable {
    /// The `Data/` folder.
    public let root: String

    public init(root: String) { self.root = root }

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
        parts.removeLast(4)  // Catalog/DataCatalog.swift, DecoupleData, Sources
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

    /// Loads IMF DOTS, keeping only the given reporters (all when nil).
    public func loadDOTS(reporters: Set<Country>? = nil, progress: ((Double) -> Void)? = nil) throws -> TradeDataset {
        let d = BundledDataset.imfDOTS
        return try DOTSReader().read(path: path(of: d), displayName: "Data/" + d.path, provenance: d.provenance,
                                     id: d.id, keepReporter: { reporters?.contains($0) ?? true }, progress: progress)
    }

    /// Loads every file of the Census monthly HS2 imports.
    public func loadCensusHS2Monthly(progress: ((Double) -> Void)? = nil) throws -> TradeDataset {
        let d = BundledDataset.censusHS2Monthly
        let folder = path(of: d)
        let files = try listFiles(folder, suffix: ".csv.gz")
        var flows: [TradeFlow] = []
        var names: [String: String] = [:]
        let reader = CensusTradeReader()
        for (i, f) in files.enumerated() {
            try reader.read(path: folder + "/" + f, displayName: "Data/\(d.path)/\(f)", into: &flows, productNames: &names)
            progress?(Double(i + 1) / Double(files.count))
        }
        return TradeDataset(id: d.id, provenance: d.provenance, flows: flows, productNames: names)
    }

    /// Loads the 2024 HS6 cross-section of US imports.
    public func loadCensusHS6_2024(progress: ((Double) -> Void)? = nil) throws -> TradeDataset {
        let d = BundledDataset.censusHS6_2024
        var flows: [TradeFlow] = []
        var names: [String: String] = [:]
        try CensusTradeReader().read(path: path(of: d), displayName: "Data/" + d.path, into: &flows,
                                     productNames: &names, progress: progress)
        return TradeDataset(id: d.id, provenance: d.provenance, flows: flows, productNames: names)
    }

    /// Loads the Census monthly US–China goods trade.
    public func loadCensusUSChinaMonthly() throws -> TradeDataset {
        let d = BundledDataset.censusUSChinaMonthly
        return try CensusCountryTradeReader().read(path: path(of: d), displayName: "Data/" + d.path,
                                                   provenance: d.provenance, id: d.id)
    }
}

/// The names of the files in `folder` ending in `suffix`, sorted.
func listFiles(_ folder: String, suffix: String) throws -> [String] {
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
