import DecoupleCore

/// A measure stated as the aggregations it needs and what it computes from their results, so
/// that it is written once and runs on every ``TradeAggregationEngine``: the local store, or
/// Spark. The heavy part (filter, group, sum) is in the queries; the measure itself only reads
/// aggregated rows.
public protocol TradeMeasureRequest: Sendable {
    associatedtype Result: Sendable
    /// The aggregations, answered in this order.
    var queries: [TradeAggregationQuery] { get }
    /// The measure, from one aggregate per query.
    func result(from aggregates: [TradeAggregate]) -> Result
}

extension TradeAggregationEngine {
    /// Runs the request's aggregations on this engine and computes the measure.
    public func measure<Request: TradeMeasureRequest>(_ request: Request) async throws -> Request.Result {
        var aggregates: [TradeAggregate] = []
        for query in request.queries {
            let result = try await aggregate(query)
            try result.validate(for: query, engine: name)
            aggregates.append(result)
        }
        return request.result(from: aggregates)
    }
}

extension LocalTradeAggregationEngine {
    /// ``TradeAggregationEngine/measure(_:)`` without the `async`: nothing is awaited locally.
    public func measureLocally<Request: TradeMeasureRequest>(_ request: Request) -> Request.Result {
        request.result(from: request.queries.map(run))
    }
}
