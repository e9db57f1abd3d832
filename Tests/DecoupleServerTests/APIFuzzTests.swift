@testable import DecoupleServer
import DecoupleAnalyses
import Foundation
import Hummingbird
import HummingbirdTesting
import Testing
import DecoupleCore

/// Issue #22 item 5: a seeded corpus of damaged requests sent to every route of a live server
/// (the HTTP parser included); each must be answered below 500, and `/healthz` must answer 200
/// after each, so that no request takes the process down.
@Suite struct APIFuzzTests {
    /// Query parameters the routes know, and values that are wrong in one way or another.
    static let parameters = ["reporter", "rival", "leader", "challenger", "year", "chain", "stage", "mineral", "edition", "codes",
                             "alliance", "at", "from", "to", "top", "base-year", "dominance", "instrument", "dataset", "code", "date", "q"]
    static let values = ["", "%FF", "%00", "NaN", "inf", "1e999", "-1", "99999999999999999999", String(repeating: "A", count: 300),
                         "../../etc/passwd", "<script>alert(1)</script>", "%C3%A9", "USA,CHN,,", "2024-02-30", "0x10", "\u{202E}"]

    /// A damaged query string: one to three parameters with wrong values.
    static func query(_ g: inout SplitMix64) -> String {
        (0..<(1 + g.below(3))).map { _ in
            let value = values[g.below(values.count)].addingPercentEncoding(withAllowedCharacters: .alphanumerics.union(["%", ",", "-", "."])) ?? ""
            return parameters[g.below(parameters.count)] + "=" + value
        }.joined(separator: "&")
    }

    /// A damaged bill of materials: cut, a byte changed, junk inserted or the huge value.
    static func body(_ g: inout SplitMix64) -> String {
        var bytes = Array(hugeValueBOM.utf8)
        switch g.below(4) {
        case 0: bytes = Array(bytes.prefix(g.below(bytes.count)))
        case 1: bytes[g.below(bytes.count)] ^= UInt8(1 + g.below(255))
        case 2: bytes.insert(contentsOf: [0xFF, 0xFE, 0x00, 0x22], at: g.below(bytes.count))
        default: break
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    @Test func aDamagedRequestToAnyRouteNeverTakesTheServerDown() async throws {
        var g = SplitMix64(seed: 22)
        var requests: [(HTTPRequest.Method, String, String?, String?)] = []
        for (path, methods) in DecoupleApp.knownRoutes.sorted(by: { $0.key < $1.key }) {
            for method in methods {
                for _ in 0..<8 {
                    if method == .post {
                        let type = ["application/json", "application/x-www-form-urlencoded", "text/plain"][g.below(3)]
                        let text = Self.body(&g)
                        requests.append((method, path, type == "application/x-www-form-urlencoded" ? "bom=" + text : text, type))
                    } else {
                        requests.append((method, path + "?" + Self.query(&g), nil, nil))
                    }
                }
            }
        }
        #expect(requests.count >= 200)
        let corpus = requests
        let answered = try await TestServer.withClient(.live) { client in
            var answered: [Int: Int] = [:]
            for (method, uri, body, type) in corpus {
                var headers: HTTPFields = [:]
                if let type { headers[.contentType] = type }
                let status = try await MalformedRequestTests.patiently {
                    try await client.execute(uri: uri, method: method, headers: headers, body: body.map { ByteBuffer(string: $0) }) { Int($0.status.code) }
                }
                answered[status / 100, default: 0] += 1
                #expect(status < 500, "\(method.rawValue) \(uri.prefix(120)) → \(status)")
                let health = try await client.execute(uri: "/healthz", method: .get) { $0.status }
                #expect(health == .ok, "/healthz after \(method.rawValue) \(uri.prefix(120))")
            }
            return answered
        }
        // Most damage is refused (4xx); some is harmless (an empty value read as absent).
        print("APIFuzzTests: \(requests.count) requests, answered by class: \(answered.sorted { $0.key < $1.key })")
        #expect((answered[4] ?? 0) > requests.count / 2, "\(answered)")
    }
}
