import ArgumentParser
import DecoupleAnalyses
import DecoupleRendering
import Foundation

extension TradeSourceLayout: ExpressibleByArgument {}

/// Where trade aggregations run: a panel store (`--engine local`) or a remote engine such as
/// Spark; shared by `dependence`, `trend`, `diversion` and `report`.
struct EngineOptions: ParsableArguments {
    @Option(help: "The panel store: a name in the store folder or a path (default: the only store there; see `decouple data list`).")
    var store: String?

    @Option(help: "Where the trade aggregations run: local (the panel store) or spark (a build with Spark support; see docs/scale-out.md).")
    var engine: String = "local"

    @Option(name: .customLong("spark"), help: "The Spark Connect address, e.g. sc://host:15002 or sc://host:443/;use_ssl=true.")
    var sparkURL: String?

    @Option(help: "An access token for Spark Connect (default: $DECOUPLE_SPARK_TOKEN).")
    var sparkToken: String?

    @Option(help: "The trade data as Spark sees them: a CSV (may be gzipped) or Parquet path, or a table name.")
    var sparkSource: String?

    @Option(help: "The layout of --spark-source: baci or comtrade.")
    var sparkLayout: TradeSourceLayout?

    @Option(help: "The HS edition of a BACI --spark-source: HS92, HS96, HS02, HS07, HS12, HS17, HS22 (or HS1992 …).")
    var sparkEdition: String?

    @Option(help: "The BACI release's country file (country_codes_V….csv), for --spark-layout baci.")
    var baciCountryCodes: String?

    /// Whether any engine option was given (the report then takes its trade sections from it).
    var isSet: Bool { store != nil || engine != "local" }

    func validate() throws {
        if engine != "local" {
            guard sparkURL != nil || engine != "spark" else { throw ValidationError("--engine spark needs --spark sc://HOST:PORT") }
            guard sparkSource != nil else { throw ValidationError("--engine \(engine) needs --spark-source (the trade data as the engine sees them)") }
            guard sparkLayout != nil else { throw ValidationError("--engine \(engine) needs --spark-layout baci or comtrade") }
            if store != nil { throw ValidationError("--store is for --engine local; give --spark-source for --engine \(engine)") }
        }
        if let sparkEdition, TradePanelRequest.edition(sparkEdition) == nil {
            throw ValidationError("--spark-edition: expected HS92, HS96, HS02, HS07, HS12, HS17 or HS22, got '\(sparkEdition)'")
        }
    }

    /// The engine part of an analysis request.
    func apply(to q: inout TradePanelRequest) {
        q.engine = engine
        q.store = store
        q.engineURL = sparkURL
        q.engineToken = sparkToken ?? ProcessInfo.processInfo.environment["DECOUPLE_SPARK_TOKEN"]
        q.engineSource = sparkSource
        q.engineLayout = sparkLayout
        q.engineEdition = sparkEdition.flatMap(TradePanelRequest.edition)
        q.baciCountryCodes = baciCountryCodes
    }
}

/// The options shared by `dependence`, `trend` and `diversion`: which store (or engine), which
/// countries, which products and which years.
struct PanelOptions: ParsableArguments {
    @OptionGroup var engineOptions: EngineOptions

    @Option(help: "The reporting (importing) economy (ISO3, ISO2, ISO numeric or name).")
    var reporter: String = "USA"

    @Option(help: "The rival economy (ISO3, ISO2, ISO numeric or name).")
    var rival: String = "CHN"

    @Option(help: "A supply chain of the strategic taxonomy (see `decouple taxonomy`).")
    var chain: String?

    @Option(help: "A stage of --chain.")
    var stage: String?

    @Option(help: "HS codes or code prefixes, comma-separated (8507 takes every HS6 line of heading 8507).")
    var codes: String?

    @Option(help: "First year.")
    var from: Int?

    @Option(help: "Last year.")
    var to: Int?

    @Option(help: "text, json or csv.")
    var format: OutputFormat = .text

    @Option(help: "The bundled data folder, for the taxonomy (default: $DECOUPLE_DATA, else Data/ of the source checkout).")
    var dataDir: String?

    func validate() throws {
        try engineOptions.validate()
        if stage != nil && chain == nil { throw ValidationError("--stage needs --chain") }
        if codes != nil && chain != nil { throw ValidationError("give either --codes or --chain, not both") }
        if let from, let to, from > to { throw ValidationError("--from must not be after --to") }
    }

    /// The options as an analysis request (countries resolved, codes split).
    func request() throws -> TradePanelRequest {
        var q = TradePanelRequest()
        engineOptions.apply(to: &q)
        (q.reporter, q.rival) = try countries()
        if let codes {
            let list = codes.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
            guard !list.isEmpty, list.allSatisfy({ $0.allSatisfy(\.isNumber) }) else {
                throw ValidationError("--codes expects HS codes such as 850760,8541")
            }
            q.codes = list
        }
        q.chain = chain
        q.stage = stage
        q.from = from
        q.to = to
        q.dataDir = dataDir
        return q
    }

    /// The reporter and the rival, resolved.
    func countries() throws -> (reporter: Country, rival: Country) {
        do {
            let r = try CountryTable.standard.resolve(reporter), v = try CountryTable.standard.resolve(rival)
            guard r != v else { throw ValidationError("--reporter and --rival must differ") }
            return (r, v)
        } catch let e as UnknownCountryCode {
            throw ValidationError(e.description)
        }
    }
}

/// Runs a command body, turning data errors into a message and a failing exit code, and a
/// request an analysis cannot answer into a usage error.
func reportingDataErrors(_ body: () throws -> Void) throws {
    do { try body() } catch let e as DataReadError {
        printError("error: \(e)")
        throw ExitCode.failure
    } catch let e as AnalysisInputError {
        throw ValidationError(e.message)
    }
}

/// The same for async command bodies.
func reportingDataErrors(_ body: () async throws -> Void) async throws {
    do { try await body() } catch let e as DataReadError {
        printError("error: \(e)")
        throw ExitCode.failure
    } catch let e as AnalysisInputError {
        throw ValidationError(e.message)
    }
}
