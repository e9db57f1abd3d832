import DecoupleCore
import DecoupleData
import DecoupleFramework

/// Loads the framework's inputs from the bundled data and runs it (`decouple framework`, the
/// report's framework section and the dashboard's framework page).
public enum FrameworkRun {
    /// The NCSES patent tables the technology indicators come from.
    public static let patentTables = ["10551", "10553", "10557", "10596", "10598", "10600", "10604"]

    /// Runs the framework for `leader` and `challenger`.
    /// - Parameters:
    ///   - imports: the leader's HS6 imports by partner (used only when the leader is the USA).
    ///   - configPath: a configuration file overriding the bundled one (CLI only).
    ///   - policies: the observed measures, when already loaded (read from the catalog otherwise).
    /// - Throws: ``AnalysisInputError`` for a bad configuration file, `DataReadError` for unreadable data.
    public static func run(catalog: DataCatalog, taxonomy: StrategicTaxonomy, leader: Country, challenger: Country,
                           year: Int?, configPath: String?, imports: TradeDataset?,
                           policies: PolicyMeasureCatalog? = nil) throws -> (FrameworkResult, [Provenance]) {
        let config: FrameworkConfiguration
        do { config = try FrameworkConfiguration.bundled(catalog: catalog, override: configPath) } catch let e as FrameworkConfigurationError {
            throw AnalysisInputError(e.description, parameter: "config")
        }
        var patents: [String: NCSESTimeSeries] = [:]
        for id in patentTables { patents[id] = try catalog.loadNCSESTable(id) }
        let policies = try policies ?? PolicyMeasuresLoader.bundled(catalog: catalog)
        let inputs = FrameworkInputs(taxonomy: taxonomy, patents: patents, imports: leader == .usa ? imports : nil,
                                     observed: ObservedInstrument.from(policies.measures, leader: leader),
                                     securitisation: SecuritisationSignal.from(policies.measures, leader: leader))
        let result = FrameworkAnalysis(configuration: config, leader: leader, challenger: challenger, year: year).run(inputs)
        var provenance = [BundledDataset.ncsesPatents.provenance]
        if let imports, leader == .usa { provenance.append(imports.provenance) }
        provenance.append(policies.provenance)
        provenance.append(contentsOf: taxonomy.provenance)
        return (result, provenance)
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
