import DecoupleCore
import DecoupleTrade

/// Countries as the source files write them, both ways: the codes a country may appear under
/// (to filter in Spark) and the country a pair of codes means (to read Spark's answer), with
/// the same tables as the local readers, so both engines see the same countries.
///
/// BACI: numeric codes through the release's country file (exact both ways). UN Comtrade:
/// alpha-3 text when filled, else the numeric code (``ComtradeAreaCodes``); the filter sent
/// to Spark is a superset, and the exact test is made on the mapped countries.
struct SparkCountryKeys {
    let source: SparkTradeSource
    private let baciCodes: [Country: [Int]]

    init(source: SparkTradeSource) {
        self.source = source
        var codes: [Country: [Int]] = [:]
        for (code, country) in source.countryCodes?.byCode ?? [:] { codes[country, default: []].append(code) }
        baciCodes = codes.mapValues { $0.sorted() }
    }

    /// True when the SQL filter is exact, so Spark need not return the codes to filter on.
    var filterIsExact: Bool { source.layout == .baci }

    /// A condition on the `iso`/`code` columns that keeps every row of the given countries.
    func condition(iso: String, code: String, countries: [Country]) -> String {
        switch source.layout {
        case .baci:
            return SparkSQLText.isIn(code, countries.flatMap { baciCodes[$0] ?? [] }.map(String.init).sorted())
        case .comtrade:
            var isos = Set<String>(), codes = Set<String>()
            for c in countries {
                isos.insert(c.code.uppercased())
                for (alpha, mapped) in ComtradeAreaCodes.alpha where mapped == c { isos.insert(alpha) }
                for (n, mapped) in ComtradeAreaCodes.numeric where mapped == c { codes.insert(String(n)) }
                if let n = CountryTable.standard.info(c)?.isoNumeric { codes.insert(String(n)) }
                if c.code.hasPrefix("M49-") { codes.insert(String(c.code.dropFirst(4))) }
            }
            if isos.isEmpty && codes.isEmpty { return "1 = 0" }
            return "(\(SparkSQLText.isIn("upper(trim(\(iso)))", isos.sorted())) OR \(SparkSQLText.isIn(code, codes.sorted())))"
        }
    }

    /// The country a pair of codes from Spark's answer means.
    func country(iso: String?, code: String?) throws -> Country {
        switch source.layout {
        case .baci:
            guard let n = code.flatMap({ Int($0) }), let c = source.countryCodes?.byCode[n] else {
                throw SparkTradeSourceError("unknown BACI country code \(code ?? "NULL") (not in \(source.countryCodes?.file ?? "the country file"))")
            }
            return c
        case .comtrade:
            guard let c = ComtradeAreaCodes.resolve(iso3: iso ?? "", numeric: code.flatMap { Int($0) }, table: .standard) else {
                throw SparkTradeSourceError("unknown Comtrade area '\((iso ?? "").isEmpty ? code ?? "" : iso!)' (expected an ISO alpha-3 code, W00, or a UN M49 / Comtrade area code)")
            }
            return c
        }
    }
}
