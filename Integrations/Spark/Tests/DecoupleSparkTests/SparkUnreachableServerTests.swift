import Foundation
import Testing
@testable import DecoupleSpark
#if canImport(Glibc)
import Glibc
#endif

@Suite struct SparkUnreachableServerTests {
    /// A loopback port that nothing listens on: bound, then closed.
    static func closedPort() throws -> Int {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(fd) }
        var addr = sockaddr_in()
        addr.sin_family = sa_family_t(AF_INET)
        addr.sin_addr.s_addr = inet_addr("127.0.0.1")
        addr.sin_port = 0
        var len = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &addr) { p in
            p.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, len) == 0 && getsockname(fd, $0, &len) == 0 }
        }
        #expect(bound)
        return Int(UInt16(bigEndian: addr.sin_port))
    }

    @Test(.timeLimit(.minutes(1))) func closedPortFailsFastWithAClearMessage() async throws {
        let port = try Self.closedPort()
        let client = try SparkConnectClient(url: "sc://127.0.0.1:\(port)")
        let start = ContinuousClock.now
        do {
            _ = try await client.sparkVersion()
            Issue.record("expected an error")
        } catch let e as SparkConnectError {
            guard case .unreachable(let endpoint, _) = e else { Issue.record("expected unreachable, got \(e)"); return }
            #expect(endpoint == "127.0.0.1:\(port)")
            #expect(e.description.hasPrefix("cannot reach the Spark Connect server at 127.0.0.1:\(port): "))
        }
        #expect(ContinuousClock.now - start < .seconds(10))
        // A query fails the same way.
        await #expect(throws: SparkConnectError.self) { _ = try await client.sql("SELECT 1") }
    }
}
