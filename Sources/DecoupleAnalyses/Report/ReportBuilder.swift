import DecoupleCore

/// Builds a ``DecouplingReport`` from the inputs: the rival's share of the reporter's trade
/// over time, by product chapter, who gained, and the latest product cross-section.
public struct ReportBuilder: Sendable {
    public var options: ReportOptions
    public var countries: CountryTable
    /// The reporter's dated measures aimed at the rival, drawn on the time charts (set by ``build(_:)``).
    var policyMeasures: [(id: String, name: String, start: PolicyDate)] = []

    public init(options: ReportOptions, countries: CountryTable = .standard) {
        self.options = options
        self.countries = countries
    }

    /// A country's display name; an aggregate partner such as the EU is marked "(aggregate)".
    func name(_ c: Country) -> String { PartnerRule.displayName(c, countries: countries) }

    /// The possessive of a country's name: "China's", "Germany's", "the United States'" style
    /// ("United States'") for a name ending in s.
    func possessive(_ c: Country) -> String {
        let n = name(c)
        return n.hasSuffix("s") ? n + "'" : n + "'s"
    }

    /// The section with its vintage: the latest period among its figures, judged against
    /// ``ReportOptions/asOf`` (sections built one by one, as the dashboard's pages do, call it).
    public func dated(_ section: ReportSection) -> ReportSection {
        guard section.skippedBecause == nil, section.vintage == nil else { return section }
        var s = section
        s.vintage = vintage(of: s.figures)
        return s
    }

    /// Markers for the policy measures on a time chart's labels.
    func policyMarkers(_ labels: [String]) -> [ChartMarker] { ChartMarker.markers(policyMeasures, xLabels: labels) }

    /// The key of a chart's numbered policy markers, for the section's notes.
    func markerKey(_ markers: [ChartMarker], chart: String) -> String? {
        guard !markers.isEmpty else { return nil }
        return "Policy markers on \(chart) (\(possessive(options.reporter)) measures aimed at \(name(options.rival)), at their start): "
            + markers.enumerated().map { k, m in
                "\(k + 1) \(m.at) " + (m.ids.count > 3 ? m.ids.prefix(2).joined(separator: ", ") + " and \(m.ids.count - 2) more" : m.ids.joined(separator: ", "))
            }.joined(separator: "; ") + "."
    }

    /// The ids of the report's sections, in order (`report --section ID`; the framework's only
    /// when framework inputs were given). A test checks them against a built report.
    public static let sectionIDs = ["annual-shares", "monthly", "sources", "chapters", "products", "chains", "framework", "minerals", "hidden-exposure"]

    public func build(_ inputs: ReportInputs) -> DecouplingReport {
        var builder = self
        builder.policyMeasures = inputs.policyMeasures
            .filter { $0.jurisdiction == options.reporter && $0.targetedCountries.contains(options.rival) }
            .compactMap { m in m.start.map { (m.id, m.name, $0) } }
        return builder.assemble(inputs)
    }

    func assemble(_ inputs: ReportInputs) -> DecouplingReport {
        // The trade answer the title asks comes first; the framework follows the trade sections.
        var sections: [ReportSection] = []
        sections.append(annualShares(inputs.annualBilateral, later: [inputs.fetchedAnnual, inputs.laterExports].compactMap { $0 }))
        sections.append(monthlyShares(inputs.monthlyByChapter, inputs.monthlyWithRival))
        sections.append(sourceComparison(inputs))
        sections.append(chapterShares(inputs.monthlyByChapter))
        sections.append(productCrossSection(inputs.productCrossSection, taxonomy: inputs.taxonomy, names: inputs.productNames))
        sections.append(strategicChains(inputs.productCrossSection, taxonomy: inputs.taxonomy))
        if inputs.framework != nil {
            sections.append(framework(inputs.framework, evaluation: inputs.frameworkEvaluation, sensitivity: inputs.frameworkSensitivity))
        }
        sections.append(minerals(inputs.minerals))
        sections.append(exposure(inputs.exposure))
        sections = sections.map(dated)
        var sources: [String: Provenance] = [:]
        for d in inputs.all { sources[d.id] = d.provenance }
        for (id, p) in inputs.minerals?.sources ?? [:] { sources[id] = p }
        if let e = inputs.exposure { sources[e.datasetID] = e.provenance }
        if inputs.framework != nil {
            sources["framework"] = Provenance(
                source: "Decouple framework engine (Zhou 2024) on bundled indicators",
                edition: inputs.frameworkProvenance.map(\.citation).joined(separator: "; "),
                url: "Data/framework/framework.json",
                licence: inputs.frameworkProvenance.map(\.licence).joined(separator: "; "),
                retrievedFrom: "computed by decouple from the sources listed in its edition")
        }
        if let t = inputs.taxonomy {
            for (i, p) in t.provenance.enumerated() { sources[i == 0 ? "taxonomy" : "taxonomy-\(i)"] = p }
        }
        let r = options.reporter, v = options.rival
        var report = DecouplingReport(
            title: "How far has \(name(r)) trade decoupled from \(name(v))?",
            reporter: r, rival: v, reporterName: name(r), rivalName: name(v),
            sections: sections, sources: sources)
        report.headlines = headlines(sections, critical: inputs.minerals?.critical)
        report.currency = inputs.currency
        return report
    }
}
