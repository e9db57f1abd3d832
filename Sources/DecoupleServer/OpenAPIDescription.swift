import DecoupleAnalyses
import DecoupleRendering
import Foundation
import Hummingbird

/// The OpenAPI 3.1 description of the JSON API, made from the code that answers it: operations
/// and parameters from ``DecoupleApp/apiOperations`` (the schemas the server checks requests
/// against), response schemas read off the documents the operations' examples answer
/// (``JSONSchemaInference``), enumerations from the data folder. `decouple openapi` prints it,
/// `/api/v1/openapi.yaml` and `.json` serve it, and `docs/openapi.yaml` is it for the bundled
/// data (a test keeps the file current).
extension DecoupleApp {
    static let openAPIIntroduction = """
        `decouple serve` answers the CLI's commands over HTTP. Each operation takes the command's
        options as query parameters (the option names without the leading dashes: `--base-year`
        becomes `base-year`) and returns the same JSON document as the command's `--format json`
        (pretty-printed, keys sorted, followed by a newline), provenance included. This
        description is generated from the server's code and its data folder (`decouple openapi`).

        Every request is checked against this description before anything is computed: unknown
        or repeated parameters and values it forbids are answered `400` with an `Error` body
        naming the parameter. Values it allows are answered `200`, or `404` when the data hold
        nothing for them (an alpha-3 code the country table does not know, a mineral not in an
        edition, a dataset without that reporter, a reporter that is also the rival). A bill of
        materials that fits its schema but whose facts do not fit the rules (an unknown country,
        a day outside the rules, a fact the dates require missing) is answered `422` with every
        problem. Wrong methods get `405` (with `Allow`), bodies over the
        limit (1 MiB by default, `--max-body`) `413`, wrong content types `415`, over-long paths
        or queries `414`; a request whose head does not arrive within `--header-timeout` seconds
        (10) of connecting, or whose body does not arrive within `--body-timeout` seconds (30) of
        its head, `408`.

        Options that name files (`--data-dir`, `--taxonomy`, `--measures`, `--file`,
        `--alliances-file`, `--rules`, `--config`) are not accepted: the server reads only its
        data folder. It binds 127.0.0.1 by default. Results are computed on first use and cached.

        """

    /// The checked parameters of an example query (an example the schema forbids is a bug).
    func exampleQuery(_ query: String, _ op: APIOperation) async throws -> QueryParameters {
        let encoded = query.replacingOccurrences(of: " ", with: "%20")
        return try await validated(query: encoded.isEmpty ? nil : encoded, op)
    }

    /// The description, built anew (the server caches its YAML and JSON).
    func openAPIDocument() async throws -> OrderedJSON {
        let inference = JSONSchemaInference()
        for op in Self.apiOperations where op.method == .get {
            for example in op.examples {
                try inference.add(try await apiDocument(op.path, exampleQuery(example, op)), as: op.path)
            }
        }
        for bom in iraExamples {
            let (assessment, _, _) = try await assess(bom: Data(bom.utf8), date: nil)
            try inference.add(assessment, as: "/api/v1/ira/check")
        }
        try inference.add(Self.apiIndex, as: "/api/v1")
        try inference.add(Health(status: "ok", uptimeSeconds: 1), as: "/healthz")
        try inference.add(APIError.badRequest("m", parameter: "p", problems: ["x"]).body, as: "Error")
        try inference.add(APIError(.notFound, "m").body, as: "Error")

        var paths: [OrderedJSON.Member] = [
            .init("/healthz", ["get": Self.simpleOperation("getHealthz", "Liveness", schema: inference.schema(of: "/healthz"))]),
            .init("/api/v1", ["get": Self.simpleOperation("getIndex", "Every endpoint with its parameters and an example", schema: inference.schema(of: "/api/v1"))]),
            .init("/api/v1/openapi.yaml", ["get": Self.simpleOperation("getOpenapiYaml", "This description (YAML)", schema: ["type": "object"], contentType: "application/yaml")]),
            .init("/api/v1/openapi.json", ["get": Self.simpleOperation("getOpenapiJson", "This description (JSON)", schema: ["type": "object"])]),
        ]
        for op in Self.apiOperations {
            // The first example query gives each of its parameters an example value.
            let example = try await exampleQuery(op.examples.first ?? "", op)
            var parameters: [OrderedJSON] = []
            for p in op.parameters {
                parameters.append(.members([
                    ("name", .string(p.name)), ("in", "query"), ("required", p.required ? true : nil),
                    ("description", .string(p.description)), ("schema", try await parameterSchema(p.value)),
                    ("example", example.values[p.name].map { Self.typedExample($0, p.value) }),
                ]))
            }
            var responses: [OrderedJSON.Member] = [
                .init("200", ["description": "The document.", "content": ["application/json": ["schema": inference.schema(of: op.path)]]]),
                .init("400", ["$ref": "#/components/responses/BadRequest"]),
            ]
            if let notFound = op.notFound {
                responses.append(.init("404", ["description": .string("Nothing in the data for these values: \(notFound)."),
                                               "content": ["application/json": ["schema": ["$ref": "#/components/schemas/Error"]]]]))
            }
            if op.canBeUnprocessable {
                responses.append(.init("422", ["$ref": "#/components/responses/Unprocessable"]))
            }
            responses.append(.init("4XX", ["$ref": "#/components/responses/ClientError"]))
            var operation: [(String, OrderedJSON?)] = [
                ("operationId", .string(op.operationID)), ("summary", .string(op.summary)),
                ("parameters", parameters.isEmpty ? nil : .array(parameters)),
            ]
            if op.method == .post {
                operation.append(("requestBody", [
                    "required": true,
                    "description": "A bill of materials (schema ira-bom.schema.json beside this description; example: Data/policy/examples/bom-example.json).",
                    "content": ["application/json": .members([
                        ("schema", ["$ref": "ira-bom.schema.json"]),
                        ("example", try? JSONDecoder().decode(OrderedJSON.self, from: Data(exampleBOM.utf8))),
                    ])],
                ]))
            }
            operation.append(("responses", .object(responses)))
            paths.append(.init(op.path, .object([.init(op.method.rawValue.lowercased(), .members(operation))])))
        }

        var schemas: [OrderedJSON.Member] = [.init("Error", inference.schema(of: "Error"))]
        schemas += inference.componentSchemas().map { OrderedJSON.Member($0.name, $0.schema) }
        let error: OrderedJSON = ["application/json": ["schema": ["$ref": "#/components/schemas/Error"]]]
        return [
            "openapi": "3.1.0",
            "info": ["title": "Decouple JSON API", "version": "1", "description": .string(Self.openAPIIntroduction)],
            "servers": [["url": "http://127.0.0.1:8080", "description": "decouple serve (default host and port)"]],
            "paths": .object(paths),
            "components": [
                "responses": [
                    "BadRequest": ["description": "A parameter or body the description forbids; nothing was computed.", "content": error],
                    "Unprocessable": ["description": "A bill of materials that fits its schema but not the rules; every problem is listed.", "content": error],
                    "ClientError": ["description": "Another client error (405, 408, 413, 414, 415).", "content": error],
                ],
                "schemas": .object(schemas),
            ],
        ]
    }

    private static func simpleOperation(_ id: String, _ summary: String, schema: OrderedJSON, contentType: String = "application/json") -> OrderedJSON {
        [
            "operationId": .string(id), "summary": .string(summary),
            "responses": [
                "200": ["description": "The document.", "content": .object([.init(contentType, ["schema": schema])])],
                "4XX": ["$ref": "#/components/responses/ClientError"],
            ],
        ]
    }

    /// An example value as its schema types it (a number for an integer parameter).
    static func typedExample(_ text: String, _ value: APIValue) -> OrderedJSON {
        switch value {
        case .integer, .integerChoice: return Int(text).map { .int($0) } ?? .string(text)
        case .number: return Double(text).map { .number($0) } ?? .string(text)
        case .boolean: return .bool(text == "true")
        default: return .string(text)
        }
    }

    /// The JSON Schema of a parameter's value.
    func parameterSchema(_ value: APIValue) async throws -> OrderedJSON {
        switch value {
        case .integer(let range, let fallback):
            return .members([("type", "integer"), ("minimum", .int(range.lowerBound)), ("maximum", .int(range.upperBound)), ("default", fallback.map { .int($0) })])
        case .integerChoice(let values, let fallback):
            return .members([("type", "integer"), ("enum", .array(values.map { .int($0) })), ("default", fallback.map { .int($0) })])
        case .number(let range, let fallback):
            return .members([("type", "number"), ("minimum", .number(range.lowerBound)), ("maximum", .number(range.upperBound)), ("default", fallback.map { .number($0) })])
        case .boolean:
            return ["type": "boolean", "default": false]
        case .iso3(let fallback):
            return .members([("type", "string"), ("pattern", .string(value.pattern!)), ("default", fallback.map { .string($0) })])
        case .iso3List, .day, .policyDate, .hs6, .hsCodes:
            return ["type": "string", "pattern": .string(value.pattern!)]
        case .choice(let values, let fallback):
            return .members([("type", "string"), ("enum", .strings(values)), ("default", fallback.map { .string($0) })])
        case .vocabulary(let v, let fallback):
            return .members([("type", "string"), ("enum", .strings(try await vocabulary(v))), ("default", fallback.map { .string($0) })])
        }
    }

    /// Bills of materials whose assessments teach the schema of `/api/v1/ira/check` (the
    /// bundled example; it is also the request body's example in the description).
    var iraExamples: [String] { [exampleBOM] }
}

extension APIOperation {
    /// True when a request that fits the description can still be refused for what its body
    /// says (422: a bill of materials whose facts do not fit the rules).
    var canBeUnprocessable: Bool { method == .post }
}

extension DecoupleApp {
    /// The OpenAPI description as YAML (`docs/openapi.yaml` for the bundled data) or JSON.
    public func openAPIText(json: Bool = false) async throws -> String {
        let document = try await openAPIDocument()
        return json ? document.json() : document.yaml()
    }
}
