@testable import DecoupleServer
import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

/// Issue #22 item 5: security headers on every response, HEAD answered, Host checked.
@Suite struct ServerSecurityTests {
    @Test func everyResponseCarriesTheSecurityHeaders() async throws {
        try await TestServer.withClient { client in
            for uri in ["/healthz", "/api/v1/data", "/nope", "/api/v1/report?top=0"] {
                try await client.execute(uri: uri, method: .get) { r in
                    #expect(r.headers[.init("X-Content-Type-Options")!] == "nosniff", "\(uri)")
                    #expect(r.headers[.init("X-Frame-Options")!] == "DENY", "\(uri)")
                    #expect(r.headers[.init("Referrer-Policy")!] == "no-referrer", "\(uri)")
                    #expect(r.headers[.init("Content-Security-Policy")!]?.contains("default-src 'none'") == true, "\(uri)")
                }
            }
        }
    }

    @Test func headIsAnsweredLikeGetWithoutABody() async throws {
        try await TestServer.withClient { client in
            let length = try await client.execute(uri: "/api/v1/data", method: .get) { r in r.body.readableBytes }
            #expect(length > 0)
            try await client.execute(uri: "/api/v1/data", method: .head) { r in
                #expect(r.status == .ok)
                #expect(r.body.readableBytes == 0)
                #expect(r.headers[.contentType]?.hasPrefix("application/json") == true)
            }
            try await client.execute(uri: "/nope", method: .head) { r in #expect(r.status == .notFound) }
        }
    }

    /// The first line of the answer to a raw HTTP/1.1 request with the given Host header (the
    /// test clients always send their own Host).
    static func statusLine(port: Int, host: String) throws -> String {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw POSIXError(.EIO) }
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard connected == 0 else { throw POSIXError(.ECONNREFUSED) }
        let request = "GET /healthz HTTP/1.1\r\nHost: \(host)\r\nConnection: close\r\n\r\n"
        _ = request.withCString { send(fd, $0, strlen($0), 0) }
        var buffer = [UInt8](repeating: 0, count: 4096)
        var received: [UInt8] = []
        while true {
            let n = recv(fd, &buffer, buffer.count, 0)
            if n <= 0 { break }
            received += buffer[0..<n]
        }
        return String(decoding: received, as: UTF8.self).components(separatedBy: "\r\n").first ?? ""
    }

    @Test func unknownHostsAreRefusedOnLoopback() async throws {
        try await TestServer.withClient(.live) { client in
            let port = try #require(client.port)
            #expect(try Self.statusLine(port: port, host: "evil.example:8080").hasPrefix("HTTP/1.1 421"))
            for ok in ["localhost:8080", "127.0.0.1", "[::1]:8080"] {
                #expect(try Self.statusLine(port: port, host: ok).hasPrefix("HTTP/1.1 200"), "\(ok)")
            }
        }
        #expect(ServerSecurity.allowedHosts(boundTo: "0.0.0.0", extra: []) == nil)
        #expect(ServerSecurity.allowedHosts(boundTo: "127.0.0.1", extra: ["Dash.Example"])?.contains("dash.example") == true)
        #expect(ServerSecurity.hostName("[::1]:8080") == "[::1]" && ServerSecurity.hostName("Example.org:80") == "example.org")
    }
}
