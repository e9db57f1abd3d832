import DecoupleAnalyses
@testable import DecoupleServer
import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

/// Issue #20 item 11: `/api/v1` answers (it was a 404 behind the footer's link): the JSON index
/// for a client, the API page for a browser; every GET endpoint has an example that answers 200.
@Suite struct APIIndexTests {
    @Test func indexListsEveryEndpointWithAnExample() async throws {
        try await TestServer.withClient { client in
            var examples: [String] = []
            try await client.execute(uri: "/api/v1", method: .get) { r in
                #expect(r.status == .ok && r.headers[.contentType]?.hasPrefix("application/json") == true)
                let endpoints = try #require(r.object["endpoints"] as? [[String: Any]])
                let paths = Set(endpoints.compactMap { $0["path"] as? String })
                #expect(paths.isSuperset(of: DecoupleApp.apiRoutes.map(\.path)) && paths.contains("/healthz"))
                for e in endpoints where (e["methods"] as? [String]) == ["GET"] {
                    let example = try #require(e["example"] as? String, "no example for \(e["path"] ?? "?")")
                    examples.append(example)
                }
                #expect((r.object["pages"] as? [String])?.contains("/scenarios") == true)
            }
            for example in examples where !example.hasPrefix("/api/v1/report") && !example.hasPrefix("/api/v1/framework") && !example.hasPrefix("/api/v1/exposure") {
                try await client.execute(uri: example, method: .get) { r in #expect(r.status == .ok, "\(example): \(r.status)") }
            }
            try await client.execute(uri: "/api/v1", method: .get, headers: [.accept: "text/html"]) { r in
                #expect(r.status == .ok && r.headers[.contentType]?.hasPrefix("text/html") == true)
                #expect(r.text.contains("/api/v1/minerals?mineral=lithium") && r.text.contains("<table"))
            }
            try await client.execute(uri: "/api/v1?x=1", method: .get) { r in #expect(r.status == .badRequest) }
        }
    }

    /// Issue #20 item 12: the exposure page takes the importer and source the API takes.
    @Test func exposurePageHasControls() async throws {
        try await TestServer.withClient { client in
            try await client.execute(uri: "/exposure?importer=JPN&source=CHN", method: .get, headers: [.accept: "text/html"]) { r in
                #expect(r.status == .ok)
                #expect(r.text.contains("Japan and China") && r.text.contains("<select name=\"importer\"") && r.text.contains("importer=JPN&amp;source=CHN"))
            }
            try await client.execute(uri: "/exposure?importer=JPN&source=JPN", method: .get, headers: [.accept: "text/html"]) { r in
                #expect(r.status == .badRequest)
            }
            // Sector and tiers: one sector tier by tier (codes case-insensitive), its suppliers.
            try await client.execute(uri: "/exposure?sector=c26&tiers=6", method: .get, headers: [.accept: "text/html"]) { r in
                #expect(r.status == .ok)
                let html = r.text
                #expect(html.contains("<select name=\"sector\"") && html.contains("name=\"tiers\"") && html.contains("value=\"6\""))
                #expect(html.contains("USA C26 computer, electronic and optical products: exposure to China tier by tier"))
                #expect(html.contains("tier 6+ (remainder)") && html.contains("Largest look-through foreign suppliers of USA C26"))
                #expect(html.contains("Looking through the supply chain"))   // the overview follows
            }
            try await client.execute(uri: "/exposure?sector=C99", method: .get, headers: [.accept: "text/html"]) { r in
                #expect(r.status == .badRequest)
                #expect(r.text.contains("C99") && r.text.contains("C26"))
            }
            try await client.execute(uri: "/exposure?sector=C26&tiers=40", method: .get) { r in #expect(r.status == .badRequest) }
        }
    }

    /// Issue #20 item 12: the alliances have a page of their own, with the API's parameters.
    @Test func alliancesPage() async throws {
        try await TestServer.withClient { client in
            try await client.execute(uri: "/alliances?at=2024-01-01", method: .get, headers: [.accept: "text/html"]) { r in
                #expect(r.status == .ok)
                let html = r.text
                #expect(html.contains("Who belongs to which alliance on 2024-01-01") && html.contains("<svg"))
                #expect(html.contains("Members on 2024-01-01") && html.contains("aria-current=\"page\""))
            }
            try await client.execute(uri: "/alliances?alliance=MSP&at=2024-01-01", method: .get, headers: [.accept: "text/html"]) { r in
                #expect(r.status == .ok)
                #expect(r.text.contains("MSP: every membership") && r.text.contains("founding member"))
            }
            try await client.execute(uri: "/alliances?alliance=NOPE", method: .get, headers: [.accept: "text/html"]) { r in
                #expect(r.status == .badRequest)
            }
            try await client.execute(uri: "/policy", method: .get, headers: [.accept: "text/html"]) { r in
                #expect(r.text.contains("href=\"/alliances\""))
            }
        }
        #expect(DecoupleApp.pageList.contains("/alliances (Alliances)") && DecoupleApp.pageList.contains("/exposure (Exposure)"))
    }
}
