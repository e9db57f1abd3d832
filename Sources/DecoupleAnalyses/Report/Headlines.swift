import DecoupleCore

extension ReportBuilder {
    /// The latest period among a section's figures (a change `2017..2024` counts by its end).
    func vintage(of figures: [Figure]) -> Vintage? {
        Vintage(periods: figures.compactMap { Self.period(ofFigure: $0.period) }, asOf: options.asOf)
    }

    /// The period a figure's period text ends in: `2024`, `2021-06`, or the end of `2017..2024`.
    static func period(ofFigure text: String) -> Period? {
        let end = text.components(separatedBy: "..").last ?? text
        return Period(end)
    }

    /// The report's headline figures, read from the sections' figures, each with its vintage.
    func headlines(_ sections: [ReportSection], critical: CriticalMineralsCount? = nil) -> [ReportHeadline] {
        let figures = sections.flatMap(\.figures)
        let rival = name(options.rival), reporter = name(options.reporter)
        var out: [ReportHeadline] = []
        func add(_ id: String, _ value: String, _ label: String, _ f: Figure) {
            guard let p = Self.period(ofFigure: f.period) else { return }
            out.append(ReportHeadline(id: id, value: value, label: label, source: f.source, vintage: Vintage(latest: p, asOf: options.asOf)))
        }
        if let last = figures.last(where: { $0.metric == .partnerShare && $0.flow == .total && $0.product == "TOTAL" && $0.source == "imf-dots" }) {
            add("rival-share-of-trade", ValueFormat.percent(decimals: 1).format(last.value), "\(possessive(options.rival)) share of \(possessive(options.reporter)) goods trade, \(last.period)", last)
        }
        // The latest import and export shares, when later files (fetched Census data, USITC
        // DataWeb) carry them past the bilateral file.
        let annual = sections.first { $0.id == "annual-shares" }?.figures ?? []
        for flow: FigureFlow in [.imports, .exports] {
            let later = annual.filter { $0.metric == .partnerShare && $0.flow == flow && $0.product == "TOTAL" && $0.source != "imf-dots" }
            if let last = later.max(by: { ($0.period, $0.source == "census-fetch" ? 1 : 0) < ($1.period, $1.source == "census-fetch" ? 1 : 0) }) {
                add("rival-share-of-\(flow.rawValue)", ValueFormat.percent(decimals: 1).format(last.value),
                    "\(possessive(options.rival)) share of \(possessive(options.reporter)) goods \(flow.rawValue), \(last.period)", last)
            }
        }
        for flow: FigureFlow in [.total, .imports, .exports] {
            if let c = figures.first(where: { $0.metric == .shareChange && $0.flow == flow && $0.product == "TOTAL" && $0.source == "imf-dots" }) {
                let what = flow == .total ? "total trade" : flow.rawValue
                add("rival-share-change-\(flow.rawValue)", ValueFormat.percentagePoints(decimals: 1).format(c.value),
                    "Change in the share of \(what), \(c.period.replacingOccurrences(of: "..", with: "–"))", c)
            }
        }
        if let mostly = figures.first(where: { $0.metric == .chainStagesMostlyFromRival }),
           let counted = figures.first(where: { $0.metric == .chainStagesCounted }) {
            add("stages-mostly-from-rival", "\(Int(mostly.value)) of \(Int(counted.value))",
                "strategic chain stages with imports of at least \(Fmt.usdThreshold(options.minimumStageValue)) still at least half from \(rival), \(mostly.period)", mostly)
        }
        // The report's own critical-minerals count (CriticalMineralsCount, as its minerals section and `decouple minerals`).
        if let c = critical, let f = figures.first(where: { $0.metric == .criticalMineralsFullyImportReliant }) {
            add("critical-minerals-imported-entirely", "\(c.fullyImportReliant) of \(c.listSize)",
                "critical minerals \(reporter) imports entirely (net import reliance 100%, MCS \(c.edition); \(c.listName))", f)
        }
        return out
    }
}
