import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A request the fixture server received.
struct FixtureRequest: Sendable {
    let method: String
    /// Path and query, as sent.
    let target: String
    /// Header names lowercased.
    let headers: [String: String]

    var path: String { String(target.split(separator: "?", maxSplits: 1).first ?? "") }
    /// Query items (repeated names kept in order).
    var query: [(String, String)] {
        guard let q = target.split(separator: "?", maxSplits: 1).dropFirst().first else { return [] }
        return q.split(separator: "&").map { item in
            let kv = item.split(separator: "=", maxSplits: 1).map { String($0).removingPercentEncoding ?? String($0) }
            return (kv[0], kv.count > 1 ? kv[1] : "")
        }
    }
    func value(_ name: String) -> String? { query.first { $0.0 == name }?.1 }
}

/// What the fixture server sends back. `cutAfter` sends that many body bytes of a response
/// that announced the whole body, then closes the connection (a transfer cut mid-body).
struct FixtureReply: Sendable {
    var status: Int
    var headers: [(String, String)] = []
    var body: Data = Data()
    var cutAfter: Int? = nil

    static func json(_ text: String) -> FixtureReply {
        FixtureReply(status: 200, headers: [("Content-Type", "application/json")], body: Data(text.utf8))
    }

    /// A file with an ETag, answering `Range` + `If-Range` with 206 and `If-None-Match` with 304.
    static func file(_ data: Data, etag: String, request: FixtureRequest, cutAfter: Int? = nil) -> FixtureReply {
        if request.headers["if-none-match"] == etag { return FixtureReply(status: 304, headers: [("ETag", etag)]) }
        if let range = request.headers["range"], range.hasPrefix("bytes="), request.headers["if-range"] == etag,
           let start = Int(range.dropFirst(6).split(separator: "-").first ?? ""), start < data.count {
            return FixtureReply(status: 206, headers: [("ETag", etag), ("Content-Range", "bytes \(start)-\(data.count - 1)/\(data.count)")],
                                body: data.subdata(in: start..<data.count), cutAfter: cutAfter)
        }
        return FixtureReply(status: 200, headers: [("ETag", etag), ("Content-Type", "application/zip")], body: data, cutAfter: cutAfter)
    }
}

/// A loopback HTTP/1.1 server for the fetch tests: one connection at a time, `Connection:
/// close`, each request answered by `handler`. It serves the APIs' exact formats and their
/// faults (429 with Retry-After, 5xx, cut bodies, truncated zips) without a network.
final class FixtureServer: @unchecked Sendable {
    private let fd: Int32
    let port: Int
    private let lock = NSLock()
    private var _requests: [FixtureRequest] = []
    private var stopped = false
    private let handler: @Sendable (FixtureRequest, Int) -> FixtureReply

    var requests: [FixtureRequest] { lock.lock(); defer { lock.unlock() }; return _requests }
    var baseURL: String { "http://127.0.0.1:\(port)" }

    /// `handler` gets the request and how many requests came before it.
    init(handler: @escaping @Sendable (FixtureRequest, Int) -> FixtureReply) throws {
        self.handler = handler
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        self.fd = fd
        var yes: Int32 = 1
        setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &yes, socklen_t(MemoryLayout<Int32>.size))
        var addr = sockaddr_in()
        addr.sin_family = sa_family_t(AF_INET)
        addr.sin_port = 0
        addr.sin_addr.s_addr = inet_addr("127.0.0.1")
        var len = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafePointer(to: &addr) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, len) } }
        guard bound == 0, listen(fd, 16) == 0 else { throw NSError(domain: "FixtureServer", code: Int(errno)) }
        withUnsafeMutablePointer(to: &addr) { p in _ = p.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &len) } }
        port = Int(UInt16(bigEndian: addr.sin_port))
        let thread = Thread { [self] in self.serve() }
        thread.start()
    }

    func stop() {
        lock.lock(); stopped = true; lock.unlock()
        shutdown(fd, Int32(SHUT_RDWR))
        close(fd)
    }

    private func serve() {
        while true {
            let c = accept(fd, nil, nil)
            if c < 0 {
                lock.lock(); let s = stopped; lock.unlock()
                if s { return }
                continue
            }
            handle(c)
            close(c)
        }
    }

    private func handle(_ c: Int32) {
        var buffer = [UInt8]()
        var chunk = [UInt8](repeating: 0, count: 4096)
        while !buffer.containsHeaderEnd {
            let n = recv(c, &chunk, chunk.count, 0)
            if n <= 0 { return }
            buffer += chunk[0..<n]
        }
        let text = String(decoding: buffer, as: UTF8.self)
        let lines = text.components(separatedBy: "\r\n")
        let first = lines[0].split(separator: " ")
        guard first.count >= 2 else { return }
        var headers: [String: String] = [:]
        for line in lines.dropFirst() {
            guard let colon = line.firstIndex(of: ":") else { continue }
            headers[line[..<colon].lowercased()] = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
        }
        let request = FixtureRequest(method: String(first[0]), target: String(first[1]), headers: headers)
        lock.lock()
        let index = _requests.count
        _requests.append(request)
        lock.unlock()
        let reply = handler(request, index)
        let reason = [200: "OK", 204: "No Content", 206: "Partial Content", 304: "Not Modified", 401: "Unauthorized",
                      404: "Not Found", 429: "Too Many Requests", 500: "Internal Server Error", 503: "Service Unavailable"][reply.status] ?? "Status"
        var head = "HTTP/1.1 \(reply.status) \(reason)\r\nConnection: close\r\n"
        for (k, v) in reply.headers { head += "\(k): \(v)\r\n" }
        if reply.status != 204 && reply.status != 304 { head += "Content-Length: \(reply.body.count)\r\n" }
        head += "\r\n"
        var out = Data(head.utf8)
        out.append(reply.body.prefix(reply.cutAfter ?? reply.body.count))
        out.withUnsafeBytes { p in
            var sent = 0
            while sent < p.count {
                let n = send(c, p.baseAddress! + sent, p.count - sent, Int32(MSG_NOSIGNAL))
                if n <= 0 { break }
                sent += n
            }
        }
    }
}

extension Array where Element == UInt8 {
    var containsHeaderEnd: Bool {
        guard count >= 4 else { return false }
        for i in 0...(count - 4) where self[i] == 13 && self[i + 1] == 10 && self[i + 2] == 13 && self[i + 3] == 10 { return true }
        return false
    }
}
