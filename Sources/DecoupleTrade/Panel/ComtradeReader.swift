import DecoupleCore

/// Reads UN Comtrade annual trade files in the v1 bulk/API layout (47 columns), with the
/// column names either as the API returns them (`refYear`, `reporterCode`, `primaryValue`) or
/// in snake case as R's `comtradr` writes them (`ref_year`, `reporter_code`, `primary_value`).
///
/// Used columns: year (`refYear`), `flowCode` (`M` import, `X` export), reporter and partner
/// (`reporterISO`/`partnerISO` when filled, else `reporterCode`/`partnerCode`, see
/// ``ComtradeAreaCodes``), `cmdCode`, `classificationCode` (`H0`…`H6`), the value
/// (`primaryValue`, or `cifvalue`/`fobvalue` with ``valuation``), `netWgt` (kg, stored in tonnes)
/// and, when present, `freqCode`, `motCode`, `customsCode`, `partner2Code`.
///
/// Rows kept: annual HS rows at the product levels asked for (HS6 by default), totals over
/// transport modes (`motCode` 0), customs procedures (`C00`) and second partners (`0`).
/// The `World` partner rows are kept as partner `WLD` (measures use them as the reporter's
/// total). Left out, and counted in the summary: `TOTAL` and coarser HS lines (aggregates of
/// the kept lines), breakdowns by transport mode, customs procedure or second partner, and
/// re-exports/re-imports. Anything else that does not fit is an error with its line and column.
public struct ComtradeReader: Sendable {
    /// Which value column becomes the stored value.
    public enum Valuation: String, Sendable, CaseIterable {
        /// `primaryValue`: CIF for imports, FOB for exports (Comtrade's headline value).
        case primary
        /// `cifvalue`.
        case cif
        /// `fobvalue`.
        case fob

        var column: String {
            switch self { case .primary: "primaryvalue"; case .cif: "cifvalue"; case .fob: "fobvalue" }
        }
    }

    public var countries: CountryTable
    public var valuation: Valuation
    /// Product code lengths kept (6: HS6 lines only).
    public var productDigits: Set<Int>
    /// The edition of files that have no `classificationCode` column.
    public var defaultEdition: HSEdition?
    public var errorLimit: Int

    public init(countries: CountryTable = .standard, valuation: Valuation = .primary, productDigits: Set<Int> = [6],
                defaultEdition: HSEdition? = nil, errorLimit: Int = 20) {
        self.countries = countries
        self.valuation = valuation
        self.productDigits = productDigits
        self.defaultEdition = defaultEdition
        self.errorLimit = errorLimit
    }

    /// The provenance of UN Comtrade downloads.
    public static func provenance(files: [String]) -> Provenance {
        Provenance(source: "UN Comtrade (annual, HS as reported)", edition: "bulk/API v1 download",
                   url: "https://comtradeplus.un.org",
                   licence: "UN Comtrade terms of use: no re-dissemination without UNSD permission",
                   retrievedFrom: files.joined(separator: ", "))
    }

    /// Skip reasons, as recorded in ``PanelInputSummary/skipped``.
    public enum SkipReason {
        public static let aggregateProduct = "product aggregates (TOTAL or coarser HS lines)"
        public static let transportBreakdown = "breakdowns by mode of transport"
        public static let customsBreakdown = "breakdowns by customs procedure"
        public static let secondPartnerBreakdown = "breakdowns by second partner"
        public static let reExports = "re-exports and re-imports"
    }

    /// Reads one file and appends its rows to `builder`.
    @discardableResult
    public func read(path: String, displayName: String? = nil, into builder: inout TradePanelBuilder,
                     progress: ((Double) -> Void)? = nil) throws -> PanelInputSummary {
        let reader = DelimitedFileReader(path: path, displayName: displayName)
        let name = reader.displayName
        var issues = IssueCollector(file: name, limit: errorLimit)
        var summary = PanelInputSummary(file: name)
        _ = builder.beginFile(summary)
        let firstRow = builder.rowCount
        var skipped: [String: Int] = [:]
        var editions = Set<HSEdition>()

        var col = ComtradeColumns()
        var countryCache: [String: UInt16] = [:]

        func country(_ r: CSVRecord, iso: Int, code: Int, role: String) throws -> UInt16? {
            let isoText = iso >= 0 ? r.string(iso) : ""
            let codeText = code >= 0 ? r.string(code) : ""
            let key = isoText + "|" + codeText
            if let i = countryCache[key] { return i }
            let numeric = Int(codeText)
            guard let c = ComtradeAreaCodes.resolve(iso3: isoText, numeric: numeric, table: countries),
                  let i = builder.index(of: c) else {
                let at = !isoText.isEmpty && iso >= 0 ? iso : code
                try issues.add(line: r.line, column: at >= 0 ? r.column(at) : nil,
                               "unknown \(role) '\(isoText.isEmpty ? codeText : isoText)' (expected an ISO alpha-3 code, W00, or a UN M49 / Comtrade area code)")
                return nil
            }
            countryCache[key] = i
            return i
        }

        try readWithHeader(reader, progress: progress, header: { header, line in
            col = try ComtradeColumns(header, file: name, line: line, valuation: valuation)
        }, row: { r in
            guard r.count == col.fieldCount else {
                try issues.add(line: r.line, column: nil, "expected \(col.fieldCount) fields, found \(r.count)")
                return
            }
            if col.frequency >= 0 && !r.field(col.frequency, equals: "A") {
                try issues.add(line: r.line, column: r.column(col.frequency), "expected annual data (freqCode A), found '\(r.string(col.frequency))'")
                return
            }
            // Breakdowns whose totals are in the file as well.
            if col.transport >= 0 && !r.isEmpty(col.transport) && !r.field(col.transport, equals: "0") {
                skipped[SkipReason.transportBreakdown, default: 0] += 1; return
            }
            if col.customs >= 0 && !r.isEmpty(col.customs) && !r.field(col.customs, equals: "C00") {
                skipped[SkipReason.customsBreakdown, default: 0] += 1; return
            }
            if col.partner2 >= 0 && !r.isEmpty(col.partner2) && !r.field(col.partner2, equals: "0") {
                skipped[SkipReason.secondPartnerBreakdown, default: 0] += 1; return
            }
            let basis: PanelFlowBasis
            if r.field(col.flow, equals: "M") { basis = .importerReported }
            else if r.field(col.flow, equals: "X") { basis = .exporterReported }
            else if r.field(col.flow, equals: "RM") || r.field(col.flow, equals: "RX") || r.field(col.flow, equals: "DX")
                        || r.field(col.flow, equals: "FM") {
                skipped[SkipReason.reExports, default: 0] += 1; return
            } else {
                try issues.add(line: r.line, column: r.column(col.flow), "expected flowCode M (imports) or X (exports), found '\(r.string(col.flow))'")
                return
            }
            let code = r.string(col.commodity)
            let digits = code.utf8.count
            if code == "TOTAL" || (!productDigits.contains(digits) && digits < (productDigits.max() ?? 6) && code.utf8.allSatisfy({ $0 >= 48 && $0 <= 57 })) {
                skipped[SkipReason.aggregateProduct, default: 0] += 1; return
            }
            guard productDigits.contains(digits), code.utf8.allSatisfy({ $0 >= 48 && $0 <= 57 }) else {
                try issues.add(line: r.line, column: r.column(col.commodity),
                               "expected an HS code of \(productDigits.sorted().map(String.init).joined(separator: " or ")) digits, found '\(code)'")
                return
            }
            guard let year = r.integer(col.year), (1900...2100).contains(year) else {
                try issues.add(line: r.line, column: r.column(col.year), "expected a year (1900–2100), found '\(r.string(col.year))'")
                return
            }
            var edition = defaultEdition
            if col.classification >= 0 {
                let text = r.string(col.classification)
                guard let e = Self.edition(comtradeCode: text) else {
                    try issues.add(line: r.line, column: r.column(col.classification), "expected an HS classification code H0–H6, found '\(text)'")
                    return
                }
                edition = e
            }
            guard let edition else {
                try issues.add(line: r.line, column: nil, "the file has no classificationCode column: give the HS edition (--edition)")
                return
            }
            editions.insert(edition)
            guard let reporter = try country(r, iso: col.reporterISO, code: col.reporterCode, role: "reporter"),
                  let partner = try country(r, iso: col.partnerISO, code: col.partnerCode, role: "partner") else { return }
            guard let value = r.number(col.value), value.isFinite, value >= 0 else {
                try issues.add(line: r.line, column: r.column(col.value), "expected a value in US dollars (a number ≥ 0) in \(col.valueName), found '\(r.string(col.value))'")
                return
            }
            var tonnes = Double.nan
            if col.netWeight >= 0 && !r.isEmpty(col.netWeight) {
                guard let kg = r.number(col.netWeight), kg >= 0 else {
                    try issues.add(line: r.line, column: r.column(col.netWeight), "expected a net weight in kg (a number ≥ 0), found '\(r.string(col.netWeight))'")
                    return
                }
                tonnes = kg / 1000
            }
            let product = builder.index(of: PanelStoreProduct(code: code, edition: edition))
            let (exporter, importer) = basis == .importerReported ? (partner, reporter) : (reporter, partner)
            builder.append(year: year, product: product, exporter: exporter, importer: importer, basis: basis,
                           value: value, quantity: tonnes, line: r.line)
        })
        try issues.finish()
        summary.rows = builder.rowCount - firstRow
        summary.skipped = skipped
        summary.edition = editions.count == 1 ? editions.first : nil
        builder.endFile(summary)
        return summary
    }

    /// `H0` … `H6` → HS1992 … HS2022.
    public static func edition(comtradeCode: String) -> HSEdition? {
        guard comtradeCode.count == 2, comtradeCode.hasPrefix("H"), let i = Int(comtradeCode.dropFirst()),
              HSEdition.allCases.indices.contains(i) else { return nil }
        return HSEdition.allCases[i]
    }
}

/// Where the columns a ``ComtradeReader`` uses are, found by name in either spelling.
struct ComtradeColumns {
    var year = -1, flow = -1, reporterCode = -1, reporterISO = -1, partnerCode = -1, partnerISO = -1
    var commodity = -1, value = -1, classification = -1, frequency = -1, transport = -1, customs = -1
    var partner2 = -1, netWeight = -1
    var fieldCount = 0
    var valueName = ""

    init() {}

    init(_ header: Header, file: String, line: Int, valuation: ComtradeReader.Valuation) throws {
        // `refYear`, `ref_year` and `REFYEAR` are the same column.
        let keys = header.names.map { $0.lowercased().filter { $0 != "_" && $0 != " " } }
        func find(_ names: String...) -> Int { names.lazy.compactMap { keys.firstIndex(of: $0) }.first ?? -1 }
        year = find("refyear", "period")
        flow = find("flowcode")
        reporterCode = find("reportercode")
        reporterISO = find("reporteriso")
        partnerCode = find("partnercode")
        partnerISO = find("partneriso")
        commodity = find("cmdcode")
        value = find(valuation.column)
        classification = find("classificationcode")
        frequency = find("freqcode")
        transport = find("motcode")
        customs = find("customscode")
        partner2 = find("partner2code")
        netWeight = find("netwgt")
        fieldCount = keys.count
        valueName = valuation.column == "primaryvalue" ? "primaryValue" : valuation.column
        var missing: [String] = []
        if year < 0 { missing.append("refYear") }
        if flow < 0 { missing.append("flowCode") }
        if reporterCode < 0 && reporterISO < 0 { missing.append("reporterCode") }
        if partnerCode < 0 && partnerISO < 0 { missing.append("partnerCode") }
        if commodity < 0 { missing.append("cmdCode") }
        if value < 0 { missing.append(valueName) }
        guard missing.isEmpty else {
            throw DataReadError(issues: [DataIssue(
                file: file, line: line, column: 1,
                message: "not a UN Comtrade v1 file: the header lacks \(missing.joined(separator: ", ")) (found '\(header.names.prefix(8).joined(separator: ","))\(header.names.count > 8 ? ",…" : "")')")])
        }
    }

    /// The number of fields a row must have to hold every used column.
    var width: Int {
        [year, flow, reporterCode, reporterISO, partnerCode, partnerISO, commodity, value, classification,
         frequency, transport, customs, partner2, netWeight].max()! + 1
    }
}
