@testable import DecoupleServer
import DecoupleAnalyses
import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

/// A malformed request and the 4xx it must get.
struct Malformed: Sendable, CustomStringConvertible {
    var method: HTTPRequest.Method = .get
    var uri: String
    var status: Int
    var body: String? = nil
    var contentType: String? = nil
    var description: String { "\(method.rawValue) \(uri.prefix(80)) → \(status)" }
    var headers: HTTPFields { contentType.map { [.contentType: $0] } ?? [:] }
    var buffer: ByteBuffer? { body.map { ByteBuffer(string: $0) } }
}

/// A complete bill of materials whose one component is worth US$1e19 (past Int.max).
let hugeValueBOM = #"{"schemaVersion":1,"vehicle":{"description":"x","placedInService":"2024-06-15","acquired":"2024-06-01"},"components":[{"id":"cells","name":"Cells","value":1e19,"manufacturedOrAssembledIn":"USA","manufacturer":{"name":"A","incorporatedIn":"USA","headquarteredIn":"USA","coveredGovernmentInterest":0,"coveredGovernmentContractualControl":false,"listed":false}}],"criticalMinerals":[{"id":"li","mineral":"lithium","value":9.3e18,"extractedIn":"AUS"}]}"#

/// Bad parameters, path-like parameters, wrong methods, oversized and broken bodies: each must be
/// answered with a 4xx and a JSON error body, and the server must stay up.
let malformedRequests: [Malformed] = [
    // Bad parameters.
    .init(uri: "/api/v1/report?reporter=XXX", status: 404),
    .init(uri: "/api/v1/report?reporter=USA&rival=USA", status: 404),
    .init(uri: "/api/v1/report?base-year=1800", status: 400),
    .init(uri: "/api/v1/report?base-year=abc", status: 400),
    .init(uri: "/api/v1/report?base-year=99999999999999999999", status: 400),
    .init(uri: "/api/v1/report?top=0", status: 400),
    .init(uri: "/api/v1/report?unknown=1", status: 400),
    .init(uri: "/api/v1/report?reporter=USA&reporter=CHN", status: 400),
    .init(uri: "/api/v1/report?reporter=%ZZ", status: 400),
    .init(uri: "/api/v1/report?reporter=%00", status: 400),
    .init(uri: "/api/v1/report?reporter=" + String(repeating: "A", count: 300), status: 400),
    .init(uri: "/api/v1/minerals?mineral=unobtainium", status: 400),
    .init(uri: "/api/v1/minerals?edition=2019", status: 400),
    .init(uri: "/api/v1/minerals?dominance=150", status: 400),
    .init(uri: "/api/v1/minerals?high-reliance=nan", status: 400),
    .init(uri: "/api/v1/minerals?reporter=CHN", status: 400),
    .init(uri: "/api/v1/minerals?allies=AUS,ZZZ", status: 404),
    .init(uri: "/api/v1/policy?from=2023-02-30", status: 400),
    .init(uri: "/api/v1/policy?instrument=nuke", status: 400),
    .init(uri: "/api/v1/policy?chain=nope", status: 400),
    .init(uri: "/api/v1/alliances?at=2024-13-01", status: 400),
    .init(uri: "/api/v1/alliances?alliance=NOPE", status: 400),
    .init(uri: "/api/v1/alliances?table4=maybe", status: 400),
    .init(uri: "/api/v1/friendshoring", status: 400),
    .init(uri: "/api/v1/friendshoring?alliance=MSP&codes=abc", status: 400),
    .init(uri: "/api/v1/friendshoring?alliance=MSP&chain=batteries&codes=85", status: 404),
    .init(uri: "/api/v1/friendshoring?alliance=MSP&reporter=JPN&chain=batteries", status: 404),
    .init(uri: "/api/v1/friendshoring?alliance=NOPE", status: 400),
    .init(uri: "/api/v1/framework?chain=nope", status: 400),
    .init(uri: "/api/v1/framework?leader=CHN&challenger=CHN", status: 404),
    .init(uri: "/api/v1/framework?year=1066", status: 400),
    .init(uri: "/api/v1/taxonomy/lookup?code=12", status: 400),
    .init(uri: "/api/v1/taxonomy/lookup", status: 400),
    .init(uri: "/api/v1/taxonomy?arena=space", status: 400),
    .init(uri: "/trend?chain=nope", status: 400),
    .init(uri: "/minerals?mineral=unobtainium", status: 400),
    .init(uri: "/policy?at=yesterday", status: 400),
    .init(uri: "/api/v1/report?" + String(repeating: "a=1&", count: 1500), status: 414),
    // Path-like parameters and options that name files: never read.
    .init(uri: "/api/v1/report?reporter=../../etc/passwd", status: 400),
    .init(uri: "/api/v1/minerals?mineral=../../etc/passwd", status: 400),
    .init(uri: "/api/v1/minerals?mineral=%2Fetc%2Fpasswd", status: 400),
    .init(uri: "/api/v1/minerals?data-dir=/etc", status: 400),
    .init(uri: "/api/v1/policy?measures=/etc/passwd", status: 400),
    .init(uri: "/api/v1/framework?config=/etc/passwd", status: 400),
    .init(uri: "/api/v1/taxonomy?taxonomy=/etc/passwd", status: 400),
    .init(uri: "/api/v1/alliances?file=..%2F..%2Fetc%2Fpasswd", status: 400),
    .init(uri: "/trend?chain=..%2F..%2Fetc%2Fpasswd", status: 400),
    .init(uri: "/../../etc/passwd", status: 404),
    .init(uri: "/Data/imf-dots/dots_bilateral_annual_2000_2020.csv.gz", status: 404),
    .init(uri: "/api/v1/../../Package.swift", status: 404),
    .init(uri: "/nope", status: 404),
    .init(uri: "/" + String(repeating: "x", count: 3000), status: 414),
    // Wrong methods.
    .init(method: .post, uri: "/api/v1/report", status: 405),
    .init(method: .delete, uri: "/api/v1/minerals", status: 405),
    .init(method: .put, uri: "/ira", status: 405),
    .init(method: .get, uri: "/api/v1/ira/check", status: 405),
    .init(method: .patch, uri: "/", status: 405),
    .init(method: .post, uri: "/healthz", status: 405),
    // Bodies.
    .init(method: .post, uri: "/api/v1/ira/check", status: 400, body: "not json", contentType: "application/json"),
    .init(method: .post, uri: "/api/v1/ira/check", status: 400, body: "[]", contentType: "application/json"),
    .init(method: .post, uri: "/api/v1/ira/check", status: 400, body: "", contentType: "application/json"),
    .init(method: .post, uri: "/api/v1/ira/check", status: 400, body: String(repeating: "[", count: 100_000), contentType: "application/json"),
    .init(method: .post, uri: "/api/v1/ira/check", status: 400, body: #"{"schemaVersion":1,"vehicle":{"description":"x","placedInService":"2024-01-01"},"components":[{"id":"a","name":"n","value":1e400,"manufacturedOrAssembledIn":"USA"}],"criticalMinerals":[]}"#, contentType: "application/json"),
    // A component value ≥ 2^63 once trapped in Int(Double) and took the whole server down (#22).
    // (A JSON object whose content does not fit is a 422 since #23.)
    .init(method: .post, uri: "/api/v1/ira/check", status: 422, body: hugeValueBOM, contentType: "application/json"),
    .init(method: .post, uri: "/ira", status: 422,
          body: "bom=" + hugeValueBOM.addingPercentEncoding(withAllowedCharacters: .alphanumerics)!, contentType: "application/x-www-form-urlencoded"),
    .init(method: .post, uri: "/api/v1/ira/check", status: 413, body: String(repeating: " ", count: 300 * 1024), contentType: "application/json"),
    .init(method: .post, uri: "/api/v1/ira/check", status: 415, body: "{}", contentType: "text/plain"),
    .init(method: .post, uri: "/api/v1/ira/check?date=2024-02-30", status: 400, body: "{}", contentType: "application/json"),
    .init(method: .post, uri: "/ira", status: 400, body: "--b\r\nbroken", contentType: "multipart/form-data; boundary=b"),
    .init(method: .post, uri: "/ira", status: 400, body: "bom=", contentType: "application/x-www-form-urlencoded"),
    .init(method: .post, uri: "/ira", status: 415, body: "{}", contentType: "application/json"),
    .init(method: .post, uri: "/ira", status: 413, body: String(repeating: "x", count: 300 * 1024), contentType: "application/x-www-form-urlencoded"),
]

@Suite struct MalformedRequestTests {
    @Test(arguments: malformedRequests)
    func answeredWithA4xxAndJSON(_ m: Malformed) async throws {
        try await TestServer.withClient { client in
            var headers: HTTPFields = [:]
            if let t = m.contentType { headers[.contentType] = t }
            try await client.execute(uri: m.uri, method: m.method, headers: headers, body: m.body.map { ByteBuffer(string: $0) }) { r in
                #expect(Int(r.status.code) == m.status, "\(m)")
                #expect(r.headers[.contentType]?.hasPrefix("application/json") == true, "\(m)")
                let e = r.apiError
                #expect(e?.error.status == m.status, "\(m): \(r.text.prefix(200))")
                #expect(e.map { !$0.error.message.isEmpty } == true)
                if m.status == 405 { #expect(r.headers[.allow] != nil) }
            }
            // Still up.
            try await client.execute(uri: "/healthz", method: .get) { r in #expect(r.status == .ok) }
        }
    }

    /// Runs a request again when the test client's 20-second read timeout fires: on two busy
    /// cores (the whole suite in parallel, debug build) an answer can take that long, and the
    /// test is about the server answering at all, which the retry still checks.
    static func patiently<T: Sendable>(_ request: () async throws -> T) async throws -> T {
        for _ in 0..<2 {
            do { return try await request() } catch TestClient.Error.readTimeout { continue }
        }
        return try await request()
    }

    /// The same list against a real HTTP server on loopback (the HTTP parser included).
    @Test func liveServerStaysUp() async throws {
        // Oversized bodies are answered before they are read, so the test client's connection
        // is not reusable afterwards: each of those gets a connection of its own.
        let (shared, alone) = (malformedRequests.filter { $0.status != 413 }, malformedRequests.filter { $0.status == 413 })
        try await TestServer.withClient(.live) { client in
            for m in shared {
                let status = try await Self.patiently { try await client.execute(uri: m.uri, method: m.method, headers: m.headers, body: m.buffer) { $0.status.code } }
                #expect((400..<500).contains(status), "\(m): \(status)")
            }
            try await client.execute(uri: "/healthz", method: .get) { r in #expect(r.status == .ok) }
        }
        for m in alone {
            try await TestServer.withClient(.live) { client in
                let status = try await client.execute(uri: m.uri, method: m.method, headers: m.headers, body: m.buffer) { $0.status.code }
                #expect(status == 413, "\(m): \(status)")
            }
        }
    }
}
