import DecoupleCore

/// Two economies' (or blocs') shares of world exports and world imports of each chain stage's
/// products, year by year, from an all-reporter panel (CEPII BACI): the framework's
/// manufacturing (exports) and market (imports) indicators at stage granularity.
///
/// For a stage s with taxonomy lines k and weights w_k, a country set C and year t:
///
///     exportShare_C(s, t) = Σ_{c∈C} Σ_k w_k X_{c,k,t} / Σ_{c} Σ_k w_k X_{c,k,t}
///     importShare_C(s, t) = Σ_{c∈C} Σ_k w_k M_{c,k,t} / Σ_{c} Σ_k w_k M_{c,k,t}
///
/// where X_{c,k,t} is c's exports of k to every partner economy (aggregates such as `WLD` are
/// left out, so a source with World rows is not counted twice) and M the same for imports.
/// The denominators sum over every reporter that is an economy. A bloc (the EU) is the sum of
/// its members, intra-bloc trade included — the sum of member states, as the members report it.
public struct StageWorldShares: Sendable, Codable, Hashable {
    /// One stage in one year.
    public struct Row: Sendable, Codable, Hashable {
        public var chain: String
        public var stage: String
        public var year: Int
        /// Share of world exports of the stage's lines: leader, challenger (nil without world trade).
        public var leaderExportShare: Double?
        public var challengerExportShare: Double?
        /// Share of world imports of the stage's lines.
        public var leaderImportShare: Double?
        public var challengerImportShare: Double?
        /// World exports and imports of the stage's lines (weighted), US dollars.
        public var worldExports: Double
        public var worldImports: Double
    }

    /// Rows in chain, stage and year order.
    public var rows: [Row]

    /// The row of a stage in a year.
    public func row(chain: String, stage: String, year: Int) -> Row? {
        rows.first { $0.chain == chain && $0.stage == stage && $0.year == year }
    }
}

/// The request behind ``StageWorldShares``: two aggregations (exports and imports by year,
/// chain, stage and reporter) over the taxonomy's stage members.
public struct StageWorldSharesRequest: TradeMeasureRequest {
    /// Every stage's lines with their weights, per edition (``members(of:)``).
    public var members: [ProductGroupMember]
    /// The leader's countries (one, or a bloc's members).
    public var leader: Set<Country>
    /// The challenger's countries.
    public var challenger: Set<Country>
    /// The years to cover (every year of the panel when nil).
    public var years: [Int]?

    public init(members: [ProductGroupMember], leader: Set<Country>, challenger: Set<Country>, years: [Int]? = nil) {
        self.members = members
        self.leader = leader
        self.challenger = challenger
        self.years = years
    }

    /// Every HS6 line of every stage of the taxonomy, in every edition, with its weight: a line
    /// shared between two stages belongs to both, each with its own weight.
    public static func members(of taxonomy: StrategicTaxonomy) -> [ProductGroupMember] {
        var out: [ProductGroupMember] = []
        for chain in taxonomy.chains {
            for stage in chain.stages {
                for e in HSEdition.allCases {
                    for (code, w) in taxonomy.codes(chain: chain.id, stage: stage.id, edition: e).sorted(by: { $0.key < $1.key }) where w > 0 {
                        out.append(ProductGroupMember(code: code, edition: e, chain: chain.id, stage: stage.id, weight: w))
                    }
                }
            }
        }
        return out
    }

    public var queries: [TradeAggregationQuery] {
        [TradeSide.exports, .imports].map {
            TradeAggregationQuery(side: $0, years: years, partners: PartnerRule.standardPartners, products: .groups(members),
                                  groupBy: [.year, .chain, .stage, .reporter])
        }
    }

    public func result(from aggregates: [TradeAggregate]) -> StageWorldShares {
        struct Sums { var world = 0.0, leader = 0.0, challenger = 0.0 }
        struct Key: Hashable { var chain: String, stage: String, year: Int }
        func sums(_ aggregate: TradeAggregate) -> [Key: Sums] {
            var out: [Key: Sums] = [:]
            for row in aggregate.rows {
                guard let year = row.year, let chain = row.chain, let stage = row.stage, let reporter = row.reporter,
                      !PartnerRule.isAggregate(reporter) else { continue }
                let key = Key(chain: chain, stage: stage, year: year)
                var s = out[key] ?? Sums()
                s.world += row.value
                if leader.contains(reporter) { s.leader += row.value }
                if challenger.contains(reporter) { s.challenger += row.value }
                out[key] = s
            }
            return out
        }
        let exports = sums(aggregates[0]), imports = sums(aggregates[1])
        var rows: [StageWorldShares.Row] = []
        for key in Set(exports.keys).union(imports.keys).sorted(by: { ($0.chain, $0.stage, $0.year) < ($1.chain, $1.stage, $1.year) }) {
            let x = exports[key] ?? Sums(), m = imports[key] ?? Sums()
            rows.append(StageWorldShares.Row(
                chain: key.chain, stage: key.stage, year: key.year,
                leaderExportShare: x.world > 0 ? x.leader / x.world : nil, challengerExportShare: x.world > 0 ? x.challenger / x.world : nil,
                leaderImportShare: m.world > 0 ? m.leader / m.world : nil, challengerImportShare: m.world > 0 ? m.challenger / m.world : nil,
                worldExports: x.world, worldImports: m.world))
        }
        return StageWorldShares(rows: rows)
    }
}

/// One importer's (or bloc's) imports of every chain stage by partner and year: what the
/// framework's dated vulnerability reads (the challenger's share, and concentration among
/// suppliers that are not allies). A bloc's imports from its own members are left out: the
/// EU's vulnerability is to suppliers outside it.
public struct StageImports: Sendable, Codable, Hashable {
    /// One stage in one year.
    public struct Row: Sendable, Codable, Hashable {
        public var chain: String
        public var stage: String
        public var year: Int
        /// Imports by partner economy (weighted lines), US dollars.
        public var byPartner: [Country: Double]
        /// Σ over partners.
        public var total: Double

        public init(chain: String, stage: String, year: Int, byPartner: [Country: Double], total: Double) {
            self.chain = chain
            self.stage = stage
            self.year = year
            self.byPartner = byPartner
            self.total = total
        }
    }

    public var rows: [Row]

    public init(rows: [Row]) { self.rows = rows }

    /// The years with a row for a stage, ascending.
    public func years(chain: String, stage: String) -> [Int] {
        rows.filter { $0.chain == chain && $0.stage == stage }.map(\.year).sorted()
    }

    /// The row of a stage in a year.
    public func row(chain: String, stage: String, year: Int) -> Row? {
        rows.first { $0.chain == chain && $0.stage == stage && $0.year == year }
    }
}

/// The request behind ``StageImports``: one aggregation of the importer's imports by year,
/// chain, stage and partner.
public struct StageImportsRequest: TradeMeasureRequest {
    public var members: [ProductGroupMember]
    /// The importing economy, or a bloc's members.
    public var importer: Set<Country>
    public var years: [Int]?

    public init(members: [ProductGroupMember], importer: Set<Country>, years: [Int]? = nil) {
        self.members = members
        self.importer = importer
        self.years = years
    }

    public var queries: [TradeAggregationQuery] {
        [TradeAggregationQuery(side: .imports, years: years, reporters: importer.sorted(), partners: PartnerRule.standardPartners,
                               products: .groups(members), groupBy: [.year, .chain, .stage, .partner])]
    }

    public func result(from aggregates: [TradeAggregate]) -> StageImports {
        struct Key: Hashable { var chain: String, stage: String, year: Int }
        var values: [Key: [Country: Double]] = [:]
        for row in aggregates[0].rows {
            guard let year = row.year, let chain = row.chain, let stage = row.stage, let partner = row.partner,
                  !importer.contains(partner) else { continue }
            values[Key(chain: chain, stage: stage, year: year), default: [:]][partner, default: 0] += row.value
        }
        let rows = values.map { key, byPartner in
            StageImports.Row(chain: key.chain, stage: key.stage, year: key.year, byPartner: byPartner,
                             total: byPartner.sorted { $0.key < $1.key }.reduce(0) { $0 + $1.value })
        }.sorted { ($0.chain, $0.stage, $0.year) < ($1.chain, $1.stage, $1.year) }
        return StageImports(rows: rows)
    }
}
