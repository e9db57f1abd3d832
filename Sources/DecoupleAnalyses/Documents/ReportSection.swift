import DecoupleCore

/// One part of a report: findings in words, figures, tables and charts.
public struct ReportSection: Sendable, Codable {
    public var id: String
    public var title: String
    /// Short sentences stating the main results, each with its numbers.
    public var findings: [String]
    public var figures: [Figure]
    public var tables: [ReportTable]
    /// Charts as data, drawn by the rendering layer (HTML only; not part of JSON or CSV).
    public var charts: [Chart] = []
    /// Why a section is empty, when it is.
    public var skippedBecause: String?
    /// How the section's numbers were delimited (what was left out, which minimum applies).
    public var notes: [String] = []
    /// The latest period the section covers (nil for a skipped section or one without periods).
    public var vintage: Vintage?

    public init(id: String, title: String, findings: [String] = [], figures: [Figure] = [],
                tables: [ReportTable] = [], charts: [Chart] = [], skippedBecause: String? = nil) {
        self.id = id
        self.title = title
        self.findings = findings
        self.figures = figures
        self.tables = tables
        self.charts = charts
        self.skippedBecause = skippedBecause
    }

    enum CodingKeys: String, CodingKey { case id, title, vintage, findings, notes, figures, tables, skippedBecause }
}
