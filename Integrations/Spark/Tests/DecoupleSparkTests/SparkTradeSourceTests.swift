import DecoupleCore
import DecoupleTrade
@testable import DecoupleSpark
import Testing

@Suite struct SparkTradeSourceTests {
    static let codes = BACICountryCodes(byCode: [842: .usa, 156: Country("CHN"), 276: Country("DEU"), 280: Country("DEU")],
                                        file: "/data/country_codes_V202401b.csv")

    @Test func formatFollowsPrefixOrExtension() throws {
        #expect(try SparkTradeSource(location: "/d/us.csv.gz", layout: .comtrade).format == .csv)
        #expect(try SparkTradeSource(location: "s3a://b/trade/*.csv", layout: .comtrade).format == .csv)
        #expect(try SparkTradeSource(location: "/d/baci.parquet", layout: .comtrade).format == .parquet)
        let prefixed = try SparkTradeSource(location: "parquet:/d/baci", layout: .comtrade)
        #expect(prefixed.format == .parquet)
        #expect(prefixed.location == "/d/baci")
        #expect(try SparkTradeSource(location: "trade.baci_hs17", layout: .comtrade).format == .table)
        #expect(try SparkTradeSource(location: "trade.baci_hs17", layout: .comtrade).setupStatement == nil)
        #expect(try SparkTradeSource(location: "/d/it's.csv", layout: .comtrade).setupStatement
                == "CREATE OR REPLACE TEMPORARY VIEW decouple_trade_source USING csv OPTIONS (path '/d/it\\'s.csv', header 'true')")
    }

    @Test func missingSettingsAreNamed() {
        #expect(throws: SparkTradeSourceError("a BACI source needs its HS edition (--spark-edition, e.g. HS2017)")) {
            try SparkTradeSource(location: "/d/b.csv", layout: .baci, countryCodes: Self.codes)
        }
        #expect(throws: SparkTradeSourceError("a BACI source needs the release's country file (--baci-country-codes country_codes_V….csv)")) {
            try SparkTradeSource(location: "/d/b.csv", layout: .baci, edition: .hs2017)
        }
        #expect(throws: SparkTradeSourceError("'drop table x' is not a table name (letters, digits, _ and .); prefix a path with csv: or parquet:")) {
            try SparkTradeSource(location: "drop table x", layout: .comtrade)
        }
    }

    @Test func sqlLiteralsAreEscaped() {
        #expect(SparkSQLText.string("fish 'n' chips \\ co") == "'fish \\'n\\' chips \\\\ co'")
        #expect(SparkSQLText.identifier("odd`name") == "`odd``name`")
        #expect(SparkSQLText.double(1.0 / 3) == "CAST('0.3333333333333333' AS DOUBLE)")
        #expect(SparkSQLText.isIn("x", [String]()) == "1 = 0")
    }

    @Test func baciCountryFiltersUseEveryCodeOfTheCountry() throws {
        let source = try SparkTradeSource(location: "/d/BACI_HS17_Y2022_V202401b.csv", layout: .baci, edition: .hs2017,
                                          countryCodes: Self.codes)
        let keys = SparkCountryKeys(source: source)
        #expect(keys.condition(iso: "r.own_iso", code: "r.own_code", countries: [Country("DEU"), .usa])
                == "r.own_code IN ('276', '280', '842')")
        #expect(try keys.country(iso: "", code: "280") == Country("DEU"))
        #expect(throws: SparkTradeSourceError.self) { try keys.country(iso: "", code: "999") }
        #expect(source.provenance.first?.retrievedFrom == "BACI_HS17_Y2022_V202401b.csv, country_codes_V202401b.csv")
    }

    @Test func comtradeCountryFiltersCoverAlphaAndNumericCodes() throws {
        let source = try SparkTradeSource(location: "/d/c.csv", layout: .comtrade)
        let keys = SparkCountryKeys(source: source)
        #expect(keys.condition(iso: "i", code: "c", countries: [.usa, .world])
                == "(upper(trim(i)) IN ('USA', 'W00', 'WLD') OR c IN ('0', '840', '842'))")
        #expect(try keys.country(iso: "", code: "842") == .usa)
        #expect(try keys.country(iso: "S19", code: "490") == Country("TWN"))
    }

    @Test func taxonomyMembersOfAnotherEditionNeverReachSpark() throws {
        let source = try SparkTradeSource(location: "/d/b.csv", layout: .baci, edition: .hs2017, countryCodes: Self.codes)
        let query = TradeAggregationQuery(side: .imports, products: .groups([
            ProductGroupMember(code: "850760", edition: .hs2022, chain: "b", stage: "c"),
        ]), groupBy: [.chain])
        let sql = TradeAggregationSQL(query: query, rows: SparkTradeRows(source: source, columnNames: []),
                                      countries: SparkCountryKeys(source: source))
        #expect(try sql.statement() == nil)
    }
}
