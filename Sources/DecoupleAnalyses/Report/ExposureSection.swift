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

    /// "C26 computer, electronic and optical products": the code with its short name.
    public func sectorLabel(_ code: String) -> String {
        sectorNames[code].map { code + " " + ICIOCodeList.shortName($0) } ?? code
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
            labels: sorted.map { input.sectorLabel($0.sector) },
            values: sorted.map(\.lookThroughShare), format: .percent(decimals: 1), source: input.provenance.citation))
        return ReportSection(id: id, title: title, findings: findings, figures: figures, tables: [
            ReportTable(title: "\(possessive(r)) manufacturing sectors' exposure to \(name(v)): face value (A) vs look-through (L − I), \(input.year)",
                        columns: ["ICIO sector", "name", "face value", "look-through", "hidden (tiers 2+, of requirements)", "LT ÷ FV (money)", "\(v.code) value added", "top LT foreign supplier"],
                        numericColumns: [2, 3, 4, 5, 6], rows: table, sources: [input.datasetID]),
        ], charts: [chart])
    }
}

/// One sector of an importer, tier by tier, with its top look-through foreign suppliers (the
/// dashboard's `/exposure?sector=…`, the text of `decouple exposure --sector …`).
public struct ExposureSectorDetail: Sendable {
    /// The sector's exposure to the source, with `tiers` tiers.
    public var exposure: SectorExposure
    /// Foreign regions by look-through share of the sector's requirements, largest first.
    public var suppliers: [ExposureSupplier]
    /// The sector's name in the table's code list.
    public var sectorName: String?
    public var datasetID: String
    public var provenance: Provenance
    /// The table's reference year.
    public var year: String

    /// One sector of an importer's exposure against `source`, with its top suppliers.
    /// - Throws: ``ExposureRunError`` when the importer has no such sector (the message lists them).
    public static func measure(exposure x: ImporterExposure, sectorNames: [String: String], source: String,
                               sector: String, top: Int, dataset: BundledDataset = .oecdICIO2022) throws -> ExposureSectorDetail {
        let importer = x.importer
        guard let c = x.column(ofSector: sector), let e = x.sector(c, source: source) else {
            throw ExposureRunError(message: "no sector '\(sector)' for \(importer); its sectors are \(x.sectors.joined(separator: ", "))")
        }
        return ExposureSectorDetail(exposure: e, suppliers: ExposureRun.suppliers(x, column: c, top: top), sectorName: sectorNames[e.sector],
                                    datasetID: dataset.id, provenance: dataset.provenance, year: "2022")
    }
}

extension ReportBuilder {
    /// One sector tier by tier: the source's share of each tier of the sector's input
    /// requirements (A, A², …, the remainder), the look-through total and the hidden part, and
    /// the sector's largest look-through foreign suppliers.
    public func exposureDetail(_ d: ExposureSectorDetail) -> ReportSection {
        let e = d.exposure, r = Country(e.importer), v = Country(e.source)
        let label = e.sector + (d.sectorName.map { " " + ICIOCodeList.shortName($0) } ?? "")
        var findings = [
            "\(name(v)) supplies \(Fmt.pct(e.faceValueShare)) of \(possessive(r)) \(label) direct inputs at face value (\(Fmt.pct(e.faceValueShareOfImported)) of the imported ones; \(Fmt.pct(e.faceValueShareOfRequirements)) of total input requirements, tier 1 below), \(d.year).",
            "Looking through every tier, \(name(v)) accounts for \(Fmt.pct(e.lookThroughShare)) of the sector's total input requirements (\(Fmt.pct(e.lookThroughShareOfForeign)) of the foreign ones); \(Fmt.pct(e.hiddenShare)) is hidden in tiers 2 and above.",
        ]
        if let top = d.suppliers.first {
            findings.append("Largest look-through foreign supplier: \(name(Country(top.region))), \(Fmt.pct(top.lookThroughShare)) of the requirements.")
        }
        let tierNames = (1...max(1, e.tiers.count)).map { $0 == e.tiers.count ? "tier \($0)+ (remainder)" : ($0 == 1 ? "tier 1 (A)" : "tier \($0) (A^\($0))") }
        var rows: [[String]] = []
        for (k, t) in e.tiers.enumerated() {
            rows.append([tierNames[k], NumberText.fixed(t, decimals: 5), Fmt.usd(t * e.grossOutput * 1e6), Fmt.pct(e.tierShares[k])])
        }
        rows.append(["look-through (L − I)", NumberText.fixed(e.lookThrough, decimals: 5), Fmt.usd(e.lookThroughAmount * 1e6), Fmt.pct(e.lookThroughShare)])
        rows.append(["hidden (tiers 2+)", NumberText.fixed(e.lookThrough - e.faceValue, decimals: 5), Fmt.usd(e.hiddenAmount * 1e6), Fmt.pct(e.hiddenShare)])
        rows.append(["\(v.code) value added (v̂ L)", NumberText.fixed(e.valueAdded, decimals: 5), Fmt.usd(e.valueAddedAmount * 1e6), Fmt.pct(e.valueAdded)])
        let suppliers = d.suppliers.map { s in
            [name(Country(s.region)), Fmt.pct(s.faceValueShare), Fmt.pct(s.lookThroughShare), Fmt.pct(s.hiddenShare), Fmt.pct(s.valueAdded)]
        }
        let chart = Chart.bar(BarChart(
            title: "\(v.code) share of \(r.code) \(e.sector) input requirements by tier, \(d.year)",
            subtitle: "Tier k: Σ(A^k) over \(v.code)'s rows ÷ total requirements Σ(L − I); the last is the remainder",
            labels: tierNames, values: e.tierShares, format: .percent(decimals: 2), source: d.provenance.citation))
        return ReportSection(id: "exposure-sector", title: "\(r.code) \(label): exposure to \(name(v)) tier by tier", findings: findings, tables: [
            ReportTable(title: "\(r.code) \(label): \(possessive(v)) part of each tier (coefficients per unit of gross output; amounts = coefficient × gross output \(Fmt.usd(e.grossOutput * 1e6)))",
                        columns: ["measure", "coefficient", "amount", "share of requirements"], numericColumns: [1, 2, 3], rows: rows, sources: [d.datasetID]),
            ReportTable(title: "Largest look-through foreign suppliers of \(r.code) \(label)",
                        columns: ["source", "face value (of inputs)", "look-through (of requirements)", "hidden (tiers 2+)", "value added"],
                        numericColumns: [1, 2, 3, 4], rows: suppliers, sources: [d.datasetID]),
        ], charts: [chart])
    }
}
