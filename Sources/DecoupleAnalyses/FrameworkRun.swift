import DecoupleCore
import DecoupleInputOutput
import DecoupleInstrumentChoice
import DecouplePolicy
import DecoupleTrade

/// Loads the framework's inputs from the bundled data and runs it (`decouple framework`, the
/// report's framework section and the dashboard's framework page).
public enum FrameworkRun {
    /// Runs the framework for `leader` and `challenger`.
    /// - Parameters:
    ///   - imports: the leader's HS6 imports by partner (used only when they are the leader's: the
    ///     dataset's reporter is `leader`).
    ///   - configPath: a configuration file overriding the bundled one (CLI only).
    ///   - policies: the observed measures, when already loaded (read from the catalog otherwise).
    /// - Throws: ``AnalysisInputError`` for a bad configuration file, `DataReadError` for unreadable data.
    public static func run(catalog: DataCatalog, taxonomy: StrategicTaxonomy, leader: Country, challenger: Country,
                           year: Int?, configPath: String?, imports: TradeDataset?,
                           policies: PolicyMeasureCatalog? = nil, icio: InputOutputTableData? = nil,
                           minerals: [MineralAssessment] = [], exposure: ExposureReportInput? = nil,
                           store: TradePanelStore? = nil) throws -> (FrameworkResult, [Provenance]) {
        let config: FrameworkConfiguration
        do { config = try FrameworkConfiguration.bundled(catalog: catalog, override: configPath) } catch let e as FrameworkConfigurationError {
            throw AnalysisInputError(e.description, parameter: "config")
        }
        var patents: [String: NCSESTimeSeries] = [:]
        for id in try catalog.ncsesTableIDs() { patents[id] = try catalog.loadNCSESTable(id) }
        let policies = try policies ?? PolicyMeasuresLoader.bundled(catalog: catalog)
        let sectors = Set(config.chainSectors.flatMap(\.sectors) + config.arenaSectors.values.flatMap { $0 })
        let icioIndicators = icio.map {
            ICIOIndicators(table: $0, sectors: sectors, source: BundledDataset.oecdICIO2022.provenance.citation, year: 2022)
        }
        let imports = imports.flatMap { d in !d.flows.isEmpty && d.flows.allSatisfy { $0.reporter == leader } ? d : nil }
        var inputs = FrameworkInputs(taxonomy: taxonomy, patents: patents, imports: imports,
                                     observed: ObservedInstrument.from(policies.measures, leader: leader),
                                     securitisation: SecuritisationSignal.from(policies.measures, leader: leader),
                                     icio: icioIndicators)
        let figures: StageFigures
        do { figures = try StageFigures.bundled(catalog: catalog) } catch let e as FrameworkConfigurationError {
            throw AnalysisInputError(e.description, parameter: "data-dir")
        }
        inputs.figures = figures
        inputs.endowment = endowment(minerals, taxonomy: taxonomy, config: config)
        for e in exposure?.sectors ?? [] { inputs.lookThrough[e.sector] = e.lookThroughShare }
        inputs.netImportReliance = reliance(minerals, taxonomy: taxonomy, config: config)
        if let store {
            guard store.coversAllReporters else {
                throw AnalysisInputError("the panel store \(store.path) does not cover every reporter (import CEPII BACI for world export shares)", parameter: "store")
            }
            inputs.exportShares = PanelExportShares(panel: store.bilateralPanel, taxonomy: taxonomy, leader: leader, challenger: challenger)
            let years = store.bilateralPanel.years
            inputs.stageShares = store.bilateralPanel.measure(StageWorldSharesRequest(
                members: StageWorldSharesRequest.members(of: taxonomy),
                leader: Set(years.flatMap { FrameworkAnalysis.members(of: leader, in: $0) }),
                challenger: Set(years.flatMap { FrameworkAnalysis.members(of: challenger, in: $0) })))
            inputs.stageSharesSource = store.provenance.map(\.citation).joined(separator: "; ")
        }
        let result = FrameworkAnalysis(configuration: config, leader: leader, challenger: challenger, year: year).run(inputs)
        var provenance = [BundledDataset.ncsesPatents.provenance]
        if let imports { provenance.append(imports.provenance) }
        provenance.append(policies.provenance)
        if icio != nil { provenance.append(BundledDataset.oecdICIO2022.provenance) }
        provenance.append(figures.provenance)
        if !minerals.isEmpty { provenance.append(BundledDataset.usgsMCS2024.provenance) }
        if let store { provenance.append(contentsOf: store.provenance) }
        provenance.append(contentsOf: taxonomy.provenance)
        return (result, provenance)
    }

    /// Net import reliance (percent, for planning: bounds as their value) per mineral chain.
    static func reliance(_ minerals: [MineralAssessment], taxonomy: StrategicTaxonomy, config: FrameworkConfiguration) -> [String: Double] {
        let byName = Dictionary(minerals.map { ($0.classification.name.lowercased(), $0) }, uniquingKeysWith: { a, _ in a })
        var out: [String: Double] = [:]
        for chain in taxonomy.chains where chain.arena == .criticalMinerals {
            if let r = config.commodities(ofChain: chain.id).lazy.compactMap({ byName[$0]?.profile.latestReliance?.planningPercent }).first { out[chain.id] = r }
        }
        return out
    }

    /// The minerals rule's instruments per mineral chain: a chain takes the classification of the
    /// USGS commodity of the same name (the first classified one for grouped chains).
    static func endowment(_ minerals: [MineralAssessment], taxonomy: StrategicTaxonomy, config: FrameworkConfiguration) -> [String: (instruments: [PolicyInstrument], reason: String)] {
        var out: [String: (instruments: [PolicyInstrument], reason: String)] = [:]
        let byName = Dictionary(minerals.map { ($0.classification.name.lowercased(), $0) }, uniquingKeysWith: { a, _ in a })
        for chain in taxonomy.chains where chain.arena == .criticalMinerals {
            for n in config.commodities(ofChain: chain.id) {
                guard let a = byName[n], !a.classification.instruments.isEmpty else { continue }
                out[chain.id] = (a.classification.instruments,
                                 "\(a.classification.name): \(a.classificationLabel) (\(a.classification.reasons.joined(separator: "; ")))")
                break
            }
        }
        return out
    }

    /// The result restricted to one chain, as `decouple framework --chain` shows it.
    public static func only(chain: String?, of result: FrameworkResult) -> FrameworkResult {
        guard let chain else { return result }
        var shown = result
        shown.predictions = result.predictions.filter { $0.chain == chain }
        shown.profiles = result.profiles.filter { $0.chain == chain }
        shown.signals = result.signals.filter { $0.scope == chain }
        shown.agreement.cases = result.agreement.cases.filter { $0.chain == chain }
        return shown
    }
}
