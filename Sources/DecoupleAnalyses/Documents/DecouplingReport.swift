import DecoupleCore

/// The result of `decouple report`: how far a reporter's trade has decoupled from a rival.
public struct DecouplingReport: Sendable, Codable {
    public var title: String
    public var reporter: Country
    public var rival: Country
    public var reporterName: String
    public var rivalName: String
    /// The headline figures, each with its source and vintage (the dashboard's cards).
    public var headlines: [ReportHeadline] = []
    /// How current the trade data are, and how to bring them up to date (shown under the headlines).
    public var currency: [String] = []
    public var sections: [ReportSection]
    /// Every dataset a figure cites, by id.
    public var sources: [String: Provenance]

    public init(title: String, reporter: Country, rival: Country, reporterName: String, rivalName: String,
                sections: [ReportSection], sources: [String: Provenance]) {
        self.title = title
        self.reporter = reporter
        self.rival = rival
        self.reporterName = reporterName
        self.rivalName = rivalName
        self.sections = sections
        self.sources = sources
    }

    /// Every figure of every section.
    public var figures: [Figure] { sections.flatMap(\.figures) }
}
