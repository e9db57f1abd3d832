import Foundation
import Testing
import DecoupleCore
import DecoupleTrade

@Suite struct DependenceMeasuresTests {
    let batteries = ProductSelection.codes(["850760"])
    let solar = ProductSelection.codes(["854140"])

    @Test func sharesTopKAndHHI() throws {
        let (_, panel) = try DependenceFixture().panel(DependenceFixture.twoYears)
        let t = try #require(panel.partnerShares(of: .usa, side: .imports, year: 2021, products: batteries))
        // US imports of 850760 in 2021: CHN 600, DEU 300, VNM 100 (thousand US$).
        #expect(close(t.total, 1_000_000))
        #expect(!t.totalFromWorldRows)
        #expect(t.partners.map(\.partner.code) == ["CHN", "DEU", "VNM"])
        #expect(close(t.share(of: .china), 0.6))
        #expect(close(t.topShare(1), 0.6))
        #expect(close(t.topShare(2), 0.9))
        #expect(t.top(2).map(\.partner.code) == ["CHN", "DEU"])
        // HHI = .6² + .3² + .1² = .46;  normalised (.46 − 1/3) / (1 − 1/3) = .19.
        #expect(close(t.hhi, 0.46))
        #expect(close(t.normalizedHHI, 0.19))
        // All products: CHN 600 + 100 of 1,240.
        let all = try #require(panel.partnerShares(of: .usa, side: .imports, year: 2021))
        #expect(close(all.share(of: .china), 700.0 / 1240))
        // Exports side: China's exports of 850760 in 2021 go to USA 600, DEU 200, VNM 90, FRA 50.
        let cn = try #require(panel.partnerShares(of: .china, side: .exports, year: 2021, products: batteries))
        #expect(close(cn.total, 940_000))
        #expect(close(cn.share(of: .usa), 600.0 / 940))
        #expect(panel.partnerShares(of: .usa, side: .imports, year: 1999) == nil)
    }

    @Test func hhiBounds() {
        #expect(ConcentrationIndex.hhi([5]) == 1)
        #expect(ConcentrationIndex.normalizedHHI(1, partners: 1) == 1)
        #expect(close(ConcentrationIndex.hhi([2, 2, 2, 2]), 0.25))
        #expect(ConcentrationIndex.normalizedHHI(0.25, partners: 4) == 0)
        #expect(ConcentrationIndex.hhi([]) == 0)
        var seed: UInt64 = 42
        for n in 1...30 {
            let values = (0..<n).map { _ -> Double in
                seed = seed &* 6364136223846793005 &+ 1442695040888963407
                return Double(seed >> 11) / Double(1 << 53) + 1e-6
            }
            let h = ConcentrationIndex.hhi(values)
            #expect(h >= 1 / Double(n) - 1e-12 && h <= 1 + 1e-12)
            let hn = ConcentrationIndex.normalizedHHI(h, partners: n)
            #expect(hn >= 0 && hn <= 1)
        }
    }

    @Test func asymmetryOfDependence() throws {
        let (_, panel) = try DependenceFixture().panel(DependenceFixture.twoYears)
        let a = panel.dependenceAsymmetry(of: .usa, on: .china, year: 2021, products: batteries)
        // US import share from China .6; China's export share to the US 600/940.
        #expect(close(a.importShare, 0.6))
        #expect(close(a.exportShare, 600.0 / 940))
        #expect(close(a.asymmetry, 0.6 - 600.0 / 940))
    }

    @Test func revealedComparativeAdvantageAndWorldShares() throws {
        let (_, panel) = try DependenceFixture().panel(DependenceFixture.twoYears)
        let w = try #require(panel.worldExports(year: 2021))
        let chn = panel.index(of: .china)!, p = panel.products.firstIndex { $0.code == "854140" }!
        let b = panel.products.firstIndex { $0.code == "850760" }!
        // China exports 940 + 400 = 1,340; world 854140: 500; world 2,240.
        #expect(close(w.worldTotal, 2_240_000))
        #expect(close(w.rca(country: chn, product: p), (400.0 / 1340) / (500.0 / 2240)))
        #expect(close(w.worldMarketShare(country: chn, product: p), 0.8))
        #expect(close(w.exportHHI(product: p), 0.8 * 0.8 + 0.2 * 0.2))
        let batteryHHI: Double = (940.0 * 940 + 300 * 300 + 3 * 100 * 100) / (1540.0 * 1540)
        #expect(close(w.exportHHI(product: b), batteryHHI))
        #expect(w.leadingExporter(product: b)?.country == .china)
        #expect(close(w.rca(country: chn, weights: solar.weights(in: panel)), (400.0 / 1340) / (500.0 / 2240)))
    }

    @Test func rcaIsOneForAnExportMixEqualToTheWorlds() throws {
        // DEU exports A 10, B 30; CHN A 50, B 10; FRA A 30, B 20 — FRA's mix (.6/.4) is the world's (90/60).
        let (_, panel) = try DependenceFixture().panel([2021: """
            2021,276,842,850760,10,1
            2021,276,842,100199,30,1
            2021,156,842,850760,50,1
            2021,156,842,100199,10,1
            2021,251,842,850760,30,1
            2021,251,842,100199,20,1

            """])
        let w = try #require(panel.worldExports(year: 2021))
        let a = panel.products.firstIndex { $0.code == "850760" }!, b = panel.products.firstIndex { $0.code == "100199" }!
        let fra = panel.index(of: Country("FRA"))!, deu = panel.index(of: Country("DEU"))!, chn = panel.index(of: .china)!
        #expect(close(w.rca(country: fra, product: a), 1))
        #expect(close(w.rca(country: fra, product: b), 1))
        #expect(close(w.rca(country: deu, product: a), (10.0 / 40) / 0.6))
        #expect(close(w.rca(country: chn, product: a), (50.0 / 60) / 0.6))
    }

    @Test func euStrategicDependencyScreen() throws {
        let (_, panel) = try DependenceFixture().panel(DependenceFixture.twoYears)
        let screen = StrategicDependencyScreen()
        // A bloc of one: the United States in 2021.
        let us = Dictionary(uniqueKeysWithValues: screen.screen(panel, bloc: [.usa], year: 2021).map { ($0.product.code, $0) })
        #expect(close(us["850760"]?.supplierHHI, 0.46))
        #expect(close(us["850760"]?.importExportRatio, 10))        // 1,000 / 100 (USA → DEU)
        #expect(us["850760"]?.isDependency == true)
        #expect(us["854140"]?.importExportRatio == nil)              // no exports: ratio infinite
        #expect(us["854140"]?.isDependency == true)
        #expect(close(us["010121"]?.importExportRatio, 0.4))        // 40 / 100
        #expect(us["010121"]?.isDependency == false)
        // The EU (DEU, FRA here): 850760 extra-EU imports CHN 250, USA 100; intra FRA→DEU 100; exports DEU→USA 300.
        let eu = Dictionary(uniqueKeysWithValues: screen.screen(panel, bloc: CountryBloc.eu27, year: 2021).map { ($0.product.code, $0) })
        let r = try #require(eu["850760"])
        #expect(close(r.extraBlocImports, 350_000))
        #expect(close(r.totalImports, 450_000))
        #expect(close(r.supplierHHI, (250.0 * 250 + 100 * 100) / (350.0 * 350)))
        #expect(close(r.importExportRatio, 350.0 / 300))
        #expect(close(r.extraBlocImportShare, 350.0 / 450))
        #expect(r.topSupplier == .china)
        #expect(r.isDependency)
        // Raising the HHI cut to .6 drops it.
        let strict = StrategicDependencyScreen(thresholds: .init(hhi: 0.6)).screen(panel, bloc: CountryBloc.eu27, year: 2021)
        #expect(strict.first { $0.product.code == "850760" }?.isDependency == false)
    }

    @Test func geoDepScreen() throws {
        let (_, panel) = try DependenceFixture().panel(DependenceFixture.twoYears)
        let oneYear = GeoDepScreen(thresholds: .init(yearsRequired: 1, window: 1))
        let r = Dictionary(uniqueKeysWithValues: oneYear.screen(panel, country: .usa, year: 2021).map { ($0.product.code, $0) })
        let batteryHHI: Double = (940.0 * 940 + 300 * 300 + 3 * 100 * 100) / (1540.0 * 1540)
        #expect(close(r["850760"]?.worldExportHHI, batteryHHI))
        #expect(close(r["850760"]?.importExportRatio, 10))
        #expect(r["850760"]?.isDependency == true)
        #expect(r["854140"]?.importExportRatio == GeoDepScreen.noExportsRatio)
        #expect(r["854140"]?.isDependency == true)
        let horsesHHI: Double = (60.0 * 60 + 100 * 100 + 40 * 40) / (200.0 * 200)   // .38 < .4
        #expect(close(r["010121"]?.worldExportHHI, horsesHHI))
        #expect(r["010121"]?.isDependency == false)
        // GeoDep's persistence rule: 2 of 3 years. 850760 in 2020: US import HHI .8²+.15²+.05² = .665,
        // world export HHI (1410²+150²+50²)/1610² > .4, US exports 0 → met both years.
        let persistent = Dictionary(uniqueKeysWithValues: GeoDepScreen().screen(panel, country: .usa, year: 2021).map { ($0.product.code, $0) })
        #expect(persistent["850760"]?.yearsMeetingCriteria == [2020, 2021])
        #expect(persistent["850760"]?.isDependency == true)
    }

    @Test func decouplingTrendAgainstABaseYear() throws {
        let (_, panel) = try DependenceFixture().panel(DependenceFixture.twoYears)
        let trend = panel.decouplingTrend(reporter: .usa, rival: .china, products: .all, baseYear: 2020)
        // 2020: 1,100 of 1,440;  2021: 700 of 1,240.
        #expect(trend.points.map(\.year) == [2020, 2021])
        #expect(close(trend.point(2020)?.share, 1100.0 / 1440))
        #expect(close(trend.point(2021)?.share, 700.0 / 1240))
        #expect(close(trend.point(2021)?.changeFromBase, 700.0 / 1240 - 1100.0 / 1440))
        #expect(close(trend.point(2021)?.rivalValueGrowth, 700.0 / 1100 - 1))
        #expect(trend.point(2020)?.changeFromBase == 0)
    }

    @Test func diversionFindsGainersAndConnectors() throws {
        let (_, panel) = try DependenceFixture().panel(DependenceFixture.twoYears)
        let d = try #require(panel.tradeDiversion(reporter: .usa, rival: .china, products: .all, from: 2020, to: 2021))
        // China lost share in 850760 (.8 → .6) and 854140 (.75 → .5), not in 010121 (0 → 0).
        #expect(d.productsCompared == 3)
        #expect(d.productsWhereRivalLost == 2)
        #expect(close(d.rivalShareFromInLost, 1100.0 / 1400))
        #expect(close(d.rivalShareToInLost, 700.0 / 1200))
        #expect(d.partners.map(\.partner.code) == ["DEU", "VNM", "TWN"])
        let deu = d.partners[0], vnm = d.partners[1], twn = d.partners[2]
        #expect(close(deu.change, 300.0 / 1200 - 150.0 / 1400))
        #expect(close(vnm.change, 100.0 / 1200 - 50.0 / 1400))
        #expect(close(twn.change, 100.0 / 1200 - 100.0 / 1400))
        // Viet Nam's own imports from China of those products rose 10 → 90: a connector.
        #expect(close(vnm.importsFromRivalFrom, 10_000))
        #expect(close(vnm.importsFromRivalTo, 90_000))
        #expect(vnm.isConnector == true)
        // Germany's fell 600 → 500: gained share without being a connector.
        #expect(close(deu.importsFromRivalTo, 500_000))
        #expect(deu.isConnector == false)
        // No import data for Taiwan: unknown, not false.
        #expect(twn.isConnector == nil)
    }

    @Test func selectiveDecouplingRecoversAPlantedEffect() throws {
        // 40 HS6 products × 8 years; China's share of US imports = .5 + product effect + year
        // effect − .15 in the 10 strategic products from 2018, plus small deterministic noise.
        var seed: UInt64 = 7
        func noise() -> Double {
            seed = seed &* 6364136223846793005 &+ 1442695040888963407
            return (Double(seed >> 11) / Double(1 << 53) - 0.5) * 0.02
        }
        let planted = -0.15
        var files: [Int: String] = [:]
        for year in 2014...2021 {
            var rows = ""
            for p in 0..<40 {
                let strategic = p < 10, post = year >= 2018
                let share = 0.5 + 0.1 * sin(Double(p)) + 0.01 * Double(year - 2014) + (strategic && post ? planted : 0) + noise()
                let code = String(850100 + p)
                rows += "\(year),156,842,\(code),\(String(format: "%.6f", 1000 * share)),1\n"
                rows += "\(year),276,842,\(code),\(String(format: "%.6f", 1000 * (1 - share))),1\n"
            }
            files[year] = rows
        }
        let (_, panel) = try DependenceFixture().panel(files)
        let strategic = ProductSelection.codes((0..<10).map { String(850100 + $0) }, name: "planted")
        let e = try #require(panel.selectiveDecoupling(reporter: .usa, rival: .china, strategic: strategic, policyYear: 2018))
        #expect(e.observations == 320)
        #expect(e.products == 40)
        #expect(e.strategicProductCount == 10)
        #expect(abs(e.coefficient - planted) < 0.01)
        #expect(e.standardError > 0 && e.standardError < 0.01)
        #expect(e.tStatistic < -10)
        // Without a policy effect the estimate is near zero.
        let placebo = try #require(panel.selectiveDecoupling(reporter: .usa, rival: .china, strategic: strategic,
                                                             policyYear: 2016, years: 2014...2017))
        #expect(abs(placebo.coefficient) < 0.01)
    }

    @Test func twoByTwoDifferenceInDifferencesByHand() throws {
        // Treated unit 0: 0.8 → 0.5; control unit 1: 0.6 → 0.55.  β = (−.3) − (−.05) = −.25.
        let fit = try #require(TwoWayFixedEffectsRegression.fit(outcome: [0.8, 0.5, 0.6, 0.55], regressor: [0, 1, 0, 0],
                                                                unit: [0, 0, 1, 1], time: [0, 1, 0, 1]))
        #expect(close(fit.coefficient, -0.25, 1e-12))
        #expect(fit.observations == 4)
        #expect(fit.clusters == 2)
        // Unbalanced, with a singleton unit that must be dropped.
        let unbalanced = try #require(TwoWayFixedEffectsRegression.fit(
            outcome: [0.8, 0.5, 0.6, 0.55, 0.7, 0.66, 0.1], regressor: [0, 1, 0, 0, 0, 0, 1],
            unit: [0, 0, 1, 1, 2, 2, 3], time: [0, 1, 0, 1, 0, 1, 1]))
        #expect(unbalanced.observations == 6)
        // Controls fall .05 and .04 on average: β = −.3 − (−.045).
        #expect(close(unbalanced.coefficient, -0.3 + 0.045, 1e-10))
        #expect(TwoWayFixedEffectsRegression.fit(outcome: [1, 2], regressor: [0, 1], unit: [0, 0], time: [0, 1]) == nil)
    }
}

@Suite struct DependenceRealDataTests {
    static let minerals = DataCatalog.sourceCheckoutDataFolder + "/../../shared/data/comtrade-us-china-critical-minerals-cmmdata"

    @Test(.enabled(if: FileManager.default.fileExists(atPath: minerals + "/gallium_trade_data.csv"),
                   "needs ../shared/data/comtrade-us-china-critical-minerals-cmmdata (UN Comtrade, not bundled)"))
    func chinasShareOfUSGalliumImportsMatchesAHandComputation() throws {
        let file = Self.minerals + "/gallium_trade_data.csv"
        // By hand: the US-reported import rows of 811292 in 2022, partner China (156) and World (0).
        let lines = try String(contentsOfFile: file, encoding: .utf8).split(separator: "\n").map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
        let header = lines[0]
        func col(_ name: String) -> Int { header.firstIndex(of: name)! }
        func value(partner: String) -> Double {
            let row = lines.dropFirst().first {
                $0[col("refYear")] == "2022" && $0[col("reporterCode")] == "842" && $0[col("flowCode")] == "M"
                    && $0[col("partnerCode")] == partner && $0[col("cmdCode")] == "811292"
            }!
            return Double(row[col("primaryValue")])!
        }
        let byHand = value(partner: "156") / value(partner: "0")
        #expect(close(byHand, 22_430_417.0 / 161_145_189.0))

        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("decouple-cmm-\(UUID().uuidString)")
        let out = folder.appendingPathComponent("minerals.dpanel").path
        try PanelImport.comtrade(files: [file], to: out)
        let panel = try TradePanelStore(path: out).bilateralPanel
        let t = try #require(panel.partnerShares(of: .usa, side: .imports, year: 2022, products: .codes(["811292"])))
        #expect(t.totalFromWorldRows)
        #expect(close(t.share(of: .china), byHand))
        #expect(close(t.total, 161_145_189))
        // The trend reads the same share.
        let trend = panel.decouplingTrend(reporter: .usa, rival: .china, products: .codes(["811292"]))
        #expect(close(trend.point(2022)?.share, byHand))
    }
}
