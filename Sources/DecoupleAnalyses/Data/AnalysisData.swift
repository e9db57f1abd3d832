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
    /// Told what an analysis skipped and why.
    public let warn: (@Sendable (String) -> Void)?
    /// A trade panel (a store, or a remote engine) whose aggregations replace the bundled trade
    /// datasets of the report; nil: IMF DOTS and US Census.
    public let tradePanel: TradePanelRequest?
    /// A fetch cache (`decouple data fetch`) whose Census data extend the report's trade
    /// sections past the bundled files; nil: the bundled files only.
    public let fetchCache: String?

    private let tradeSets = SingleFlightCache<String, TradeDataset>(capacity: 8)
    private let dotsByReporter = SingleFlightCache<String, DOTSIndex>(capacity: 1)
    private let mcs = SingleFlightCache<Int, MineralCommoditySummaries>(capacity: 3)
    private let taxonomyCache = SingleFlightCache<String, TaxonomyBundle>(capacity: 1)
    private let policyCache = SingleFlightCache<String, PolicyBundle>(capacity: 1)
    private let mineralsInput = SingleFlightCache<String, MineralsReportInput>(capacity: 16)
    private let frameworks = SingleFlightCache<String, FrameworkBundle>(capacity: 32)
    private let reports = SingleFlightCache<String, DecouplingReport>(capacity: 32)
    let evaluations = SingleFlightCache<String, FrameworkEvaluationDocument>(capacity: 8)
    let sensitivities = SingleFlightCache<String, FrameworkSensitivityDocument>(capacity: 8)
    private let scenarios = SingleFlightCache<String, ScenarioResult>(capacity: 8)
    private let exposures = SingleFlightCache<String, ExposureOutcome>(capacity: 16)
    private let sectorDetails = SingleFlightCache<String, ExposureSectorDetail>(capacity: 64)
    private let fetched = SingleFlightCache<String, FetchedCensusBox>(capacity: 1)

    /// The Census data in ``fetchCache`` (nil when there is none).
    public func fetchedCensus() async throws -> FetchedCensusData? {
        guard let root = fetchCache else { return nil }
        return try await fetched.value(for: root) { try await Offload.run { FetchedCensusBox(data: try FetchedCensusData.load(cacheRoot: root)) } }.data
    }

    public init(catalog: DataCatalog, taxonomyFiles: [String] = [], frameworkConfig: String? = nil,
                tradePanel: TradePanelRequest? = nil, fetchCache: String? = nil,
                progress: (@Sendable (String, Double) -> Void)? = nil, warn: (@Sendable (String) -> Void)? = nil) {
        self.catalog = catalog
        self.taxonomyFiles = taxonomyFiles
        self.frameworkConfig = frameworkConfig
        self.tradePanel = tradePanel
        self.fetchCache = fetchCache
        self.progress = progress
        self.warn = warn
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

    /// US exports by HTS chapter and partner, 2020–2024 (USITC DataWeb).
    public func usitcExports() async throws -> TradeDataset {
        try await tradeSets.value(for: "usitc-dataweb-exports") { [catalog] in try await Offload.run { try catalog.loadUSITCDataWebExports() } }
    }

    public func censusUSChina() async throws -> TradeDataset {
        try await tradeSets.value(for: "census-us-china") { [catalog] in try await Offload.run { try catalog.loadCensusUSChinaMonthly() } }
    }

    public func mineralCommoditySummaries(_ edition: Int) async throws -> MineralCommoditySummaries {
        try await mcs.value(for: edition) { [catalog] in try await Offload.run { try catalog.loadMineralCommoditySummaries(edition: edition) } }
    }

    /// The critical-minerals list for an edition: its own table, else the nearest later
    /// edition's (``MineralsRequest/listEditions(for:)``, as ``MineralsRun/criticalList(edition:catalog:)``).
    public func criticalMineralsList(edition: Int) async throws -> CriticalMineralsList? {
        for e in MineralsRequest.listEditions(for: edition) {
            if let list = try await mineralCommoditySummaries(e).criticalMinerals { return list }
        }
        return nil
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
        // The bundled HS6 imports describe one reporter: used when the leader is that reporter.
        let imports = BundledDataset.censusHS6_2024.reporter == leader ? try await censusHS6() : nil
        let policies = try await policy().measures
        let minerals = try await mineralsReportInput(leader: leader, rival: challenger).latest
        let exposure = try await exposure(importer: leader, rival: challenger)
        let key = "\(leader.code)|\(challenger.code)|\(year.map(String.init) ?? "latest")|\(store ?? "")"
        return try await frameworks.value(for: key) { [catalog, frameworkConfig, self] in try await Offload.run {
            let panel = try store.map { try TradePanelRequest.openStore($0) }
            // The same inputs as `decouple framework`: ICIO indicators, look-through exposure, minerals.
            let icio = try ICIOCache.shared.oecdICIO2022(catalog, progress: self.reporting("Reading OECD ICIO 2022"))
            let (r, p) = try FrameworkRun.run(catalog: catalog, taxonomy: t, leader: leader, challenger: challenger, year: year,
                                              configPath: frameworkConfig, imports: imports, policies: policies, icio: icio,
                                              minerals: minerals, exposure: exposure.input, store: panel)
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

    /// The report for a pair, as `decouple report` builds it: on the bundled data, or with its
    /// trade sections from ``tradePanel`` when one is set.
    public func report(_ options: ReportOptions) async throws -> DecouplingReport {
        let (r, v) = (options.reporter, options.rival)
        let key = "\(r.code)|\(v.code)|\(options.baseYear)|\(options.topCount)|\(options.includeGold)|\(options.minimumStageValue)|\(options.asOf)"
        if let cached = reports.cached(key) { return cached }
        // Gather the data (each cached) and then build synchronously.
        let data = try await reportData(reporter: r, rival: v)
        return try await reports.value(for: key) {
            try await Offload.run {
                let (inputs, warnings) = ReportRun.inputs(data, reporter: r, rival: v)
                for w in warnings { self.warn?(w) }
                return ReportBuilder(options: options, countries: .standard).build(inputs)
            }
        }
    }

    /// A report's data: IMF DOTS and, for the US, the Census sets — or the annual and cross-section
    /// datasets of ``tradePanel``; minerals for a US leader; the taxonomy, framework and ICIO.
    func reportData(reporter: Country, rival: Country) async throws -> ReportData {
        let usa = reporter == .usa
        var annual: TradeDataset, hs2: TradeDataset? = nil, hs6: TradeDataset? = nil, usChina: TradeDataset? = nil
        var laterExports: TradeDataset? = nil
        if let panel = tradePanel {
            (annual, hs6) = try await Self.panelDatasets(panel, reporter: reporter, rival: rival)
        } else {
            annual = try await dots().dataset(reporters: [reporter, rival])
            if usa {
                hs2 = try await censusHS2Monthly()
                hs6 = try await censusHS6()
                if rival == .china { usChina = try await censusUSChina() }
            }
            if BundledDataset.usitcDataWebExports.reporter == reporter { laterExports = try await usitcExports() }
        }
        // Census data fetched by `decouple data fetch census` (US only): later years and months.
        var fetchedAnnual: TradeDataset? = nil
        var currency: [String] = []
        if tradePanel == nil && usa {
            if let f = try await fetchedCensus() {
                fetchedAnnual = f.annual
                hs2 = FetchedCensusData.merge(bundled: hs2, fetched: f.monthly)
                if let c = f.crossSection, let y = FetchedCensusData.lastPeriod(c), y >= (FetchedCensusData.lastPeriod(hs6) ?? y) { hs6 = c }
                let spans = [("annual trade by partner", f.annual), ("monthly imports by chapter", f.monthly), ("HS6 imports", f.crossSection)]
                    .compactMap { name, d in FetchedCensusData.lastPeriod(d).map { "\(name) to \($0)" } }
                currency.append("Trade data extended with Census data fetched by `decouple data fetch census` (run \(f.runID)): \(spans.joined(separator: ", ")).")
            } else {
                let parts = [("imports and exports by partner", annual), ("US exports by partner", laterExports), ("monthly imports by chapter", hs2), ("HS6 imports", hs6)]
                    .compactMap { name, d in FetchedCensusData.lastPeriod(d).map { "\(name) to \($0) (\(d!.id))" } }
                let year = Calendar(identifier: .gregorian).component(.year, from: Date())
                currency.append("Bundled trade data: \(parts.joined(separator: ", ")). To bring them up to date: `decouple data fetch census --from 2017 --to \(year)`, then run the report again.")
            }
        }
        let taxonomy = try await taxonomy()
        let framework = try await framework(leader: reporter, challenger: rival, year: nil)
        let evaluation = try await frameworkEvaluation(leader: reporter, challenger: rival)
        let sensitivity = try await frameworkSensitivity(leader: reporter, challenger: rival)
        return ReportData(annualBilateral: annual, monthlyByChapter: hs2, productCrossSection: hs6, monthlyWithRival: usChina, laterExports: laterExports,
                          fetchedAnnual: fetchedAnnual, currency: currency, policyMeasures: try await policy().measures.measures,
                          minerals: usa ? try await mineralsReportInput(leader: reporter, rival: rival) : nil,
                          taxonomy: taxonomy.taxonomy, concordance: taxonomy.concordance,
                          framework: framework.result, frameworkProvenance: framework.provenance,
                          evaluation: evaluation.evaluation, sensitivity: sensitivity.sensitivity,
                          exposure: try await exposure(importer: reporter, rival: rival))
    }

    /// An importer's look-through exposure to a rival in the bundled OECD ICIO 2022 (one LU
    /// factorisation per pair, shared by the framework and the report's exposure section).
    public func exposure(importer: Country, rival: Country) async throws -> ExposureOutcome {
        try await exposures.value(for: "\(importer.code)|\(rival.code)") { [catalog] in try await Offload.run {
            let table = try ICIOCache.shared.oecdICIO2022(catalog, progress: self.reporting("Reading OECD ICIO 2022"))
            guard Set(table.nodeRegions).isSuperset(of: [importer.code, rival.code]) else { return ExposureOutcome(input: nil, problem: nil) }
            do {
                let names = (try? catalog.loadOECDICIOSectorNames()) ?? [:]
                let e = try ICIOCache.shared.oecdICIO2022Exposure(catalog, importer: importer.code, tiers: 4, note: { self.warn?($0) })
                return ExposureOutcome(input: try ExposureSelection.reportInput(exposure: e, sectorNames: names, rival: rival),
                                       problem: nil)
            } catch {
                return ExposureOutcome(input: nil, problem: "\(error)")
            }
        } }
    }

    /// One sector of an importer against a source in the bundled OECD ICIO 2022, tier by tier.
    /// - Throws: ``ExposureRunError`` for a sector the table does not have.
    public func exposureDetail(importer: Country, source: Country, sector: String, tiers: Int, top: Int) async throws -> ExposureSectorDetail {
        try await sectorDetails.value(for: "\(importer.code)|\(source.code)|\(sector)|\(tiers)|\(top)") { [catalog] in try await Offload.run {
            let e = try ICIOCache.shared.oecdICIO2022Exposure(catalog, importer: importer.code, tiers: tiers,
                                                               progress: self.reporting("Reading OECD ICIO 2022"), note: { self.warn?($0) })
            return try ExposureSectorDetail.measure(exposure: e, sectorNames: try catalog.loadOECDICIOSectorNames(),
                                                    source: source.code, sector: sector, top: top)
        } }
    }

    /// The annual bilateral and product cross-section datasets of a trade panel (any engine).
    static func panelDatasets(_ panel: TradePanelRequest, reporter: Country, rival: Country) async throws -> (TradeDataset, TradeDataset) {
        let engine = try await panel.openEngine()
        let d = try await engine.describe()
        guard let last = d.years.last else { throw AnalysisInputError("the trade panel has no years", parameter: "store") }
        let provenance = Provenance(
            source: d.provenance.map(\.source).joined(separator: "; "),
            edition: d.provenance.map(\.edition).joined(separator: "; "),
            url: d.provenance.first?.url ?? "",
            licence: d.provenance.map(\.licence).joined(separator: "; "),
            retrievedFrom: "aggregated by decouple from \(engine.name)")
        let request = PanelTradeDatasets(reporter: reporter, rival: rival, crossSectionYear: last, id: "panel-store",
                                         provenance: provenance, importValuation: d.coversAllReporters ? .fob : .cif,
                                         exportValuation: .fob)
        let (annual, cross) = try await engine.measure(request)
        return (annual, cross)
    }

    /// Reporters that have flows in IMF DOTS.
    public func dotsReporters() async throws -> [Country] { try await dots().reporters }

    /// Cache statistics per memo, for /healthz.
    public var statistics: [String: Int] {
        let r = reports.statistics, f = frameworks.statistics
        return ["reports": r.count, "frameworks": f.count, "datasets": tradeSets.statistics.count + dotsByReporter.statistics.count + mcs.statistics.count]
    }
}

/// A pair's look-through exposure, or why it could not be measured (the pair is not in the table,
/// the model cannot be solved).
public struct ExposureOutcome: Sendable {
    public let input: ExposureReportInput?
    public let problem: String?
}

/// A fetched-data lookup's result (nil allowed) for the single-flight cache.
struct FetchedCensusBox: Sendable {
    let data: FetchedCensusData?
}
