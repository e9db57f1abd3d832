import DecoupleCore
import Foundation

/// Reads answers of the US Census Bureau International Trade API as the API sends them — a
/// JSON array of arrays with a header row (``JSONTable``) — from `imports/hs` or `exports/hs`:
///
///     [["CTY_CODE","CTY_NAME","I_COMMODITY","CON_VAL_MO","COMM_LVL","time"],
///     ["5700","CHINA","85","12345678","HS2","2024-01"]]
///
/// The header says what the answer is: `I_COMMODITY` imports or `E_COMMODITY` exports; a `_MO`
/// value monthly, a `_YR` value (year to date, asked for December) the calendar year. Imports
/// are `CON_VAL_*` (imports for consumption, customs value) or `GEN_VAL_*` (general imports);
/// exports `ALL_VAL_*` (FAS). `CTY_CODE` `-` is the total for all countries (read as the world);
/// the API's group rows (codes with an `X`, such as `1XXX` North America, and the `00nn` groups
/// such as `0003` European Union or `0022` OECD) are left out, since their members are listed too.
public struct CensusAPIReader: Sendable {
    public var countries: CountryTable

    public init(countries: CountryTable = .standard) {
        self.countries = countries
    }

    static let valueColumns = ["CON_VAL_MO", "CON_VAL_YR", "GEN_VAL_MO", "GEN_VAL_YR", "ALL_VAL_MO", "ALL_VAL_YR"]

    /// Whether a `CTY_CODE` is one of the API's groups of countries (not read).
    public static func isGroup(_ code: String) -> Bool {
        code.contains("X") || code.hasPrefix("0")
    }

    /// Reads one answer; `displayName` names it in errors. Returns its flows.
    public func read(path: String, displayName: String? = nil) throws -> [TradeFlow] {
        let file = displayName ?? path
        guard let data = FileManager.default.contents(atPath: path) else {
            throw DataReadError(issues: [DataIssue(file: file, message: "cannot read the file")])
        }
        let table = try JSONTable(data: data, file: file)
        if table.header.isEmpty && table.rows.isEmpty { return [] }
        func fail(_ line: Int, _ column: Int, _ m: String) -> DataReadError {
            DataReadError(issues: [DataIssue(file: file, line: line, column: column, message: m)])
        }
        guard let v = Self.valueColumns.compactMap({ table.index(of: $0) }).first else {
            throw fail(1, 1, "no value column: expected one of \(Self.valueColumns.joined(separator: ", ")) in the header")
        }
        let valueName = table.header[v]
        let direction: TradeDirection = valueName.hasPrefix("ALL_") ? .exports : .imports
        let commodityName = direction == .imports ? "I_COMMODITY" : "E_COMMODITY"
        guard let ci = table.index(of: commodityName), let ti = table.index(of: "time"), let pi = table.index(of: "CTY_CODE") else {
            throw fail(1, 1, "the header lacks \(commodityName), time or CTY_CODE")
        }
        let annual = valueName.hasSuffix("_YR")
        var out: [TradeFlow] = []
        out.reserveCapacity(table.rows.count)
        for row in table.rows {
            let code = row.cells[pi] ?? ""
            if Self.isGroup(code) { continue }
            let partner: Country
            if code == "-" { partner = .world } else {
                do { partner = try countries.resolve(code, as: .census) } catch {
                    throw fail(row.line, row.column, "unknown Census country code '\(code)' in CTY_CODE")
                }
            }
            let timeText = row.cells[ti] ?? ""
            guard let month = Period(timeText), case .month(let y, let m) = month else {
                throw fail(row.line, row.column, "time '\(timeText)': expected a month YYYY-MM")
            }
            if annual && m != 12 { throw fail(row.line, row.column, "\(valueName) for \(timeText): a year-to-date value is read as the year only for December") }
            let codeText = row.cells[ci] ?? ""
            let product: ProductCode
            do { product = try ProductCode(codeText, edition: codeText.count > 2 ? HSEdition.inForce(in: y) : nil) } catch {
                throw fail(row.line, row.column, "\(commodityName) '\(codeText)' is not an HS code of 2, 4, 6 or 10 digits")
            }
            guard let valueText = row.cells[v], let value = Double(valueText), value >= 0, value.isFinite else {
                throw fail(row.line, row.column, "\(valueName) '\(row.cells[v] ?? "null")' is not a non-negative number of US dollars")
            }
            out.append(TradeFlow(period: annual ? .year(y) : month, reporter: .usa, partner: partner, direction: direction,
                                 product: product, value: value, valuation: direction == .imports ? .customsValue : .fas))
        }
        return out
    }
}
