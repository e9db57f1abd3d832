@testable import DecoupleServer
import DecoupleAnalyses
import Foundation
#if canImport(Glibc)
import Glibc
#endif
import Hummingbird
import HummingbirdTesting
import Logging
import Testing

/// Issue #22: slow clients (slowloris) cannot hold a connection. A live server with one-second
/// header and body timeouts; raw sockets trickle a request one byte every 100 ms.
///
/// The clients run on threads of their own: the other suites can keep the two threads of the
/// cooperative pool busy for tens of seconds, which would make a client there measure its own
/// wait rather than the server's deadline (the deadlines themselves run on the event loops).
@Suite struct SlowClientTests {
    /// The margin allowed past a timeout before the server must have closed.
    static let margin: Duration = .seconds(3)

    /// Runs `body` against `DecoupleApp.application()` (the real HTTP/1 channel and its
    /// handlers) on an ephemeral port, with 1 s header and body timeouts and a 30 s idle timeout.
    /// (The test client's own connection, opened at start and quiet for longer than the header
    /// timeout, gets closed: requests go through ``RawConnection``.)
    static func withLiveServer(_ body: @Sendable (_ port: Int) async throws -> Void) async throws {
        var logger = Logger(label: "decouple.test")
        logger.logLevel = .warning
        let configuration = ServerConfiguration(port: 0, dataRoot: DataCatalog.sourceCheckoutDataFolder, maxBodyBytes: 256 * 1024,
                                                warmUp: false, idleTimeoutSeconds: 30, headerTimeoutSeconds: 1, bodyTimeoutSeconds: 1)
        try await DecoupleApp(configuration: configuration, logger: logger).application().test(.live) { client in
            try await body(try #require(client.port))
        }
    }

    @Test func aClientTricklingTheHeadIsAnswered408AndClosed() async throws {
        try await Self.withLiveServer { port in
            let head = "GET /healthz HTTP/1.1\r\nHost: localhost\r\nX-Slow: " + String(repeating: "a", count: 500)
            let (closed, received) = try await RawConnection.trickle(port: port, head)
            let after = try #require(closed, "a client trickling its head was still connected after 30 s")
            #expect(after >= .milliseconds(900) && after <= .seconds(1) + Self.margin, "closed after \(after)")
            #expect(received.hasPrefix("HTTP/1.1 408"), "\(received.prefix(80))")
            #expect(received.contains("the request head did not arrive within 1 s"), "\(received.suffix(200))")
            // The server still answers.
            #expect(try await RawConnection.request(port: port, "GET /healthz HTTP/1.1\r\n") == "HTTP/1.1 200 OK")
        }
    }

    @Test func aClientTricklingTheBodyIsAnswered408AndClosed() async throws {
        try await Self.withLiveServer { port in
            let head = "POST /api/v1/ira/check HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nContent-Length: 5000\r\n\r\n"
            let (closed, received) = try await RawConnection.trickle(port: port, prefix: head, String(repeating: " ", count: 5000))
            let after = try #require(closed, "a client trickling its body was still connected after 30 s")
            #expect(after >= .milliseconds(900) && after <= .seconds(1) + Self.margin, "closed after \(after)")
            #expect(received.hasPrefix("HTTP/1.1 408"), "\(received.prefix(80))")
            #expect(received.contains("the request body did not arrive within 1 s"), "\(received.suffix(200))")
            // A complete body sent at once is read and answered (here a form whose bill of
            // materials is blank: 400 after reading it all, without loading the §30D rules, which
            // can take 20 s on two cores busy with the other tests), and the server still answers.
            let form = "bom=" + String(repeating: "+", count: 4000)
            #expect(try await RawConnection.request(port: port, "POST /ira HTTP/1.1\r\nContent-Type: application/x-www-form-urlencoded\r\n",
                                                    body: Array(form.utf8)) == "HTTP/1.1 400 Bad Request")
            #expect(try await RawConnection.request(port: port, "GET /healthz HTTP/1.1\r\n") == "HTTP/1.1 200 OK")
        }
    }

    /// A connection that sends nothing (a browser's unused preconnection) is closed without an answer.
    @Test func aSilentNewConnectionIsClosedWithoutAnAnswer() async throws {
        try await Self.withLiveServer { port in
            let (closed, received) = try await RawConnection.trickle(port: port, "", limit: .seconds(30))
            let after = try #require(closed, "a silent connection was still open after 30 s")
            #expect(after >= .milliseconds(900) && after <= .seconds(1) + Self.margin, "closed after \(after)")
            #expect(received.isEmpty, "\(received.prefix(80))")
        }
    }

    /// The header timeout starts with a request's first byte: a kept-alive connection that waits
    /// longer than it between requests (but less than the idle timeout) still works.
    @Test func aQuietKeptAliveConnectionOutlivesTheHeaderTimeout() async throws {
        try await Self.withLiveServer { port in
            let answers = try await RawConnection.onThread {
                let connection = try RawConnection(port: port)
                let request = Array("GET /healthz HTTP/1.1\r\nHost: localhost\r\n\r\n".utf8)
                var answers: [Int] = []
                for round in 1...2 {
                    _ = connection.send(request)
                    let start = ContinuousClock.now
                    while ContinuousClock.now - start < .seconds(60), !connection.closed, connection.answers < round {
                        connection.wait(upTo: .milliseconds(100))
                    }
                    answers.append(connection.answers)
                    if round == 1 { connection.wait(upTo: .milliseconds(2500)) }   // past the 1 s header timeout
                }
                return (answers, connection.closed)
            }
            #expect(answers.0 == [1, 2] && !answers.1, "answers after each request: \(answers.0), closed: \(answers.1)")
        }
    }
}

/// A client socket on loopback, used from a thread of its own (``onThread(_:)``).
final class RawConnection {
    let fd: Int32
    private(set) var received: [UInt8] = []
    private(set) var closed = false
    var receivedText: String { String(decoding: received, as: UTF8.self) }
    /// The 200 answers received.
    var answers: Int { receivedText.components(separatedBy: "HTTP/1.1 200").count - 1 }

    init(port: Int) throws {
        fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw POSIXError(.EIO) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard connected == 0 else { close(fd); throw POSIXError(.ECONNREFUSED) }
    }

    deinit { close(fd) }

    /// Sends `bytes` (false once the server has closed).
    @discardableResult
    func send(_ bytes: [UInt8]) -> Bool {
        bytes.withUnsafeBytes { Glibc.send(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) } == bytes.count
    }

    /// Waits up to `timeout` for bytes or the end of the connection, and reads what has arrived
    /// (``closed`` once the server closed: end of stream or reset).
    func wait(upTo timeout: Duration) {
        var descriptor = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
        guard !closed, poll(&descriptor, 1, Int32(timeout.components.seconds * 1000 + timeout.components.attoseconds / 1_000_000_000_000_000)) > 0 else { return }
        var buffer = [UInt8](repeating: 0, count: 4096)
        while true {
            let n = recv(fd, &buffer, buffer.count, Int32(MSG_DONTWAIT))
            if n > 0 { received += buffer[0..<n]; continue }
            if n == 0 || (errno != EAGAIN && errno != EWOULDBLOCK) { closed = true }
            return
        }
    }

    /// Runs `work` on a new thread (not the cooperative pool).
    static func onThread<T: Sendable>(_ work: @escaping @Sendable () throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { continuation in
            Thread { continuation.resume(with: Result { try work() }) }.start()
        }
    }

    /// Connects, sends `prefix` at once, then `trickle` one byte every 100 ms, reading all the
    /// while, until the server closes the connection or `limit` passes. Returns when it was
    /// closed (nil: still open) and what the server sent.
    static func trickle(port: Int, prefix: String = "", _ trickle: String, limit: Duration = .seconds(30)) async throws -> (closedAfter: Duration?, received: String) {
        try await onThread {
            let connection = try RawConnection(port: port)
            let start = ContinuousClock.now
            if !prefix.isEmpty { connection.send(Array(prefix.utf8)) }
            var rest = trickle.utf8[...]
            while ContinuousClock.now - start < limit {
                if let byte = rest.popFirst() { connection.send([byte]) }
                connection.wait(upTo: .milliseconds(100))
                if connection.closed { return (ContinuousClock.now - start, connection.receivedText) }
            }
            return (nil, connection.receivedText)
        }
    }

    /// The status line of the answer to a complete request sent at once on a new connection
    /// (`head` without Host and the blank line).
    static func request(port: Int, _ head: String, body: [UInt8] = []) async throws -> String {
        try await onThread {
            let connection = try RawConnection(port: port)
            connection.send(Array((head + "Host: localhost\r\nConnection: close\r\nContent-Length: \(body.count)\r\n\r\n").utf8) + body)
            let start = ContinuousClock.now
            while ContinuousClock.now - start < .seconds(60), !connection.closed { connection.wait(upTo: .milliseconds(100)) }
            return connection.receivedText.components(separatedBy: "\r\n").first ?? ""
        }
    }
}
