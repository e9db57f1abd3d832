import Foundation
import Testing
@testable import DecoupleAnalyses
@testable import DecoupleRendering

/// Issue #16: headline numbers an analyst can trust, each checked on the bundled data against
/// figures recomputed from the raw files (sums of `CON_VAL_YR` of the Census 2024 file).
@Suite struct HeadlineNumbersTests {
    static let catalog = DataCatalog(root: DataCatalog.sourceCheckoutDataFolder)
    static let asOf = CalendarDay(year: 2026, month: 12, day: 5)!

    /// The 2024 cross-section and chain sections only (fast), with the given options.
    static func crossSection(_ options: ReportOptions) throws -> DecouplingReport {
        let inputs = ReportInputs(productCrossSection: try catalog.loadCensusHS6_2024(),
                                  taxonomy: try TaxonomyLoader.bundled(catalog: catalog))
        return ReportBuilder(options: options).build(inputs)
    }

    func chinaShare2024(_ r: DecouplingReport) -> Figure? {
        r.figures.first { $0.metric == .partnerShare && $0.source == "census-hs6-2024" && $0.product == "TOTAL" && $0.partner == "CHN" }
    }

    /// Defect 1: the Census 2024 file lists the EU as one line (US$597.5 bn, the largest
    /// source) and of its members only Slovakia. Counted once, the EU is the first partner and
    /// China the third, with 13.6% of the partners' total (gold left out: 417,963,354,104 of
    /// 3,065,543,560,842). Before #16 the EU was dropped: "16.4% (rank 2)".
    @Test func euAggregateCountsAsOnePartner() throws {
        let r = try Self.crossSection(ReportOptions(asOf: Self.asOf))
        let share = try #require(chinaShare2024(r))
        #expect(abs(share.value - 417_963_354_104.0 / 3_065_543_560_842.0) < 1e-12)
        let products = try #require(r.sections.first { $0.id == "products" })
        #expect(products.findings[0].contains("13.6%") && products.findings[0].contains("(rank 3)"))
        let partners = products.tables[0].rows.map { $0[0] }
        #expect(Array(partners.prefix(3)) == ["European Union (aggregate)", "Mexico", "China"])
        #expect(products.notes.contains { $0.contains("European Union (aggregate) is one partner") && $0.contains("Slovakia") })
        // With gold: 429,425,828,419 of 3,208,820,074,369 (= Σ economies + EU − Slovakia).
        let withGold = try #require(chinaShare2024(try Self.crossSection(ReportOptions(includeGold: true, asOf: Self.asOf))))
        #expect(abs(withGold.value - 429_425_828_419.0 / 3_208_820_074_369.0) < 1e-12)
    }

    /// Defect 1: the Li-ion line 850760 has one share of China in the report's chain table and
    /// in the battery scenario: 15,656,111,816 of 22,200,062,481 = 70.5%.
    @Test func liIonShareIsTheSameInReportAndScenario() throws {
        let r = try Self.crossSection(ReportOptions(asOf: Self.asOf))
        let stage = try #require(r.figures.first { $0.metric == .partnerShare && $0.product == "batteries/cells-packs" })
        let scenario = try ScenarioRunner.run(try ScenarioParser.read(path: DataCatalog.sourceCheckoutDataFolder + "/scenarios/battery-ban.json"),
                                              catalog: Self.catalog)
        let p = try #require(scenario.products)
        let scenarioTotal = p.gap.supplierSupply + p.gap.suppliers.reduce(0) { $0 + $1.current }
        #expect(abs(stage.value - p.gap.supplierSupply / scenarioTotal) < 1e-12)
        #expect(abs(stage.value - 15_656_111_816.0 / 22_200_062_481.0) < 1e-12)
        #expect(Fmt.pct(stage.value) == "70.5%")
    }

    /// Defect 6: the headline count takes only stages with at least US$100m of imports and says
    /// how many fell below (cobalt ore, US$88.9 thousand, among them).
    @Test func headlineStageCountHasAMinimum() throws {
        let r = try Self.crossSection(ReportOptions(asOf: Self.asOf))
        let chains = try #require(r.sections.first { $0.id == "chains" })
        let table = chains.tables[0]
        // Recount from the table's own columns: imports (col 4) and the rival's share (col 6) as figures.
        let stageFigures = chains.figures.filter { $0.metric == .partnerShare }
        let tradeFigures = chains.figures.filter { $0.metric == .tradeValue }
        #expect(stageFigures.count == table.rows.count && tradeFigures.count == table.rows.count)
        let mostly = try #require(chains.figures.first { $0.metric == .chainStagesMostlyFromRival })
        let counted = try #require(chains.figures.first { $0.metric == .chainStagesCounted })
        // Every stage is either counted or below the minimum.
        let below = Int(try #require(counted.note?.split(separator: ";").last?.split(separator: " ").first.flatMap { Int($0) }))
        #expect(Int(counted.value) + below == table.rows.count)
        #expect(below > 0 && Int(mostly.value) <= Int(counted.value))
        let cobaltOre = try #require(table.rows.first { $0[1].lowercased().contains("cobalt") && $0[2].lowercased().contains("ore") })
        #expect(cobaltOre[4].hasSuffix("k"))
        #expect(chains.findings.contains { $0.contains("of \(Int(counted.value)) chain stages with imports of at least $100m") && $0.contains("\(below) stages below $100m not counted") })
        // A minimum of zero counts every stage, as before #16.
        let all = try Self.crossSection(ReportOptions(minimumStageValue: 0, asOf: Self.asOf))
        #expect(all.figures.first { $0.metric == .chainStagesCounted }?.value == Double(table.rows.count))
        #expect(r.headlines.first { $0.id == "stages-mostly-from-rival" }?.value == "\(Int(mostly.value)) of \(Int(counted.value))")
    }

    /// Defect 7: gold leaves "who gained" by default. On the HS2 data that is all of chapter 71
    /// (gold cannot be told apart there) and chapters 98–99; Switzerland, first among the
    /// gainers with gold, is no longer ahead of Vietnam, Mexico and Taiwan.
    @Test func goldIsLeftOutOfWhoGained() throws {
        let inputs = ReportInputs(monthlyByChapter: try Self.catalog.loadCensusHS2Monthly())
        func gainers(_ includeGold: Bool) throws -> [String] {
            let r = ReportBuilder(options: ReportOptions(includeGold: includeGold, asOf: Self.asOf)).build(inputs)
            let section = try #require(r.sections.first { $0.id == "chapters" })
            return section.tables[1].rows.dropFirst().map { $0[0] }
        }
        let with = try gainers(true), without = try gainers(false)
        #expect(with.first == "Switzerland")
        #expect(without.first != "Switzerland")
        #expect(Array(without.prefix(3)).contains("Vietnam"))
        let r = ReportBuilder(options: ReportOptions(asOf: Self.asOf)).build(inputs)
        let section = try #require(r.sections.first { $0.id == "chapters" })
        #expect(section.notes.contains { $0.contains("chapter 71") && $0.contains("--include-gold") })
        #expect(section.tables[1].title.hasSuffix("(all products except gold)"))
    }

    /// Defect 10: every section and headline names its latest period; data more than two years
    /// old say so (DOTS ends in 2020, the Census HS2 months in 2021-06; the 2024 cross-section
    /// is recent on 2026-12-05).
    @Test func everyHeadlineAndSectionHasItsVintage() throws {
        let r = try ReportTests.report.get()
        for s in r.sections where s.skippedBecause == nil { #expect(s.vintage != nil, "section \(s.id) has no vintage") }
        #expect(!r.headlines.isEmpty)
        let dated = ReportBuilder(options: ReportOptions(asOf: Self.asOf)).build(ReportInputs(
            annualBilateral: try Self.catalog.loadDOTS(reporters: [.usa, .china]),
            monthlyByChapter: try Self.catalog.loadCensusHS2Monthly(),
            productCrossSection: try Self.catalog.loadCensusHS6_2024(),
            taxonomy: try TaxonomyLoader.bundled(catalog: Self.catalog)))
        let annual = try #require(dated.sections.first { $0.id == "annual-shares" }?.vintage)
        #expect(annual.latestPeriod == "2020")
        #expect(annual.staleNote == "data end in 2020, 72 months before 2026-12-05: more than two years old")
        let chapters = try #require(dated.sections.first { $0.id == "chapters" }?.vintage)
        #expect(chapters.latestPeriod == "2021")
        let chains = try #require(dated.sections.first { $0.id == "chains" }?.vintage)
        #expect(chains.latestPeriod == "2024" && chains.staleNote == nil)
        let share = try #require(dated.headlines.first { $0.id == "rival-share-of-trade" })
        #expect(share.vintage.staleNote != nil && share.source == "imf-dots")
        #expect(dated.headlines.first { $0.id == "stages-mostly-from-rival" }?.vintage.staleNote == nil)
        let text = dated.text(colour: false)
        #expect(text.contains("Latest period 2020 — data end in 2020"))
        #expect(dated.html().contains("class=\"stale\""))
    }

    /// Issue #19 item 6: the USITC DataWeb exports carry the export side of the annual section
    /// and of the headlines to 2024 (China 143,226,749,368 of 2,061,690,757,601), labelled with
    /// their source; the DOTS rows are unchanged and imports stay empty after 2020.
    @Test func exportSideReaches2024() throws {
        let r = ReportBuilder(options: ReportOptions(asOf: Self.asOf)).build(ReportInputs(
            annualBilateral: try Self.catalog.loadDOTS(reporters: [.usa, .china]),
            laterExports: try Self.catalog.loadUSITCDataWebExports()))
        let section = try #require(r.sections.first { $0.id == "annual-shares" })
        #expect(section.vintage?.latestPeriod == "2024")
        let f2024 = try #require(section.figures.first { $0.metric == .partnerShare && $0.flow == .exports && $0.period == "2024" })
        #expect(f2024.source == "usitc-dataweb-exports" && abs(f2024.value - 143_226_749_368.0 / 2_061_690_757_601.0) < 1e-12)
        #expect(!section.figures.contains { $0.metric == .partnerShare && $0.flow != .exports && $0.period == "2024" })
        #expect(section.figures.first { $0.metric == .partnerShare && $0.flow == .exports && $0.period == "2020" }?.source == "imf-dots")
        #expect(section.tables[0].rows.last == ["2024", "–", "6.9%", "–", "–", "", "–"])
        let headline = try #require(r.headlines.first { $0.id == "rival-share-of-exports" })
        #expect(headline.value == "6.9%" && headline.source == "usitc-dataweb-exports" && headline.vintage.staleNote == nil)
        #expect(r.headlines.first { $0.id == "rival-share-of-trade" }?.source == "imf-dots")
    }

    @Test func vintageArithmetic() {
        let day = CalendarDay(year: 2026, month: 12, day: 5)!
        #expect(Vintage(latest: .year(2024), asOf: day).staleNote == nil)          // 24 months
        #expect(Vintage(latest: .month(year: 2024, month: 11), asOf: day).staleNote == "data end in 2024-11, 25 months before 2026-12-05: more than two years old")
        #expect(Vintage(periods: [], asOf: day) == nil)
    }
}

/// #16 defect 5: hidden exposure on one denominator (total requirements), never negative; the
/// text output prints the manufacturing aggregate.
@Suite struct HiddenExposureDenominatorTests {
    @Test func hiddenShareIsTiersTwoAndAboveOfTotalRequirements() throws {
        let t = try ICIOCache.shared.oecdICIO2022(DataCatalog(root: DataCatalog.sourceCheckoutDataFolder))
        let e = try ImporterExposure(model: try LeontiefModel(try InputOutputSystem(table: t)), importer: "USA", tiers: 4)
        let c26 = try #require(e.column(ofSector: "C26"))
        let mexico = try #require(e.sector(c26, source: "MEX"))
        // Before #16: LT share (of requirements) − FV share (of direct inputs) = 3.6 % − 4.3 % < 0.
        #expect(mexico.lookThroughShare - mexico.faceValueShare < -0.005)
        #expect(mexico.hiddenShare > 0)
        #expect(abs(mexico.hiddenShare - (mexico.lookThroughShare - mexico.faceValueShareOfRequirements)) < 1e-12)
        #expect(abs(mexico.hiddenShare - mexico.tierShares.dropFirst().reduce(0, +)) < 1e-12)
        for s in e.regions where s != "USA" {
            for c in e.sectors.indices { if let x = e.sector(c, source: s) { #expect(x.hiddenShare >= -1e-12, "\(s) \(e.sectors[c])") } }
        }
        // The manufacturing aggregate the text output prints: 11.5 % face value (imported), 17.3 % look-through (foreign).
        let m = try #require(ExposureSelection.manufacturingAggregate(e, source: "CHN"))
        #expect(abs(m.faceValueShareOfImported - 0.115) < 0.0005 && abs(m.lookThroughShareOfForeign - 0.173) < 0.0005)
    }
}

/// #16 defect 8 on the bundled data: with Japan as the leader there are no import data, so no
/// row is fully confident and each names the missing imports.
@Suite struct MissingInputConfidenceTests {
    @Test func japanAsLeaderIsNotFullyConfident() async throws {
        let bundle = try await AnalysisData(catalog: DataCatalog(root: DataCatalog.sourceCheckoutDataFolder))
            .framework(leader: Country("JPN"), challenger: .china, year: nil)
        #expect(!bundle.result.predictions.isEmpty)
        for p in bundle.result.predictions {
            #expect(p.confidence < 1, "\(p.chain)/\(p.stage ?? "")")
            #expect(p.reasons.last?.contains("imports from the challenger") == true, "\(p.chain)/\(p.stage ?? "")")
        }
    }
}
