import DecoupleCore

/// What the mineral measures need about one commodity in one MCS edition, already selected
/// from the USGS tables (by `MineralSupplySelection` in the `decouple` tool, which reads them
/// with the USGS readers of this module). Every amount carries its provenance.
public struct MineralSupplyInput: Sendable, Codable {
    /// One year of US salient statistics.
    public struct SalientYear: Sendable, Codable, Hashable {
        public var year: Int
        public var reportedReliance: MineralAmount?
        public var usProduction: MineralAmount?
        public var imports: MineralAmount?
        public var exports: MineralAmount?
        public var apparentConsumption: MineralAmount?
        /// Secondary (scrap, recycled) supply used for the recycled share, when the file has it.
        public var secondarySupply: MineralAmount?

        public init(year: Int, reportedReliance: MineralAmount? = nil, usProduction: MineralAmount? = nil,
                    imports: MineralAmount? = nil, exports: MineralAmount? = nil,
                    apparentConsumption: MineralAmount? = nil, secondarySupply: MineralAmount? = nil) {
            self.year = year
            self.reportedReliance = reportedReliance
            self.usProduction = usProduction
            self.imports = imports
            self.exports = exports
            self.apparentConsumption = apparentConsumption
            self.secondarySupply = secondarySupply
        }
    }

    /// One import source with its share when the source gives one.
    public struct ImportSource: Sendable, Codable, Hashable {
        public var country: Country?
        public var label: String
        /// Percent of US imports, when known.
        public var share: MineralAmount?
        /// Where the name comes from (for names without a share).
        public var source: MineralProvenance

        public init(country: Country?, label: String, share: MineralAmount?, source: MineralProvenance) {
            self.country = country
            self.label = label
            self.share = share
            self.source = source
        }
    }

    /// The USGS commodity code (`lithi`).
    public var code: String
    public var name: String
    public var edition: Int
    /// The year of the production and share figures (the edition's estimate year).
    public var productionYear: Int?
    /// The production type used ("Mine production, lithium content").
    public var productionType: String
    /// The stage of supply ``productionType`` names (mine, refinery), nil when it names none.
    public var productionStage: SupplyStage? {
        productionType.isEmpty ? nil : SupplyStage(productionType: productionType)
    }
    /// Production by country (and aggregate rows) for ``productionYear``.
    public var production: [PlaceAmount]
    /// The published world total of that production.
    public var worldProduction: MineralAmount?
    /// A processing stage (refinery, smelter, plant production), when the file has one.
    public var processingType: String?
    public var processing: [PlaceAmount]
    public var worldProcessing: MineralAmount?
    /// Reserves by country.
    public var reserves: [PlaceAmount]
    public var worldReserves: MineralAmount?
    /// The reserves column read (`Reserves_t`), nil when the world table has none.
    public var reservesColumn: String?
    /// US salient statistics, ascending by year.
    public var salient: [SalientYear]
    /// Net import reliance from the edition's ranking figure (its estimate year), when listed.
    public var rankedReliance: MineralAmount?
    /// Major import sources, in descending order of share (shares where the source gives them).
    public var importSources: [ImportSource]

    public init(code: String, name: String, edition: Int, productionYear: Int? = nil, productionType: String = "",
                production: [PlaceAmount] = [], worldProduction: MineralAmount? = nil, processingType: String? = nil,
                processing: [PlaceAmount] = [], worldProcessing: MineralAmount? = nil, reserves: [PlaceAmount] = [],
                worldReserves: MineralAmount? = nil, salient: [SalientYear] = [], rankedReliance: MineralAmount? = nil,
                importSources: [ImportSource] = []) {
        self.code = code
        self.name = name
        self.edition = edition
        self.productionYear = productionYear
        self.productionType = productionType
        self.production = production
        self.worldProduction = worldProduction
        self.processingType = processingType
        self.processing = processing
        self.worldProcessing = worldProcessing
        self.reserves = reserves
        self.worldReserves = worldReserves
        self.salient = salient
        self.rankedReliance = rankedReliance
        self.importSources = importSources
    }
}
