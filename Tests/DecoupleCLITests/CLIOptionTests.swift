import ArgumentParser
import DecoupleAnalyses
@testable import DecoupleCLI
import Testing

/// The command line's own logic: option validation and the analysis requests it builds. Nothing
/// here reads data; the analyses have their own tests.
@Suite struct CLIOptionTests {
    /// The message a parse fails with, or nil when it succeeds.
    func failure<T: ParsableArguments>(_ type: T.Type, _ arguments: [String]) -> String? {
        do { _ = try type.parse(arguments); return nil } catch { return type.message(for: error) }
    }

    @Test func panelOptionsBuildTheRequest() throws {
        let o = try PanelOptions.parse(["--reporter", "Germany", "--rival", "cn", "--codes", "850760, 8541", "--from", "2018", "--to", "2022"])
        let q = try o.request()
        #expect(q.reporter == Country("DEU") && q.rival == .china)
        #expect(q.codes == ["850760", "8541"])
        #expect(q.years == 2018...2022)
        #expect(q.engine == "local" && q.store == nil)
        let chain = try PanelOptions.parse(["--chain", "batteries", "--stage", "cells-packs", "--store", "baci"]).request()
        #expect(chain.chain == "batteries" && chain.stage == "cells-packs" && chain.codes == nil && chain.store == "baci")
        #expect(try PanelOptions.parse(["--from", "2019"]).request().years == 2019...2100)
    }

    @Test func panelOptionsRejectWhatDoesNotFit() throws {
        #expect(failure(PanelOptions.self, ["--stage", "cells"]) == "--stage needs --chain")
        #expect(failure(PanelOptions.self, ["--chain", "batteries", "--codes", "8507"]) == "give either --codes or --chain, not both")
        #expect(failure(PanelOptions.self, ["--from", "2022", "--to", "2020"]) == "--from must not be after --to")
        #expect(failure(PanelOptions.self, ["--engine", "spark"]) == "--engine spark needs --spark sc://HOST:PORT")
        #expect(failure(PanelOptions.self, ["--engine", "spark", "--spark", "sc://h:1"])?.contains("needs --spark-source") == true)
        #expect(failure(PanelOptions.self, ["--spark-edition", "HS99"])?.contains("--spark-edition: expected HS92") == true)
        #expect(failure(PanelOptions.self, ["--engine", "spark", "--spark", "sc://h:1", "--spark-source", "t", "--spark-layout", "baci", "--store", "x"])?
            .contains("--store is for --engine local") == true)
        // Errors found while building the request.
        #expect(throws: ValidationError.self) { try PanelOptions.parse(["--codes", "85a"]).request() }
        #expect(throws: ValidationError.self) { try PanelOptions.parse(["--reporter", "USA", "--rival", "us"]).request() }
        #expect(throws: ValidationError.self) { try PanelOptions.parse(["--reporter", "Atlantis"]).request() }
    }

    @Test func engineOptionsCarryTheSparkFields() throws {
        let e = try EngineOptions.parse(["--engine", "spark", "--spark", "sc://host:15002", "--spark-source", "/d/baci.parquet",
                                         "--spark-layout", "baci", "--spark-edition", "HS17", "--spark-token", "t0k"])
        #expect(e.isSet)
        var q = TradePanelRequest()
        e.apply(to: &q)
        #expect(q.engine == "spark" && q.engineURL == "sc://host:15002" && q.engineSource == "/d/baci.parquet")
        #expect(q.engineLayout == .baci && q.engineEdition == .hs2017 && q.engineToken == "t0k")
        #expect(try !EngineOptions.parse([]).isSet)
        #expect(try EngineOptions.parse(["--store", "s"]).isSet)
    }

    @Test func commandLimits() {
        #expect(failure(DependenceCommand.self, ["--top", "0"]) == "--top must be positive")
        #expect(failure(DependenceCommand.self, ["--hhi-threshold", "1.5"]) == "--hhi-threshold must be between 0 and 1")
        #expect(failure(DiversionCommand.self, ["--top", "0"]) == "--top must be positive")
        #expect(failure(Report.self, ["--base-year", "1800"]) == "--base-year must be between 1990 and 2030")
        #expect(failure(Report.self, ["--top", "0"]) == "--top must be positive")
        #expect(failure(Report.self, ["--engine", "spark"]) == "--engine spark needs --spark sc://HOST:PORT")
    }

    @Test func hsEditionsAsUsersWriteThem() {
        #expect(TradePanelRequest.edition("HS17") == .hs2017)
        #expect(TradePanelRequest.edition("hs2022") == .hs2022)
        #expect(TradePanelRequest.edition("H5") == .hs2017)
        #expect(TradePanelRequest.edition("2012") == .hs2012)
        #expect(TradePanelRequest.edition("HS99") == nil)
    }
}
