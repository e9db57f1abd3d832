import DecoupleCore

/// Reads the US Census Bureau's monthly "Trade in Goods with <country>" table
/// (`census.gov/foreign-trade/balance/c5700.html` for China), saved as semicolon-separated text:
///
///     Month;Exports;Imports;Balance
///     January 2001;1,187.5;8,427.5;-7,240.0
///
/// Millions of US dollars, not seasonally adjusted, with thousands separators. Exports are
/// valued free alongside ship, imports at customs value (general imports). The balance is
/// checked against exports − imports.
public struct CensusCountryTradeReader: Sendable {
    public static let header = ["Month", "Exports", "Imports", "Balance"]
    static let months = ["january", "february", "march", "april", "may", "june", "july",
                         "august", "september", "october", "november", "december"]

    public var partner: Country
    public var errorLimit: Int

    public init(partner: Country = .china, errorLimit: Int = 20) {
        self.partner = partner
        self.errorLimit = errorLimit
    }

    public func read(path: String, displayName: String? = nil, provenance: Provenance,
                     id: String = "census-us-china-monthly") throws -> TradeDataset {
        let reader = DelimitedFileReader(path: path, delimiter: ";", displayName: displayName)
        var issues = IssueCollector(file: reader.displayName, limit: errorLimit)
        var flows: [TradeFlow] = []
        try readWithHeader(reader, progress: nil, header: { header, line in
            try header.requireExactly(Self.header, file: reader.displayName, line: line, delimiter: ";")
        }, row: { r in
            guard r.count == 4 else {
                try issues.add(line: r.line, column: nil, "expected 4 fields (Month;Exports;Imports;Balance), found \(r.count)")
                return
            }
            let words = r.string(0).split(separator: " ")
            guard words.count == 2, let m = Self.months.firstIndex(of: words[0].lowercased()),
                  let y = Int(words[1]), (1900...2200).contains(y) else {
                try issues.add(line: r.line, column: r.column(0), "expected a month such as 'January 2001', found '\(r.string(0))'")
                return
            }
            var values: [Double] = []
            for i in 1...3 {
                guard let v = r.number(i, thousandsSeparator: true) else {
                    try issues.add(line: r.line, column: r.column(i), "expected a number (US$ million, e.g. 1,187.5), found '\(r.string(i))'")
                    return
                }
                values.append(v)
            }
            if abs(values[0] - values[1] - values[2]) > 0.15 {
                try issues.add(line: r.line, column: r.column(3), "balance \(r.string(3)) does not equal exports − imports (\(values[0] - values[1]))")
                return
            }
            let period = Period.month(year: y, month: m + 1)
            flows.append(TradeFlow(period: period, reporter: .usa, partner: partner, direction: .exports,
                                   value: values[0] * 1e6, valuation: .fas))
            flows.append(TradeFlow(period: period, reporter: .usa, partner: partner, direction: .imports,
                                   value: values[1] * 1e6, valuation: .customsValue))
        })
        try issues.finish()
        return TradeDataset(id: id, provenance: provenance, flows: flows)
    }
}
