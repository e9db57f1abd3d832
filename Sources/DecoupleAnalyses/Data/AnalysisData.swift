import DecoupleCore
import DecoupleTrade
import DecoupleInputOutput
import DecoupleMinerals
import DecouplePolicy
import DecoupleInstrumentChoice
import DecoupleScenarios
import Foundation

/// The data the analyses read — the bundled datasets, the taxonomy merged with the user's
/// files, the policy lists — and the analyses computed from them, each read or computed once,
/// on first use, then kept in memory. The server keeps one for its lifetime; a command makes one
/// per run. Nothing here takes a path from a request: the data folder, the taxonomy files and
/// the framework configuration are fixed when it is made.
public final class AnalysisData: Sendable {
    public let catalog: DataCatalog
    /// Taxonomy files (same schema as the bundled one) that extend or override it.
    public let taxonomyFiles: [String]
    /// A framework configuration overriding `Data/framework/framework.json`.
    public let frameworkConfig: String?
    /// Told the progress (0–1) of each long read, by a title ("Reading IMF DOTS").
    public let progress: (@Sendable (String, Double) -> Void)?

    private let tradeSets = SingleFlightCache<String, TradeDataset>(capacity: 8)
    private let dotsByReporter = SingleFlightCache<String, DOTSIndex>(capacity: 1)
    private let mcs = SingleFlightCache<Int, MineralCommoditySummaries>(capacity: 3)
    private let taxonomyCache = SingleFlightCache<String, TaxonomyBundle>(capacity: 1)
    private let policyCache = SingleFlightCache<String, PolicyBundle>(capacity: 1)
    private let mineralsInput = SingleFlightCache<String, MineralsReportInput>(capacity: 16)
    private let frameworks = SingleFlightCache<String, FrameworkBundle>(capacity: 32)
    private let reports = SingleFlightCache<String, DecouplingReport>(capacity: 32)
    private let scenarios = SingleFlightCache<String, ScenarioResult>(capacity: 8)

    public init(catalog: DataCatalog, taxonomyFiles: [String] = [], frameworkConfig: String? = nil,
                progress: (@Sendable (String, Double) -> Void)? = nil) {
        self.catalog = catalog
        self.taxonomyFiles = taxonomyFiles
        self.frameworkConfig = frameworkConfig
        self.progress = progress
    }

    /// A progress callback for one read, when someone listens.
    func reporting(_ title: String) -> (@Sendable (Double) -> Void)? {
        guard let progress else { return nil }
        return { progress(title, $0) }
    }

    // MARK: Datasets

    /// IMF DOTS, all reporters, split by reporter.
    public struct DOTSIndex: Sendable {
        public let id: String
        public let provenance: Provenance
        public let byReporter: [Country: [TradeFlow]]
        public var reporters: [Country] { byReporter.keys.sorted() }

        public func dataset(reporters: Set<Country>) -> TradeDataset {
            TradeDataset(id: id, provenance: provenance, flows: reporters.sorted().flatMap { byReporter[$0] ?? [] })
        }
    }

    public func dots() async throws -> DOTSIndex {
        try await dotsByReporter.value(for: "dots") { [catalog, self] in
            try await Offload.run {
                let d = try catalog.loadDOTS(progress: self.reporting("Reading IMF DOTS"))
                return DOTSIndex(id: d.id, provenance: d.provenance, byReporter: Dictionary(grouping: d.flows, by: \.reporter))
            }
        }
    }

    public func censusHS2Monthly() async throws -> TradeDataset {
        try await tradeSets.value(for: "census-hs2") { [catalog, self] in try await Offload.run { try catalog.loadCensusHS2Monthly(progress: self.reporting("Reading Census HS2 monthly")) } }
    }

    public func censusHS6() async throws -> TradeDataset {
        try await tradeSets.value(for: "census-hs6") { [catalog, self] in try await Offload.run { try catalog.loadCensusHS6_2024(progress: self.reporting("Reading Census HS6 2024")) } }
    }

    public func censusUSChina() async throws -> TradeDataset {
        try await tradeSets.value(for: "census-us-china") { [catalog] in try await Offload.run { try catalog.loadCensusUSChinaMonthly() } }
    }

    public func mineralCommoditySummaries(_ edition: Int) async throws -> MineralCommoditySummaries {
        try await mcs.value(for: edition) { [catalog] in try await Offload.run { try catalog.loadMineralCommoditySummaries(edition: edition) } }
    }

    public struct TaxonomyBundle: Sendable {
        public let taxonomy: StrategicTaxonomy
        public let concordance: HSConcordance
    }

    public func taxonomy() async throws -> TaxonomyBundle {
        try await taxonomyCache.value(for: "taxonomy") { [catalog, taxonomyFiles] in try await Offload.run {
            let (t, concordance) = try TaxonomyData.load(catalog: catalog, files: taxonomyFiles)
            return TaxonomyBundle(taxonomy: t, concordance: concordance)
        } }
    }

    public struct PolicyBundle: Sendable {
        public let measures: PolicyMeasureCatalog
        public let alliances: AllianceCatalog
        public let rules: CleanVehicleRuleSet
    }

    public func policy() async throws -> PolicyBundle {
        let t = try await taxonomy().taxonomy
        return try await policyCache.value(for: "bundled") { [catalog] in try await Offload.run {
            PolicyBundle(measures: try PolicyData.measures(file: nil, catalog: catalog, taxonomy: t),
                         alliances: try PolicyData.alliances(file: nil, catalog: catalog),
                         rules: try PolicyData.cleanVehicleRules(catalog: catalog))
        } }
    }

    // MARK: Analyses

    public struct FrameworkBundle: Sendable {
        public let result: FrameworkResult
        public let provenance: [Provenance]
    }

    /// The framework applied to a pair (`decouple framework`, the report's framework section and
    /// the dashboard): ICIO indicators, look-through exposure, minerals, the 2024 imports when the
    /// leader is the US, and world export shares from an all-reporter panel `store` when given.
    public func framework(leader: Country, challenger: Country, year: Int?, store: String? = nil) async throws -> FrameworkBundle {
        let t = try await taxonomy().taxonomy
        let imports = leader == .usa ? try await censusHS6() : nil
        let policies = try await policy().measures
        let minerals = leader == .usa ? try await mineralsReportInput(leader: leader, rival: challenger).latest : []
        let key = "\(leader.code)|\(challenger.code)|\(year.map(String.init) ?? "latest")|\(store ?? "")"
        return try await frameworks.value(for: key) { [catalog, frameworkConfig, self] in try await Offload.run {
            let panel = try store.map { try TradePanelRequest.openStore($0) }
            // The same inputs as `decouple framework`: ICIO indicators, look-through exposure, minerals.
            let icio = try ICIOCache.shared.oecdICIO2022(catalog, progress: self.reporting("Reading OECD ICIO 2022"))
            let exposure = try? ExposureSelection.reportInput(table: icio, sectorNames: [:], importer: leader, rival: challenger)
            let (r, p) = try FrameworkRun.run(catalog: catalog, taxonomy: t, leader: leader, challenger: challenger, year: year,
                                              configPath: frameworkConfig, imports: imports, policies: policies, icio: icio,
                                              minerals: minerals, exposure: exposure ?? nil, store: panel)
            return FrameworkBundle(result: r, provenance: p)
        } }
    }

    public func mineralsReportInput(leader: Country, rival: Country) async throws -> MineralsReportInput {
        // Read the three editions through the cache first.
        for e in MineralsRequest.editions { _ = try await mineralCommoditySummaries(e) }
        return try await mineralsInput.value(for: "\(leader.code)|\(rival.code)") { [catalog] in
            try await Offload.run { try MineralSupplySelection.reportInput(catalog: catalog, leader: leader, rival: rival) }
        }
    }

    /// The bundled example scenarios (`Data/scenarios/NAME.json`), by name, sorted.
    public var scenarioExamples: [String] {
        let folder = catalog.root + "/scenarios"
        let files = (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
        return files.filter { $0.hasSuffix(".json") }.map { String($0.dropLast(5)) }.sorted()
    }

    /// A bundled example scenario run on the bundled data, as `decouple scenario run` runs it.
    /// `name` must be one of ``scenarioExamples`` (never a path from a request).
    public func scenario(_ name: String) async throws -> ScenarioResult {
        precondition(scenarioExamples.contains(name), "not a bundled scenario: \(name)")
        return try await scenarios.value(for: name) { [catalog] in
            try await Offload.run {
                try ScenarioAnalysis.run(path: catalog.root + "/scenarios/\(name).json", catalog: catalog)
            }
        }
    }

    /// The report for a pair, as `decouple report` builds it.
    public func report(_ options: ReportOptions) async throws -> DecouplingReport {
        let (r, v) = (options.reporter, options.rival)
        let key = "\(r.code)|\(v.code)|\(options.baseYear)|\(options.topCount)"
        if let cached = reports.cached(key) { return cached }
        // Gather the datasets (each cached) and then build synchronously.
        let source = try await PreloadedReportData.gather(self, reporter: r, rival: v)
        return try await reports.value(for: key) {
            try await Offload.run {
                let inputs = try ReportRun.inputs(reporter: r, rival: v, from: source)
                return ReportBuilder(options: options, countries: .standard).build(inputs)
            }
        }
    }

    /// Reporters that have flows in IMF DOTS.
    public func dotsReporters() async throws -> [Country] { try await dots().reporters }

    /// Cache statistics per memo, for /healthz.
    public var statistics: [String: Int] {
        let r = reports.statistics, f = frameworks.statistics
        return ["reports": r.count, "frameworks": f.count, "datasets": tradeSets.statistics.count + dotsByReporter.statistics.count + mcs.statistics.count]
    }
}

/// The report's datasets, gathered from the store's caches before the (synchronous) build.
struct PreloadedReportData: ReportDataSource, Sendable {
    let dots: TradeDataset
    let hs2: TradeDataset?
    let hs6: TradeDataset?
    let usChina: TradeDataset?
    let minerals: MineralsReportInput?
    let taxonomyBundle: AnalysisData.TaxonomyBundle
    let frameworkBundle: AnalysisData.FrameworkBundle
    let icio: InputOutputTableData
    let sectorNames: [String: String]

    static func gather(_ store: AnalysisData, reporter: Country, rival: Country) async throws -> PreloadedReportData {
        let dots = try await store.dots().dataset(reporters: [reporter, rival])
        let usa = reporter == .usa
        return PreloadedReportData(
            dots: dots,
            hs2: usa ? try await store.censusHS2Monthly() : nil,
            hs6: usa ? try await store.censusHS6() : nil,
            usChina: usa && rival == .china ? try await store.censusUSChina() : nil,
            minerals: usa ? try await store.mineralsReportInput(leader: reporter, rival: rival) : nil,
            taxonomyBundle: try await store.taxonomy(),
            frameworkBundle: try await store.framework(leader: reporter, challenger: rival, year: nil),
            icio: try await Offload.run { try ICIOCache.shared.oecdICIO2022(store.catalog, progress: store.reporting("Reading OECD ICIO 2022")) },
            sectorNames: (try? store.catalog.loadOECDICIOSectorNames()) ?? [:])
    }

    private func need<T>(_ value: T?, _ what: String) throws -> T {
        guard let value else { throw DataReadError(issues: [DataIssue(file: what, message: "not loaded")]) }
        return value
    }

    public func annualBilateral(reporters: Set<Country>) throws -> TradeDataset { dots }
    public func censusHS2Monthly() throws -> TradeDataset { try need(hs2, "census-hs2-monthly") }
    public func censusHS6_2024() throws -> TradeDataset { try need(hs6, "census-hs6-2024") }
    public func censusUSChinaMonthly() throws -> TradeDataset { try need(usChina, "census-us-china-monthly") }
    public func mineralsReportInput(leader: Country, rival: Country) throws -> MineralsReportInput { try need(minerals, "usgs-mcs") }
    public func taxonomy() throws -> (StrategicTaxonomy, HSConcordance) { (taxonomyBundle.taxonomy, taxonomyBundle.concordance) }
    public func inputOutput() throws -> (table: InputOutputTableData, sectorNames: [String: String])? { (icio, sectorNames) }
    public func framework(taxonomy: StrategicTaxonomy, leader: Country, challenger: Country,
                   imports: TradeDataset?, icio: InputOutputTableData?, minerals: [MineralAssessment],
                   exposure: ExposureReportInput?) throws -> (FrameworkResult, [Provenance]) {
        (frameworkBundle.result, frameworkBundle.provenance)
    }
}
