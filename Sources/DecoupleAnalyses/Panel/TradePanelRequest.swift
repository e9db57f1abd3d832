import DecoupleCore
import DecoupleTrade
import Foundation

/// Which trade data a panel analysis (dependence, trend, diversion) reads, for which countries,
/// products and years: what `decouple dependence|trend|diversion` say on the command line.
public struct TradePanelRequest: Sendable {
    /// `local` (a panel store) or the name of a registered remote engine (`spark`).
    public var engine = "local"
    /// A store name in the store folder or a path; nil: the only store there (local engine).
    public var store: String?
    /// The remote engine's address, token, data, layout, HS edition and BACI country file.
    public var engineURL: String?
    public var engineToken: String?
    public var engineSource: String?
    public var engineLayout: TradeSourceLayout?
    public var engineEdition: HSEdition?
    public var baciCountryCodes: String?
    public var reporter: Country = .usa
    public var rival: Country = .china
    /// HS codes or prefixes; or a chain (and stage) of the bundled taxonomy; neither: all products.
    public var codes: [String]?
    public var chain: String?
    public var stage: String?
    public var from: Int?
    public var to: Int?
    /// The bundled data folder (for the taxonomy), nil: the default one.
    public var dataDir: String?

    public init() {}

    /// The years asked for, when any bound was given.
    public var years: ClosedRange<Int>? {
        if from == nil && to == nil { return nil }
        return (from ?? 1900)...(to ?? 2100)
    }

    /// Whether the request names products (codes or a chain) rather than all of them.
    public var namesProducts: Bool { codes != nil || chain != nil }

    /// The bundled taxonomy, from `dataDir`.
    func taxonomy() throws -> StrategicTaxonomy {
        try TaxonomyLoader.bundled(catalog: DataCatalog.locate(explicit: dataDir))
    }

    /// The product selection: the codes, the chain or stage, else every product.
    /// - Throws: ``AnalysisInputError`` for an unknown chain or stage.
    public func selection() throws -> ProductSelection {
        if let codes { return .codes(codes) }
        if let chain {
            do { return try .chain(chain, stage: stage, taxonomy: try taxonomy()) } catch let e as UnknownChainOrStage {
                throw AnalysisInputError(e.description, parameter: "chain")
            }
        }
        return .all
    }

    /// The engine that runs the aggregations: the panel store (`local`) or a registered remote engine.
    /// - Throws: ``AnalysisInputError`` when the engine is unknown or the store cannot be chosen.
    public func openEngine() async throws -> any TradeAggregationEngine {
        if engine == "local" { return LocalTradeAggregationEngine(store: try Self.openStore(store)) }
        guard let factory = TradeEngineRegistry.factory(engine) else {
            let known = (["local"] + TradeEngineRegistry.names).joined(separator: ", ")
            throw AnalysisInputError(engine == "spark"
                ? "this decouple binary was built without Spark support (engines: \(known)); build it from Integrations/Spark, see docs/scale-out.md"
                : "unknown engine '\(engine)' (engines: \(known))", parameter: "engine")
        }
        return try await factory(TradeEngineRequest(engine: engine, url: engineURL, token: engineToken, source: engineSource,
                                                    layout: engineLayout, edition: engineEdition, countryCodes: baciCountryCodes))
    }

    /// Opens the store named `name` (a name in the store folder or a path), or the only one there.
    public static func openStore(_ name: String?) throws -> TradePanelStore {
        let path: String
        if let name {
            path = PanelStoreDirectory.path(for: name)
        } else {
            let all = PanelStoreDirectory.stores()
            guard all.count == 1 else {
                throw AnalysisInputError(all.isEmpty
                    ? "no panel store in \(PanelStoreDirectory.defaultFolder): import one with `decouple data import baci FILE... --out NAME`, or give --store PATH"
                    : "several panel stores; choose one with --store: \(all.map { ($0 as NSString).lastPathComponent }.joined(separator: ", "))",
                    parameter: "store")
            }
            path = all[0]
        }
        return try TradePanelStore(path: path)
    }

    /// An HS edition from `HS17`, `HS2017`, `2017` or `H5` (``StoreImport/edition(_:)``).
    public static func edition(_ text: String) -> HSEdition? { StoreImport.edition(text) }
}
