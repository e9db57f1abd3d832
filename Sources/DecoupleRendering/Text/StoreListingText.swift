import DecoupleAnalyses
import Foundation

extension StoreListing {
    /// The stores as text, for `decouple data list`.
    public static func text() -> String {
        let stores = StoreListing.all()
        var s = "Imported panel stores in \(DataListing.storeFolder)"
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

    /// The store as a line of `decouple data list --format csv`.
    public var csvLine: String {
        let name = (path as NSString).lastPathComponent
        let fields = [name, "panel store: \(source ?? "unreadable"), \(rows ?? 0) rows", path, "decouple panel store v1",
                      provenance?.joined(separator: "; ") ?? (error ?? ""), years.map { "\($0.first ?? 0)–\($0.last ?? 0)" } ?? "", "", "", createdAt ?? ""]
        return fields.map(csvField).joined(separator: ",")
    }
}
