import DecoupleCore
import DecoupleInstrumentChoice
import DecouplePolicy
import DecoupleTrade

/// The datasets a report is built from; any may be missing, and the sections that need
/// it then say so.
public struct ReportInputs: Sendable {
    /// Annual bilateral totals for many reporters (IMF DOTS).
    public var annualBilateral: TradeDataset?
    /// Reporter's monthly imports by HS2 chapter and partner, with a world total (Census).
    public var monthlyByChapter: TradeDataset?
    /// Reporter's imports by HS6 and partner for one year (Census).
    public var productCrossSection: TradeDataset?
    /// Reporter's monthly trade with the rival (Census country table).
    public var monthlyWithRival: TradeDataset?
    /// The reporter's exports by partner after ``annualBilateral`` ends (USITC DataWeb, US).
    public var laterExports: TradeDataset? = nil
    /// The reporter's imports and exports by partner fetched from the Census API
    /// (`decouple data fetch census`), preferred to every bundled file for the years it covers.
    public var fetchedAnnual: TradeDataset? = nil
    /// How current the trade data are, and the command that would bring them up to date when
    /// no fetched data were found (lines shown under the headlines).
    public var currency: [String] = []
    /// Policy measures (the reporter's measures aimed at the rival are marked on the time charts).
    public var policyMeasures: [PolicyMeasure] = []
    /// Strategic chains and stages, to group product-level tables.
    public var taxonomy: StrategicTaxonomy?
    /// HS6 product names by code (HS2022), for product tables.
    public var productNames: [String: String]
    /// The framework applied (Table 1, predictions, agreement).
    public var framework: FrameworkResult?
    /// The framework's sources (patent tables, configuration), cited by its figures.
    public var frameworkProvenance: [Provenance] = []
    /// The framework scored against null models on dated outcomes (leads the framework section).
    public var frameworkEvaluation: FrameworkEvaluation? = nil
    /// The evaluation over the configuration grid.
    public var frameworkSensitivity: FrameworkSensitivity? = nil
    /// Critical-minerals assessments (USGS MCS), for the minerals section.
    public var minerals: MineralsReportInput? = nil
    /// Hidden (look-through) supply-chain exposure from an input–output table, for the exposure section.
    public var exposure: ExposureReportInput? = nil

    public init(annualBilateral: TradeDataset? = nil, laterExports: TradeDataset? = nil, monthlyByChapter: TradeDataset? = nil,
                productCrossSection: TradeDataset? = nil, monthlyWithRival: TradeDataset? = nil,
                taxonomy: StrategicTaxonomy? = nil, productNames: [String: String] = [:]) {
        self.annualBilateral = annualBilateral
        self.laterExports = laterExports
        self.monthlyByChapter = monthlyByChapter
        self.productCrossSection = productCrossSection
        self.monthlyWithRival = monthlyWithRival
        self.taxonomy = taxonomy
        self.productNames = productNames
    }

    var all: [TradeDataset] { [annualBilateral, fetchedAnnual, laterExports, monthlyByChapter, productCrossSection, monthlyWithRival].compactMap { $0 } }
}

/// Choices that shape a report.
public struct ReportOptions: Sendable {
    public var reporter: Country
    public var rival: Country
    /// The year before decoupling measures (the 2018 tariffs) took hold.
    public var baseYear: Int
    /// How many rows the "largest falls" and "who gained" tables keep.
    public var topCount: Int
    /// Keep gold (HS 7108, 7118) and the special-provision chapters 98–99 in partner rankings
    /// and "who gained" (``GoldExclusion``); left out by default.
    public var includeGold: Bool
    /// Headline counts of chain stages take only stages whose imports reach this value (US$).
    public var minimumStageValue: Double
    /// The day the report is made, against which each section's vintage is judged.
    public var asOf: CalendarDay

    /// The default minimum of a chain stage's imports in headline counts: US$100 million.
    public static let defaultMinimumStageValue = 100e6

    public init(reporter: Country = .usa, rival: Country = .china, baseYear: Int = 2017, topCount: Int = 10,
                includeGold: Bool = false, minimumStageValue: Double = ReportOptions.defaultMinimumStageValue,
                asOf: CalendarDay = .today()) {
        self.reporter = reporter
        self.rival = rival
        self.baseYear = baseYear
        self.topCount = topCount
        self.includeGold = includeGold
        self.minimumStageValue = minimumStageValue
        self.asOf = asOf
    }
}
