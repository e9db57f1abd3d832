import DecoupleCore

/// Reads a USITC DataWeb export ("Query Export" sheet saved as CSV) of US trade by HTS chapter
/// and partner country, annual:
///
///     Total Exports|Annual Data,,,,,,,,,
///     Data Row Count,17773,,,,,,,,
///     Data Type,HTS Number,Description,Country,2020,2021,2022,2023,2024,2025
///     FAS Value,01,LIVE ANIMALS,Afghanistan,4483.00,0.00,0.00,0.00,0.00,0.00
///     …
///     Total: ,,,,"1,429,995,404,019",…,0
///
/// Values in US dollars. The `Total:` line is checked against the sum of the rows of each year,
/// the row count against `Data Row Count`. A year whose total is zero (DataWeb fills the current,
/// unfinished year with zeros) is dropped and named in ``droppedYears``. Country names are
/// DataWeb's (Census) names, resolved by the country table and a short alias list; an unknown
/// name is an error, never dropped.
public struct USITCDataWebReader: Sendable {
    /// DataWeb names the country table does not hold, with their ISO3 code. Gaza Strip and the
    /// West Bank are both Palestine (PSE) and are summed.
    public static let aliases: [String: String] = [
        "british virgin islands": "VGB", "czechia (czech republic)": "CZE", "côte d`ivoire": "CIV",
        "democratic republic of the congo": "COD", "eswatini (swaziland)": "SWZ", "falkland islands": "FLK",
        "french southern and antarctic lands": "ATF", "gaza strip": "PSE", "west bank": "PSE",
        "heard and mcdonald islands": "HMD", "kosovo": "XKX", "macau": "MAC", "montserrat": "MSR",
        "myanmar (burma)": "MMR", "pitcairn islands": "PCN", "reunion": "REU", "saint helena": "SHN",
        "sint maarten": "SXM", "são tomé and príncipe": "STP", "vatican city": "VAT",
    ]

    public var reporter: Country
    public var errorLimit: Int

    public init(reporter: Country = .usa, errorLimit: Int = 20) {
        self.reporter = reporter
        self.errorLimit = errorLimit
    }

    /// The flows of a DataWeb export file and the years dropped because their total is zero.
    public func read(path: String, displayName: String? = nil, provenance: Provenance,
                     id: String, countries: CountryTable = .standard) throws -> (dataset: TradeDataset, droppedYears: [Int]) {
        let reader = DelimitedFileReader(path: path, delimiter: ",", displayName: displayName)
        let file = reader.displayName
        var issues = IssueCollector(file: file, limit: errorLimit)
        var direction: TradeDirection?, valuation: Valuation = .fas, dataType = ""
        var declaredRows: Int?, years: [Int] = [], headerSeen = false
        var rows: [(line: Int, partner: Country, chapter: ProductCode, values: [Double])] = []
        var totals: [Double]?, totalLine = 0
        var records = 0
        try reader.forEachRecord { r in
            records += 1
            var first = r.count > 0 ? r.string(0).trimmedForDataWeb : ""
            if records == 1, first.hasPrefix("\u{FEFF}") { first.removeFirst() }   // a UTF-8 byte-order mark
            switch records {
            case 1:
                if first.hasPrefix("Total Exports") { direction = .exports; valuation = .fas; dataType = "FAS Value" }
                else if first.hasPrefix("General Imports") || first.hasPrefix("Imports for Consumption") { direction = .imports; valuation = .customsValue; dataType = "Customs Value" }
                else { try issues.add(line: r.line, column: r.column(0), "expected a DataWeb title such as 'Total Exports|Annual Data', found '\(first)'") }
            case 2:
                guard first == "Data Row Count", r.count > 1, let n = Int(r.string(1)) else {
                    try issues.add(line: r.line, column: r.column(0), "expected 'Data Row Count,<n>'"); return
                }
                declaredRows = n
            case 3:
                let fixed = ["Data Type", "HTS Number", "Description", "Country"]
                let head = (0..<r.count).map { r.string($0).trimmedForDataWeb }
                guard head.count > 4, Array(head.prefix(4)) == fixed else {
                    try issues.add(line: r.line, column: 1, "expected the header \(fixed.joined(separator: ",")),<years…>, found '\(head.joined(separator: ","))'"); return
                }
                for (i, h) in head.dropFirst(4).enumerated() {
                    guard let y = Int(h), (1900...2200).contains(y) else {
                        try issues.add(line: r.line, column: r.column(4 + i), "expected a year, found '\(h)'"); return
                    }
                    years.append(y)
                }
                headerSeen = true
            default:
                guard headerSeen else { return }
                if first.hasPrefix("Total:") {
                    var t: [Double] = []
                    for i in years.indices {
                        guard 4 + i < r.count, let v = r.number(4 + i, thousandsSeparator: true) else {
                            try issues.add(line: r.line, column: 4 + i < r.count ? r.column(4 + i) : nil, "expected the \(years[i]) total (US$), found '\(4 + i < r.count ? r.string(4 + i) : "")'"); return
                        }
                        t.append(v)
                    }
                    totals = t
                    totalLine = r.line
                    return
                }
                guard totals == nil else { try issues.add(line: r.line, column: 1, "a data row after the 'Total:' line"); return }
                guard r.count == 4 + years.count else {
                    try issues.add(line: r.line, column: nil, "expected \(4 + years.count) fields, found \(r.count)"); return
                }
                guard first == dataType else { try issues.add(line: r.line, column: r.column(0), "expected the data type '\(dataType)', found '\(first)'"); return }
                let code = r.string(1).trimmedForDataWeb
                guard code.count == 2, code.allSatisfy(\.isNumber), let chapter = try? ProductCode(code) else {
                    try issues.add(line: r.line, column: r.column(1), "expected a two-digit HTS chapter such as '01', found '\(code)'"); return
                }
                let name = r.string(3).trimmedForDataWeb
                let partner: Country
                if let alias = Self.aliases[name.lowercased()] { partner = Country(alias) }
                else if let c = try? countries.resolve(name, as: .name) { partner = c }
                else { try issues.add(line: r.line, column: r.column(3), "unknown country name '\(name)' (not in the country table or the DataWeb aliases)"); return }
                var values: [Double] = []
                for i in years.indices {
                    guard let v = r.number(4 + i), v.isFinite, v >= 0 else {
                        try issues.add(line: r.line, column: r.column(4 + i), "expected a value in US$ ≥ 0 for \(years[i]), found '\(r.string(4 + i))'"); return
                    }
                    values.append(v)
                }
                rows.append((r.line, partner, chapter, values))
            }
        }
        // Problems of the whole file are placed after its last line (where the missing part belongs).
        let end = (rows.last?.0 ?? records) + 1
        if records < 3 || !headerSeen { try issues.add(line: min(end, records + 1), column: nil, "expected two title lines and a header (Data Type,HTS Number,Description,Country,<years>)") }
        if headerSeen, totals == nil { try issues.add(line: end, column: nil, "missing the 'Total:' line (the file may be truncated)") }
        if let n = declaredRows, headerSeen, n != rows.count {
            try issues.add(line: 2, column: 2, "Data Row Count says \(n) rows, the file has \(rows.count)")
        }
        var dropped: [Int] = []
        if let totals {
            for (i, y) in years.enumerated() {
                let sum = rows.reduce(0.0) { $0 + $1.values[i] }
                if abs(sum - totals[i]) > 0.51 { // the Total line is rounded to whole dollars
                    try issues.add(line: totalLine, column: nil, "the \(y) total \(totals[i]) does not equal the sum of the rows (\(sum))")
                }
                if totals[i] == 0 { dropped.append(y) }
            }
        }
        try issues.finish()
        var flows: [TradeFlow] = []
        flows.reserveCapacity(rows.count * years.count)
        for row in rows {
            for (i, y) in years.enumerated() where !dropped.contains(y) {
                flows.append(TradeFlow(period: .year(y), reporter: reporter, partner: row.partner, direction: direction!,
                                       product: row.chapter, value: row.values[i], valuation: valuation))
            }
        }
        return (TradeDataset(id: id, provenance: provenance, flows: flows), dropped)
    }
}

extension String {
    /// Without leading and trailing white space (DataWeb pads some names: "Montserrat ").
    fileprivate var trimmedForDataWeb: String {
        String(drop(while: \.isWhitespace).reversed().drop(while: \.isWhitespace).reversed())
    }
}
