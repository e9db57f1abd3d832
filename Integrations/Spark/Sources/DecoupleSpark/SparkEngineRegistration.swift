import DecoupleTrade

/// Registering the Spark engine with the command line.
public enum SparkEngineRegistration {
    /// The engine name (`--engine spark`).
    public static let engineName = "spark"

    /// Registers `spark` in ``TradeEngineRegistry`` so that `--engine spark` works.
    public static func register() {
        TradeEngineRegistry.register(engineName) { request in
            try SparkTradeAggregationEngine(request: request)
        }
    }
}
