import DecoupleCore

/// Reads US imports in the layout of the US Census Bureau International Trade API
/// (`timeseries/intltrade/imports/hs`), as its CSV exports write it:
///
///     CTY_NAME,CON_VAL_MO,CAL_DUT_MO,I_COMMODITY,I_COMMODITY_SDESC,time,COMM_LVL,CTY_CODE
///     CHINA,1474506,0,01,LIVE ANIMALS,2013-01,HS2,5700
///
/// Columns are found by name, so extra columns are allowed. The value is `CON_VAL_MO` /
/// `CON_VAL_YR` (imports for consumption) or `GEN_VAL_MO` / `GEN_VAL_YR` (general imports),
/// customs value in US dollars. `_MO` values are monthly; `_YR` values are year to date and
/// are read as the calendar year only for December. `CTY_CODE` is the Census Schedule C code;
/// files without it (the API's total) must name `TOTAL FOR ALL COUNTRIES` in `CTY_NAME`.
public struct CensusTradeReader: Sendable {
    public var countries: CountryTable
    public var errorLimit: Int

    public init(countries: CountryTable = .standard, errorLimit: Int = 20) {
        self.countries = countries
        self.errorLimit = errorLimit
    }

    static let valueColumns = ["CON_VAL_MO", "CON_VAL_YR", "GEN_VAL_MO", "GEN_VAL_YR"]

    /// Reads one file and appends its flows to `flows`.
    public func read(path: String, displayName: String? = nil,
                     into flows: inout [TradeFlow],
                     productNames: inout [String: String],
                     progress: ((Double) -> Void)? = nil) throws {
        let reader = DelimitedFileReader(path: path, displayName: displayName)
        let file = reader.displayName
        var issues = IssueCollector(file: file, limit: errorLimit)
        var valueIndex = 0, commodityIndex = 0, timeIndex = 0
        var levelIndex: Int?, codeIndex: Int?, nameIndex: Int?, descriptionIndex: Int?
        var names: [String: String] = [:]
        var annual = false
        var fieldCount = 0
        var codes = CountryCodeCache(table: countries, scheme: .census)
        var collected: [TradeFlow] = []

        try readWithHeader(reader, progress: progress, header: { header, line in
            fieldCount = header.names.count
            guard let v = Self.valueColumns.compactMap({ header.index(of: $0) }).first else {
                throw DataReadError(issues: [DataIssue(file: file, line: line, column: 1,
                    message: "no value column: expected one of \(Self.valueColumns.joined(separator: ", ")) in the header")])
            }
            valueIndex = v
            annual = header.names[v].hasSuffix("_YR")
            for required in ["I_COMMODITY", "time"] where header.index(of: required) == nil {
                throw DataReadError(issues: [DataIssue(file: file, line: line, column: 1,
                    message: "missing column '\(required)' in the header")])
            }
            commodityIndex = header.index(of: "I_COMMODITY")!
            timeIndex = header.index(of: "time")!
            levelIndex = header.index(of: "COMM_LVL")
            codeIndex = header.index(of: "CTY_CODE")
            nameIndex = header.index(of: "CTY_NAME")
            descriptionIndex = header.index(of: "I_COMMODITY_SDESC")
            if codeIndex == nil && nameIndex == nil {
                throw DataReadError(issues: [DataIssue(file: file, line: line, column: 1,
                    message: "missing column 'CTY_CODE' (or 'CTY_NAME' for the total) in the header")])
            }
        }, row: { r in
            guard r.count == fieldCount else {
                try issues.add(line: r.line, column: nil, "expected \(fieldCount) fields as in the header, found \(r.count)")
                return
            }
            // Partner.
            let partner: Country
            if let ci = codeIndex {
                switch codes.country(r, ci) {
                case .success(let c): partner = c
                case .failure(let e):
                    try issues.add(line: r.line, column: r.column(ci), e.description)
                    return
                }
            } else {
                guard let ni = nameIndex, r.field(ni, equals: "TOTAL FOR ALL COUNTRIES") else {
                    try issues.add(line: r.line, column: nameIndex.map(r.column), "expected CTY_NAME 'TOTAL FOR ALL COUNTRIES' in a file without CTY_CODE, found '\(nameIndex.map(r.string) ?? "")'")
                    return
                }
                partner = .world
            }
            // Period.
            let timeText = r.string(timeIndex)
            guard let month = Period(timeText), case .month(let y, let m) = month else {
                try issues.add(line: r.line, column: r.column(timeIndex), "expected a month 'YYYY-MM' or date 'YYYY-MM-DD', found '\(timeText)'")
                return
            }
            let period: Period
            if annual {
                guard m == 12 else {
                    try issues.add(line: r.line, column: r.column(timeIndex), "year-to-date value for month \(m); expected December (an annual figure) in a _YR column")
                    return
                }
                period = .year(y)
            } else {
                period = month
            }
            // Product.
            let codeText = r.string(commodityIndex)
            let product: ProductCode
            do {
                product = try ProductCode(codeText, edition: codeText.count > 2 ? HSEdition.inForce(in: y) : nil)
            } catch {
                try issues.add(line: r.line, column: r.column(commodityIndex), "invalid commodity code '\(codeText)' (expected 2, 4, 6, 8 or 10 digits)")
                return
            }
            if let li = levelIndex {
                let level = r.string(li)
                let expected = product.level == .hts10 ? "HS10" : product.level.rawValue.uppercased()
                guard level == expected else {
                    try issues.add(line: r.line, column: r.column(li), "COMM_LVL '\(level)' does not match the \(product.code.count)-digit commodity code \(product.code); expected '\(expected)'")
                    return
                }
            }
            guard let value = r.number(valueIndex), value >= 0 else {
                try issues.add(line: r.line, column: r.column(valueIndex), "expected a non-negative number (US$), found '\(r.string(valueIndex))'")
                return
            }
            if let di = descriptionIndex, !r.isEmpty(di), names[product.code] == nil {
                names[product.code] = r.string(di)
            }
            collected.append(TradeFlow(period: period, reporter: .usa, partner: partner, direction: .imports,
                                       product: product, value: value, valuation: .customsValue))
        })
        try issues.finish()
        flows.append(contentsOf: collected)
        productNames.merge(names) { old, _ in old }
    }
}
