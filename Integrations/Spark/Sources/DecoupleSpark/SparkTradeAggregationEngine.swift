import DecoupleCore
import DecoupleTrade

/// Runs trade aggregations on Apache Spark through Spark Connect: each
/// ``TradeAggregationQuery`` becomes one Spark SQL statement over the user's files, and the
/// result is the local engine's (``LocalTradeAggregationEngine`` on a store imported from the
/// same files): the same rows kept, the same conversions, the same countries and products.
///
/// Only the aggregated groups cross the network; measures, matrices and reports stay here.
public struct SparkTradeAggregationEngine: TradeAggregationEngine {
    public let client: SparkConnectClient
    public let source: SparkTradeSource

    public init(client: SparkConnectClient, source: SparkTradeSource) {
        self.client = client
        self.source = source
    }

    /// An engine from the command line's request: `url`, `source` and `layout` are required;
    /// a BACI source also needs `edition` and `countryCodes` (the country file, read here).
    public init(request: TradeEngineRequest) throws {
        guard let url = request.url else {
            throw SparkTradeSourceError("--engine spark needs the server's address (--spark sc://HOST:15002)")
        }
        guard let location = request.source else {
            throw SparkTradeSourceError("--engine spark needs the data as Spark sees them (--spark-source PATH or TABLE)")
        }
        guard let layout = request.layout else {
            throw SparkTradeSourceError("--engine spark needs the layout of the data (--spark-layout baci|comtrade)")
        }
        let codes = try request.countryCodes.map { try BACICountryCodes.read(path: $0) }
        let client = try SparkConnectClient(url: url, token: request.token)
        self.init(client: client, source: try SparkTradeSource(location: location, layout: layout, edition: request.edition,
                                                               countryCodes: codes))
    }

    public var name: String { "spark \(client.connection)" }

    public func describe() async throws -> TradePanelDescription {
        let source = self.source
        let table = try await client.withConnection { session in
            let rows = try await Self.prepare(session, source)
            return try await session.sql(try TradeAggregationSQL(query: TradeAggregationQuery(side: .imports, groupBy: []),
                                                                  rows: rows, countries: SparkCountryKeys(source: source)).yearsStatement())
        }
        guard let years = table.column("year") else { throw SparkConnectError.malformedResult("no year column") }
        return TradePanelDescription(years: (0..<table.rowCount).compactMap { years.int($0) },
                                     coversAllReporters: source.layout == .baci, provenance: source.provenance)
    }

    public func aggregate(_ query: TradeAggregationQuery) async throws -> TradeAggregate {
        let source = self.source
        let (sql, table) = try await client.withConnection { session in
            let rows = try await Self.prepare(session, source)
            let sql = TradeAggregationSQL(query: query, rows: rows, countries: SparkCountryKeys(source: source))
            guard let statement = try sql.statement() else { return (sql, ArrowTable?.none) }
            return (sql, try await session.sql(statement))
        }
        guard let table else { return TradeAggregate(groupBy: query.groupBy, rows: [], provenance: source.provenance) }
        let rows = try SparkAggregateReader(sql: sql).rows(of: table)
        return TradeAggregate(groupBy: query.groupBy, rows: rows, provenance: source.provenance)
    }

    /// Makes the files readable (a temporary view) and reads the column names.
    static func prepare(_ session: SparkConnectSession, _ source: SparkTradeSource) async throws -> SparkTradeRows {
        if let setup = source.setupStatement { _ = try await session.sql(setup) }
        var names: [String] = []
        if source.layout == .comtrade {
            names = try await session.sql("SELECT * FROM \(source.relation) LIMIT 0").columns.map(\.name)
        }
        return SparkTradeRows(source: source, columnNames: names)
    }
}
