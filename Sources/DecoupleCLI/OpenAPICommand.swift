import ArgumentParser
import DecoupleAnalyses
import DecoupleRendering
import DecoupleServer
import Foundation

/// `decouple openapi`: the OpenAPI 3.1 description of the JSON API, as `decouple serve`
/// serves it at /api/v1/openapi.yaml (docs/openapi.yaml is this command's output).
struct OpenAPICommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "openapi",
        abstract: "Print the OpenAPI 3.1 description of the JSON API (docs/openapi.yaml).",
        discussion: """
        Generated from the server's code: the operations and the parameter schemas the server checks \
        every request against, and response schemas read off the documents the operations' examples \
        answer on the data folder (so it takes as long as those analyses, about a minute in a debug build). \
        Only the bundled data are used (no fetch cache), as `decouple serve --bundled-only`.
        """)

    @Option(help: "The bundled data folder (default: $DECOUPLE_DATA, else Data/ of the source checkout).") var dataDir: String?
    @Option(help: "yaml or json.") var format: Format = .yaml
    @Option(help: "Write to this file (replaced whole, never half-written) instead of standard output.") var output: String?

    enum Format: String, ExpressibleByArgument { case yaml, json }

    func run() async throws {
        let catalog: DataCatalog
        do { catalog = try DataCatalog.locate(explicit: dataDir) } catch let e as DataReadError {
            printError("error:\n\(e)")
            throw ExitCode.failure
        }
        let app = DecoupleApp(configuration: ServerConfiguration(dataRoot: catalog.root, warmUp: false))
        let text = try await app.openAPIText(json: format == .json)
        if let output {
            try AtomicFile.write(text, to: output)
        } else {
            print(text, terminator: "")
        }
    }
}
