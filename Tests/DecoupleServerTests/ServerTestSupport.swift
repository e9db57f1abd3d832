import DecoupleRendering
import DecoupleAnalyses
@testable import DecoupleServer
import Foundation
import Hummingbird
import HummingbirdTesting
import Logging
import Testing

/// One app for all tests, so the bundled data are read once.
enum TestServer {
    static let app: DecoupleApp = {
        var logger = Logger(label: "decouple.test")
        logger.logLevel = .warning
        var configuration = ServerConfiguration(dataRoot: DataCatalog.sourceCheckoutDataFolder, maxBodyBytes: 256 * 1024, warmUp: false)
        configuration.pendingPageAfter = nil   // pages are awaited (the computing page has its own test)
        return DecoupleApp(configuration: configuration, logger: logger)
    }()

    static func application() -> some ApplicationProtocol {
        Application(responder: app.responder(), configuration: .init(address: .hostname("127.0.0.1", port: 0)), logger: app.logger)
    }

    /// Runs `body` with a router-level test client.
    static func withClient<T: Sendable>(_ setup: TestingSetup = .router, _ body: @Sendable (any TestClientProtocol) async throws -> T) async throws -> T {
        try await application().test(setup, body)
    }

    static var exampleBOM: Data {
        get throws { try Data(contentsOf: URL(fileURLWithPath: DataCatalog.sourceCheckoutDataFolder + "/policy/examples/bom-example.json")) }
    }
}

extension TestResponse {
    var text: String { String(buffer: body) }
    var json: Any? { try? JSONSerialization.jsonObject(with: Data(buffer: body)) }
    var object: [String: Any] { (json as? [String: Any]) ?? [:] }
    var apiError: APIError.Body? { try? JSONDecoder().decode(APIError.Body.self, from: Data(buffer: body)) }
}

extension Data {
    init(buffer: ByteBuffer) { self.init(buffer.readableBytesView) }
}
