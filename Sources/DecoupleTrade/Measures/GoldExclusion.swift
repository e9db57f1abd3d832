import DecoupleCore

/// Gold and the special-provision chapters, which partner rankings and "who gained" leave out
/// by default: flows of monetary and non-monetary gold (HS 7108; 7118 coin) follow bullion
/// markets, not supply chains, and put Switzerland at the top of any gain in US import shares;
/// HS chapters 98 and 99 are national special provisions (US goods returned, low-value
/// shipments), not products.
///
/// At HS4 and finer the exclusion is exact (headings 7108 and 7118, chapters 98 and 99). Data
/// by HS2 chapter cannot separate gold from the rest of chapter 71 (precious stones, jewellery),
/// so there the whole of chapter 71 is left out, and ``note(level:)`` says so.
public enum GoldExclusion {
    /// The product-code prefixes to leave out of data whose finest level is `level`.
    public static func prefixes(level: ProductLevel) -> [String] {
        switch level {
        case .total: []
        case .hs2: ["71", "98", "99"]
        default: ["7108", "7118", "98", "99"]
        }
    }

    /// The sentence a section prints when the exclusion applies to data at `level`.
    public static func note(level: ProductLevel) -> String {
        switch level {
        case .total: "the data have no product detail, so gold cannot be left out"
        case .hs2: "gold left out: the data are by HS2 chapter, so all of chapter 71 (precious metals and stones, incl. non-monetary gold 7108) and chapters 98–99 (special provisions) are excluded; --include-gold keeps them"
        default: "gold left out: HS 7108 (gold), 7118 (coin) and chapters 98–99 (special provisions) are excluded; --include-gold keeps them"
        }
    }

    /// The finest product level of a dataset's flows (`.total` when none has a code).
    public static func level(of data: TradeDataset) -> ProductLevel {
        data.flows.reduce(ProductLevel.total) { max($0, $1.product.level) }
    }
}
