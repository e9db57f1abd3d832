import DecoupleCore

/// Where US imports of a mineral come from, and how much from the rival and from allies.
///
/// With percentage shares (MCS chapter "Import sources"):
/// `rivalImportShare = share(rival)`, `allyImportShare = Σ share(ally)`. With names only
/// (the MCS "net import reliance" figure lists up to four major sources in descending order of
/// share) the shares are unknown; ``rivalRank`` still says whether, and where, the rival is listed.
public struct ImportExposure: Sendable, Codable, Hashable {
    public let sources: [MineralSupplyInput.ImportSource]
    /// Percent of imports from the rival, when shares are known.
    public let rivalImportShare: Double?
    /// Percent of imports from allies, when shares are known.
    public let allyImportShare: Double?
    /// 1-based position of the rival among the listed sources, nil when not listed.
    public let rivalRank: Int?
    public let hasShares: Bool

    public init(sources: [MineralSupplyInput.ImportSource], rival: Country, allies: Set<Country>) {
        self.sources = sources
        let withShares = sources.compactMap { s in s.share?.amount.exact.map { (s.country, $0) } }
        hasShares = !withShares.isEmpty && withShares.count == sources.count
        rivalRank = sources.firstIndex { $0.country == rival }.map { $0 + 1 }
        if hasShares {
            rivalImportShare = withShares.filter { $0.0 == rival }.reduce(0) { $0 + $1.1 }
            allyImportShare = withShares.filter { $0.0.map(allies.contains) ?? false }.reduce(0) { $0 + $1.1 }
        } else {
            rivalImportShare = nil
            allyImportShare = nil
        }
    }
}
