import DecoupleAnalyses
import DecoupleRendering
import Foundation
import Hummingbird
import Logging

/// Wraps the router: one structured access-log line per request, a request-size check before
/// routing, 405 for known paths asked with the wrong method, and a JSON error body for every
/// error the router answers without one. An unexpected error is logged and answered 500 with
/// a JSON body (the server stays up). HEAD is answered as GET without the body; every response
/// carries the security headers (``ServerSecurity/headers``); a request whose Host is not one the
/// server answers to (``allowedHosts``) is refused before routing (DNS rebinding against a
/// dashboard on loopback).
public struct DecoupleResponder<Inner: HTTPResponder>: HTTPResponder where Inner.Context == BasicRequestContext {
    public typealias Context = BasicRequestContext
    let inner: Inner
    let logger: Logger
    let maxBodyBytes: Int
    let knownRoutes: [String: [HTTPRequest.Method]]
    /// Host names (without port) the server answers to; nil: any.
    var allowedHosts: Set<String>? = nil

    public static var maxPathLength: Int { 2048 }

    public func respond(to request: Request, context: Context) async throws -> Response {
        let start = ContinuousClock.now
        var response: Response
        do {
            if let allowed = allowedHosts, let authority = request.head.authority, !allowed.contains(ServerSecurity.hostName(authority)) {
                throw APIError(.misdirectedRequest, "this server does not answer to the host '\(String(authority.prefix(100)))'; start it with --allow-host to add a name")
            }
            if request.method == .head {
                var head = request.head
                head.method = .get
                let get = try await route(Request(head: head, body: request.body), context: context)
                // Same status and headers (Content-Length included), no body.
                response = Response(status: get.status, headers: get.headers, body: ResponseBody())
            } else {
                response = try await route(request, context: context)
            }
        } catch let e as any HTTPResponseError {
            response = (try? e.response(from: request, context: context)).map { normalised($0, request: request) }
                ?? APIError(.internalServerError, "internal error").response(for: request)
        } catch {
            logger.error("unexpected error", metadata: ["path": "\(request.uri.path)", "error": "\(error)"])
            response = APIError(.internalServerError, "internal error").response(for: request)
        }
        let elapsed = (ContinuousClock.now - start).fractionalMilliseconds
        logger.info("request", metadata: [
            "method": "\(request.method.rawValue)",
            "path": "\(String(request.uri.path.prefix(200)))",
            "query": "\(String((request.uri.query ?? "").prefix(200)))",
            "status": "\(response.status.code)",
            "duration_ms": "\(String(format: "%.2f", elapsed))",
            "bytes": "\(response.body.contentLength.map(String.init) ?? "-")",
            "request_id": "\(context.id)",
        ])
        for field in ServerSecurity.headers { response.headers[field.name] = field.value }
        return response
    }

    private func route(_ request: Request, context: Context) async throws -> Response {
        let path = request.uri.path
        guard path.utf8.count <= Self.maxPathLength else { throw APIError(.uriTooLong, "the path is longer than \(Self.maxPathLength) bytes") }
        if let length = request.headers[.contentLength].flatMap(Int.init), length > maxBodyBytes {
            throw APIError(.contentTooLarge, "the request body is larger than \(maxBodyBytes) bytes")
        }
        let normalisedPath = path.count > 1 && path.hasSuffix("/") ? String(path.dropLast()) : path
        if let methods = knownRoutes[normalisedPath], !methods.contains(request.method), !(request.method == .head && methods.contains(.get)) {
            throw APIError(.methodNotAllowed, "\(request.method.rawValue) is not allowed on \(normalisedPath); use \(methods.map(\.rawValue).joined(separator: " or "))",
                           headers: [.allow: methods.map(\.rawValue).joined(separator: ", ")])
        }
        return normalised(try await inner.respond(to: request, context: context), request: request)
    }

    /// An error response without a body gets the JSON (or HTML) error body.
    private func normalised(_ response: Response, request: Request) -> Response {
        guard response.status.code >= 400, response.headers[.contentType] == nil else { return response }
        let message: String
        switch response.status {
        case .notFound: message = "no such page or endpoint: \(String(request.uri.path.prefix(100))) (see /api for the API)"
        default: message = response.status.reasonPhrase
        }
        var error = APIError(response.status, message)
        // Keep headers such as Allow; the new body has its own length and type.
        error.extraHeaders = response.headers
        error.extraHeaders[.contentLength] = nil
        error.extraHeaders[.contentType] = nil
        error.extraHeaders[.transferEncoding] = nil
        return error.response(for: request)
    }
}
