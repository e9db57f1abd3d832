import DecoupleCore

/// A reporter's imports of each strategic chain and stage in a product-level dataset, in its
/// latest period: the one home of "the rival's share of the reporter's imports of a chain stage"
/// that the report, the dashboard and the framework's vulnerability all read.
///
/// A stage's trade is Σ_k w_k m_k over the stage's HS6 lines k in the data's edition, with the
/// taxonomy's weights w_k (a line shared between stages counts with its share); partner shares
/// divide by the sum over the partners in the data (``DenominatorBasis/sumOfPartners``) unless
/// the data carry a World total.
public struct StrategicImports: Sendable {
    /// The importing economy.
    public let reporter: Country
    /// The latest period of the data: the one every share is of.
    public let period: Period
    /// The HS edition the codes are taken in: the data's own, else the edition in force in the
    /// period's year (never a fixed default).
    public let edition: HSEdition
    /// The dataset id, for figures' sources.
    public let source: String
    private let cube: TradeCube
    private let taxonomy: StrategicTaxonomy

    /// Nil when `data` has no imports by `reporter`.
    public init?(data: TradeDataset, taxonomy: StrategicTaxonomy, reporter: Country, countries: CountryTable = .standard) {
        let cube = TradeCube(flows: data.flows, query: TradeQuery(reporter: reporter, flow: .imports, productLevel: .hs6), countries: countries)
        guard let period = cube.periods.last else { return nil }
        self.reporter = reporter
        self.period = period
        self.edition = data.flows.first { $0.product.edition != nil }?.product.edition ?? HSEdition.inForce(in: period.year)
        self.source = data.id
        self.cube = cube
        self.taxonomy = taxonomy
    }

    /// The taxonomy's HS6 lines of a chain (or one stage) in ``edition``, with their weights.
    public func codes(chain: String, stage: String? = nil) -> [String: Double] {
        taxonomy.codes(chain: chain, stage: stage, edition: edition)
    }

    /// The reporter's imports of a chain (or one stage) by partner in ``period``.
    public func trade(chain: String, stage: String? = nil) -> ProductSetTrade {
        cube.trade(in: codes(chain: chain, stage: stage), period: period)
    }

    /// `partner`'s share of the reporter's imports of a chain (or stage); nil when there are none.
    public func share(of partner: Country, chain: String, stage: String? = nil) -> Double? {
        trade(chain: chain, stage: stage).share(of: partner)
    }

    /// The reporter's imports of every chain stage by partner, as one year of ``StageImports``
    /// (the dated vulnerability's input when no all-reporter panel is loaded).
    public func stageImports() -> StageImports {
        var rows: [StageImports.Row] = []
        for chain in taxonomy.chains {
            for stage in chain.stages where !codes(chain: chain.id, stage: stage.id).isEmpty {
                let t = trade(chain: chain.id, stage: stage.id)
                rows.append(StageImports.Row(chain: chain.id, stage: stage.id, year: period.year, byPartner: t.byPartner, total: t.total))
            }
        }
        return StageImports(rows: rows)
    }
}
