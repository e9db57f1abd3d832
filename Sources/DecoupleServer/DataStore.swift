import DecoupleAnalyses
import DecoupleRendering
import Foundation

/// The bundled datasets and the analyses computed from them, each read or computed once, on
/// first use, then kept in memory. Nothing here takes a path from a request: the data folder is
/// fixed when the server starts.
public final class DataStore: Sendable {
    public let catalog: DataCatalog

    private let tradeSets = SingleFlightCache<String, TradeDataset>(capacity: 8)
    private let dotsByReporter = SingleFlightCache<String, DOTSIndex>(capacity: 1)
    private let mcs = SingleFlightCache<Int, MineralCommoditySummaries>(capacity: 3)
    private let taxonomyCache = SingleFlightCache<String, TaxonomyBundle>(capacity: 1)
    private let policyCache = SingleFlightCache<String, PolicyBundle>(capacity: 1)
    private let mineralsInput = SingleFlightCache<String, MineralsReportInput>(capacity: 16)
    private let frameworks = SingleFlightCache<String, FrameworkBundle>(capacity: 32)
    private let reports = SingleFlightCache<String, DecouplingReport>(capacity: 32)
    private let scenarios = SingleFlightCache<String, ScenarioResult>(capacity: 8)

    public init(catalog: DataCatalog) {
        self.catalog = catalog
    }

    // MARK: Datasets

    /// IMF DOTS, all reporters, split by reporter.
    struct DOTSIndex: Sendable {
        let id: String
        let provenance: Provenance
        let byReporter: [Country: [TradeFlow]]
        var reporters: [Country] { byReporter.keys.sorted() }

        func dataset(reporters: Set<Country>) -> TradeDataset {
            TradeDataset(id: id, provenance: provenance, flows: reporters.sorted().flatMap { byReporter[$0] ?? [] })
        }
    }

    func dots() async throws -> DOTSIndex {
        try await dotsByReporter.value(for: "dots") { [catalog] in
            try await Offload.run {
                let d = try catalog.loadDOTS()
                return DOTSIndex(id: d.id, provenance: d.provenance, byReporter: Dictionary(grouping: d.flows, by: \.reporter))
            }
        }
    }

    func censusHS2Monthly() async throws -> TradeDataset {
        try await tradeSets.value(for: "census-hs2") { [catalog] in try await Offload.run { try catalog.loadCensusHS2Monthly() } }
    }

    func censusHS6() async throws -> TradeDataset {
        try await tradeSets.value(for: "census-hs6") { [catalog] in try await Offload.run { try catalog.loadCensusHS6_2024() } }
    }

    func censusUSChina() async throws -> TradeDataset {
        try await tradeSets.value(for: "census-us-china") { [catalog] in try await Offload.run { try catalog.loadCensusUSChinaMonthly() } }
    }

    func mineralCommoditySummaries(_ edition: Int) async throws -> MineralCommoditySummaries {
        try await mcs.value(for: edition) { [catalog] in try await Offload.run { try catalog.loadMineralCommoditySummaries(edition: edition) } }
    }

    struct TaxonomyBundle: Sendable {
        let taxonomy: StrategicTaxonomy
        let concordance: HSConcordance
    }

    func taxonomy() async throws -> TaxonomyBundle {
        try await taxonomyCache.value(for: "bundled") { [catalog] in try await Offload.run {
            let concordance = try HSConcordance.load(folder: catalog.root + "/hs")
            let t = try TaxonomyLoader(concordance: concordance).load(path: catalog.root + "/" + TaxonomyLoader.bundledPath,
                                                                     displayName: "Data/" + TaxonomyLoader.bundledPath)
            return TaxonomyBundle(taxonomy: t, concordance: concordance)
        } }
    }

    struct PolicyBundle: Sendable {
        let measures: PolicyMeasureCatalog
        let alliances: AllianceCatalog
        let rules: CleanVehicleRuleSet
    }

    func policy() async throws -> PolicyBundle {
        let t = try await taxonomy().taxonomy
        return try await policyCache.value(for: "bundled") { [catalog] in try await Offload.run {
            let measures = try PolicyMeasuresLoader(taxonomy: t).load(path: catalog.root + "/" + PolicyMeasuresLoader.bundledPath,
                                                                    displayName: "Data/" + PolicyMeasuresLoader.bundledPath)
            let alliances = try AlliancesLoader().load(path: catalog.root + "/" + AlliancesLoader.bundledPath,
                                                       displayName: "Data/" + AlliancesLoader.bundledPath)
            let rules = try CleanVehicleRulesLoader().load(path: catalog.root + "/" + CleanVehicleRulesLoader.bundledPath,
                                                           displayName: "Data/" + CleanVehicleRulesLoader.bundledPath)
            return PolicyBundle(measures: measures, alliances: alliances, rules: rules)
        } }
    }

    // MARK: Analyses

    struct FrameworkBundle: Sendable {
        let result: FrameworkResult
        let provenance: [Provenance]
    }

    func framework(leader: Country, challenger: Country, year: Int?) async throws -> FrameworkBundle {
        let t = try await taxonomy().taxonomy
        let imports = leader == .usa ? try await censusHS6() : nil
        let policies = try await policy().measures
        let minerals = leader == .usa ? try await mineralsReportInput(leader: leader, rival: challenger).latest : []
        let key = "\(leader.code)|\(challenger.code)|\(year.map(String.init) ?? "latest")"
        return try await frameworks.value(for: key) { [catalog] in try await Offload.run {
            // The same inputs as `decouple framework`: ICIO indicators, look-through exposure, minerals.
            let icio = try ICIOCache.shared.oecdICIO2022(catalog)
            let exposure = try? ExposureSelection.reportInput(table: icio, sectorNames: [:], importer: leader, rival: challenger)
            let (r, p) = try FrameworkRun.run(catalog: catalog, taxonomy: t, leader: leader, challenger: challenger, year: year,
                                              configPath: nil, imports: imports, policies: policies, icio: icio,
                                              minerals: minerals, exposure: exposure ?? nil)
            return FrameworkBundle(result: r, provenance: p)
        } }
    }

    func mineralsReportInput(leader: Country, rival: Country) async throws -> MineralsReportInput {
        // Read the three editions through the cache first.
        for e in MineralsRequest.editions { _ = try await mineralCommoditySummaries(e) }
        return try await mineralsInput.value(for: "\(leader.code)|\(rival.code)") { [catalog] in
            try await Offload.run { try MineralSupplySelection.reportInput(catalog: catalog, leader: leader, rival: rival) }
        }
    }

    /// The bundled example scenarios (`Data/scenarios/NAME.json`), by name, sorted.
    var scenarioExamples: [String] {
        let folder = catalog.root + "/scenarios"
        let files = (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
        return files.filter { $0.hasSuffix(".json") }.map { String($0.dropLast(5)) }.sorted()
    }

    /// A bundled example scenario run on the bundled data, as `decouple scenario run` runs it.
    /// `name` must be one of ``scenarioExamples`` (never a path from a request).
    func scenario(_ name: String) async throws -> ScenarioResult {
        precondition(scenarioExamples.contains(name), "not a bundled scenario: \(name)")
        return try await scenarios.value(for: name) { [catalog] in
            try await Offload.run {
                try ScenarioRunner.run(try ScenarioParser.read(path: catalog.root + "/scenarios/\(name).json"), catalog: catalog)
            }
        }
    }

    /// The report for a pair, as `decouple report` builds it.
    func report(_ options: ReportOptions) async throws -> DecouplingReport {
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
    func dotsReporters() async throws -> [Country] { try await dots().reporters }

    /// Cache statistics per memo, for /healthz.
    var statistics: [String: Int] {
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
    let taxonomyBundle: DataStore.TaxonomyBundle
    let frameworkBundle: DataStore.FrameworkBundle
    let icio: InputOutputTableData
    let sectorNames: [String: String]

    static func gather(_ store: DataStore, reporter: Country, rival: Country) async throws -> PreloadedReportData {
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
            icio: try await Offload.run { try ICIOCache.shared.oecdICIO2022(store.catalog) },
            sectorNames: (try? store.catalog.loadOECDICIOSectorNames()) ?? [:])
    }

    private func need<T>(_ value: T?, _ what: String) throws -> T {
        guard let value else { throw DataReadError(issues: [DataIssue(file: what, message: "not loaded")]) }
        return value
    }

    func annualBilateral(reporters: Set<Country>) throws -> TradeDataset { dots }
    func censusHS2Monthly() throws -> TradeDataset { try need(hs2, "census-hs2-monthly") }
    func censusHS6_2024() throws -> TradeDataset { try need(hs6, "census-hs6-2024") }
    func censusUSChinaMonthly() throws -> TradeDataset { try need(usChina, "census-us-china-monthly") }
    func mineralsReportInput(leader: Country, rival: Country) throws -> MineralsReportInput { try need(minerals, "usgs-mcs") }
    func taxonomy() throws -> (StrategicTaxonomy, HSConcordance) { (taxonomyBundle.taxonomy, taxonomyBundle.concordance) }
    func inputOutput() throws -> (table: InputOutputTableData, sectorNames: [String: String])? { (icio, sectorNames) }
    func framework(taxonomy: StrategicTaxonomy, leader: Country, challenger: Country,
                   imports: TradeDataset?, icio: InputOutputTableData?, minerals: [MineralAssessment],
                   exposure: ExposureReportInput?) throws -> (FrameworkResult, [Provenance]) {
        (frameworkBundle.result, frameworkBundle.provenance)
    }
}
