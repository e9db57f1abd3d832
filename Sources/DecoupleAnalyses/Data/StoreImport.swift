import DecoupleCore
import DecoupleFetch
import Foundation
import DecoupleTrade

/// `decouple data import`: trade files into a panel store, written atomically (a malformed file
/// stops the import and leaves no store behind).
public enum StoreImport {
    /// The store's path for `--out`: a path, or a bare name in the store folder.
    public static func path(for out: String) -> String { PanelStoreDirectory.path(for: out) }

    /// CEPII BACI files (one release, one HS edition) into the store at `path`.
    /// A release zip (`BACI_HS17_V202501.zip`, as `decouple data fetch baci` keeps it) is read
    /// straight away: its yearly files and country codes are unpacked (CRC-checked) to a
    /// temporary folder beside the store, imported, and removed. `threads`: how many threads
    /// read and sort (nil: one per available core; the store is the same).
    public static func baci(files: [String], countryCodes: String?, edition: HSEdition?, to path: String,
                            threads: Int? = nil, progress: ((String, Double) -> Void)? = nil) throws -> PanelStoreHeader {
        var inputs: [String] = []
        var codes = countryCodes
        var temporary: [String] = []
        defer { for t in temporary { try? FileManager.default.removeItem(atPath: t) } }
        for f in files {
            guard f.lowercased().hasSuffix(".zip") else { inputs.append(f); continue }
            let dir = (path as NSString).deletingLastPathComponent
            let tmp = (dir.isEmpty ? "." : dir) + "/.unzip-\(UUID().uuidString)"
            temporary.append(tmp)
            progress?("unpacking " + f, 0)
            let names = try ZipEntries.extract(archive: f, suffixes: [".csv"], into: tmp) { name in
                name.hasPrefix("BACI_") || name.hasPrefix("country_codes")
            }
            let data = names.filter { $0.hasPrefix("BACI_") }
            guard !data.isEmpty else {
                throw DataReadError(issues: [DataIssue(file: f, message: "the zip has no BACI_…_Y….csv files")])
            }
            inputs += data.map { tmp + "/" + $0 }
            if codes == nil, let c = names.first(where: { $0.hasPrefix("country_codes") }) { codes = tmp + "/" + c }
        }
        let zips = files.filter { $0.lowercased().hasSuffix(".zip") }
        let origin = FetchProvenance.describe(files: zips) ?? (zips.isEmpty ? nil : zips.map { ($0 as NSString).lastPathComponent }.joined(separator: ", "))
        return try PanelImport.baci(files: inputs, countryCodes: codes, edition: edition, to: path, threads: threads,
                                    progress: progress, origin: origin)
    }

    /// UN Comtrade files into the store at `path`, valued as `valuation` (`primary`, `cif`, `fob`),
    /// keeping product codes of `productDigits` digits.
    /// - Throws: ``AnalysisInputError`` for an unknown valuation.
    public static func comtrade(files: [String], valuation: String, productDigits: Set<Int>, defaultEdition: HSEdition?,
                                to path: String, progress: ((String, Double) -> Void)? = nil) throws -> PanelStoreHeader {
        guard let v = ComtradeReader.Valuation(rawValue: valuation) else {
            throw AnalysisInputError("--valuation must be primary, cif or fob", parameter: "valuation")
        }
        let reader = ComtradeReader(valuation: v, productDigits: productDigits, defaultEdition: defaultEdition)
        return try PanelImport.comtrade(files: files, reader: reader, to: path, progress: progress,
                                        origin: FetchProvenance.describe(files: files))
    }

    /// An HS edition from `HS2017`, `HS17`, `2017` or Comtrade's `H5`.
    public static func edition(_ text: String) -> HSEdition? {
        let t = text.uppercased()
        if let e = HSEdition(rawValue: t) { return e }
        if let e = ComtradeReader.edition(comtradeCode: t) { return e }
        if t.hasPrefix("HS"), let e = BACIFileName.editions[String(t.dropFirst(2))] { return e }
        if let y = Int(t), let e = HSEdition.allCases.first(where: { $0.year == y }) { return e }
        return nil
    }
}
