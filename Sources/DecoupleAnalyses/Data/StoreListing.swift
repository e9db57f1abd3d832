import DecoupleCore
import DecoupleFetch
import DecoupleTrade
import Foundation

/// The imported panel stores, as `decouple data list` shows them.
public struct StoreListing: Codable, Sendable {
    public let path: String
    public let source: String?
    public let rows: Int?
    public let years: [Int]?
    public let countries: Int?
    public let products: Int?
    public let createdAt: String?
    public let provenance: [String]?
    /// Why the store cannot be opened, when it cannot.
    public let error: String?

    /// Every store in the store folder (header only; nothing is loaded).
    public static func all() -> [StoreListing] {
        PanelStoreDirectory.stores().map { path in
            do {
                let h = try TradePanelStore(path: path).header
                return StoreListing(path: path, source: h.source, rows: h.rowCount, years: h.years, countries: h.countries.count,
                                    products: h.products.count, createdAt: h.createdAt,
                                    provenance: h.provenance.map(\.citation), error: nil)
            } catch {
                return StoreListing(path: path, source: nil, rows: nil, years: nil, countries: nil, products: nil, createdAt: nil,
                                    provenance: nil, error: "\(error)")
            }
        }
    }
}

/// `decouple data list --format json`.
public struct DataListing: Encodable, Sendable {
    public let bundled: [BundledDataset]
    public let stores: [StoreListing]
    /// What `decouple data fetch` holds in the default cache.
    public let fetched: [FetchedListing]

    /// The bundled datasets, the imported stores and the fetch cache.
    public static func current() -> DataListing {
        DataListing(bundled: BundledDataset.all, stores: StoreListing.all(), fetched: FetchedListing.all())
    }

    /// Where imported stores live.
    public static var storeFolder: String { PanelStoreDirectory.defaultFolder }
}

/// One source folder of the fetch cache, as `decouple data list` shows it.
public struct FetchedListing: Codable, Sendable {
    public let source: String
    public let folder: String
    public let files: Int
    public let bytes: Int64
    public let periods: [String]
    public let lastRun: String?
    public let lastRunFinished: String?

    /// Every source folder with a manifest in the cache at `root` (the default cache by default).
    public static func all(root: String = FetchCache.defaultRoot()) -> [FetchedListing] {
        let cache = FetchCache(root: root)
        let names = (try? FileManager.default.contentsOfDirectory(atPath: root)) ?? []
        return names.sorted().compactMap { name in
            guard let m = try? cache.manifest(name), !m.files.isEmpty else { return nil }
            let periods = Set(m.files.values.compactMap(\.period)).sorted()
            return FetchedListing(source: name, folder: cache.folder(name), files: m.files.count,
                                  bytes: m.files.values.map(\.bytes).reduce(0, +),
                                  periods: periods.isEmpty ? [] : [periods.first!, periods.last!],
                                  lastRun: m.runs.last?.id, lastRunFinished: m.runs.last?.finishedAt)
        }
    }

    /// Lines for the text listing.
    public static func text(_ all: [FetchedListing] = FetchedListing.all()) -> String {
        guard !all.isEmpty else { return "Fetched data: none in \(FetchCache.defaultRoot()) (decouple data fetch census --from 2017 --to 2026)\n" }
        return "Fetched data (decouple data fetch):\n" + all.map { f in
            "  \(f.source): \(f.files) files, \(f.bytes) bytes\(f.periods.isEmpty ? "" : ", \(f.periods.joined(separator: "–"))"), last run \(f.lastRun ?? "–") (\(f.lastRunFinished ?? "–")); \(f.folder)/manifest.json"
        }.joined(separator: "\n") + "\n"
    }
}
