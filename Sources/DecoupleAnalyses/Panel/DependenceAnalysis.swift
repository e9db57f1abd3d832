import DecoupleCore
import DecoupleTrade

/// What `decouple dependence` asks: a panel request, how many suppliers to list, and which
/// dependency screen to run for the last year.
public struct DependenceRequest: Sendable {
    public enum Screen: String, Sendable, CaseIterable { case none, eu, geodep }
    public var panel: TradePanelRequest
    public var top = 5
    public var screen = Screen.none
    /// Importers screened together by the EU screen: `EU27` or comma-separated countries; nil: the reporter.
    public var bloc: String?
    public var hhiThreshold = 0.4

    public init(panel: TradePanelRequest) { self.panel = panel }
}

/// The reporter's import dependence on the rival year by year, and the screens (`decouple
/// dependence --format json` prints it).
public struct DependenceDocument: Encodable, Sendable {
    /// One year.
    public struct Year: Codable, Sendable {
        public let year: Int
        public let importsUSD: Double
        public let rivalShare: Double
        public let topSuppliers: [PartnerValue]
        public let supplierHHI: Double
        public let supplierHHINormalized: Double
        public let asymmetry: DependenceAsymmetry
        public let rivalWorldMarketShare: Double?
        public let rivalRCA: Double?
        public let reporterRCA: Double?
        /// True when the total is the source's World rows, false when it is the sum over the partners in the data.
        public let totalFromWorldRows: Bool
    }

    /// The engine and its data (the store's path for the local engine).
    public let source: String
    public let provenance: [Provenance]
    public let reporter: Country
    public let rival: Country
    public let products: String
    public let years: [Year]
    public let euScreen: [StrategicDependencyScreen.Result]?
    public let geoDepScreen: [GeoDepScreen.Result]?
    /// The request's list length and screen cut-off, for renderings.
    public let top: Int
    public let hhiThreshold: Double
    /// Partners in the data when shares are of their sum (no World rows and not all reporters); nil otherwise.
    public let partnerSumOver: [Country]?

    enum CodingKeys: String, CodingKey { case source, provenance, reporter, rival, products, years, euScreen, geoDepScreen }
}

/// `decouple dependence`: shares, suppliers, HHI, asymmetry, RCA and dependency screens.
public enum DependenceAnalysis {
    public static func run(_ q: DependenceRequest) async throws -> DependenceDocument {
        let reporter = q.panel.reporter, rival = q.panel.rival
        let engine = try await q.panel.openEngine()
        let panel = try await engine.describe()
        let selection = try q.panel.selection()
        let years = q.panel.years.map { r in panel.years.filter { r.contains($0) } } ?? panel.years
        let tables = try await engine.measure(PartnerSharesRequest(country: reporter, side: .imports, years: years, products: selection))
        let asymmetries = try await engine.measure(DependenceAsymmetryRequest(country: reporter, on: rival, years: years, products: selection))
        var rows: [DependenceDocument.Year] = []
        var partnersSeen = Set<Country>()
        for t in tables {
            var world: WorldExportMatrix? = nil
            if panel.coversAllReporters { world = try await engine.measure(WorldExportsRequest(years: [t.year]))[t.year] }
            let weights = world.map { $0.products.map(selection.weight(of:)) } ?? []
            let r = world?.index(of: rival), me = world?.index(of: reporter)
            rows.append(.init(
                year: t.year, importsUSD: t.total, rivalShare: t.share(of: rival), topSuppliers: t.top(q.top),
                supplierHHI: t.hhi, supplierHHINormalized: t.normalizedHHI,
                asymmetry: asymmetries[t.year]!,
                rivalWorldMarketShare: r.flatMap { world?.worldMarketShare(country: $0, weights: weights) },
                rivalRCA: r.flatMap { world?.rca(country: $0, weights: weights) },
                reporterRCA: me.flatMap { world?.rca(country: $0, weights: weights) },
                totalFromWorldRows: t.totalFromWorldRows))
            partnersSeen.formUnion(t.partners.map(\.partner))
        }
        guard let last = rows.last?.year else {
            throw AnalysisInputError("the data have no imports of \(selection.name) by \(reporter)\(q.panel.years.map { " in \($0.lowerBound)–\($0.upperBound)" } ?? "")")
        }
        var eu: [StrategicDependencyScreen.Result]? = nil, geo: [GeoDepScreen.Result]? = nil
        switch q.screen {
        case .none: break
        case .eu:
            let members = try blocMembers(q.bloc, reporter: reporter)
            eu = try await engine.measure(StrategicDependencyScreen(thresholds: .init(hhi: q.hhiThreshold))
                .request(bloc: members, year: last, products: selection))
        case .geodep:
            geo = try await engine.measure(GeoDepScreen(thresholds: .init(importHHI: q.hhiThreshold, worldExportHHI: q.hhiThreshold))
                .request(country: reporter, year: last, products: selection))
        }
        let partnerSum = !panel.coversAllReporters && rows.contains(where: { !$0.totalFromWorldRows })
        return DependenceDocument(source: engine.name, provenance: panel.provenance, reporter: reporter, rival: rival,
                                  products: selection.name, years: rows, euScreen: eu, geoDepScreen: geo,
                                  top: q.top, hhiThreshold: q.hhiThreshold,
                                  partnerSumOver: partnerSum ? Array(partnersSeen) : nil)
    }

    /// The importers of the EU screen: a named bloc, a comma-separated list, or the reporter.
    static func blocMembers(_ bloc: String?, reporter: Country) throws -> Set<Country> {
        guard let bloc else { return [reporter] }
        if let named = CountryBloc.named(bloc) { return named }
        do {
            return Set(try bloc.split(separator: ",").map { try CountryTable.standard.resolve(String($0)) })
        } catch let e as UnknownCountryCode { throw AnalysisInputError("--bloc: \(e)", parameter: "bloc") }
    }
}
