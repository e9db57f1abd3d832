import DecoupleCore

/// Reads IMF Direction of Trade Statistics bilateral annual goods trade in long form:
///
///     reporter,flow,partner,year,value_usd_m,flag
///     USA,M,CHN,2017,505597.2,
///
/// `flow` is `X` (exports, FOB) or `M` (imports, CIF); values are millions of US dollars;
/// `flag` is empty or `e` (IMF estimate). Reporter and partner are IMF DOTS codes (ISO3 for
/// economies, `WLD` and other codes for aggregates). The US reports imports at customs value,
/// which DOTS labels CIF; the reader records the valuation the reporter really uses.
public struct DOTSReader: Sendable {
    public static let header = ["reporter", "flow", "partner", "year", "value_usd_m", "flag"]

    public var countries: CountryTable
    /// How many issues to collect before giving up.
    public var errorLimit: Int

    public init(countries: CountryTable = .standard, errorLimit: Int = 20) {
        self.countries = countries
        self.errorLimit = errorLimit
    }

    /// Reads the file, keeping only rows whose reporter passes `keepReporter`.
    public func read(path: String, displayName: String? = nil, provenance: Provenance,
                     id: String = "imf-dots",
                     keepReporter: (Country) -> Bool = { _ in true },
                     progress: ((Double) -> Void)? = nil) throws -> TradeDataset {
        let reader = DelimitedFileReader(path: path, displayName: displayName)
        var issues = IssueCollector(file: reader.displayName, limit: errorLimit)
        var flows: [TradeFlow] = []
        var codes = CountryCodeCache(table: countries, scheme: .imfDOTS)
        let total = ProductCode.total

        func country(_ record: CSVRecord, _ i: Int) throws -> Country? {
            switch codes.country(record, i) {
            case .success(let c): return c
            case .failure(let e):
                try issues.add(line: record.line, column: record.column(i), e.description)
                return nil
            }
        }

        try readWithHeader(reader, progress: progress, header: { header, line in
            try header.requireExactly(Self.header, file: reader.displayName, line: line)
        }, row: { r in
            guard r.count == 6 else {
                try issues.add(line: r.line, column: nil, "expected 6 fields (\(Self.header.joined(separator: ","))), found \(r.count)")
                return
            }
            guard let reporter = try country(r, 0) else { return }
            if !keepReporter(reporter) { return }
            let direction: TradeDirection
            if r.field(1, equals: "M") { direction = .imports }
            else if r.field(1, equals: "X") { direction = .exports }
            else {
                try issues.add(line: r.line, column: r.column(1), "expected flow 'X' (exports) or 'M' (imports), found '\(r.string(1))'")
                return
            }
            guard let partner = try country(r, 2) else { return }
            guard let year = r.integer(3), (1948...2100).contains(year) else {
                try issues.add(line: r.line, column: r.column(3), "expected a year (1948–2100), found '\(r.string(3))'")
                return
            }
            // A trade value is never negative (the bundled release has none) nor beyond US$1e15 million.
            guard let value = r.number(4), value.isFinite, value >= 0, value < 1e15 else {
                try issues.add(line: r.line, column: r.column(4), "expected a value in US$ million, ≥ 0, found '\(r.string(4))'")
                return
            }
            let estimate: Bool
            if r.isEmpty(5) { estimate = false }
            else if r.field(5, equals: "e") { estimate = true }
            else {
                try issues.add(line: r.line, column: r.column(5), "expected flag 'e' or nothing, found '\(r.string(5))'")
                return
            }
            let valuation: Valuation = direction == .exports ? .fob
                : (reporter == .usa ? .customsValue : .cif)
            flows.append(TradeFlow(period: .year(year), reporter: reporter, partner: partner,
                                   direction: direction, product: total, value: value * 1e6,
                                   valuation: valuation, isEstimate: estimate))
        })
        try issues.finish()
        return TradeDataset(id: id, provenance: provenance, flows: flows)
    }
}
