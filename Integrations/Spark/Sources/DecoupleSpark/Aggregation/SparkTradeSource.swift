import DecoupleCore
import DecoupleTrade

/// The trade data as the Spark server sees them: where they are, how they are stored and in
/// which layout.
public struct SparkTradeSource: Sendable {
    /// How Spark reads the data.
    public enum Format: String, Sendable, CaseIterable {
        /// CSV with a header line, gzip or plain (a file, folder or glob).
        case csv
        /// Parquet (a file, folder or glob).
        case parquet
        /// A table or view of the server's catalog.
        case table
    }

    /// The path (as the server sees it) or table name.
    public var location: String
    public var format: Format
    public var layout: TradeSourceLayout
    /// The HS edition of a BACI release; for Comtrade, the edition of files without a
    /// `classificationCode` column.
    public var edition: HSEdition?
    /// The BACI release's country codes (BACI layout only).
    public var countryCodes: BACICountryCodes?

    /// - Parameter format: nil to tell from `location`: `csv:`/`parquet:`/`table:` prefixes,
    ///   else `.parquet` → Parquet, a path with `/` or a `.csv`/`.gz`/`.txt` suffix → CSV,
    ///   anything else a table name.
    public init(location: String, layout: TradeSourceLayout, format: Format? = nil, edition: HSEdition? = nil,
                countryCodes: BACICountryCodes? = nil) throws {
        var location = location
        var found = format
        for f in Format.allCases where location.hasPrefix(f.rawValue + ":") {
            found = f
            location = String(location.dropFirst(f.rawValue.count + 1))
        }
        if found == nil {
            let lower = location.lowercased()
            if lower.hasSuffix(".parquet") { found = .parquet }
            else if lower.contains("/") || [".csv", ".gz", ".txt"].contains(where: { lower.hasSuffix($0) }) { found = .csv }
            else { found = .table }
        }
        guard !location.isEmpty else { throw SparkTradeSourceError("the Spark source is empty (give --spark-source PATH or TABLE)") }
        if found == .table {
            guard location.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "_" || $0 == "." }) else {
                throw SparkTradeSourceError("'\(location)' is not a table name (letters, digits, _ and .); prefix a path with csv: or parquet:")
            }
        }
        if layout == .baci {
            guard edition != nil else {
                throw SparkTradeSourceError("a BACI source needs its HS edition (--spark-edition, e.g. HS2017)")
            }
            guard countryCodes != nil else {
                throw SparkTradeSourceError("a BACI source needs the release's country file (--baci-country-codes country_codes_V….csv)")
            }
        }
        self.location = location
        self.format = found!
        self.layout = layout
        self.edition = edition
        self.countryCodes = countryCodes
    }

    /// The name of the temporary view a file source is read through.
    public static let viewName = "decouple_trade_source"

    /// The statement that makes the data readable as ``relation`` (nil for a table).
    public var setupStatement: String? {
        switch format {
        case .csv:
            "CREATE OR REPLACE TEMPORARY VIEW \(Self.viewName) USING csv OPTIONS (path \(SparkSQLText.string(location)), header 'true')"
        case .parquet:
            "CREATE OR REPLACE TEMPORARY VIEW \(Self.viewName) USING parquet OPTIONS (path \(SparkSQLText.string(location)))"
        case .table:
            nil
        }
    }

    /// What to select from.
    public var relation: String { format == .table ? location : Self.viewName }

    /// The provenance the local import of the same file records.
    var provenance: [Provenance] {
        let file = location.split(separator: "/").last.map(String.init) ?? location
        switch layout {
        case .baci:
            let release = BACIFileName(location)?.release
            let countryFile = countryCodes.map { $0.file.split(separator: "/").last.map(String.init) ?? $0.file }
            return [BACIReader.provenance(edition: edition ?? .hs2017, release: release, files: [file] + (countryFile.map { [$0] } ?? []))]
        case .comtrade:
            return [ComtradeReader.provenance(files: [file])]
        }
    }
}
