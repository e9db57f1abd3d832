import DecoupleCore

/// One number of a report, with what it measures and where it comes from.
///
/// Every figure names its dataset in ``source``; the report's ``DecouplingReport/sources``
/// maps that id to the full ``Provenance``.
public struct Figure: Sendable, Codable, Hashable {
    /// What is measured: `partner_share`, `share_change`, `trade_value` …
    public var metric: FigureMetric
    public var reporter: String?
    public var partner: String?
    /// `imports`, `exports`, `total` or `intermediate inputs`.
    public var flow: FigureFlow?
    /// `TOTAL`, or an HS code.
    public var product: String?
    /// `2017`, `2017-03`, or `2017..2020` for changes.
    public var period: String
    public var value: Double
    /// `fraction` (0.163 = 16.3%), `fraction points` (changes of shares), `USD`, `count`, `rank`.
    public var unit: FigureUnit
    /// Dataset id (a key of ``DecouplingReport/sources``).
    public var source: String
    /// Caveats: partial year, denominator basis …
    public var note: String?

    public init(metric: FigureMetric, reporter: Country? = nil, partner: Country? = nil, flow: FigureFlow? = nil,
                product: String? = nil, period: String, value: Double, unit: FigureUnit, source: String,
                note: String? = nil) {
        self.metric = metric
        self.reporter = reporter?.code
        self.partner = partner?.code
        self.flow = flow
        self.product = product
        self.period = period
        self.value = value
        self.unit = unit
        self.source = source
        self.note = note
    }
}
