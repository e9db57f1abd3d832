import Foundation
import DecoupleCore
import DecoupleTrade
@testable import DecoupleSpark
import Testing

/// The Spark Connect server of the integration tests: `DECOUPLE_SPARK_URL`
/// (scripts/integration-test.sh starts one and sets it). Without it those tests are skipped.
enum SparkTestServer {
    static let url = ProcessInfo.processInfo.environment["DECOUPLE_SPARK_URL"]
    static var enabled: Bool { url != nil }
    static let skipReason: Comment = "needs a Spark Connect server: set DECOUPLE_SPARK_URL=sc://127.0.0.1:15002 (scripts/integration-test.sh does)"

    static func client() throws -> SparkConnectClient {
        try SparkConnectClient(url: url!)
    }
}

/// Asserts that two engines' answers are the same: the same groups, exact row counts, values
/// and quantities within 1e-9 relative.
func expectSameAggregate(_ local: TradeAggregate, _ spark: TradeAggregate, _ label: String,
                         sourceLocation: SourceLocation = #_sourceLocation) {
    #expect(local.rows.count == spark.rows.count, "\(label): \(local.rows.count) local rows, \(spark.rows.count) Spark rows",
            sourceLocation: sourceLocation)
    for (a, b) in zip(local.rows, spark.rows) {
        let keys = TradeDimension.allCases.map { a.key($0) }, otherKeys = TradeDimension.allCases.map { b.key($0) }
        #expect(keys == otherKeys, "\(label): group \(keys) vs \(otherKeys)", sourceLocation: sourceLocation)
        #expect(a.rowCount == b.rowCount, "\(label) \(keys): \(a.rowCount) vs \(b.rowCount) rows", sourceLocation: sourceLocation)
        #expect(relativelyEqual(a.value, b.value), "\(label) \(keys): value \(a.value) vs \(b.value)", sourceLocation: sourceLocation)
        #expect(relativelyEqual(a.quantity, b.quantity), "\(label) \(keys): quantity \(a.quantity) vs \(b.quantity)",
                sourceLocation: sourceLocation)
    }
}

func relativelyEqual(_ a: Double, _ b: Double, tolerance: Double = 1e-9) -> Bool {
    a == b || abs(a - b) <= tolerance * max(abs(a), abs(b))
}
