import Foundation
import DecoupleCore
import DecoupleTrade
@testable import DecoupleSpark
import Testing

/// The same aggregations through the local store and through Spark, on the same files.
@Suite(.enabled(if: SparkTestServer.enabled, SparkTestServer.skipReason), .serialized)
struct SparkEngineIntegrationTests {
    // MARK: - A generated BACI release

    /// A BACI-format file of a few thousand rows (NA and empty quantities, padded fields,
    /// product codes that lost their leading zero, two numeric codes of one country) and its
    /// country file, in a fresh folder the Spark server can read.
    struct GeneratedBACI {
        let folder: String
        let data: String
        let countries: String
        let rows: Int

        init() throws {
            folder = NSTemporaryDirectory() + "decouple-spark-baci-" + UUID().uuidString
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
            countries = folder + "/country_codes_V202401b.csv"
            try """
            country_code,country_name,country_iso2,country_iso3
            4,Afghanistan,AF,AFG
            36,Australia,AU,AUS
            156,China,CN,CHN
            251,France,FR,FRA
            276,Germany,DE,DEU
            280,"Germany, Fed. Rep.",DE,DEU
            484,Mexico,MX,MEX
            490,"Other Asia, nes",,S19
            699,India,IN,IND
            704,Viet Nam,VN,VNM
            842,USA,US,USA

            """.write(toFile: countries, atomically: true, encoding: .utf8)
            data = folder + "/BACI_HS17_Y2020_V202401b.csv"
            var rng = SplitMix64(seed: 2024)
            let codes = [4, 36, 156, 251, 276, 484, 490, 699, 704, 842]
            let products = ["010121", "030389", "260300", "284690", "811292", "850760", "850780", "854143", "870380"]
            var text = "t,i,j,k,v,q\n"
            var n = 0
            for year in 2019...2022 {
                for k in products {
                    for i in codes {
                        for j in codes where j != i {
                            guard rng.next() % 10 < 7 else { continue }
                            // Germany is 280 in 2019 and 276 later, as in old releases.
                            let e = i == 276 && year == 2019 ? 280 : i, m = j == 276 && year == 2019 ? 280 : j
                            let kText = k.hasPrefix("0") && rng.next() % 2 == 0 ? String(k.dropFirst()) : k
                            let v = Double(rng.next() % 100_000_000) / 1000
                            let q: String = switch rng.next() % 20 {
                            case 0, 1, 2: "NA"
                            case 3: ""
                            case 4: "   \(Double(rng.next() % 1_000_000) / 100)"
                            default: String(Double(rng.next() % 10_000_000) / 1000)
                            }
                            let vText = rng.next() % 10 == 0 ? "  \(v)" : "\(v)"
                            text += "\(year),\(e),\(m),\(kText),\(vText),\(q)\n"
                            n += 1
                        }
                    }
                }
            }
            try text.write(toFile: data, atomically: true, encoding: .utf8)
            rows = n
        }
    }

    static let baciQueries: [(String, TradeAggregationQuery)] = {
        let members = [
            ProductGroupMember(code: "850760", chain: "batteries", stage: "cells"),
            ProductGroupMember(code: "850780", edition: .hs2017, chain: "batteries", stage: "cells", weight: 0.25),
            ProductGroupMember(code: "284690", chain: "batteries", stage: "materials", weight: 1.0 / 3),
            ProductGroupMember(code: "260300", chain: "copper", stage: "mining"),
            ProductGroupMember(code: "854143", chain: "solar", stage: "modules", weight: 0.5),
            ProductGroupMember(code: "811292", edition: .hs2022, chain: "gallium", stage: "metal"),  // other edition: never matches
            ProductGroupMember(code: "010121", chain: "food", stage: "animals", weight: 0.75),
            ProductGroupMember(code: "030389", chain: "fish 'n' chips", stage: "back\\slash"),  // quoting in SQL
        ]
        return [
            ("imports by year, reporter, partner", TradeAggregationQuery(side: .imports, groupBy: [.year, .reporter, .partner])),
            ("exports by reporter, product", TradeAggregationQuery(side: .exports, groupBy: [.reporter, .product])),
            ("imports of USA and DEU, 2020–21, by year and partner",
             TradeAggregationQuery(side: .imports, years: [2020, 2021], reporters: [.usa, Country("DEU")], groupBy: [.year, .partner])),
            ("exports to CHN and TWN, HS 85 and 0101, by year and product",
             TradeAggregationQuery(side: .exports, partners: [Country("CHN"), Country("TWN")], products: .prefixes(["85", "0101"]),
                                   groupBy: [.year, .product])),
            ("imports of a taxonomy by chain, stage, year",
             TradeAggregationQuery(side: .imports, products: .groups(members), groupBy: [.chain, .stage, .year])),
            ("exports of a taxonomy by reporter, product, stage",
             TradeAggregationQuery(side: .exports, products: .groups(members), groupBy: [.reporter, .product, .stage])),
            ("imports of a taxonomy, ungrouped by chain", TradeAggregationQuery(side: .imports, products: .groups(members), groupBy: [.partner])),
            ("exports grand total", TradeAggregationQuery(side: .exports, groupBy: [])),
            ("imports by chain without a taxonomy", TradeAggregationQuery(side: .imports, years: [2022], groupBy: [.chain, .reporter])),
            ("no reporters", TradeAggregationQuery(side: .imports, reporters: [], groupBy: [.year])),
            ("empty taxonomy", TradeAggregationQuery(side: .imports, products: .groups([]), groupBy: [.year])),
        ]
    }()

    @Test func baciFileGivesTheLocalEnginesResults() async throws {
        let baci = try GeneratedBACI()
        defer { try? FileManager.default.removeItem(atPath: baci.folder) }
        #expect(baci.rows > 2000)
        let storePath = baci.folder + "/baci.dpanel"
        try PanelImport.baci(files: [baci.data], countryCodes: baci.countries, edition: .hs2017, to: storePath)
        let local = LocalTradeAggregationEngine(store: try TradePanelStore(path: storePath))
        let spark = try SparkTradeAggregationEngine(request: TradeEngineRequest(
            engine: "spark", url: SparkTestServer.url, source: baci.data, layout: .baci, edition: .hs2017,
            countryCodes: baci.countries))

        let localPanel = try await local.describe(), sparkPanel = try await spark.describe()
        #expect(sparkPanel.years == [2019, 2020, 2021, 2022])
        #expect(sparkPanel == localPanel)

        for (label, query) in Self.baciQueries {
            let a = try await local.aggregate(query), b = try await spark.aggregate(query)
            expectSameAggregate(a, b, "BACI " + label)
            #expect(a.provenance == b.provenance)
        }
        // The checks bite: every row of the file is counted, and the taxonomy weights are applied.
        let all = try await spark.aggregate(TradeAggregationQuery(side: .imports, groupBy: []))
        #expect(all.rows.first?.rowCount == baci.rows)
        let taxonomy = try await spark.aggregate(Self.baciQueries[4].1)
        #expect(Set(taxonomy.rows.compactMap(\.chain)) == ["batteries", "copper", "solar", "food", "fish 'n' chips"])
        let byReporter = try await spark.aggregate(TradeAggregationQuery(side: .exports, years: [2019, 2020], groupBy: [.reporter, .year]))
        #expect(byReporter.rows.contains { $0.reporter == Country("DEU") && $0.year == 2019 })  // code 280
        #expect(byReporter.rows.contains { $0.reporter == Country("TWN") })                      // S19
    }

    // MARK: - The real US-reported UN Comtrade files

    static let nikhilm = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("../../../../../shared/data/comtrade-us-partner-hs6-nikhilm/converted-csv").standardized.path
    /// The files in the comtradr layout (the Taiwan files have another).
    static let comtradeFiles = ["us_china.csv.gz", "us_china_2022_24.csv.gz", "us_china_2025.csv.gz", "us_mexico_1521.csv.gz",
                                "us_mexico_2225.csv.gz", "us_vietnam_1521.csv.gz", "us_vietnam_2225.csv.gz"]
    static var comtradePresent: Bool { FileManager.default.fileExists(atPath: nikhilm + "/us_china.csv.gz") }

    static let comtradeQueries: [(String, TradeAggregationQuery)] = {
        let members = [
            ProductGroupMember(code: "850760", edition: .hs2017, chain: "batteries", stage: "cells"),
            ProductGroupMember(code: "850760", edition: .hs2022, chain: "batteries", stage: "cells", weight: 0.5),
            ProductGroupMember(code: "850760", edition: .hs2012, chain: "batteries", stage: "cells", weight: 0.9),
            ProductGroupMember(code: "854143", chain: "solar", stage: "cells", weight: 0.3),
            ProductGroupMember(code: "854140", chain: "solar", stage: "cells", weight: 0.6),
            ProductGroupMember(code: "260300", chain: "copper", stage: "ore"),
            ProductGroupMember(code: "740311", chain: "copper", stage: "refined", weight: 0.8),
        ]
        return [
            ("imports by year and partner", TradeAggregationQuery(side: .imports, groupBy: [.year, .partner])),
            ("exports 2019 and 2024 by year and product", TradeAggregationQuery(side: .exports, years: [2019, 2024], groupBy: [.year, .product])),
            ("imports from CHN of HS 8507 and 2846 by product",
             TradeAggregationQuery(side: .imports, partners: [Country("CHN")], products: .prefixes(["8507", "2846"]), groupBy: [.product])),
            ("imports of a taxonomy by chain, stage, year, partner",
             TradeAggregationQuery(side: .imports, products: .groups(members), groupBy: [.chain, .stage, .year, .partner])),
            ("exports of a taxonomy by stage", TradeAggregationQuery(side: .exports, products: .groups(members), groupBy: [.stage])),
            ("exports of the USA by partner", TradeAggregationQuery(side: .exports, reporters: [.usa], groupBy: [.partner])),
            ("imports grand total", TradeAggregationQuery(side: .imports, groupBy: [])),
            ("imports reported by CHN (none)", TradeAggregationQuery(side: .imports, reporters: [Country("CHN")], groupBy: [.year])),
            ("imports of VNM and MEX by reporter, year", TradeAggregationQuery(side: .imports, partners: [Country("VNM"), Country("MEX")],
                                                                             groupBy: [.reporter, .year])),
        ]
    }()

    @Test(.enabled(if: comtradePresent, "needs ../shared/data/comtrade-us-partner-hs6-nikhilm (UN Comtrade, not bundled)"))
    func comtradeFilesGiveTheLocalEnginesResults() async throws {
        let folder = NSTemporaryDirectory() + "decouple-spark-comtrade-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let storePath = folder + "/comtrade.dpanel"
        try PanelImport.comtrade(files: Self.comtradeFiles.map { Self.nikhilm + "/" + $0 }, to: storePath)
        let local = LocalTradeAggregationEngine(store: try TradePanelStore(path: storePath))
        let spark = try SparkTradeAggregationEngine(request: TradeEngineRequest(
            engine: "spark", url: SparkTestServer.url, source: Self.nikhilm + "/us_{china,mexico,vietnam}*.csv.gz", layout: .comtrade))

        let localPanel = try await local.describe(), sparkPanel = try await spark.describe()
        #expect(sparkPanel.years == Array(2015...2025))
        #expect(sparkPanel.years == localPanel.years)
        #expect(sparkPanel.coversAllReporters == localPanel.coversAllReporters)

        for (label, query) in Self.comtradeQueries {
            let a = try await local.aggregate(query), b = try await spark.aggregate(query)
            expectSameAggregate(a, b, "Comtrade " + label)
        }
        let total = try await spark.aggregate(TradeAggregationQuery(side: .imports, groupBy: [.partner]))
        #expect(total.rows.map(\.partner) == [Country("CHN"), Country("MEX"), Country("VNM")])
        #expect(total.rows.allSatisfy { $0.value > 1e10 && $0.rowCount > 10_000 })
    }
}
