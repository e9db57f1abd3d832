import Testing
import DecoupleCore
@testable import DecoupleTrade

/// Real numbers from the bundled real files, checked against the figures published with the
/// sources (SOURCE.md checks) and against each other.
@Suite struct BundledDataTests {
    static let dots = Result { try Bundled.catalog.loadDOTS(reporters: [.usa, .china]) }
    static let censusChina = Result { try Bundled.catalog.loadCensusUSChinaMonthly() }
    static let hs2 = Result { try Bundled.catalog.loadCensusHS2Monthly() }

    func sum(_ flows: [TradeFlow], reporter: Country, partner: Country, _ d: TradeDirection, year: Int) -> Double {
        flows.filter { $0.reporter == reporter && $0.partner == partner && $0.direction == d && $0.period.year == year }
            .reduce(0) { $0 + $1.value }
    }

    @Test func dotsMatchesThePublishedChecks() throws {
        let flows = try Self.dots.get().flows
        // China-reported exports (SOURCE.md): world 2,280.1 bn, USA 433.7 bn in 2017; 2,598.0 / 452.8 in 2020.
        #expect(abs(sum(flows, reporter: .china, partner: .world, .exports, year: 2017) - 2_280.1e9) < 0.1e9)
        #expect(abs(sum(flows, reporter: .china, partner: .usa, .exports, year: 2017) - 433.7e9) < 0.1e9)
        #expect(abs(sum(flows, reporter: .china, partner: .world, .exports, year: 2020) - 2_598.0e9) < 0.1e9)
        #expect(abs(sum(flows, reporter: .china, partner: Country("VNM"), .exports, year: 2020) - 114.2e9) < 0.1e9)
        // US totals 2017: exports ≈ 1.55 tn, imports ≈ 2.34 tn.
        #expect(abs(sum(flows, reporter: .usa, partner: .world, .exports, year: 2017) - 1_545.6e9) < 0.1e9)
        #expect(abs(sum(flows, reporter: .usa, partner: .world, .imports, year: 2017) - 2_342.7e9) < 0.1e9)
        // Only the two requested reporters were kept, every year 2000–2020.
        #expect(Set(flows.map(\.reporter)) == [.usa, .china])
        #expect(Set(flows.map(\.period.year)) == Set(2000...2020))
    }

    @Test func censusMonthlyChinaTableMatchesThePublishedAnnualTotals() throws {
        let flows = try Self.censusChina.get().flows
        // SOURCE.md: 2017 exports 130.0 bn, imports 505.2 bn; 2018 120.3 / 538.5; 2019 106.5 / 449.1.
        for (year, x, m) in [(2017, 130.0, 505.2), (2018, 120.3, 538.5), (2019, 106.5, 449.1)] {
            #expect(abs(sum(flows, reporter: .usa, partner: .china, .exports, year: year) - x * 1e9) < 0.05e9)
            #expect(abs(sum(flows, reporter: .usa, partner: .china, .imports, year: year) - m * 1e9) < 0.05e9)
        }
        #expect(flows.count == 19 * 12 * 2)
    }

    /// Two independent sources of the same US–China totals agree within their documented
    /// valuation difference: DOTS "imports CIF" for the US are Census general imports at
    /// customs value, the same basis as the Census country table, so they differ only by
    /// data revisions between the two vintages (< 1%); Census imports for consumption (the
    /// HS2 files, retrieved 2021) differ from general imports by bonded-warehouse entries and
    /// revisions (< 1.5%).
    @Test func independentSourcesAgree() throws {
        let dots = try Self.dots.get().flows
        let census = try Self.censusChina.get().flows
        let hs2 = try Self.hs2.get().flows
        for year in 2013...2019 {
            let a = sum(dots, reporter: .usa, partner: .china, .imports, year: year)
            let b = sum(census, reporter: .usa, partner: .china, .imports, year: year)
            let c = sum(hs2, reporter: .usa, partner: .china, .imports, year: year)
            #expect(abs(a / b - 1) < 0.01, "DOTS vs Census c5700 \(year): \(a) vs \(b)")
            #expect(abs(c / b - 1) < 0.015, "Census HS2 sum vs c5700 \(year): \(c) vs \(b)")
            let x1 = sum(dots, reporter: .usa, partner: .china, .exports, year: year)
            let x2 = sum(census, reporter: .usa, partner: .china, .exports, year: year)
            #expect(abs(x1 / x2 - 1) < 0.01, "exports \(year): \(x1) vs \(x2)")
        }
        // The mirror (China-reported exports, FOB) is far lower in 2017: 433.7 vs 505.6 bn.
        let mirror = sum(dots, reporter: .china, partner: .usa, .exports, year: 2017)
        #expect(sum(dots, reporter: .usa, partner: .china, .imports, year: 2017) / mirror > 1.15)
    }

    @Test func censusHS2FilesCoverThirtyPartnersAndTheTotal() throws {
        let data = try Self.hs2.get()
        let partners = Set(data.flows.map(\.partner))
        #expect(partners.count == 31)
        #expect(partners.contains(.world) && partners.contains(Country("VNM")) && partners.contains(Country("TWN")))
        let months = Set(data.flows.map(\.period))
        #expect(months.min() == .month(year: 2013, month: 1))
        #expect(months.max() == .month(year: 2021, month: 6))
        // US imports for consumption from the world, 2017: 2,327.2 bn (sum of the TOTAL file).
        #expect(abs(sum(data.flows, reporter: .usa, partner: .world, .imports, year: 2017) - 2_327_152_802_551) < 1)
        #expect(data.productNames["85"] == "ELECTRIC MACHINERY ETC; SOUND EQUIP; TV EQUIP; PTS")
    }

    @Test func hs6CrossSectionSumsToTheHTS10Values() throws {
        let data = try Bundled.catalog.loadCensusHS6_2024()
        let china = data.flows.filter { $0.partner == .china }
        #expect(china.reduce(0) { $0 + $1.value } == 429_425_828_419)
        #expect(china.first { $0.product.code == "850760" }?.value == 15_656_111_816)
        #expect(Set(data.flows.map(\.partner)).count == 51)
        #expect(data.flows.allSatisfy { $0.product.level == .hs6 && $0.period == .year(2024) })
    }

    @Test func catalogListsEveryBundledFile() throws {
        for d in BundledDataset.all {
            #expect(FileManagerCheck.exists(Bundled.catalog.path(of: d)), "\(d.id) missing")
            #expect(!d.provenance.licence.isEmpty)
        }
    }
}

import Foundation
import DecoupleTestSupport
enum FileManagerCheck {
    static func exists(_ path: String) -> Bool { FileManager.default.fileExists(atPath: path) }
}
