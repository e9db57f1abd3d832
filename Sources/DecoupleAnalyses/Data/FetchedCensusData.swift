import DecoupleCore
import DecoupleFetch
import DecoupleTrade
import Foundation

/// The US Census data that `decouple data fetch census` put in a cache, read back as datasets
/// for the report: annual imports and exports by partner, monthly imports by HS2 chapter, and
/// the latest year's imports by HS6. Every dataset cites the fetch (its run id, the answers'
/// URLs and the manifest that holds their SHA-256); a file whose checksum no longer matches
/// the manifest is an error, not a silent change of figures.
public struct FetchedCensusData: Sendable {
    /// The dataset ids figures from fetched Census data cite: annual trade by partner, monthly
    /// imports by chapter, the HS6 cross-section.
    public static let datasetID = "census-fetch"
    public static let monthlyID = "census-fetch-monthly"
    public static let crossSectionID = "census-fetch-hs6"

    public var annual: TradeDataset?
    public var monthly: TradeDataset?
    public var crossSection: TradeDataset?
    /// The last run that fetched or confirmed the files read.
    public var runID: String
    public var cacheFolder: String

    /// Reads the cache at `root`; nil when it holds no Census fetch.
    public static func load(cacheRoot root: String) throws -> FetchedCensusData? {
        let cache = FetchCache(root: root)
        let manifest = try cache.manifest(CensusFetch.source)
        guard !manifest.files.isEmpty, let lastRun = manifest.runs.last else { return nil }
        // Complete pages only: every partner (no partner or code filter in the file name).
        let usable = manifest.files.values.filter { !$0.path.contains("-p") && !$0.path.contains("-c") }
        func pick(_ frequency: String, flows: [String], level: Int?) -> [CachedFile] {
            var out: [CachedFile] = []
            for flow in flows {
                let files = usable.filter { $0.path.hasPrefix(flow + "/") && $0.path.contains("/\(frequency)/") }
                let levels = Set(files.compactMap { Int($0.path.split(separator: "/")[1].dropFirst(2)) })
                guard let l = level ?? levels.min(), levels.contains(l) else { continue }
                out += files.filter { $0.path.hasPrefix("\(flow)/HS\(l)/") }
            }
            return out.sorted { $0.path < $1.path }
        }
        let reader = CensusAPIReader()
        func dataset(_ files: [CachedFile], id: String, what: String) throws -> TradeDataset? {
            guard !files.isEmpty else { return nil }
            var flows: [TradeFlow] = []
            for f in files {
                let path = cache.path(CensusFetch.source, f.path)
                let digest = try SHA256.hex(ofFile: path)
                guard digest == f.sha256 else {
                    throw DataReadError(issues: [DataIssue(file: path, message: "SHA-256 \(digest.prefix(12))… differs from the manifest's \(f.sha256.prefix(12))…: the cached file changed since it was fetched; run `decouple data fetch census --refresh` with the same options")])
                }
                flows += try reader.read(path: path, displayName: path)
            }
            let periods = files.compactMap(\.period).sorted()
            let retrieved = files.map(\.retrievedAt).sorted()
            let run = files.compactMap { manifest.run(for: $0.path)?.id }.max() ?? lastRun.id
            let provenance = Provenance(
                source: "US Census Bureau, International Trade API (\(Set(files.map(\.apiVersion)).sorted().joined(separator: ", ")))",
                edition: "\(what), \(periods.first!)–\(periods.last!), fetched \(retrieved.first!.prefix(10))\(retrieved.first!.prefix(10) == retrieved.last!.prefix(10) ? "" : " to \(retrieved.last!.prefix(10))")",
                url: files.first.map { URL(string: $0.url).map { "\($0.scheme ?? "https")://\($0.host ?? "")\($0.port.map { ":\($0)" } ?? "")\($0.path)" } ?? $0.url } ?? "",
                licence: "US federal government work: public domain",
                retrievedFrom: "decouple data fetch census, run \(run): \(files.count) answers in \(cache.folder(CensusFetch.source)) (URLs and SHA-256 in manifest.json)")
            return TradeDataset(id: id, provenance: provenance, flows: flows)
        }
        var out = FetchedCensusData(runID: lastRun.id, cacheFolder: cache.folder(CensusFetch.source))
        out.annual = try dataset(pick("annual", flows: ["imports", "exports"], level: nil), id: datasetID, what: "annual imports (customs value) and exports (FAS) by partner")
        out.monthly = try dataset(pick("monthly", flows: ["imports"], level: 2), id: monthlyID, what: "monthly imports for consumption by HS2 chapter and partner")
        // The latest full year of HS6 imports.
        let hs6 = pick("annual", flows: ["imports"], level: 6)
        if let lastYear = hs6.compactMap(\.period).max() {
            out.crossSection = try dataset(hs6.filter { $0.period == lastYear }, id: crossSectionID, what: "imports for consumption by HS6 and partner")
        }
        return out
    }

    /// The latest period of a dataset's flows.
    static func lastPeriod(_ d: TradeDataset?) -> Period? { d?.flows.map(\.period).max() }

    /// Bundled monthly rows before the first fetched month, then the fetched months.
    static func merge(bundled: TradeDataset?, fetched: TradeDataset?) -> TradeDataset? {
        guard let fetched else { return bundled }
        guard let bundled, let firstFetched = fetched.flows.map(\.period).min() else { return fetched }
        var p = fetched.provenance
        p.edition = "\(bundled.provenance.source), \(bundled.provenance.edition), before \(firstFetched); then \(p.edition)"
        return TradeDataset(id: fetched.id, provenance: p,
                            flows: bundled.flows.filter { $0.period < firstFetched } + fetched.flows,
                            productNames: bundled.productNames)
    }
}
