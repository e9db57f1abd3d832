import DecoupleCore
import Synchronization

/// The layout of a trade file as a remote engine reads it.
public enum TradeSourceLayout: String, Sendable, CaseIterable {
    /// CEPII BACI: `t,i,j,k,v,q` with BACI numeric country codes (see ``BACIReader``).
    case baci
    /// UN Comtrade v1 bulk/API columns (see ``ComtradeReader``).
    case comtrade
}

/// What the command line says about the engine to use: its name and, for a remote engine,
/// where it is and which data it should read.
public struct TradeEngineRequest: Sendable {
    /// `spark`.
    public var engine: String
    /// The engine's address (`sc://host:15002`).
    public var url: String?
    /// An access token for the engine.
    public var token: String?
    /// The data as the engine sees them: a file, folder or table.
    public var source: String?
    public var layout: TradeSourceLayout?
    /// The HS edition of a BACI source (Comtrade rows say theirs).
    public var edition: HSEdition?
    /// The BACI release's country file, for the BACI layout.
    public var countryCodes: String?

    public init(engine: String, url: String? = nil, token: String? = nil, source: String? = nil,
                layout: TradeSourceLayout? = nil, edition: HSEdition? = nil, countryCodes: String? = nil) {
        self.engine = engine
        self.url = url
        self.token = token
        self.source = source
        self.layout = layout
        self.edition = edition
        self.countryCodes = countryCodes
    }
}

/// Makes an engine from a request.
public typealias TradeEngineFactory = @Sendable (TradeEngineRequest) async throws -> any TradeAggregationEngine

/// The remote engines this binary knows. The default `decouple` binary registers none; a build
/// with Spark support (`Integrations/Spark`) registers `spark` before running the commands.
public enum TradeEngineRegistry {
    private static let factories = Mutex<[String: TradeEngineFactory]>([:])

    /// Registers (or replaces) the factory of an engine name.
    public static func register(_ name: String, factory: @escaping TradeEngineFactory) {
        factories.withLock { $0[name] = factory }
    }

    /// The factory registered under `name`, nil when there is none.
    public static func factory(_ name: String) -> TradeEngineFactory? {
        factories.withLock { $0[name] }
    }

    /// The registered names, sorted.
    public static var names: [String] {
        factories.withLock { $0.keys.sorted() }
    }
}
