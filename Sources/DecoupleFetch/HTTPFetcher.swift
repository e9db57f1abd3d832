import AsyncHTTPClient
import DecoupleCore
import Foundation
import NIOCore
import Synchronization

/// A response read whole into memory (API answers).
public struct FetchedResponse: Sendable {
    public let url: String
    public let status: Int
    /// Header names lowercased; a repeated header keeps its last value.
    public let headers: [String: String]
    public let body: Data
}

/// How far a transfer has come, for a progress line (bytes, rate, ETA).
public struct TransferProgress: Sendable {
    public let what: String
    public let received: Int64
    /// The whole size when the server said it.
    public let total: Int64?
    /// Seconds since this transfer (or its resumption) started, and the bytes resumed from.
    public let elapsed: Double
    public let resumedFrom: Int64
}

/// Something the fetcher did that a user (or a test) may want to see: a retry and its reason,
/// a resumed transfer.
public enum FetchEvent: Sendable, Equatable {
    case retry(url: String, attempt: Int, reason: String, wait: Double)
    case resumed(url: String, from: Int64)
    case notModified(url: String)
}

/// Outcome of a download to a partial file.
public enum DownloadOutcome: Sendable, Equatable {
    /// The file at `partPath` is complete.
    case complete(bytes: Int64, etag: String?, lastModified: String?)
    /// The server's copy is the one already cached (304).
    case notModified
}

/// HTTP GETs with the faults of real servers handled: timeouts, retries with backoff and jitter
/// on 429/5xx and cut connections (honouring `Retry-After`), resumption of a partial download
/// with `Range`, conditional requests, and a quick "unreachable" verdict when no connection can
/// be made at all. One per fetch run; call ``shutdown()`` when done.
public final class HTTPFetcher: Sendable {
    public let policy: RetryPolicy
    let client: HTTPClient
    let onEvent: @Sendable (FetchEvent) -> Void
    let sleep: @Sendable (Double) async throws -> Void
    /// The `User-Agent` sent with every request.
    public static let userAgent = "decouple-data-fetch/1 (research use)"

    public init(policy: RetryPolicy = RetryPolicy(), onEvent: @escaping @Sendable (FetchEvent) -> Void = { _ in },
                sleep: @escaping @Sendable (Double) async throws -> Void = { try await Task.sleep(nanoseconds: UInt64($0 * 1e9)) }) {
        self.policy = policy
        self.onEvent = onEvent
        self.sleep = sleep
        var configuration = HTTPClient.Configuration()
        configuration.timeout = .init(connect: .milliseconds(Int64(policy.connectTimeout * 1000)),
                                      read: .milliseconds(Int64(policy.readTimeout * 1000)))
        configuration.redirectConfiguration = .follow(max: 5, allowCycles: false)
        configuration.decompression = .disabled
        self.client = HTTPClient(eventLoopGroupProvider: .singleton, configuration: configuration)
    }

    private let isShutDown = Mutex(false)

    public func shutdown() async {
        guard isShutDown.withLock({ let was = $0; $0 = true; return !was }) else { return }
        try? await client.shutdown()
    }

    deinit {
        // A fetcher dropped without shutdown() (an error path) still releases its client.
        if isShutDown.withLock({ let was = $0; $0 = true; return !was }) { client.shutdown { _ in } }
    }

    static func host(of url: String) -> String { URL(string: url)?.host ?? url }

    /// Runs `attempt` until it succeeds, retrying transient failures.
    private func withRetries<T>(_ url: String, _ attempt: (Int) async throws -> T) async throws -> T {
        let started = Date()
        var contacted = false
        var n = 0
        while true {
            n += 1
            do {
                return try await attempt(n)
            } catch let t as Transient {
                if t.responded { contacted = true }
                let elapsed = Date().timeIntervalSince(started)
                if !contacted {
                    // Nothing has answered yet: try again only within the offline budget.
                    let wait = min(0.5 * Double(n), max(0, policy.offlineBudget - elapsed - policy.connectTimeout))
                    guard n < policy.maxAttempts, elapsed + wait + policy.connectTimeout <= policy.offlineBudget else {
                        throw FetchError.unreachable(host: Self.host(of: url), detail: t.reason)
                    }
                    onEvent(.retry(url: url, attempt: n, reason: t.reason, wait: wait))
                    try await sleep(wait)
                    continue
                }
                guard n < policy.maxAttempts else { throw FetchError.gaveUp(url: url, attempts: n, last: t.reason) }
                if let ra = t.retryAfter, ra > policy.maxDelay {
                    // Formatted, never converted to Int: a Retry-After of 1e300 trapped in Int(Double) (#22).
                    let asked = ra < 1e9 ? String(format: "%.0f", ra) : String(format: "%.3g", ra)
                    throw FetchError.gaveUp(url: url, attempts: n, last: "\(t.reason); the server asks to wait \(asked) s, longer than \(String(format: "%.0f", policy.maxDelay)) s")
                }
                let wait = policy.delay(afterAttempt: n, retryAfter: t.retryAfter)
                onEvent(.retry(url: url, attempt: n, reason: t.reason, wait: wait))
                try await sleep(wait)
            }
        }
    }

    /// A failure worth another attempt.
    struct Transient: Error {
        let reason: String
        let retryAfter: Double?
        /// The server answered (so it is reachable).
        let responded: Bool
    }

    private func send(_ url: String, headers: [(String, String)], deadline: Double) async throws -> HTTPClientResponse {
        var request = HTTPClientRequest(url: url)
        request.headers.add(name: "User-Agent", value: Self.userAgent)
        for (k, v) in headers { request.headers.add(name: k, value: v) }
        do {
            return try await client.execute(request, timeout: .milliseconds(Int64(deadline * 1000)))
        } catch let e as HTTPClientError where ["invalidURL", "emptyHost", "emptyScheme", "unsupportedScheme"].contains(where: { "\(e)".contains($0) }) {
            throw FetchError.invalidRequest("not a URL the fetcher can use: \(url) (\(e))")
        } catch {
            throw Transient(reason: Self.describe(error), retryAfter: nil, responded: false)
        }
    }

    static func describe(_ error: Error) -> String {
        let text = "\(error)"
        if text.contains("connectTimeout") { return "connection timed out" }
        if text.contains("connectionRefused") || text.contains("Connection refused") { return "connection refused" }
        if text.contains("dns") || text.contains("DNS") || text.contains("resolve") { return "host name not resolved" }
        if text.contains("readTimeout") { return "no data within the read timeout" }
        if text.contains("remoteConnectionClosed") { return "the connection was closed by the server" }
        return text.count > 200 ? String(text.prefix(200)) + "…" : text
    }

    static func headerMap(_ response: HTTPClientResponse) -> [String: String] {
        var out: [String: String] = [:]
        for (name, value) in response.headers { out[name.lowercased()] = value }
        return out
    }

    /// Classifies a status: returns normally for 2xx/304, throws a retryable ``Transient`` for
    /// 429/5xx and a ``FetchError`` for the rest.
    private func check(_ url: String, _ status: Int, _ headers: [String: String], body: () async -> String, keyVariable: String?) async throws {
        switch status {
        case 200..<300 where status != 204, 304: return
        case 429, 500..<600:
            throw Transient(reason: "HTTP \(status)", retryAfter: RetryPolicy.retryAfterSeconds(headers["retry-after"]), responded: true)
        case 401, 403:
            throw FetchError.unauthorized(url: Self.redacted(url), status: status, keyVariable: keyVariable, body: await body())
        case 204, 404:
            throw FetchError.notPublished(url: Self.redacted(url), status: status)
        default:
            throw FetchError.http(url: Self.redacted(url), status: status, body: await body())
        }
    }

    /// The URL without a `key=` value (never printed or stored).
    public static func redacted(_ url: String) -> String {
        guard var c = URLComponents(string: url), let items = c.queryItems, items.contains(where: { $0.name == "key" || $0.name == "subscription-key" }) else { return url }
        c.queryItems = items.map { $0.name == "key" || $0.name == "subscription-key" ? URLQueryItem(name: $0.name, value: "REDACTED") : $0 }
        return c.string ?? url
    }

    private static func snippet(_ response: HTTPClientResponse) async -> String {
        var out = Data()
        do {
            for try await chunk in response.body {
                out.append(contentsOf: chunk.readableBytesView.prefix(max(0, 400 - out.count)))
                if out.count >= 400 { break }
            }
        } catch {}
        return String(decoding: out, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// GETs `url` into memory (at most `limit` bytes), retrying transient failures.
    /// - Parameter keyVariable: the environment variable holding the key, named in a 401/403 error.
    public func get(_ url: String, headers: [(String, String)] = [], limit: Int = 1 << 30, deadline: Double = 300,
                    keyVariable: String? = nil) async throws -> FetchedResponse {
        try await withRetries(url) { _ in
            let response = try await send(url, headers: headers, deadline: deadline)
            let status = Int(response.status.code)
            let map = Self.headerMap(response)
            try await check(url, status, map, body: { await Self.snippet(response) }, keyVariable: keyVariable)
            var body = Data()
            if let declared = map["content-length"].flatMap(Int.init) { body.reserveCapacity(min(declared, limit)) }
            do {
                for try await chunk in response.body {
                    body.append(contentsOf: chunk.readableBytesView)
                    if body.count > limit { throw FetchError.http(url: Self.redacted(url), status: status, body: "response larger than \(limit) bytes") }
                }
            } catch let e as FetchError { throw e } catch {
                throw Transient(reason: "the connection was cut after \(body.count) bytes (\(Self.describe(error)))", retryAfter: nil, responded: true)
            }
            if let declared = map["content-length"].flatMap(Int.init), declared != body.count {
                throw Transient(reason: "the body ended after \(body.count) of \(declared) bytes", retryAfter: nil, responded: true)
            }
            return FetchedResponse(url: url, status: status, headers: map, body: body)
        }
    }

    /// Downloads `url` to `partPath`, resuming what is already there (a `Range` request
    /// validated by `If-Range` with the ETag or Last-Modified seen before), and resuming again
    /// whenever the connection is cut. `conditional` (the cached copy's validators) makes the
    /// request conditional: a 304 leaves everything as it is.
    public func download(_ url: String, to partPath: String, what: String,
                         validators: (etag: String?, lastModified: String?) = (nil, nil),
                         conditional: (etag: String?, lastModified: String?)? = nil,
                         headers: [(String, String)] = [],
                         onValidators: (@Sendable (_ etag: String?, _ lastModified: String?) -> Void)? = nil,
                         progress: (@Sendable (TransferProgress) -> Void)? = nil) async throws -> DownloadOutcome {
        var seen = validators
        return try await withRetries(url) { _ in
            let fm = FileManager.default
            var have: Int64 = (try? fm.attributesOfItem(atPath: partPath)[.size] as? Int64) ?? 0
            var h = headers
            if have > 0, let v = seen.etag ?? seen.lastModified {
                h.append(("Range", "bytes=\(have)-"))
                h.append(("If-Range", v))
            } else {
                have = 0
            }
            if let c = conditional {
                if let e = c.etag { h.append(("If-None-Match", e)) }
                if let m = c.lastModified { h.append(("If-Modified-Since", m)) }
            }
            let response = try await send(url, headers: h, deadline: 7 * 86_400)
            let status = Int(response.status.code)
            let map = Self.headerMap(response)
            try await check(url, status, map, body: { await Self.snippet(response) }, keyVariable: nil)
            if status == 304 { onEvent(.notModified(url: url)); return .notModified }
            if status == 206 {
                guard let range = map["content-range"], range.hasPrefix("bytes \(have)-") else {
                    throw FetchError.http(url: url, status: 206, body: "Content-Range '\(map["content-range"] ?? "")' does not start at byte \(have)")
                }
                onEvent(.resumed(url: url, from: have))
            } else {
                have = 0
            }
            seen = (map["etag"], map["last-modified"])
            // Told before the body arrives, so that a run killed mid-transfer can be resumed by the next.
            onValidators?(seen.etag, seen.lastModified)
            let total: Int64? = {
                if status == 206, let r = map["content-range"], let t = r.split(separator: "/").last.flatMap({ Int64($0) }) { return t }
                return map["content-length"].flatMap(Int64.init).map { $0 + have }
            }()
            if !fm.fileExists(atPath: partPath) || have == 0 { fm.createFile(atPath: partPath, contents: nil) }
            guard let handle = FileHandle(forWritingAtPath: partPath) else {
                throw FetchError.invalidRequest("cannot write \(partPath)")
            }
            defer { try? handle.close() }
            if have == 0 { try handle.truncate(atOffset: 0) } else { try handle.seek(toOffset: UInt64(have)) }
            var received = have
            let started = Date()
            var lastReport = Date.distantPast
            do {
                for try await chunk in response.body {
                    try handle.write(contentsOf: Data(chunk.readableBytesView))
                    received += Int64(chunk.readableBytes)
                    if let progress, Date().timeIntervalSince(lastReport) > 0.2 {
                        lastReport = Date()
                        progress(TransferProgress(what: what, received: received, total: total, elapsed: Date().timeIntervalSince(started), resumedFrom: have))
                    }
                }
            } catch {
                try? handle.synchronize()
                throw Transient(reason: "the connection was cut after \(received) bytes (\(Self.describe(error)))", retryAfter: nil, responded: true)
            }
            try handle.synchronize()
            if let total, received < total {
                throw Transient(reason: "the body ended after \(received) of \(total) bytes", retryAfter: nil, responded: true)
            }
            progress?(TransferProgress(what: what, received: received, total: total ?? received, elapsed: Date().timeIntervalSince(started), resumedFrom: have))
            return .complete(bytes: received, etag: seen.etag, lastModified: seen.lastModified)
        }
    }
}
