import DecoupleAnalyses
import DecoupleRendering
import Foundation
import Hummingbird
import Logging

/// How `decouple serve` runs.
public struct ServerConfiguration: Sendable {
    /// Address to bind (loopback by default: the dashboard is a local tool).
    public var host: String
    public var port: Int
    /// The bundled data folder (fixed at start; requests never name files).
    public var dataRoot: String
    /// Largest request body accepted (a bill of materials), in bytes.
    public var maxBodyBytes: Int
    /// Most cached responses (API documents and pages) kept in memory.
    public var responseCacheSize: Int
    /// Compute the default analyses in the background after start.
    public var warmUp: Bool
    /// Host names the server answers to besides the bound address's own (`--allow-host`).
    public var allowHosts: [String]
    /// Seconds a connection may stay idle (headers not sent, nothing read) before it is closed.
    public var idleTimeoutSeconds: Int64
    /// Seconds a client has to send a complete request head, from connecting or from the first
    /// byte of a next request on a kept-alive connection (408, then closed; slowloris).
    public var headerTimeoutSeconds: Int64
    /// Seconds a client has to send a request body, from the end of its head (408, then closed).
    public var bodyTimeoutSeconds: Int64
    /// A fetch cache whose Census data extend the report's trade sections (nil: bundled data only).
    public var fetchCache: String? = nil
    /// How long a browser's page request waits for a page not yet computed before it gets a
    /// "computing…" page that reloads itself (nil: wait for the page).
    public var pendingPageAfter: Duration? = .seconds(2)

    public init(host: String = "127.0.0.1", port: Int = 8080, dataRoot: String, maxBodyBytes: Int = 1 << 20,
                responseCacheSize: Int = 512, warmUp: Bool = true, allowHosts: [String] = [], idleTimeoutSeconds: Int64 = 30,
                headerTimeoutSeconds: Int64 = 10, bodyTimeoutSeconds: Int64 = 30) {
        self.allowHosts = allowHosts
        self.idleTimeoutSeconds = idleTimeoutSeconds
        self.headerTimeoutSeconds = headerTimeoutSeconds
        self.bodyTimeoutSeconds = bodyTimeoutSeconds
        self.host = host
        self.port = port
        self.dataRoot = dataRoot
        self.maxBodyBytes = maxBodyBytes
        self.responseCacheSize = responseCacheSize
        self.warmUp = warmUp
    }
}

/// The dashboard and JSON API of `decouple serve`: routes, caches and the data store.
public final class DecoupleApp: Sendable {
    public let configuration: ServerConfiguration
    public let store: AnalysisData
    let responses: SingleFlightCache<String, ByteBuffer>
    let logger: Logger
    let started = ContinuousClock.now
    /// The example bill of materials shown on the IRA page (read once at start).
    let exampleBOM: String

    public init(configuration: ServerConfiguration, logger: Logger = Logger(label: "decouple.serve")) {
        self.configuration = configuration
        self.store = AnalysisData(catalog: DataCatalog(root: configuration.dataRoot), fetchCache: configuration.fetchCache)
        self.responses = SingleFlightCache(capacity: configuration.responseCacheSize)
        self.logger = logger
        let example = configuration.dataRoot + "/policy/examples/bom-example.json"
        self.exampleBOM = (try? String(contentsOfFile: example, encoding: .utf8)) ?? ""
    }

    /// The router with every page and API route.
    public func router() -> Router<BasicRequestContext> {
        let router = Router(context: BasicRequestContext.self)
        addAPIRoutes(to: router)
        addPageRoutes(to: router)
        return router
    }

    /// The responder: the router behind access logging, request limits and JSON errors.
    public func responder() -> DecoupleResponder<RouterResponder<BasicRequestContext>> {
        DecoupleResponder(inner: router().buildResponder(), logger: logger, maxBodyBytes: configuration.maxBodyBytes,
                          knownRoutes: Self.knownRoutes,
                          allowedHosts: ServerSecurity.allowedHosts(boundTo: configuration.host, extra: configuration.allowHosts))
    }

    /// The Hummingbird application, ready to run (`runService()` stops gracefully on SIGINT/SIGTERM).
    /// Slow clients: idle connections close after the idle timeout, and requests must arrive within
    /// the header and body timeouts (``RequestReadTimeoutHandler``, one per connection).
    public func application() -> some ApplicationProtocol {
        let (header, body, logger) = (configuration.headerTimeoutSeconds, configuration.bodyTimeoutSeconds, logger)
        var app = Application(
            responder: responder(),
            server: .http1(configuration: .init(
                additionalChannelHandlers: [RequestReadTimeoutHandler(headerTimeout: .seconds(header), bodyTimeout: .seconds(body), logger: logger)],
                idleTimeout: .seconds(configuration.idleTimeoutSeconds))),
            configuration: .init(address: .hostname(configuration.host, port: configuration.port), serverName: "decouple"),
            onServerRunning: { [logger, started] channel in
                let ms = Double((ContinuousClock.now - started).components.attoseconds) / 1e15
                    + Double((ContinuousClock.now - started).components.seconds) * 1000
                logger.info("listening", metadata: [
                    "address": "\(channel.localAddress?.description ?? "?")",
                    "startup_ms": "\(String(format: "%.0f", ms))",
                ])
            },
            logger: logger)
        if configuration.warmUp {
            app.addServices(WarmUpService(app: self))
        }
        return app
    }

    /// Every path the server answers, with its methods (for 405 answers).
    static let knownRoutes: [String: [HTTPRequest.Method]] = {
        var routes: [String: [HTTPRequest.Method]] = ["/healthz": [.get], "/api/v1": [.get], "/api/v1/openapi.yaml": [.get],
                                                      "/api/v1/openapi.json": [.get], "/api/v1/ira-bom.schema.json": [.get]]
        for op in apiOperations { routes[op.path, default: []].append(op.method) }
        for p in pages { routes[p.path] = p.path == "/ira" ? [.get, .post] : [.get] }
        return routes
    }()

    /// Computes the default analyses and renders every page the overview links to (the
    /// navigation included) into the page cache, so the first visitor does not wait.
    public func warmUp() async {
        let clock = ContinuousClock()
        let start = clock.now
        do {
            _ = try await store.report(.init())
            _ = try await mineralsDocument(MineralsRequest(allies: MineralsDefaults.allies(try await store.policy().alliances)))
            _ = try await store.policy()
            _ = try await store.dotsReporters()
            let links = try await overviewLinks()
            var failed = 0
            for (path, query) in links {
                do { _ = try await page(path, query: query) } catch {
                    failed += 1
                    logger.error("warm-up: page failed", metadata: ["path": "\(path)", "error": "\(error)"])
                }
            }
            logger.info("warm-up done", metadata: ["duration_ms": "\((clock.now - start).milliseconds)", "pages": "\(links.count - failed)"])
        } catch {
            logger.error("warm-up failed", metadata: ["error": "\(error)"])
        }
    }

    /// The dashboard pages the overview links to (its navigation and its "More" links), as
    /// path and query, each once; the overview itself first.
    func overviewLinks() async throws -> [(path: String, query: String?)] {
        let html = String(buffer: try await page("/", query: nil))
        var seen: Set<String> = [], links: [(String, String?)] = [("/", nil)]
        var rest = html[...]
        while let r = rest.range(of: "href=\"/") {
            rest = rest[r.upperBound...]
            guard let end = rest.firstIndex(of: "\"") else { break }
            let link = "/" + rest[..<end].replacingOccurrences(of: "&amp;", with: "&")
            let parts = link.split(separator: "?", maxSplits: 1).map(String.init)
            let path = parts[0], query = parts.count > 1 ? parts[1] : nil
            guard Self.pageRenderers[path] != nil, path != "/" || query != nil, seen.insert(link).inserted else { continue }
            links.append((path, query))
        }
        return links
    }
}

extension Duration {
    /// Whole milliseconds.
    var milliseconds: Int64 { components.seconds * 1000 + components.attoseconds / 1_000_000_000_000_000 }
    /// Fractional milliseconds.
    var fractionalMilliseconds: Double { Double(components.seconds) * 1000 + Double(components.attoseconds) / 1e15 }
}

import ServiceLifecycle

/// Runs ``DecoupleApp/warmUp()`` once, then waits for shutdown.
struct WarmUpService: Service {
    let app: DecoupleApp
    func run() async throws {
        // Not awaited: a shutdown during the warm-up does not wait for it.
        let app = self.app
        Task.detached(priority: .utility) { await app.warmUp() }
        try? await gracefulShutdown()
    }
}
