import DecoupleAnalyses
import DecoupleRendering
import Foundation

/// The imported panel stores, as `decouple data list` shows them.
struct StoreListing: Codable {
    let path: String
    let source: String?
    let rows: Int?
    let years: [Int]?
    let countries: Int?
    let products: Int?
    let createdAt: String?
    let provenance: [String]?
    /// Why the store cannot be opened, when it cannot.
    let error: String?

    /// Every store in the store folder (header only; nothing is loaded).
    static func all() -> [StoreListing] {
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

    static func text() -> String {
        let stores = all()
        var s = "Imported panel stores in \(PanelStoreDirectory.defaultFolder)"
        if stores.isEmpty { return s + ": none (decouple data import baci|comtrade FILE... --out NAME)\n" }
        s += ":\n"
        for st in stores {
            let name = (st.path as NSString).lastPathComponent
            if let error = st.error { s += "\(name)\n  cannot be opened: \(error)\n"; continue }
            s += "\(name)\n  \(st.source ?? "") panel: \(st.rows ?? 0) rows, years \(st.years?.first ?? 0)–\(st.years?.last ?? 0), \(st.countries ?? 0) countries, \(st.products ?? 0) products\n"
            s += "  written: \(st.createdAt ?? "")\n"
            for p in st.provenance ?? [] { s += "  source:  \(p)\n" }
        }
        return s
    }

    var csvLine: String {
        let name = (path as NSString).lastPathComponent
        let fields = [name, "panel store: \(source ?? "unreadable"), \(rows ?? 0) rows", path, "decouple panel store v1",
                      provenance?.joined(separator: "; ") ?? (error ?? ""), years.map { "\($0.first ?? 0)–\($0.last ?? 0)" } ?? "", "", "", createdAt ?? ""]
        return fields.map { $0.contains(where: { ",\"\n".contains($0) }) ? "\"" + $0.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : $0 }
            .joined(separator: ",")
    }
}

/// `decouple data list --format json`.
struct DataListing: Encodable {
    let bundled: [BundledDataset]
    let stores: [StoreListing]
}
