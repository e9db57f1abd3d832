import Testing
@testable import DecoupleSpark

/// The client against a real Spark Connect server.
@Suite(.enabled(if: SparkTestServer.enabled, SparkTestServer.skipReason), .serialized)
struct SparkClientIntegrationTests {
    @Test func reportsTheSparkVersion() async throws {
        let version = try await SparkTestServer.client().sparkVersion()
        #expect(version.hasPrefix("4."), "\(version)")
    }

    @Test func decodesSparkArrowTypesAndNulls() async throws {
        let t = try await SparkTestServer.client().sql("""
            SELECT CAST(id AS TINYINT) AS a, CAST(-id AS SMALLINT) AS b, CAST(id * 1000 AS INT) AS c,
                   id * 10000000000 AS d, CAST(id AS DOUBLE) / 4 AS e, CAST(id AS FLOAT) AS f,
                   CASE WHEN id % 2 = 0 THEN NULL ELSE concat('r', CAST(id AS STRING)) END AS s,
                   id % 3 = 0 AS g
            FROM range(5) ORDER BY id
            """)
        #expect(t.rowCount == 5)
        #expect(t.columns.map(\.name) == ["a", "b", "c", "d", "e", "f", "s", "g"])
        #expect(t.column("a")?.values == .int([0, 1, 2, 3, 4]))
        #expect(t.column("b")?.values == .int([0, -1, -2, -3, -4]))
        #expect(t.column("c")?.values == .int([0, 1000, 2000, 3000, 4000]))
        #expect(t.column("d")?.values == .int([0, 10_000_000_000, 20_000_000_000, 30_000_000_000, 40_000_000_000]))
        #expect(t.column("e")?.values == .double([0, 0.25, 0.5, 0.75, 1]))
        #expect(t.column("f")?.values == .double([0, 1, 2, 3, 4]))
        #expect(t.column("s")?.values == .string([nil, "r1", nil, "r3", nil]))
        #expect(t.column("g")?.values == .bool([true, false, false, true, false]))
    }

    @Test func manyRowsArriveInSeveralBatches() async throws {
        let t = try await SparkTestServer.client().sql("SELECT id, CAST(id AS STRING) AS s FROM range(300000)")
        #expect(t.rowCount == 300_000)
        guard case .int(let ids) = t.column("id")?.values else { Issue.record("no id column"); return }
        #expect(ids.reduce(0) { $0 + ($1 ?? 0) } == 299_999 * 300_000 / 2)
        #expect(t.column("s")?.string(123_456) == "123456")
    }

    @Test func aSparkSQLErrorCarriesSparksMessage() async throws {
        do {
            _ = try await SparkTestServer.client().sql("SELECT no_such_column FROM range(1)")
            Issue.record("expected a Spark error")
        } catch let e as SparkConnectError {
            guard case .server(let message) = e else { Issue.record("expected a server error, got \(e)"); return }
            #expect(message.contains("UNRESOLVED_COLUMN"), "\(message)")
            #expect(message.contains("no_such_column"), "\(message)")
            #expect(e.description.hasPrefix("Spark: "))
        }
        do {
            _ = try await SparkTestServer.client().sql("SELEC 1")
            Issue.record("expected a parse error")
        } catch let e as SparkConnectError {
            #expect(e.description.contains("PARSE_SYNTAX_ERROR"), "\(e)")
        }
    }
}
