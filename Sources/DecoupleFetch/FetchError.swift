import DecoupleCore

/// Why a fetch stopped. Each message names the host or URL and says what the user can do.
public enum FetchError: Error, Sendable, CustomStringConvertible {
    /// No connection could be made within the offline budget (DNS failure, refused, timed out).
    case unreachable(host: String, detail: String)
    /// 401 or 403: the key is missing, wrong or not allowed this data.
    case unauthorized(url: String, status: Int, keyVariable: String?, body: String)
    /// A key the source requires is not set.
    case missingKey(source: String, variable: String)
    /// 404 or 204: the period or file is not published (yet).
    case notPublished(url: String, status: Int)
    /// Another HTTP status that retries did not cure.
    case http(url: String, status: Int, body: String)
    /// The server kept failing (429 / 5xx / cut connections) through every attempt.
    case gaveUp(url: String, attempts: Int, last: String)
    /// The response is not what the source's format says: the first fault with its position.
    case malformed(DataReadError)
    /// A downloaded file's SHA-256 differs from the expected one.
    case checksumMismatch(url: String, expected: String, found: String)
    /// `--offline` and the cache lacks what was asked for.
    case notInCache(String)
    /// A request the options cannot make (unknown code, empty range …).
    case invalidRequest(String)

    public var description: String {
        switch self {
        case .unreachable(let host, let detail):
            return "cannot reach \(host) (\(detail)). Check the network connection, or run with --offline to use only the cache."
        case .unauthorized(let url, let status, let key, let body):
            let hint = key.map { " Set \($0) to a valid key (the source's error: \(body.isEmpty ? "none" : body))." } ?? " (the source's error: \(body.isEmpty ? "none" : body))"
            return "HTTP \(status) from \(url): the request was refused.\(hint)"
        case .missingKey(let source, let variable):
            return "\(source) needs an API key: set \(variable) (see docs/data-fetch.md for how to get one)."
        case .notPublished(let url, let status):
            return "HTTP \(status) from \(url): no data for this period (not published yet, or no such file)."
        case .http(let url, let status, let body):
            return "HTTP \(status) from \(url)\(body.isEmpty ? "" : ": \(body)")"
        case .gaveUp(let url, let attempts, let last):
            return "gave up on \(url) after \(attempts) attempts (last: \(last))."
        case .malformed(let e):
            return "malformed response: \(e.description)"
        case .checksumMismatch(let url, let expected, let found):
            return "SHA-256 of \(url) is \(found), expected \(expected): the download is not kept."
        case .notInCache(let what):
            return "--offline: not in the cache: \(what); run the same command without --offline to fetch what is missing."
        case .invalidRequest(let message):
            return message
        }
    }
}
