import DecoupleCore

/// Reads trade files and writes them as one panel store: the whole import either succeeds or
/// leaves nothing behind (a malformed file stops it before anything is written; the store
/// itself is written to a temporary file and renamed).
public enum PanelImport {
    /// Imports BACI files (one release, one HS edition).
    /// - Parameters:
    ///   - countryCodes: the release's country file; by default the `country_codes_*.csv`
    ///     beside the first data file.
    ///   - edition: the HS edition; by default read from the file names (`BACI_HS17_…`).
    ///   - threads: how many threads read a plain file and sort the rows (nil: one per
    ///     available core); the store's bytes do not depend on it.
    ///   - progress: called with the file being read and the fraction done.
    ///   - origin: the archive the files were unpacked from (named first in the provenance).
    @discardableResult
    public static func baci(files: [String], countryCodes: String? = nil, edition: HSEdition? = nil, to path: String,
                            errorLimit: Int = 20, threads: Int? = nil, progress: ((String, Double) -> Void)? = nil,
                            origin: String? = nil) throws -> PanelStoreHeader {
        guard let first = files.first else {
            throw DataReadError(issues: [DataIssue(file: path, message: "no input files")])
        }
        let names = files.map { BACIFileName($0) }
        var editionFound = edition
        if editionFound == nil {
            let found = Set(names.compactMap { $0?.edition })
            guard found.count == 1, names.allSatisfy({ $0 != nil }) else {
                throw DataReadError(issues: [DataIssue(
                    file: first, message: found.count > 1
                        ? "the files are in different HS editions (\(found.map(\.rawValue).sorted().joined(separator: ", "))); import one BACI release at a time"
                        : "cannot tell the HS edition from the file name (expected BACI_HS17_Y2022_V202401b.csv); give it with --edition")])
            }
            editionFound = found.first
        }
        let countryFile = countryCodes ?? BACICountryCodes.locate(near: first)
        guard let countryFile else {
            throw DataReadError(issues: [DataIssue(
                file: first, message: "no BACI country file (country_codes_V….csv) beside the data; give it with --countries")])
        }
        let codes = try BACICountryCodes.read(path: countryFile, errorLimit: errorLimit)
        let release = names.compactMap { $0?.release }.first
        let reader = BACIReader(countryCodes: codes, edition: editionFound!, release: release, errorLimit: errorLimit,
                                threads: threads)
        var builder = TradePanelBuilder(source: "BACI")
        for f in files {
            try reader.read(path: f, into: &builder) { progress?(f, $0) }
        }
        var provenance = BACIReader.provenance(edition: editionFound!, release: release, files: files.map(baseName) + [baseName(countryFile)])
        if let origin { provenance.retrievedFrom = origin + ": " + provenance.retrievedFrom }
        builder.provenance = [provenance]
        return try builder.write(to: path, errorLimit: errorLimit, threads: threads) { progress?("writing " + path, $0) }
    }

    /// Imports UN Comtrade v1 files.
    /// - Parameter origin: where the files came from (a fetch), named first in the provenance.
    @discardableResult
    public static func comtrade(files: [String], reader: ComtradeReader = ComtradeReader(), to path: String,
                                progress: ((String, Double) -> Void)? = nil, origin: String? = nil) throws -> PanelStoreHeader {
        guard !files.isEmpty else {
            throw DataReadError(issues: [DataIssue(file: path, message: "no input files")])
        }
        var builder = TradePanelBuilder(source: "UN Comtrade")
        for f in files {
            try reader.read(path: f, into: &builder) { progress?(f, $0) }
        }
        var provenance = ComtradeReader.provenance(files: files.map(baseName))
        if let origin { provenance.retrievedFrom = origin + " → " + provenance.retrievedFrom }
        builder.provenance = [provenance]
        return try builder.write(to: path, errorLimit: reader.errorLimit) { progress?("writing " + path, $0) }
    }

    private static func baseName(_ path: String) -> String {
        path.split(separator: "/").last.map(String.init) ?? path
    }
}
