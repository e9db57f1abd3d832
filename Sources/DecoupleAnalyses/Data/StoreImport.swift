import DecoupleCore
import DecoupleTrade

/// `decouple data import`: trade files into a panel store, written atomically (a malformed file
/// stops the import and leaves no store behind).
public enum StoreImport {
    /// The store's path for `--out`: a path, or a bare name in the store folder.
    public static func path(for out: String) -> String { PanelStoreDirectory.path(for: out) }

    /// CEPII BACI files (one release, one HS edition) into the store at `path`.
    public static func baci(files: [String], countryCodes: String?, edition: HSEdition?, to path: String,
                            progress: ((String, Double) -> Void)? = nil) throws -> PanelStoreHeader {
        try PanelImport.baci(files: files, countryCodes: countryCodes, edition: edition, to: path, progress: progress)
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
        return try PanelImport.comtrade(files: files, reader: reader, to: path, progress: progress)
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
