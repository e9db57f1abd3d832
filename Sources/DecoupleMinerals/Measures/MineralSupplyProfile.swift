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
    /// The stage of supply of ``production`` (mine, refinery), nil when its type names none.
    public let productionStage: SupplyStage?
    /// Why ``production`` is nil although the world table has rows ("n/a — world total not published").
    public let productionGap: WorldShares.Gap?
    /// Why ``processing`` is nil although the world table has a processing type.
    public let processingGap: WorldShares.Gap?
    /// Why ``reserves`` is nil although the world table has a reserves column.
    public let reservesGap: WorldShares.Gap?
    /// The rival's shares at each stage and of reserves, as far as the tables state them.
    public let rivalShares: StageShares
    /// The leader's shares (its reserves share is its endowment).
    public let leaderShares: StageShares
    /// The leader's and its allies' shares together.
    public let alliedShares: StageShares
    /// The countries that stand for the leader and the rival: a bloc's members (the EU in the
    /// production year), else the country itself.
    public let leaderMembers: [Country]
    public let rivalMembers: [Country]

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
        let production = WorldShares(rows: input.production, world: input.worldProduction)
        let processing = input.processingType == nil ? nil : WorldShares(rows: input.processing, world: input.worldProcessing)
        let reserves = WorldShares(rows: input.reserves, world: input.worldReserves)
        let hasProduction = !input.production.isEmpty || input.worldProduction != nil
        let productionGap = production == nil && hasProduction ? WorldShares.gap(rows: input.production, world: input.worldProduction) : nil
        let processingGap = processing == nil && input.processingType != nil
            ? WorldShares.gap(rows: input.processing, world: input.worldProcessing) : nil
        let hasReserves = !input.reserves.isEmpty || input.worldReserves != nil || input.reservesColumn != nil
        let reservesGap = reserves == nil && hasReserves ? (WorldShares.gap(rows: input.reserves, world: input.worldReserves) ?? .nothingPublished) : nil
        self.production = production
        self.processing = processing
        self.reserves = reserves
        self.productionGap = productionGap
        self.processingGap = processingGap
        self.reservesGap = reservesGap
        processingType = input.processingType
        productionStage = input.productionStage
        // The tables of each stage: the production table when its type names the stage, the
        // processing table (always a refinery-stage type) for the refinery stage.
        let edition = input.edition
        func stage(_ s: SupplyStage) -> (rows: [PlaceAmount], shares: WorldShares?, gap: String) {
            let missing = "n/a — no \(s.productionName) in the MCS \(edition) world table"
            if input.productionStage == s { return (input.production, production, productionGap?.rawValue ?? missing) }
            if s == .refinery, input.processingType != nil { return (input.processing, processing, processingGap?.rawValue ?? missing) }
            return ([], nil, missing)
        }
        let mine = stage(.mine), refinery = stage(.refinery)
        let reservesTable = (rows: input.reserves, shares: reserves, gap: reservesGap?.rawValue ?? "n/a — no reserves in the MCS \(edition) world table")
        func shares(_ group: Set<Country>) -> StageShares {
            StageShares(mine: WorldShareValue(of: group, in: mine.shares, rows: mine.rows, gap: mine.gap),
                        refinery: WorldShareValue(of: group, in: refinery.shares, rows: refinery.rows, gap: refinery.gap),
                        reserves: WorldShareValue(of: group, in: reservesTable.shares, rows: reservesTable.rows, gap: reservesTable.gap))
        }
        // A bloc (the EU) is the sum of its members in the production year's membership.
        let memberYear = input.productionYear ?? input.edition - 1
        func members(_ c: Country) -> Set<Country> { CountryGroup.group(c)?.members(in: memberYear) ?? [c] }
        let leaderMembers = members(leader), rivalMembers = members(rival)
        self.leaderMembers = leaderMembers.sorted()
        self.rivalMembers = rivalMembers.sorted()
        rivalShares = shares(rivalMembers)
        leaderShares = shares(leaderMembers)
        alliedShares = shares(allies.union(leaderMembers))
        imports = ImportExposure(sources: input.importSources, rival: rival, allies: allies)
        supplyRisk = SupplyRisk(shares: production, rivalProductionShare: production?.share(of: rivalMembers) ?? 0,
                                reliance: latest, weights: riskWeights)
    }

    /// The rival's share of world production (0 when not listed).
    public var rivalProductionShare: Double? { production?.share(of: Set(rivalMembers)) }
    /// The rival's share of world reserves.
    public var rivalReservesShare: Double? { reserves?.share(of: Set(rivalMembers)) }
    /// The leader's share of world reserves: its endowment.
    public var leaderReservesShare: Double? { reserves?.share(of: Set(leaderMembers)) }
    /// The leader's share of world production.
    public var leaderProductionShare: Double? { production?.share(of: Set(leaderMembers)) }
    /// The leader's and its allies' share of world production.
    public var alliedProductionShare: Double? { production?.share(of: Set(allies).union(leaderMembers)) }
    /// The leader's and its allies' share of the processing stage.
    public var alliedProcessingShare: Double? { processing?.share(of: Set(allies).union(leaderMembers)) }
}

/// A country's (or group's) shares of world mine production, of world refinery production and
/// of world reserves, each as the USGS tables allow it to be stated (``WorldShareValue``).
public struct StageShares: Sendable, Codable, Hashable {
    /// Share of world mine production (ores and concentrates).
    public let mine: WorldShareValue
    /// Share of world refinery (smelter, plant) production: chemicals and metal.
    public let refinery: WorldShareValue
    /// Share of world reserves.
    public let reserves: WorldShareValue

    /// Creates the three values.
    public init(mine: WorldShareValue, refinery: WorldShareValue, reserves: WorldShareValue) {
        self.mine = mine
        self.refinery = refinery
        self.reserves = reserves
    }

    /// The share at a stage of supply.
    public func at(_ stage: SupplyStage) -> WorldShareValue {
        switch stage {
        case .mine: mine
        case .refinery: refinery
        }
    }
}

extension MineralSupplyProfile {
    /// The world shares at a stage of supply: the production table when its type names the
    /// stage, the processing table for the refinery stage; nil when the edition publishes no
    /// such table or no world total for it.
    public func shares(at stage: SupplyStage) -> WorldShares? {
        if productionStage == stage { return production }
        return stage == .refinery ? processing : nil
    }

    /// The rival's share at the stage of supply that matches a stage of the strategic
    /// taxonomy (`ore` → mine production; `chemical`, `metal`, `magnets` → refinery
    /// production), nil for a stage id with no supply stage.
    public func rivalShare(taxonomyStage: String) -> WorldShareValue? {
        SupplyStage(taxonomyStage: taxonomyStage).map(rivalShares.at)
    }
}
