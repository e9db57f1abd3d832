import DecoupleCore
import DecoupleTrade

/// What `decouple trend` asks: the panel, the base year of changes, the policy year of the
/// difference in differences, and whether to show every stage.
public struct TrendRequest: Sendable {
    public var panel: TradePanelRequest
    public var baseYear = 2017
    public var policyYear = 2018
    public var stages = false

    public init(panel: TradePanelRequest) { self.panel = panel }
}

/// The rival's import share per product group and year, and selective decoupling
/// (`decouple trend --format json`).
public struct TrendDocument: Encodable, Sendable {
    /// The engine and its data (the store's path for the local engine).
    public let source: String
    public let provenance: [Provenance]
    public let reporter: Country
    public let rival: Country
    public let baseYear: Int
    public let groups: [DecouplingTrend]
    public let selectiveDecoupling: SelectiveDecouplingEstimate?
    /// The request's policy year and the strategic products' name, for renderings.
    public let policyYear: Int
    public let strategicProducts: String?
    /// Partners in the data when shares are of their sum (no World rows and not all reporters); nil otherwise.
    public let partnerSumOver: [Country]?
    /// What could not be done, said to the user (the taxonomy could not be read …).
    public let warnings: [String]

    enum CodingKeys: String, CodingKey { case source, provenance, reporter, rival, baseYear, groups, selectiveDecoupling }
}

/// `decouple trend`: share trends per chain (or stage, or code list) and the DiD estimate.
public enum TrendAnalysis {
    public static func run(_ q: TrendRequest) async throws -> TrendDocument {
        let reporter = q.panel.reporter, rival = q.panel.rival
        let engine = try await q.panel.openEngine()
        let panel = try await engine.describe()
        var groups: [ProductSelection] = []
        var strategic: ProductSelection? = nil
        var warnings: [String] = []
        if q.panel.namesProducts {
            let s = try q.panel.selection()
            groups = [s]
            strategic = s
        } else {
            groups = [.all]
            do {
                let taxonomy = try q.panel.taxonomy()
                for chain in taxonomy.chains {
                    groups.append(try .chain(chain.id, taxonomy: taxonomy))
                    if q.stages {
                        for stage in chain.stages { groups.append(try .chain(chain.id, stage: stage.id, taxonomy: taxonomy)) }
                    }
                }
                strategic = .allStrategicChains(of: taxonomy)
            } catch {
                warnings.append("the taxonomy could not be read, showing all products only: \(error)")
            }
        }
        var trends: [DecouplingTrend] = []
        for group in groups {
            let trend = try await engine.measure(DecouplingTrendRequest(reporter: reporter, rival: rival, products: group,
                                                                        years: q.panel.years, baseYear: q.baseYear))
            if !trend.points.isEmpty { trends.append(trend) }
        }
        guard !trends.isEmpty else {
            throw AnalysisInputError("the data have no imports by \(reporter) for these products and years")
        }
        var did: SelectiveDecouplingEstimate? = nil
        if let strategic {
            did = try await engine.measure(SelectiveDecouplingRequest(reporter: reporter, rival: rival, strategic: strategic,
                                                                      policyYear: q.policyYear, years: q.panel.years))
        }
        var partnerSum: [Country]? = nil
        if !panel.coversAllReporters && trends.contains(where: { !$0.totalFromWorldRows }) {
            let shares = try await engine.measure(PartnerSharesRequest(country: reporter, side: .imports, years: q.panel.years.map(Array.init)))
            partnerSum = Array(Set(shares.flatMap { $0.partners.map(\.partner) }))
        }
        return TrendDocument(source: engine.name, provenance: panel.provenance, reporter: reporter, rival: rival,
                             baseYear: q.baseYear, groups: trends, selectiveDecoupling: did, policyYear: q.policyYear,
                             strategicProducts: strategic?.name, partnerSumOver: partnerSum, warnings: warnings)
    }
}
