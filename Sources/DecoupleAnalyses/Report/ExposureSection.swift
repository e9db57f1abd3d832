import DecoupleCore
import DecoupleInputOutput

/// What the exposure section needs: the importer's sectors' exposure to the rival, computed
/// from an input–output table (`decouple` computes it from the bundled OECD ICIO 2022).
public struct ExposureReportInput: Sendable {
    /// Dataset id of the table (a key of the report's sources).
    public var datasetID: String
    public var provenance: Provenance
    /// The table's reference year, for the figures' period.
    public var year: String
    /// Exposure of each of the importer's sectors to the rival, in table order.
    public var sectors: [SectorExposure]
    /// The manufacturing sectors' codes (ICIO C10T12 … C31T33).
    public var manufacturing: [String]
    /// The output-weighted exposure of the manufacturing sectors together.
    public var manufacturingTotal: SectorExposure?
    /// Sector names by code.
    public var sectorNames: [String: String]

    public init(datasetID: String, provenance: Provenance, year: String, sectors: [SectorExposure], manufacturing: [String],
                manufacturingTotal: SectorExposure?, sectorNames: [String: String]) {
        self.datasetID = datasetID
        self.provenance = provenance
        self.year = year
        self.sectors = sectors
        self.manufacturing = manufacturing
        self.manufacturingTotal = manufacturingTotal
        self.sectorNames = sectorNames
    }
}

extension ReportBuilder {
    /// Hidden exposure (Baldwin, Freeman & Theodorakopoulos 2023): the reporter's manufacturing
    /// sectors' face-value exposure to the rival (direct purchases, from A) against the
    /// look-through exposure (every upstream tier, from L), and how many have the rival as
    /// their top look-through foreign supplier.
    public func exposure(_ input: ExposureReportInput?) -> ReportSection {
        let id = "hidden-exposure", title = "Hidden exposure through supply chains (OECD inter-country input–output table)"
        let r = options.reporter, v = options.rival
        guard let input, !input.sectors.isEmpty else {
            return ReportSection(id: id, title: title,
                                 skippedBecause: "no input–output exposure was computed (the reporter and the rival must both be economies of the OECD ICIO table)")
        }
        let mfg = Set(input.manufacturing)
        let rows = input.sectors.filter { mfg.contains($0.sector) }
        var figures: [Figure] = []
        var findings: [String] = []
        var table: [[String]] = []
        let rivalTop = rows.filter { $0.topForeignSupplier == v.code }
        for e in rows {
            let product = "ICIO:\(e.sector)"
            let note = input.sectorNames[e.sector]
            figures.append(Figure(metric: .faceValueInputShare, reporter: r, partner: v, flow: .intermediateInputs, product: product,
                                  period: input.year, value: e.faceValueShare, unit: .fraction, source: input.datasetID,
                                  note: "Σ_{i∈\(v.code)} a_ij / Σ_i a_ij; \(note ?? e.sector)"))
            figures.append(Figure(metric: .lookThroughInputShare, reporter: r, partner: v, flow: .intermediateInputs, product: product,
                                  period: input.year, value: e.lookThroughShare, unit: .fraction, source: input.datasetID,
                                  note: "Σ_{i∈\(v.code)} (L − I)_ij / Σ_i (L − I)_ij; \(note ?? e.sector)"))
            table.append([e.sector, input.sectorNames[e.sector].map { ICIOCodeList.shortName($0) } ?? "", Fmt.pct(e.faceValueShare),
                          Fmt.pct(e.lookThroughShare), Fmt.pct(e.hiddenShare),
                          e.lookThroughMultiple.map { NumberText.fixed($0, decimals: 1) + "×" } ?? "–",
                          Fmt.pct(e.valueAdded), e.topForeignSupplier.map { name(Country($0)) } ?? "–"])
        }
        if let t = input.manufacturingTotal {
            figures.append(Figure(metric: .faceValueImportedInputShare, reporter: r, partner: v, flow: .intermediateInputs,
                                  product: "ICIO:manufacturing", period: input.year, value: t.faceValueShareOfImported, unit: .fraction,
                                  source: input.datasetID, note: "share of the manufacturing sectors' imported intermediate inputs"))
            figures.append(Figure(metric: .lookThroughForeignRequirementShare, reporter: r, partner: v, flow: .intermediateInputs,
                                  product: "ICIO:manufacturing", period: input.year, value: t.lookThroughShareOfForeign, unit: .fraction,
                                  source: input.datasetID, note: "share of the manufacturing sectors' foreign input requirements (all tiers)"))
            findings.append("At face value \(name(v)) supplies \(Fmt.pct(t.faceValueShareOfImported)) of \(possessive(r)) manufacturing's imported intermediate inputs (\(Fmt.pct(t.faceValueShare)) of all its direct inputs), \(input.year).")
            findings.append("Looking through the supply chain, \(name(v)) accounts for \(Fmt.pct(t.lookThroughShareOfForeign)) of \(possessive(r)) manufacturing's foreign input requirements (\(Fmt.pct(t.lookThroughShare)) of all requirements): \(t.lookThroughMultiple.map { NumberText.fixed($0, decimals: 1) } ?? "–")× the face value in money terms (\(Fmt.usd(t.faceValueAmount * 1e6)) direct, \(Fmt.usd(t.lookThroughAmount * 1e6)) through all tiers).")
        }
        findings.append("\(name(v)) is the top look-through foreign supplier of \(rivalTop.count) of \(rows.count) \(possessive(r)) manufacturing sectors.")
        figures.append(Figure(metric: .sectorsWithRivalTopLookThroughSupplier, reporter: r, partner: v, product: "ICIO:manufacturing",
                              period: input.year, value: Double(rivalTop.count), unit: .count, source: input.datasetID,
                              note: "of \(rows.count) manufacturing sectors"))
        if let most = rows.max(by: { $0.hiddenShare < $1.hiddenShare }) {
            findings.append("Largest hidden exposure: \(input.sectorNames[most.sector].map { ICIOCodeList.shortName($0) } ?? most.sector) (\(most.sector)), \(Fmt.pct(most.faceValueShare)) at face value, \(Fmt.pct(most.lookThroughShare)) looking through.")
        }
        let sorted = rows.sorted { $0.lookThroughShare > $1.lookThroughShare }
        let chart = Chart.bar(BarChart(
            title: "\(possessive(v)) share of \(possessive(r)) manufacturing sectors' total input requirements (look-through), \(input.year)",
            subtitle: "Direct and indirect inputs, all tiers (Leontief inverse); face value in the table",
            labels: sorted.map { "\($0.sector) \(input.sectorNames[$0.sector].map { ICIOCodeList.shortName($0) } ?? "")" },
            values: sorted.map(\.lookThroughShare), format: .percent(decimals: 1), source: input.provenance.citation))
        return ReportSection(id: id, title: title, findings: findings, figures: figures, tables: [
            ReportTable(title: "\(possessive(r)) manufacturing sectors' exposure to \(name(v)): face value (A) vs look-through (L − I), \(input.year)",
                        columns: ["ICIO sector", "name", "face value", "look-through", "hidden (tiers 2+, of requirements)", "LT ÷ FV (money)", "\(v.code) value added", "top LT foreign supplier"],
                        numericColumns: [2, 3, 4, 5, 6], rows: table, sources: [input.datasetID]),
        ], charts: [chart])
    }
}
