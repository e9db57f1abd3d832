import DecoupleCore
import DecoupleInputOutput
import DecoupleInstrumentChoice
import DecoupleTrade

/// Where `decouple report` gets its datasets: the CLI reads the catalog (with progress bars),
/// the server keeps what it has read in memory.
public protocol ReportDataSource {
    /// Annual bilateral totals (IMF DOTS) of at least these reporters.
    func annualBilateral(reporters: Set<Country>) throws -> TradeDataset
    func censusHS2Monthly() throws -> TradeDataset
    func censusHS6_2024() throws -> TradeDataset
    func censusUSChinaMonthly() throws -> TradeDataset
    func mineralsReportInput(leader: Country, rival: Country) throws -> MineralsReportInput
    /// The taxonomy (bundled, merged with user files in the CLI) and the HS concordance.
    func taxonomy() throws -> (StrategicTaxonomy, HSConcordance)
    func framework(taxonomy: StrategicTaxonomy, leader: Country, challenger: Country,
                   imports: TradeDataset?, icio: InputOutputTableData?, minerals: [MineralAssessment],
                   exposure: ExposureReportInput?) throws -> (FrameworkResult, [Provenance])
    /// The input–output table (OECD ICIO) and its sector names, when the source has them.
    func inputOutput() throws -> (table: InputOutputTableData, sectorNames: [String: String])?
    /// Where warnings go (a skipped section).
    func warn(_ message: String)
}

extension ReportDataSource {
    public func inputOutput() throws -> (table: InputOutputTableData, sectorNames: [String: String])? { nil }
    public func warn(_ message: String) {}
}

/// Chooses and loads the datasets of a report for a reporter–rival pair.
public enum ReportRun {
    /// The report's inputs: IMF DOTS for any pair; the Census sections and the minerals when the
    /// reporter is the USA (monthly US–China trade when the rival is China); the taxonomy and
    /// the framework always.
    public static func inputs(reporter: Country, rival: Country, from source: some ReportDataSource) throws -> ReportInputs {
        var inputs = ReportInputs()
        inputs.annualBilateral = try source.annualBilateral(reporters: [reporter, rival])
        if reporter == .usa {
            inputs.monthlyByChapter = try source.censusHS2Monthly()
            inputs.productCrossSection = try source.censusHS6_2024()
            if rival == .china { inputs.monthlyWithRival = try source.censusUSChinaMonthly() }
            inputs.minerals = try source.mineralsReportInput(leader: reporter, rival: rival)
        }
        let io = try source.inputOutput()
        if let io {
            do {
                inputs.exposure = try ExposureSelection.reportInput(table: io.table, sectorNames: io.sectorNames, importer: reporter, rival: rival)
            } catch { source.warn("hidden-exposure section skipped: \(error)") }
        }
        let (strategic, concordance) = try source.taxonomy()
        inputs.taxonomy = strategic
        inputs.productNames = concordance.names[.hs2022] ?? [:]
        (inputs.framework, inputs.frameworkProvenance) = try source.framework(
            taxonomy: strategic, leader: reporter, challenger: rival, imports: inputs.productCrossSection,
            icio: io?.table, minerals: inputs.minerals?.latest ?? [], exposure: inputs.exposure)
        return inputs
    }
}
