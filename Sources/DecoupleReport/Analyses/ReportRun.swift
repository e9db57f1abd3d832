import DecoupleCore
import DecoupleData
import DecoupleFramework

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
                   imports: TradeDataset?) throws -> (FrameworkResult, [Provenance])
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
        let (strategic, concordance) = try source.taxonomy()
        inputs.taxonomy = strategic
        inputs.productNames = concordance.names[.hs2022] ?? [:]
        (inputs.framework, inputs.frameworkProvenance) = try source.framework(
            taxonomy: strategic, leader: reporter, challenger: rival, imports: inputs.productCrossSection)
        return inputs
    }
}
