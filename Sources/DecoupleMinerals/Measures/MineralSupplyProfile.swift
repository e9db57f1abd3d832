import DecoupleCore

/// Everything Decouple measures about one mineral for a leader–rival pair: reliance (reported
/// and recomputed), world production and reserves shares with concentration, the rival's and
/// the leader's shares (the leader's reserves share is its *endowment*), import sources and
/// the supply-risk score.
public struct MineralSupplyProfile: Sendable, Codable {
    public let code: String
    public let name: String
    public let edition: Int
    public let leader: Country
    public let rival: Country
    public let allies: [Country]
    public let productionYear: Int?
    public let productionType: String
    /// Net import reliance per salient year, ascending.
    public let relianceSeries: [NetImportReliance]
    /// The latest year's reliance; the ranking figure's when the salient file has none.
    public let latestReliance: NetImportReliance?
    public let recycled: RecycledShare?
    public let production: WorldShares?
    public let processingType: String?
    public let processing: WorldShares?
    public let reserves: WorldShares?
    public let imports: ImportExposure
    public let supplyRisk: SupplyRisk?

    public init(_ input: MineralSupplyInput, leader: Country, rival: Country, allies: Set<Country>,
                riskWeights: SupplyRisk.Weights = .init()) {
        code = input.code
        name = input.name
        edition = input.edition
        self.leader = leader
        self.rival = rival
        self.allies = allies.sorted()
        productionYear = input.productionYear
        productionType = input.productionType
        relianceSeries = input.salient.map(NetImportReliance.init)
        var latest = relianceSeries.last
        if let ranked = input.rankedReliance {
            let year = input.productionYear ?? latest?.year ?? input.edition - 1
            if latest == nil || latest!.year < year || latest?.reported == nil {
                latest = NetImportReliance(.init(year: year, reportedReliance: ranked))
            }
        }
        latestReliance = latest
        recycled = input.salient.reversed().lazy.compactMap(RecycledShare.init).first
        production = WorldShares(rows: input.production, world: input.worldProduction)
        processingType = input.processingType
        processing = input.processingType == nil ? nil : WorldShares(rows: input.processing, world: input.worldProcessing)
        reserves = WorldShares(rows: input.reserves, world: input.worldReserves)
        imports = ImportExposure(sources: input.importSources, rival: rival, allies: allies)
        supplyRisk = SupplyRisk(shares: production, rivalProductionShare: production?.share(of: rival) ?? 0,
                                reliance: latest, weights: riskWeights)
    }

    /// The rival's share of world production (0 when not listed).
    public var rivalProductionShare: Double? { production?.share(of: rival) }
    /// The rival's share of world reserves.
    public var rivalReservesShare: Double? { reserves?.share(of: rival) }
    /// The leader's share of world reserves: its endowment.
    public var leaderReservesShare: Double? { reserves?.share(of: leader) }
    /// The leader's share of world production.
    public var leaderProductionShare: Double? { production?.share(of: leader) }
    /// The leader's and its allies' share of world production.
    public var alliedProductionShare: Double? { production?.share(of: Set(allies).union([leader])) }
    /// The leader's and its allies' share of the processing stage.
    public var alliedProcessingShare: Double? { processing?.share(of: Set(allies).union([leader])) }
}
