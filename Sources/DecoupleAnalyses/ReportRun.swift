import DecoupleCore
import DecoupleInputOutput
import DecoupleInstrumentChoice
import DecouplePolicy
import DecoupleTrade

/// Everything a report is built from, already loaded: trade datasets (any may be missing, and
/// the sections that need it then say so), minerals, taxonomy, the framework applied, and the
/// input–output table.
public struct ReportData: Sendable {
    /// Annual bilateral totals of the reporter and the rival (IMF DOTS, or a panel store).
    public var annualBilateral: TradeDataset
    /// Reporter's monthly imports by HS2 chapter and partner (Census; US only).
    public var monthlyByChapter: TradeDataset?
    /// Reporter's imports by HS6 and partner for one year (Census 2024, or a panel store's last year).
    public var productCrossSection: TradeDataset?
    /// Reporter's monthly trade with the rival (Census; US–China only).
    public var monthlyWithRival: TradeDataset?
    /// Reporter's exports by partner for years after ``annualBilateral`` ends (USITC DataWeb
    /// 2020–2024; US only).
    public var laterExports: TradeDataset? = nil
    /// The reporter's imports and exports by partner fetched from the Census API.
    public var fetchedAnnual: TradeDataset? = nil
    /// How current the trade data are (``ReportInputs/currency``).
    public var currency: [String] = []
    /// Policy measures, for the markers on the time charts.
    public var policyMeasures: [PolicyMeasure] = []
    public var minerals: MineralsReportInput?
    public var taxonomy: StrategicTaxonomy
    public var concordance: HSConcordance
    public var framework: FrameworkResult
    public var frameworkProvenance: [Provenance]
    /// The framework scored against null models, and over the configuration grid.
    public var evaluation: FrameworkEvaluation?
    public var sensitivity: FrameworkSensitivity?
    /// Look-through exposure in the input–output table, for the hidden-exposure section.
    public var exposure: ExposureOutcome
}

/// Assembles a report's inputs from its loaded data.
public enum ReportRun {
    /// The report's inputs; `warnings` says what was skipped and why.
    public static func inputs(_ data: ReportData, reporter: Country, rival: Country) -> (ReportInputs, warnings: [String]) {
        var inputs = ReportInputs()
        var warnings: [String] = []
        inputs.annualBilateral = data.annualBilateral
        inputs.monthlyByChapter = data.monthlyByChapter
        inputs.productCrossSection = data.productCrossSection
        inputs.monthlyWithRival = data.monthlyWithRival
        inputs.laterExports = data.laterExports
        inputs.fetchedAnnual = data.fetchedAnnual
        inputs.currency = data.currency
        inputs.policyMeasures = data.policyMeasures
        inputs.minerals = data.minerals
        inputs.exposure = data.exposure.input
        if let problem = data.exposure.problem { warnings.append("hidden-exposure section skipped: \(problem)") }
        inputs.taxonomy = data.taxonomy
        inputs.productNames = data.concordance.names[.hs2022] ?? [:]
        inputs.framework = data.framework
        inputs.frameworkProvenance = data.frameworkProvenance
        inputs.frameworkEvaluation = data.evaluation
        inputs.frameworkSensitivity = data.sensitivity
        return (inputs, warnings)
    }
}
