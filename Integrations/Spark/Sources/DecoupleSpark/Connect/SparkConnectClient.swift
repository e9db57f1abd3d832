import Foundation
import GRPCCore
import GRPCNIOTransportHTTP2
import SparkConnectProto

/// A Spark Connect client: runs SQL on a Spark Connect server over gRPC and decodes the Arrow
/// results.
///
/// Each call opens one HTTP/2 connection for its duration (``withConnection(_:)`` runs several
/// statements on one). All calls share one Spark session (``sessionID``), so temporary views
/// created by one call are seen by the next. Calls do not wait for an unreachable server: the
/// first connection attempt that fails ends the call with
/// ``SparkConnectError/unreachable(endpoint:detail:)``.
public struct SparkConnectClient: Sendable {
    public let connection: SparkConnectionString
    /// The Spark session of this client (a UUID, as Spark requires).
    public let sessionID: String
    /// How long one statement may run; nil for no limit.
    public var statementTimeout: Duration?
    /// How long to wait for a connection before giving up.
    public var connectTimeout: Duration = .seconds(20)

    static let clientType = "decouple-swift"

    public init(connection: SparkConnectionString, sessionID: String? = nil, statementTimeout: Duration? = nil) {
        self.connection = connection
        self.sessionID = sessionID ?? connection.sessionID ?? UUID().uuidString.lowercased()
        self.statementTimeout = statementTimeout
    }

    /// Parses `url` (an `sc://` connection string); an explicit, non-empty `token` overrides
    /// the string's.
    public init(url: String, token: String? = nil) throws {
        var connection = try SparkConnectionString(url)
        if let token, !token.isEmpty { connection.parameters["token"] = token }
        self.init(connection: connection)
    }

    /// The server's Spark version (`4.3.0`); a quick check that the server answers.
    public func sparkVersion() async throws -> String {
        try await withConnection { try await $0.sparkVersion() }
    }

    /// Runs one SQL statement and returns its result.
    public func sql(_ query: String) async throws -> ArrowTable {
        try await withConnection { try await $0.sql(query) }
    }

    /// Opens one connection and runs `body` with it.
    public func withConnection<Result: Sendable>(_ body: @Sendable (SparkConnectSession) async throws -> Result) async throws -> Result {
        let target: any ResolvableTarget
        if connection.host.contains(":") {
            target = .ipv6(address: connection.host, port: connection.port)
        } else if connection.host.split(separator: ".").count == 4, connection.host.allSatisfy({ $0 == "." || $0.isNumber }) {
            target = .ipv4(address: connection.host, port: connection.port)
        } else {
            target = .dns(host: connection.host, port: connection.port)
        }
        var config = HTTP2ClientTransport.Posix.Config.defaults
        config.connection.maxIdleTime = nil
        config.backoff = .init(initial: .milliseconds(200), max: .seconds(2), multiplier: 1.6, jitter: 0.1)
        let security: HTTP2ClientTransport.Posix.TransportSecurity = connection.usesTLS ? .tls : .plaintext
        do {
            let transport = try HTTP2ClientTransport.Posix(target: target, transportSecurity: security, config: config)
            return try await withGRPCClient(transport: transport) { client in
                try await body(SparkConnectSession(client: self, service: Spark_Connect_SparkConnectService.Client(wrapping: client)))
            }
        } catch let error as SparkConnectError {
            throw error
        } catch let error as ArrowReadError {
            throw SparkConnectError.malformedResult(error.message)
        } catch let error as RPCError {
            throw map(error)
        } catch {
            throw SparkConnectError.unreachable(endpoint: connection.endpoint, detail: "\(error)")
        }
    }

    /// A gRPC error as a Decouple error: no connection → unreachable, anything else the server
    /// said → Spark's message.
    func map(_ error: RPCError) -> SparkConnectError {
        switch error.code {
        case .unavailable:
            var detail = error.message
            if let cause = error.cause { detail += " (\(cause))" }
            return .unreachable(endpoint: connection.endpoint, detail: detail)
        case .deadlineExceeded:
            return .unreachable(endpoint: connection.endpoint, detail: "no answer in time: \(error.message)")
        default:
            return .server(message: error.message)
        }
    }

    var metadata: Metadata {
        var m: Metadata = [:]
        if let token = connection.token { m.addString("Bearer \(token)", forKey: "authorization") }
        if let agent = connection.userAgent { m.addString(agent, forKey: "user-agent") }
        return m
    }

    var userContext: Spark_Connect_UserContext {
        .with { $0.userID = connection.userID ?? "decouple" }
    }
}

/// One open connection of a ``SparkConnectClient``.
public struct SparkConnectSession: Sendable {
    let client: SparkConnectClient
    let service: Spark_Connect_SparkConnectService.Client<HTTP2ClientTransport.Posix>

    private var options: CallOptions {
        var o = CallOptions.defaults
        o.waitForReady = false
        o.maxResponseMessageBytes = 512 << 20
        return o
    }

    /// The server's Spark version; fails after ``SparkConnectClient/connectTimeout``.
    public func sparkVersion() async throws -> String {
        var o = options
        o.timeout = client.connectTimeout
        let request = Spark_Connect_AnalyzePlanRequest.with {
            $0.sessionID = client.sessionID
            $0.userContext = client.userContext
            $0.clientType = SparkConnectClient.clientType
            $0.sparkVersion = .init()
        }
        let response = try await service.analyzePlan(request, metadata: client.metadata, options: o)
        return response.sparkVersion.version
    }

    /// Runs one SQL statement (a query, or a command such as `CREATE TEMPORARY VIEW`) and
    /// decodes its Arrow result.
    public func sql(_ query: String) async throws -> ArrowTable {
        var o = options
        o.timeout = client.statementTimeout
        let request = Spark_Connect_ExecutePlanRequest.with {
            $0.sessionID = client.sessionID
            $0.userContext = client.userContext
            $0.clientType = SparkConnectClient.clientType
            $0.operationID = UUID().uuidString.lowercased()
            $0.plan = .with { $0.root = .with { $0.sql = .with { $0.query = query } } }
        }
        return try await service.executePlan(request, metadata: client.metadata, options: o) { response in
            var reader = ArrowStreamReader()
            for try await message in response.messages {
                if case .arrowBatch(let batch)? = message.responseType {
                    try reader.read([UInt8](batch.data))
                }
            }
            return reader.table
        }
    }
}
