import DecoupleAnalyses
import DecoupleRendering
import Foundation
import Hummingbird

/// An error answered with a JSON body `{"error": {"status", "message", "parameter"?, "problems"?}}`
/// (an HTML page instead when a browser asks for HTML). Every bad request becomes one of these:
/// the server never answers a client's mistake with a 5xx.
public struct APIError: Error, HTTPResponseError, Sendable, CustomStringConvertible {
    public var status: HTTPResponse.Status
    public var message: String
    /// The query parameter at fault, when one is.
    public var parameter: String?
    /// Every problem found (a bill of materials with several mistakes).
    public var problems: [String]
    /// Extra headers (`Allow` for 405).
    public var extraHeaders: HTTPFields

    public init(_ status: HTTPResponse.Status, _ message: String, parameter: String? = nil, problems: [String] = [],
                headers: HTTPFields = [:]) {
        self.status = status
        self.message = message
        self.parameter = parameter
        self.problems = problems
        self.extraHeaders = headers
    }

    public static func badRequest(_ message: String, parameter: String? = nil, problems: [String] = []) -> APIError {
        APIError(.badRequest, message, parameter: parameter, problems: problems)
    }

    public var description: String { "\(status.code) \(message)" }

    /// The JSON body.
    public struct Body: Codable, Sendable, Equatable {
        public struct Detail: Codable, Sendable, Equatable {
            public var status: Int
            public var message: String
            public var parameter: String?
            public var problems: [String]?
        }
        public var error: Detail
    }

    public var body: Body {
        Body(error: .init(status: status.code, message: message, parameter: parameter, problems: problems.isEmpty ? nil : problems))
    }

    public func response(from request: Request, context: some RequestContext) throws -> Response {
        response(for: request)
    }

    /// The error response for `request`: JSON, or an HTML page for a browser.
    public func response(for request: Request) -> Response {
        var headers = extraHeaders
        if Self.wantsHTML(request) {
            headers[.contentType] = "text/html; charset=utf-8"
            let html = PageLayout.errorPage(self, path: request.uri.path)
            return Response(status: status, headers: headers, body: .init(byteBuffer: ByteBuffer(string: html)))
        }
        headers[.contentType] = "application/json; charset=utf-8"
        return Response(status: status, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: jsonBytes())))
    }

    /// The body as JSON bytes (sorted keys, like the API's documents).
    func jsonBytes() -> Data {
        (try? DecoupleJSON.data(body)) ?? Data(#"{"error":{"message":"error","status":400}}"#.utf8)
    }

    /// True for a browser asking for a page (not under /api, Accept lists text/html).
    static func wantsHTML(_ request: Request) -> Bool {
        guard !request.uri.path.hasPrefix("/api/"), request.uri.path != "/healthz" else { return false }
        return (request.headers[.accept] ?? "").contains("text/html")
    }
}

