import DecoupleCore

/// What a ``Figure`` measures. Raw values are the JSON and CSV names.
public enum FigureMetric: String, Sendable, Codable, CaseIterable {
    case partnerShare = "partner_share"
    case tradeValue = "trade_value"
    case shareChange = "share_change"
    case sourceGap = "source_gap"
    case sectorsWithRivalTopLookThroughSupplier = "sectors_with_rival_top_look_through_supplier"
    case rivalWorldProductionShare = "rival_world_production_share"
    /// The rival's share of world refinery (smelter, plant) production of a mineral.
    case rivalWorldRefineryShare = "rival_world_refinery_share"
    /// How many minerals of the critical-minerals list the reporter imports entirely (net import reliance 100 %).
    case criticalMineralsFullyImportReliant = "critical_minerals_fully_import_reliant"
    case recycledShare = "recycled_share"
    case partnerRank = "partner_rank"
    case netImportReliance = "net_import_reliance"
    case mirrorGap = "mirror_gap"
    case lookThroughInputShare = "look_through_input_share"
    case lookThroughForeignRequirementShare = "look_through_foreign_requirement_share"
    case importSourceShare = "import_source_share"
    case importShareFromChallenger = "import_share_from_challenger"
    case faceValueInputShare = "face_value_input_share"
    case faceValueImportedInputShare = "face_value_imported_input_share"
    case dominatedProductLines = "dominated_product_lines"
    /// Chain stages whose imports reach the report's minimum and come at least half from the rival.
    case chainStagesMostlyFromRival = "chain_stages_mostly_from_rival"
    /// Chain stages whose imports reach the report's minimum (the denominator of the count above).
    case chainStagesCounted = "chain_stages_counted"
    /// A model's balanced accuracy on the dated stage outcomes (the framework or a null model, in `product`).
    case evaluationBalancedAccuracy = "evaluation_balanced_accuracy"
    /// The permutation test's p-value of the framework's score.
    case evaluationPValue = "evaluation_p_value"
    case technologyShare = "technology_share"
    case manufacturingShare = "manufacturing_share"
    case marketShare = "market_share"
}

/// Which flow a ``Figure`` is of. Raw values are the JSON and CSV names.
public enum FigureFlow: String, Sendable, Codable, CaseIterable {
    case imports = "imports"
    case exports = "exports"
    case total = "total"
    case intermediateInputs = "intermediate inputs"
}

/// The unit of a ``Figure``'s value. Raw values are the JSON and CSV names.
public enum FigureUnit: String, Sendable, Codable, CaseIterable {
    /// 0.163 is 16.3%.
    case fraction
    /// A change of fractions (0.02 is two percentage points).
    case fractionPoints = "fraction points"
    /// US dollars.
    case usd = "USD"
    case count
    case rank
}
