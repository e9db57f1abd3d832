import DecoupleAnalyses
import DecoupleRendering
@testable import DecoupleServer
import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

/// Issue #23: the JSON API as a contract. The OpenAPI description is generated from the code
/// that answers the API; docs/openapi.yaml is that description for the bundled data, and the
/// server checks every request against the parameter schemas it publishes.
@Suite struct OpenAPIContractTests {
    static let docsFile = URL(fileURLWithPath: DataCatalog.sourceCheckoutDataFolder).deletingLastPathComponent()
        .appendingPathComponent("docs/openapi.yaml").path

    /// docs/openapi.yaml is what the code describes now, and the server serves the same bytes
    /// (YAML) and the same description as JSON.
    @Test func docsFileIsCurrentAndServed() async throws {
        let generated = try await TestServer.app.openAPIText()
        let committed = try String(contentsOfFile: Self.docsFile, encoding: .utf8)
        if generated != committed {
            let g = generated.split(separator: "\n", omittingEmptySubsequences: false), c = committed.split(separator: "\n", omittingEmptySubsequences: false)
            let line = (0..<min(g.count, c.count)).first { g[$0] != c[$0] } ?? min(g.count, c.count)
            Issue.record("""
                docs/openapi.yaml is not what the code describes (first difference at line \(line + 1): \
                generated '\(line < g.count ? g[line] : "<end>")', file '\(line < c.count ? c[line] : "<end>")'). \
                Regenerate it: swift run decouple openapi --output docs/openapi.yaml
                """)
        }
        let json = try await TestServer.app.openAPIText(json: true)
        try await TestServer.withClient { client in
            try await client.execute(uri: "/api/v1/openapi.yaml", method: .get) { r in
                #expect(r.status == .ok)
                #expect(r.headers[.contentType]?.hasPrefix("application/yaml") == true)
                #expect(r.text == generated)
            }
            try await client.execute(uri: "/api/v1/openapi.json", method: .get) { r in
                #expect(r.status == .ok)
                #expect(r.text == json)
                let o = r.object
                #expect(o["openapi"] as? String == "3.1.0")
                let paths = o["paths"] as? [String: Any] ?? [:]
                // Every operation of the server is described, with the 400 error document.
                for op in DecoupleApp.apiOperations {
                    let entry = (paths[op.path] as? [String: Any])?[op.method.rawValue.lowercased()] as? [String: Any]
                    #expect(entry != nil, "\(op.path) is not described")
                    let responses = entry?["responses"] as? [String: Any] ?? [:]
                    #expect(responses["200"] != nil && responses["400"] != nil && responses["4XX"] != nil, "\(op.path)")
                }
            }
            // The BOM schema the request body refers to (a relative reference) is served beside it.
            try await client.execute(uri: "/api/v1/ira-bom.schema.json", method: .get) { r in
                #expect(r.status == .ok)
                #expect(r.object["title"] as? String != nil)
            }
        }
    }

    /// The published day patterns accept exactly the real calendar days of their years (the
    /// server checks a value against the pattern before reading it).
    @Test func dayPatternsAreCalendarDays() throws {
        for years in [CalendarDay.plausibleYears, 2023...2032] {
            let pattern = try #require(APIValue.day(years).pattern)
            let regex = try Regex(pattern)
            var mismatches: [String] = []
            for y in (years.lowerBound - 2)...(years.upperBound + 2) {
                for m in 0...13 {
                    for d in 0...32 {
                        let text = String(format: "%04d-%02d-%02d", y, m, d)
                        let valid = CalendarDay(text) != nil && years.contains(y)
                        if (text.wholeMatch(of: regex) != nil) != valid { mismatches.append(text) }
                    }
                }
            }
            #expect(mismatches.isEmpty, "\(years): \(mismatches.prefix(5))")
        }
        // The bill-of-materials schema uses the same pattern for its days.
        let bom = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: DataCatalog.sourceCheckoutDataFolder + "/policy/ira-bom.schema.json"))) as? [String: Any]
        let day = ((bom?["$defs"] as? [String: Any])?["day"] as? [String: Any])?["pattern"] as? String
        #expect(day == APIValue.day(CalendarDay.plausibleYears).pattern)
    }

    /// What the description forbids is a 400 naming the parameter; what it allows but the data
    /// do not hold is a 404; a bill of materials that does not fit is a 422.
    @Test func requestsAreCheckedAgainstTheDescription() async throws {
        let cases: [(uri: String, status: Int, parameter: String?)] = [
            // Were refused although the description allowed them.
            ("/api/v1/report?include-gold=true&min-value=0", 200, nil),
            ("/api/v1/taxonomy?edition=HS1992", 200, nil),
            // Were accepted although the description forbade them.
            ("/api/v1/alliances?at=", 400, "at"),
            ("/api/v1/scenario?example=", 400, "example"),
            // Alpha-3 codes only, in capitals; a well-formed code nobody has is a 404.
            ("/api/v1/report?reporter=jpn", 400, "reporter"),
            ("/api/v1/report?rival=China", 400, "rival"),
            ("/api/v1/report?rival=QQQ", 404, "rival"),
            ("/api/v1/report?reporter=CHN&rival=CHN", 404, "rival"),
            ("/api/v1/framework?leader=USA&challenger=USA", 404, "challenger"),
            ("/api/v1/exposure?importer=DEU&source=DEU", 404, "source"),
            ("/api/v1/minerals?allies=AUS,can", 400, "allies"),
            // Enumerations are exact.
            ("/api/v1/taxonomy?chain=Batteries", 400, "chain"),
            ("/api/v1/minerals?mineral=unobtainium", 400, "mineral"),
            ("/api/v1/exposure?sector=C99", 400, "sector"),
            // Booleans are true or false.
            ("/api/v1/alliances?table4", 400, "table4"),
            ("/api/v1/alliances?table4=yes", 400, "table4"),
            ("/api/v1/alliances?table4=true", 200, nil),
            // Ranges and calendar days.
            ("/api/v1/report?top=0", 400, "top"),
            ("/api/v1/report?base-year=2017.5", 400, "base-year"),
            ("/api/v1/policy?from=2023-02-29", 400, "from"),
            ("/api/v1/policy?from=2024-02-29&to=2024", 200, nil),
            // A `to` before `from` selects nothing (it was a 400 the description did not say).
            ("/api/v1/policy?from=2024&to=2023", 200, nil),
            // Valid values the data hold nothing for.
            ("/api/v1/minerals?mineral=lithium&edition=2022", 200, nil),
            // Abrasives are in MCS 2024, not in the twelve commodities bundled for 2022.
            ("/api/v1/minerals?mineral=abras&edition=2022", 404, "mineral"),
            ("/api/v1/friendshoring?alliance=MSP&chain=batteries&codes=850760", 404, "codes"),
            ("/api/v1/friendshoring?alliance=MSP&stage=cells-packs", 404, "stage"),
            ("/api/v1/friendshoring?alliance=MSP&reporter=DEU&dataset=census-hs6-2024", 404, "reporter"),
            ("/api/v1/friendshoring", 400, "alliance"),
        ]
        try await TestServer.withClient { client in
            for c in cases {
                try await client.execute(uri: c.uri, method: .get) { r in
                    #expect(Int(r.status.code) == c.status, "\(c.uri): \(r.status.code) \(r.text.prefix(300))")
                    if c.status >= 400 {
                        #expect(r.apiError?.error.status == c.status, "\(c.uri)")
                        #expect(r.apiError?.error.parameter == c.parameter, "\(c.uri): \(r.text.prefix(300))")
                    }
                }
            }
            // A refused value is explained in words, not by the pattern.
            try await client.execute(uri: "/api/v1/alliances?at=2023-02-29", method: .get) { r in
                #expect(r.apiError?.error.message == "parameter 'at': '2023-02-29' is not a real calendar day YYYY-MM-DD from 1900 to 2200")
            }
            // A bill of materials: not an object is a 400; an object that does not fit is a 422
            // with every problem; the bundled example is assessed.
            for (body, status) in [("[]", 400), ("{}", 422), (String(decoding: try TestServer.exampleBOM, as: UTF8.self), 200)] {
                try await client.execute(uri: "/api/v1/ira/check", method: .post, headers: [.contentType: "application/json"],
                                         body: ByteBuffer(string: body)) { r in
                    #expect(Int(r.status.code) == status, "\(body.prefix(20)): \(r.text.prefix(300))")
                    if status == 422 { #expect((r.apiError?.error.problems?.count ?? 0) >= 3) }
                }
            }
        }
    }
}
