import DecoupleCore
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

    /// The bundled datasets and the imported stores.
    public static func current() -> DataListing { DataListing(bundled: BundledDataset.all, stores: StoreListing.all()) }

    /// Where imported stores live.
    public static var storeFolder: String { PanelStoreDirectory.defaultFolder }
}
