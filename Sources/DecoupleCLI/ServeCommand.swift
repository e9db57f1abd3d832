import ArgumentParser
import DecoupleAnalyses
import DecoupleRendering
import DecoupleServer
import Foundation
import Logging

/// `decouple serve`: the dashboard and JSON API on a local port.
struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Serve the dashboard and the JSON API (/api/v1/…) on a local port.",
        discussion: "Pages: \(DecoupleApp.pageList). " + """
        The API (/api/v1 lists every endpoint with an example; /healthz) mirrors the \
        commands (same parameters, same JSON as --format json); see docs/openapi.yaml. Binds 127.0.0.1 unless --host \
        says otherwise; stops gracefully on SIGINT/SIGTERM. Slow clients are closed: a request head must \
        arrive within --header-timeout, its body within --body-timeout, and an idle connection closes \
        after --idle-timeout. Access logs go to standard error, or with \
        --log-file to a file kept under --log-max-mb (the older part in FILE.1).
        """)

    @Option(help: "Port to listen on.") var port: Int = 8080
    @Option(help: "Address to bind (127.0.0.1 by default; 0.0.0.0 exposes the server to the network).") var host: String = "127.0.0.1"
    @Option(help: "The bundled data folder (default: $DECOUPLE_DATA, else Data/ of the source checkout).") var dataDir: String?
    @Option(help: "Largest request body accepted, in bytes.") var maxBody: Int = 1 << 20
    @Option(help: "Access-log format: text or json.") var logFormat: LogFormat = .text
    @Option(help: "Write the log to this file instead of standard error; past --log-max-mb it is moved to FILE.1 and begun again.") var logFile: String?
    @Option(help: "Largest size of the log file in megabytes (FILE and FILE.1 together take at most twice this).") var logMaxMb: Int = 10
    @Flag(help: "Do not compute the default analyses in the background after start.") var noWarmUp = false
    @Option(help: "Another host name the server answers to (repeatable); requests naming any other Host are refused (DNS rebinding).") var allowHost: [String] = []
    @Option(help: "Seconds a connection may stay idle before it is closed (slow clients).") var idleTimeout: Int64 = 30
    @Option(help: "Seconds a client has to send a complete request head, from connecting or from the first byte of a next request (408, then closed).") var headerTimeout: Int64 = 10
    @Option(help: "Seconds a client has to send a request body, from the end of its head (408, then closed).") var bodyTimeout: Int64 = 30
    @Option(help: "A fetch cache whose Census data (`decouple data fetch census`) extend the overview and report (default: the default cache when it holds a Census fetch).") var censusCache: String?
    @Flag(help: "Use only the bundled trade data, even when a fetch cache exists.") var bundledOnly = false

    enum LogFormat: String, ExpressibleByArgument { case text, json }

    func validate() throws {
        guard (0...65535).contains(port) else { throw ValidationError("--port must be between 0 and 65535") }
        guard (1024...(64 << 20)).contains(maxBody) else { throw ValidationError("--max-body must be between 1024 and 67108864") }
        guard (1...1024).contains(logMaxMb) else { throw ValidationError("--log-max-mb must be between 1 and 1024") }
        guard (1...3600).contains(headerTimeout) else { throw ValidationError("--header-timeout must be between 1 and 3600 seconds") }
        guard (1...3600).contains(bodyTimeout) else { throw ValidationError("--body-timeout must be between 1 and 3600 seconds") }
    }

    func run() async throws {
        let catalog: DataCatalog
        do { catalog = try DataCatalog.locate(explicit: dataDir) } catch let e as DataReadError {
            printError("error:\n\(e)")
            throw ExitCode.failure
        }
        let format = logFormat
        let destination: LogDestination?
        do { destination = try logFile.map { try LogDestination(file: $0, maxBytes: logMaxMb << 20) } } catch {
            printError("error: \(error)")
            throw ExitCode.failure
        }
        LoggingSystem.bootstrap { label in
            switch (format, destination) {
            case (.json, _): return JSONLogHandler(label: label, destination: destination ?? .standardError)
            case (.text, let file?): return TextLogHandler(label: label, destination: file)
            case (.text, nil): return StreamLogHandler.standardError(label: label)
            }
        }
        guard (1...3600).contains(idleTimeout) else { throw ValidationError("--idle-timeout must be between 1 and 3600 seconds") }
        var configuration = ServerConfiguration(host: host, port: port, dataRoot: catalog.root, maxBodyBytes: maxBody,
                                                warmUp: !noWarmUp, allowHosts: allowHost, idleTimeoutSeconds: idleTimeout,
                                                headerTimeoutSeconds: headerTimeout, bodyTimeoutSeconds: bodyTimeout)
        configuration.fetchCache = bundledOnly ? nil : CensusCacheLocation.census(explicit: censusCache)
        let app = DecoupleApp(configuration: configuration)
        try await app.application().runService()
    }
}
