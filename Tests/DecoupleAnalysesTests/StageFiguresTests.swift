import Foundation
import Testing
@testable import DecoupleAnalyses
import DecoupleTestSupport
import DecoupleRendering

/// Issue #17, items 2 and 5: published stage figures for both economies, and any leader
/// (a bloc, or the challenger in the chains it dominates) without a US hard-code.
@Suite struct StageFiguresTests {
    static let catalog = DataCatalog(root: DataCatalog.sourceCheckoutDataFolder)

    /// The bundled file: every row of the curated table, each with its page; the three rows
    /// without a chain in the taxonomy say why; no figure without a source.
    @Test func bundledFiguresCarryTheirSources() throws {
        let f = try StageFigures.bundled(catalog: Self.catalog)
        #expect(f.figures.count == 263)
        #expect(f.figures.filter { $0.targets == nil }.map(\.id) == ["stage-shares-curated:36", "stage-shares-curated:70", "stage-shares-curated:190"])
        #expect(f.figures.allSatisfy { $0.targets != nil || $0.unmappedReason != nil })
        #expect(f.figures.allSatisfy { !$0.source.url.isEmpty && !$0.source.title.isEmpty })
        #expect(f.figures.filter { $0.verification == "publisher" }.count == 18)
        // The re-check against the stored pages: 242 found again, 21 pages not retrieved, none differing.
        #expect(f.figures.filter { $0.check == "confirmed" }.count == 242 && f.figures.filter { $0.check == "not-found" }.count == 21)
        #expect(f.figures.allSatisfy { $0.check != "differs" && $0.checkNote != nil })
        // Projections are kept but are not observations.
        let projected = try #require(f.figures.first { $0.id == "stage-shares-curated:27" })
        #expect(projected.projection && projected.year == 2030 && !projected.isObservation)
        // The EU is "EU"; "Europe" stays the source's own grouping.
        #expect(f.figures.first { $0.id == "stage-shares-curated:88" }?.economy == "EU")
        #expect(f.figures.first { $0.id == "stage-shares-curated:85" }?.economy == "Europe (incl. non-EU)")
    }

    /// IEA (2022): China above 80 % of polysilicon capacity in 2021 — a stage-level row of the
    /// panel with the US side missing (not zero), and the publisher's page named.
    @Test func panelHasStageFiguresForBothSides() async throws {
        let panel = try await AnalysisData(catalog: Self.catalog).frameworkPanel(leader: .usa, challenger: .china).panel
        let iea = try #require(panel.rows.first {
            $0.chain == "solar-pv" && $0.stage == "polysilicon" && $0.year == 2021 && $0.indicator.hasSuffix("— IEA")
        })
        #expect(iea.challengerValue == 0.8 && iea.leaderValue == nil && iea.granularity == .stage && iea.dimension == .manufacturing)
        #expect(iea.source.contains("Solar PV Global Supply Chains") && iea.source.contains("publisher's page, check: confirmed"))
        #expect(iea.vintage == "published 2022")
        // BNEF 2022 battery-cell capacity (as quoted): both sides in one row, US 6 %, China 77 %.
        let cells = try #require(panel.rows.first {
            $0.chain == "batteries" && $0.stage == "cells-packs" && $0.year == 2022 && $0.indicator.hasPrefix("share of global battery cell manufacturing capacity")
        })
        #expect(cells.leaderValue == 0.06 && cells.challengerValue == 0.77 && cells.granularity == .stage)
        #expect(cells.source.contains("as quoted"))
        // A projection is never a row.
        #expect(!panel.rows.contains { $0.indicator.contains("projected") })
    }

    /// The predictions of a stage read the published figures: the battery-cell stage's profile
    /// holds the BNEF figure, at stage granularity, and the framework sees China ahead there.
    @Test func predictionsReadStageFigures() async throws {
        let bundle = try await AnalysisData(catalog: Self.catalog).framework(leader: .usa, challenger: .china, year: nil)
        let profile = try #require(bundle.result.profiles.first { $0.chain == "batteries" && $0.stage == "cells-packs" })
        let figure = try #require(profile.indicators.first { $0.name.hasPrefix("share of global battery cell manufacturing capacity") })
        #expect(figure.leaderValue == 0.06 && figure.challengerValue == 0.77 && figure.year == 2022 && figure.granularity == .stage)
        #expect((figure.lead ?? 0) < 0)
        #expect(bundle.provenance.contains { $0.source.hasPrefix("Decouple curated stage figures") })
    }

    /// In the evaluation a figure enters only when it was published by the predictor year:
    /// a 2016 figure published in 2023 cannot predict a 2018 measure; published in 2017 it can.
    @Test func evaluationUsesOnlyFiguresPublishedBeforeTheOutcome() async throws {
        let taxonomy = try await AnalysisData(catalog: Self.catalog).taxonomy().taxonomy
        let config = try FrameworkConfiguration.bundled(catalog: Self.catalog)
        func figure(published: Int) throws -> StageFigure {
            try JSONDecoder().decode(StageFigure.self, from: Data("""
                {"id": "t:1", "targets": [{"chain": "solar-pv", "stage": "cells"}], "sourceChain": "solar_pv", "sourceStage": "cells",
                 "economy": "CHN", "dimension": "manufacturing", "metric": "share of test output", "share": 0.9, "year": 2016,
                 "projection": false, "verification": "publisher", "check": "unchecked",
                 "source": {"title": "Test", "publisher": "Tester", "publicationYear": \(published), "url": "https://example.org", "locator": "p. 1"}}
                """.utf8))
        }
        let observed = [ObservedInstrument(measure: "m", chain: "solar-pv", stage: "cells", instrument: .importSubstitution, date: "2018-03-01", source: "s")]
        let analysis = FrameworkAnalysis(configuration: config)
        for (published, expected) in [(2023, false), (2017, true)] {
            var inputs = FrameworkInputs(taxonomy: taxonomy, patents: [:])
            inputs.figures = StageFigures(figures: [try figure(published: published)], provenance: Provenance(source: "t", edition: "t", url: "", licence: "", retrievedFrom: ""))
            let (cases, _) = analysis.evaluationCases(inputs: inputs, observed: observed)
            let c = try #require(cases.first { $0.chain == "solar-pv" && $0.stage == "cells" })
            #expect(c.predictorYear == 2017)
            #expect(c.predictors.contains { $0.contains("share of test output") } == expected, "published \(published)")
        }
    }

    /// A bad figures file names the file, the figure and the field.
    @Test func badFigureIsNamed() throws {
        let f = try Fixtures()
        let path = f.folder.appendingPathComponent("figures.json").path
        var text = try String(contentsOfFile: Self.catalog.root + "/" + StageFigures.path, encoding: .utf8)
        text = text.replacingOccurrences(of: "\"share\": 0.8,", with: "\"share\": 80,", options: [], range: text.range(of: "\"share\": 0.8,"))
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        #expect { try StageFigures.load(path: path) } throws: { e in
            "\(e)" == "\(path):19:13: figures[0] (stage-shares-curated:1).share: expected a share in [0, 1], found 80.0"
        }
    }

    /// Minerals for a bloc: the EU's share of world mine production is its members' sum in the
    /// MCS 2024 world table (recomputed here), and the US-only salient statistics (net import
    /// reliance, import sources) are missing for it, not borrowed from the US.
    @Test func euMineralSharesAreItsMembersSum() async throws {
        let eu = Country("EU")
        let latest = try await AnalysisData(catalog: Self.catalog).mineralsReportInput(leader: eu, rival: .china).latest
        let members = CountryGroup.europeanUnion.members(in: 2023)
        var checked = 0
        for a in latest {
            let p = a.profile
            #expect(p.latestReliance == nil && p.imports.sources.isEmpty, "\(p.name)")
            guard let production = p.production else { continue }
            let sum = production.shares.filter { members.contains($0.country) }.reduce(0) { $0 + $1.share }
            #expect(abs((p.leaderProductionShare ?? -1) - sum) < 1e-12, "\(p.name)")
            if sum > 0 { checked += 1 }
        }
        #expect(checked >= 5)
        // Lithium: Portugal is the EU's only listed mine producer.
        let lithium = try #require(latest.first { $0.profile.name.lowercased() == "lithium" }?.profile)
        let prt = try #require(lithium.production?.shares.first { $0.country == Country("PRT") })
        #expect(lithium.leaderProductionShare == prt.share)
        // The US keeps its reliance.
        let us = try await AnalysisData(catalog: Self.catalog).mineralsReportInput(leader: .usa, rival: .china).latest
        #expect(us.contains { $0.profile.latestReliance != nil })
    }

    /// Imports of another reporter never stand in for the leader's: the US Census file is not
    /// the EU's vulnerability.
    @Test func importsOfAnotherReporterAreNotUsed() async throws {
        let bundle = try await AnalysisData(catalog: Self.catalog).framework(leader: Country("EU"), challenger: .china, year: nil)
        #expect(bundle.result.vulnerabilities.values.allSatisfy { $0.importShareFromChallenger == nil })
        #expect(!bundle.provenance.contains { $0.source.hasPrefix("US Census") })
        #expect(BundledDataset.censusHS6_2024.reporter == .usa && BundledDataset.imfDOTS.reporter == nil)
    }

    /// A pair with no dated measure cannot be evaluated: said so, p = 1, no "beats" claim.
    @Test func pairWithoutMeasuresIsNotEvaluated() async throws {
        let doc = try await AnalysisData(catalog: Self.catalog).frameworkEvaluation(leader: Country("EU"), challenger: .china, permutations: 100)
        #expect(doc.evaluation.cases.isEmpty && doc.evaluation.permutation.pValue == 1)
        let text = FrameworkPanelText.evaluationText(doc)
        #expect(text.contains("nothing to evaluate for this pair"))
        #expect(!text.contains("Permutation test"))
    }

    /// The framework runs in both directions: China as the leader is scored on its own
    /// measures (export controls), the US measures shown as the other side.
    @Test func chinaAsLeaderIsScoredOnChineseMeasures() async throws {
        let data = AnalysisData(catalog: Self.catalog)
        let doc = try await data.frameworkEvaluation(leader: .china, challenger: .usa, permutations: 100)
        #expect(doc.evaluation.cases.count >= 10)
        #expect(doc.evaluation.cases.allSatisfy { $0.outcomeMeasure.hasPrefix("cn-") })
        let timeline = try await data.frameworkTimeline(leader: .china, challenger: .usa, chain: "rare-earth-elements")
        let text = FrameworkPanelText.timelineText(timeline)
        #expect(text.contains("first China instrument: 2023-12-21 (cn-rare-earth-technology-export-ban-2023)"))
        #expect(text.contains("first United States measure: 2017-12-20 (us-eo-13817-critical-minerals-2017)"))
    }

    static let wiod = "\(DataCatalog.sourceCheckoutDataFolder)/../../shared/data/wiod-2013-release-bquast/converted-csv"

    /// WIOD 1995–2011 in the panel: the US and China shares of world c14 (electrical and optical
    /// equipment) gross output, recomputed here from the output file, and the manufacturing
    /// catch-up the timeline finds for integrated circuits (China's gain of ~2 pp a year from 1998).
    @Test(.enabled(if: FileManager.default.fileExists(atPath: wiod + "/wiot_2005_output.csv"), "needs ../shared/data/wiod-2013-release-bquast"))
    func wiodSeriesAndCatchUp() async throws {
        let data = AnalysisData(catalog: Self.catalog)
        let panel = try await data.frameworkPanel(leader: .usa, challenger: .china, wiod: Self.wiod).panel
        let rows = panel.rows.filter { $0.chain == "semiconductors" && $0.stage == "integrated-circuits" && $0.indicator == "share of world gross output, WIOD sectors c14" }
        #expect(Set(rows.map(\.year)) == Set(1995...2011))
        var output: [String: Double] = [:]
        for line in try String(contentsOfFile: Self.wiod + "/wiot_2005_output.csv", encoding: .utf8).split(whereSeparator: \.isNewline).dropFirst() {
            let f = line.split(separator: ",")
            if f[0].hasSuffix("_c14") { output[String(f[0].prefix(3))] = try #require(Double(f[1])) }
        }
        let world = output.values.reduce(0, +)
        let r2005 = try #require(rows.first { $0.year == 2005 })
        let us = try #require(output["USA"]), cn = try #require(output["CHN"])
        #expect(output.count == 41)
        #expect(abs(try #require(r2005.leaderValue) - us / world) < 1e-12)
        #expect(abs(try #require(r2005.challengerValue) - cn / world) < 1e-12)
        #expect(r2005.granularity == .sector)
        #expect(panel.rows.contains { $0.year == 2011 && $0.indicator == "share of world use (intermediate and final) of WIOD c14 products" })
        let timeline = try await data.frameworkTimeline(leader: .usa, challenger: .china, chain: "semiconductors", wiod: Self.wiod)
        let text = FrameworkPanelText.timelineText(timeline)
        #expect(text.contains("catch-up 2001 (closing: 1.9 pp a year over 1998–2001) — share of world gross output, WIOD sectors c14"))
    }

    /// With an all-reporter store the predictions read the stage's own world shares (the BACI
    /// fixture by hand: HS 850760 in 2021, US exports 100 and China 940 of 1,540; US imports 1,000),
    /// not one chain-wide export share.
    @Test func predictionsReadStageSharesOfAStore() async throws {
        let f = try Fixtures()
        let store = f.folder.appendingPathComponent("fixture.dpanel").path
        _ = try StoreImport.baci(files: try BACIFixtureText.write(f), countryCodes: nil, edition: nil, to: store)
        let bundle = try await AnalysisData(catalog: Self.catalog).framework(leader: .usa, challenger: .china, year: nil, store: store)
        let profile = try #require(bundle.result.profiles.first { $0.chain == "batteries" && $0.stage == "cells-packs" })
        let x = try #require(profile.indicators.first { $0.name == "share of world exports of the stage's HS6 lines" })
        let m = try #require(profile.indicators.first { $0.name == "share of world imports of the stage's HS6 lines" })
        #expect(x.year == 2021 && x.granularity == .stage && x.leaderValue == 100.0 / 1540 && x.challengerValue == 940.0 / 1540)
        #expect(m.leaderValue == 1000.0 / 1540 && m.challengerValue == 0)
        #expect(!profile.indicators.contains { $0.name.hasPrefix("share of world exports of the chain's") })
    }
}
