import DecoupleAnalyses
@testable import DecoupleServer
import Foundation
import Hummingbird
import HummingbirdTesting
import Logging
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
                #expect(paths.isSuperset(of: DecoupleApp.apiOperations.map(\.path)) && paths.contains("/healthz"))
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

/// Issue #20 item 14: no hanging page requests on a cold server, and a warm-up that covers what
/// the overview links to.
@Suite struct ColdStartTests {
    /// A browser asking for a page still being computed gets a 202 "computing…" page that
    /// reloads itself; the page arrives on a later request. Tools (no text/html) wait as before.
    /// The page's computation is held at a gate the test opens, so nothing depends on timing.
    @Test func computingPageRefreshesUntilReady() async throws {
        var configuration = ServerConfiguration(dataRoot: DataCatalog.sourceCheckoutDataFolder, warmUp: false)
        configuration.pendingPageAfter = .milliseconds(1)
        var logger = Logger(label: "decouple.test")
        logger.logLevel = .warning
        let app = DecoupleApp(configuration: configuration, logger: logger)
        // The page for at=2023-01-01 starts computing and waits for the gate.
        let q = try QueryParameters(query: "at=2023-01-01", allowed: DecoupleApp.pageParameters["/alliances"]!)
        let gate = CacheTests.Gate()
        _ = try await app.responses.value(for: "page:" + q.cacheKey("/alliances"), waitingAtMost: .zero) {
            await gate.wait()
            return ByteBuffer(string: try await DecoupleApp.pageRenderers["/alliances"]!(app, q))
        }
        let application = Application(responder: app.responder(), configuration: .init(address: .hostname("127.0.0.1", port: 0)), logger: logger)
        try await application.test(.router) { client in
            let first = try await client.execute(uri: "/alliances?at=2023-01-01", method: .get, headers: [.accept: "text/html"]) { $0 }
            #expect(first.status == .accepted)
            #expect(first.headers[.retryAfter] == "2" && first.headers[.cacheControl] == "no-store")
            let html = String(buffer: first.body)
            #expect(html.contains("<meta http-equiv=\"refresh\" content=\"2\">") && html.contains("id=\"computing\""))
            #expect(html.contains("aria-current=\"page\""))
            await gate.open()
            var status = first.status, body = ""
            for _ in 0..<1200 where status != .ok {
                try await Task.sleep(for: .milliseconds(100))
                (status, body) = try await client.execute(uri: "/alliances?at=2023-01-01", method: .get, headers: [.accept: "text/html"]) { ($0.status, String(buffer: $0.body)) }
            }
            #expect(status == .ok && body.contains("Members on 2023-01-01"))
            // A bad parameter ends in a 400 (after computing pages while its data load, if any),
            // and a failed page is not stored.
            var bad = HTTPResponse.Status.accepted
            for _ in 0..<1200 where bad == .accepted {
                bad = try await client.execute(uri: "/alliances?alliance=NOPE", method: .get, headers: [.accept: "text/html"]) { $0.status }
                if bad == .accepted { try await Task.sleep(for: .milliseconds(100)) }
            }
            #expect(bad == .badRequest)
            // Without text/html the request waits for the page.
            try await client.execute(uri: "/alliances?at=2022-01-01", method: .get) { r in
                #expect(r.status == .ok && String(buffer: r.body).contains("Members on 2022-01-01"))
            }
        }
    }

    /// After the warm-up every page the overview links to (navigation and "More" links) is in
    /// the page cache.
    @Test func warmUpRendersEveryLinkedPage() async throws {
        await TestServer.app.warmUp()
        let links = try await TestServer.app.overviewLinks()
        let paths = Set(links.map(\.path))
        #expect(paths.isSuperset(of: ["/", "/trend", "/minerals", "/exposure", "/scenarios", "/framework", "/policy", "/alliances", "/api"]))
        #expect(links.contains { $0.path == "/framework" && $0.query == "leader=USA&challenger=CHN" })
        for (path, query) in links {
            let key = "page:" + (try QueryParameters(query: query, allowed: DecoupleApp.pageParameters[path] ?? [])).cacheKey(path)
            #expect(TestServer.app.responses.cached(key) != nil, "not warmed: \(path)?\(query ?? "")")
        }
    }
}
