import Foundation
import Testing
@testable import DecoupleAnalyses
import DecoupleTestSupport
import DecoupleRendering

/// Issue #17: the framework's variables by stage and over time, for any leader and challenger.
@Suite struct FrameworkPanelTests {
    static let catalog = DataCatalog(root: DataCatalog.sourceCheckoutDataFolder)

    /// Stage-level manufacturing and market indicators from the hand-computed BACI release
    /// (``BACIFixtureText/twoYears``, thousand US$). HS 850760 in 2021 — exports by exporter:
    /// CHN 600 + 200 + 50 + 90 = 940, DEU 300, VNM 100, USA 100, FRA 100 (world 1,540); imports by
    /// importer: USA 600 + 300 + 100 = 1,000, DEU 200 + 100 + 100 = 400, FRA 50, VNM 90 (1,540).
    /// The battery cells stage holds 850760 only, so its shares are these ratios.
    @Test func stageSharesFromAnAllReporterPanel() async throws {
        let f = try Fixtures()
        let store = f.folder.appendingPathComponent("fixture.dpanel").path
        _ = try StoreImport.baci(files: try BACIFixtureText.write(f), countryCodes: nil, edition: nil, to: store)
        let data = AnalysisData(catalog: Self.catalog)
        let panel = try await data.frameworkPanel(leader: .usa, challenger: .china, store: store).panel
        func row(_ d: AdvantageDimension, _ year: Int) -> FrameworkPanelRow? {
            panel.rows.first { $0.chain == "batteries" && $0.stage == "cells-packs" && $0.dimension == d && $0.year == year && $0.granularity == .stage }
        }
        let x = try #require(row(.manufacturing, 2021)), m = try #require(row(.market, 2021))
        #expect(x.leaderValue == 100.0 / 1540 && x.challengerValue == 940.0 / 1540)
        #expect(m.leaderValue == 1000.0 / 1540 && m.challengerValue == 0)
        #expect(x.indicator == "share of world exports of the stage's HS6 lines")
        // 2020: exports CHN 800 + 10 + 600 = 1,410, DEU 150, VNM 50 (1,610); the US exported none.
        #expect(row(.manufacturing, 2020)?.challengerValue == 1410.0 / 1610)
        #expect(row(.manufacturing, 2020)?.leaderValue == 0)
        // The EU as the sum of its members (DEU + FRA in the fixture): exports 300 + 100, imports 400 + 50.
        let eu = try await data.frameworkPanel(leader: Country("EU"), challenger: .china, store: store).panel
        let euRow = try #require(eu.rows.first { $0.chain == "batteries" && $0.stage == "cells-packs" && $0.dimension == .manufacturing && $0.year == 2021 && $0.granularity == .stage })
        #expect(euRow.leaderValue == 400.0 / 1540)
        #expect(eu.rows.first { $0.chain == "batteries" && $0.stage == "cells-packs" && $0.dimension == .market && $0.year == 2021 && $0.granularity == .stage }?.leaderValue == 450.0 / 1540)
    }

    /// The technology indicator is the chain's own patent field: solar (energy generation,
    /// NCSES table 10598) and EVs (transportation, table 10600) differ; every year of the table.
    @Test func patentFieldsDifferByChainAndCoverEveryYear() async throws {
        let panel = try await AnalysisData(catalog: Self.catalog).frameworkPanel(leader: .usa, challenger: .china).panel
        let solar = panel.rows.filter { $0.chain == "solar-pv" && $0.dimension == .technology }
        let ev = panel.rows.filter { $0.chain == "electric-vehicles" && $0.dimension == .technology }
        #expect(!solar.isEmpty && solar.allSatisfy { $0.source.hasSuffix("table 10598") })
        #expect(!ev.isEmpty && ev.allSatisfy { $0.source.hasSuffix("table 10600") })
        #expect(Set(solar.map(\.year)) == Set(1998...2022))
        #expect(solar.allSatisfy { $0.granularity == .chain })
        // Recomputed from the table: US and China shares of world patents in 2022.
        let t = try Self.catalog.loadNCSESTable("10598")
        let world = try #require(t.value(.world, year: 2022))
        let r2022 = try #require(solar.first { $0.year == 2022 })
        #expect(r2022.leaderValue == t.value(.usa, year: 2022)! / world)
        #expect(r2022.challengerValue == t.value(.china, year: 2022)! / world)
        // Without a store the computed manufacturing indicator is the ICIO sector, said as such;
        // the other manufacturing rows are published figures, each naming its page.
        let manufacturing = panel.rows.filter { $0.dimension == .manufacturing }
        let figures = manufacturing.filter { $0.vintage.hasPrefix("published") || $0.vintage == "publication year not given" }
        #expect(manufacturing.filter { !figures.contains($0) }.allSatisfy { $0.granularity == .sector && $0.year == 2022 })
        #expect(!figures.isEmpty && figures.allSatisfy { $0.source.contains("publisher's page") || $0.source.contains("as quoted") })
    }

    /// EU27 manufacturing share of world C26 gross output on the bundled ICIO 2022 is the sum
    /// of its members' output, recomputed here from the table (not 0.0 %, as before #17).
    @Test func euIsTheSumOfItsMembersInTheICIO() async throws {
        let t = try ICIOCache.shared.oecdICIO2022(Self.catalog)
        let members = Set(CountryGroup.europeanUnion.members(in: 2022).map(\.code))
        #expect(members.count == 27)
        var eu = 0.0, world = 0.0
        for i in 0..<t.n where t.nodeSectors[i] == "C26" {
            world += t.grossOutput[i]
            if members.contains(t.nodeRegions[i]) { eu += t.grossOutput[i] }
        }
        let panel = try await AnalysisData(catalog: Self.catalog).frameworkPanel(leader: Country("EU"), challenger: .china).panel
        let row = try #require(panel.rows.first { $0.chain == "semiconductors" && $0.dimension == .manufacturing && $0.indicator.hasSuffix("C26") })
        let value = try #require(row.leaderValue)
        #expect(abs(value - eu / world) < 1e-12)
        #expect(value > 0.05)
    }

    /// A stage whose first measure predates the catch-up year is reported as "securitised before
    /// catch-up", not hidden: batteries, whose patent gap closed in 2020 by the documented rule,
    /// were named by US measures from 2018.
    @Test func securitisedBeforeCatchUpIsReported() async throws {
        let doc = try await AnalysisData(catalog: Self.catalog).frameworkTimeline(leader: .usa, challenger: .china, chain: "batteries")
        let cells = try #require(doc.timeline.stages.first { $0.stage == "cells-packs" })
        let tech = try #require(cells.catchUps.first { $0.dimension == .technology })
        #expect(tech.catchUpYear == 2020)
        #expect(tech.criterion?.hasPrefix("closing") == true)
        #expect(cells.securitisedYear == 2018)
        #expect(cells.order == .securitisedBeforeCatchUp)
        #expect(cells.yearsFromCatchUpToSecuritisation == -2)
        #expect(FrameworkPanelText.timelineText(doc).contains("order: securitised before catch-up (2 years before catch-up)"))
    }

    /// The rule itself, on made-up series: parity, closing with the challenger's own gain, and a
    /// gap that closes only because the leader falls (not catch-up).
    @Test func catchUpRuleOnMadeUpSeries() {
        let rule = CatchUpRule.standard
        #expect(rule.catchUp([(2000, 0.5, 0.1), (2001, 0.4, 0.3), (2002, 0.3, 0.35)])?.year == 2002)
        #expect(rule.catchUp([(2000, 0.5, 0.10), (2001, 0.5, 0.12), (2002, 0.5, 0.14), (2003, 0.5, 0.16)])?.year == 2003)   // 2 pp a year
        #expect(rule.catchUp([(2000, 0.5, 0.10), (2001, 0.45, 0.10), (2002, 0.40, 0.10), (2003, 0.35, 0.10)]) == nil)    // the leader falls
        #expect(rule.catchUp([(2000, 0.1, 0.3), (2001, 0.1, 0.4)]) == nil)                                              // never ahead
    }
}

/// Issue #17 item 4: vulnerability dated before the first measure, allies not counted as risk.
@Suite struct DatedVulnerabilityTests {
    /// The year rule: the latest year before the first measure; if the data start later, the
    /// first year, flagged as measured after the outcome; without a measure, the latest year.
    @Test func yearBeforeTheFirstMeasure() {
        #expect(FrameworkAnalysis.vulnerabilityYear(available: [2015, 2016, 2017, 2018, 2019], firstMeasureYear: 2018)?.year == 2017)
        #expect(FrameworkAnalysis.vulnerabilityYear(available: [2015, 2016, 2017, 2018, 2019], firstMeasureYear: 2018)?.before == true)
        let late = FrameworkAnalysis.vulnerabilityYear(available: [2024], firstMeasureYear: 2018)
        #expect(late?.year == 2024 && late?.before == false)
        #expect(FrameworkAnalysis.vulnerabilityYear(available: [2020, 2021], firstMeasureYear: nil)?.year == 2021)
    }

    /// Made-up imports: China 40, Canada 30 (an MSP member in 2023), Chile 20, Peru 10 (not
    /// allies in the bundled alliances). Non-allied HHI = 0.4² + 0.2² + 0.1² = 0.21; allies 30 %.
    @Test func alliesAreNotRisk() throws {
        let alliances = try AlliancesLoader.bundled(catalog: DataCatalog(root: DataCatalog.sourceCheckoutDataFolder)).alliances
        let analysis = FrameworkAnalysis(configuration: try FrameworkConfiguration.bundled(catalog: DataCatalog(root: DataCatalog.sourceCheckoutDataFolder)))
        let allies = analysis.allies(in: 2023, alliances: alliances)
        #expect(allies.contains(Country("CAN")) && !allies.contains(Country("CHL")) && !allies.contains(.china) && !allies.contains(.usa))
        let row = StageImports.Row(chain: "lithium", stage: "chemical", year: 2023,
                                   byPartner: [.china: 40, Country("CAN"): 30, Country("CHL"): 20, Country("PER"): 10], total: 100)
        let v = analysis.datedVulnerability(imports: row, firstMeasureYear: 2024, before: true, note: "test", alliances: alliances, source: "made up")
        #expect(v.importShareFromChallenger == 0.4)
        #expect(v.alliedShare == 0.3)
        #expect(abs(v.nonAlliedConcentration! - 0.21) < 1e-12)
        #expect(v.year == 2023 && v.beforeFirstMeasure == true)
    }

    /// On the bundled Census 2024 data every US stage measure is older than the data: the
    /// timeline says the vulnerability was measured after the outcome, and shows the year.
    @Test func bundledDataAreFlaggedAsAfterTheOutcome() async throws {
        let doc = try await AnalysisData(catalog: DataCatalog(root: DataCatalog.sourceCheckoutDataFolder))
            .frameworkTimeline(leader: .usa, challenger: .china, chain: "batteries")
        let cells = try #require(doc.timeline.stages.first { $0.stage == "cells-packs" }?.vulnerability)
        #expect(cells.year == 2024 && cells.firstMeasureYear == 2018 && cells.beforeFirstMeasure == false)
        #expect(abs(cells.importShareFromChallenger! - 15_656_111_816.0 / 22_200_062_481.0) < 1e-12)
    }
}

/// Issue #17: `decouple framework` shows the stage in the terminal, and a value measured more
/// coarsely than the stage says so.
@Suite struct FrameworkTerminalTests {
    @Test func terminalTableShowsTheStageAndGranularity() async throws {
        let data = AnalysisData(catalog: DataCatalog(root: DataCatalog.sourceCheckoutDataFolder))
        let bundle = try await data.framework(leader: .usa, challenger: .china, year: nil)
        var inputs = ReportInputs()
        inputs.framework = bundle.result
        let report = ReportBuilder(options: ReportOptions()).build(inputs)
        let text = report.text(maxRows: 200, colour: false)
        let header = try #require(text.split(separator: "\n").first { $0.contains("| Chain") && $0.contains("Predicted instruments") })
        #expect(header.contains("| Stage "))
        #expect(text.contains("cells-packs"))
        let cells = try #require(text.split(separator: "\n").first { $0.contains("| batteries ") && $0.contains("cells-packs") })
        #expect(cells.contains("[chain]") && cells.contains("[sector]"))
        #expect(text.contains("more columns (Arena, Position, Vulnerability)"))
    }
}

/// The NCSES tables' EU-27 row ("EU-27<sup>b</sup>": footnote markup has ">" too, which used to
/// cut the region path in the wrong place) is the EU's technology indicator.
@Suite struct BlocTechnologyTests {
    @Test func euPatentShareIsTheEU27Row() async throws {
        let catalog = DataCatalog(root: DataCatalog.sourceCheckoutDataFolder)
        let t = try catalog.loadNCSESTable("10598")
        let eu = try #require(t.value(Country("EU"), year: 2022)), world = try #require(t.value(.world, year: 2022))
        #expect(t.path(of: Country("EU"))?.hasSuffix("EU-27<sup>b</sup>") == true)
        let panel = try await AnalysisData(catalog: catalog).frameworkPanel(leader: Country("EU"), challenger: .china).panel
        let row = try #require(panel.rows.first { $0.chain == "solar-pv" && $0.stage == "cells" && $0.dimension == .technology && $0.year == 2022 })
        #expect(row.leaderValue == eu / world)
        #expect(abs(eu / world - 0.139) < 0.001)
    }
}

/// Issue #18 on the bundled data: predictors are dated before the outcomes, and the JSON lists
/// every null model's score and the p-value. The scores themselves are what the data say.
@Suite struct FrameworkEvaluationDataTests {
    @Test func noPredictorIsDatedAfterItsOutcome() async throws {
        let doc = try await AnalysisData(catalog: DataCatalog(root: DataCatalog.sourceCheckoutDataFolder))
            .frameworkEvaluation(leader: .usa, challenger: .china, permutations: 200)
        #expect(doc.evaluation.cases.count >= 20)
        for c in doc.evaluation.cases {
            let outcomeYear = try #require(Int(c.outcomeDate.prefix(4)))
            #expect(c.predictorYear < outcomeYear, "\(c.unit)")
            for p in c.predictors {
                // "technology: … (2017)": the year each indicator was read in.
                let year = try #require(Int(p.suffix(5).prefix(4)), "\(p)")
                #expect(year <= c.predictorYear && year < outcomeYear, "\(c.unit): \(p)")
            }
        }
        let json = try JSONSerialization.jsonObject(with: try DecoupleJSON.data(doc)) as! [String: Any]
        let evaluation = json["evaluation"] as! [String: Any]
        let nulls = (evaluation["nulls"] as! [[String: Any]]).map { $0["model"] as! String }
        #expect(nulls == ["majority class", "always substitute", "arena rule"])
        #expect((evaluation["permutation"] as! [String: Any])["pValue"] is Double)
        #expect((evaluation["framework"] as! [String: Any])["balancedAccuracy"] is Double)
    }
}

/// Issue #18 item 5: at least 500 configurations, each scored like the default; every stage's
/// shares of predicted families add up to one.
@Suite struct FrameworkSensitivityTests {
    @Test func gridOfAtLeast500Configurations() async throws {
        #expect(FrameworkSensitivity.grid.count == 567)
        let doc = try await AnalysisData(catalog: DataCatalog(root: DataCatalog.sourceCheckoutDataFolder)).frameworkSensitivity(leader: .usa, challenger: .china)
        let s = doc.sensitivity
        #expect(s.points.count == 567)
        #expect(Set(s.points.map { "\($0.weights)|\($0.minimumNetLead)|\($0.scaleFactor)" }).count == 567)
        for st in s.stages { #expect(abs(st.restrict + st.substitute + st.none - 1) < 1e-9, "\(st.unit)") }
        #expect(s.quantiles.count == 5 && s.quantiles == s.quantiles.sorted())
        // The nulls do not depend on the configuration: the best is the arena rule on these data.
        #expect(s.bestNullModel == "arena rule")
        #expect(s.shareBeatingEveryNull == Double(s.points.filter(\.beatsEveryNull).count) / 567)
        #expect(FrameworkPanelText.sensitivityText(doc).contains("567 configurations"))
    }
}

/// #18 item 6: the framework section leads with the evaluation: its findings first, a chart of
/// the scores against the nulls and a per-stage heat map of predicted vs observed.
@Suite struct FrameworkSectionLeadsWithEvaluationTests {
    @Test func evaluationComesFirst() async throws {
        let data = AnalysisData(catalog: DataCatalog(root: DataCatalog.sourceCheckoutDataFolder))
        let bundle = try await data.framework(leader: .usa, challenger: .china, year: nil)
        let e = try await data.frameworkEvaluation(leader: .usa, challenger: .china, permutations: 200).evaluation
        let section = ReportBuilder(options: ReportOptions()).framework(bundle.result, evaluation: e, sensitivity: nil)
        #expect(section.findings.first?.hasPrefix("Evaluation first:") == true)
        #expect(section.charts.count >= 2)
        guard case .bar(let scores) = section.charts[0], case .heatMap(let map) = section.charts[1] else {
            Issue.record("expected the score chart and the heat map first"); return
        }
        #expect(scores.labels == ["framework", "majority class", "always substitute", "arena rule"])
        #expect(map.rows.count == e.cases.count && map.columns == ["predicted", "observed"])
        #expect(section.charts[1].svg().contains(#"class="cell""#))
        #expect(section.tables[0].title.hasPrefix("Predicted and observed instrument family by stage"))
    }
}
