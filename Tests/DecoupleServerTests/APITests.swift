import DecoupleRendering
import DecoupleAnalyses
@testable import DecoupleServer
import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

@Suite struct APITests {
    @Test func healthz() async throws {
        try await TestServer.withClient { client in
            try await client.execute(uri: "/healthz", method: .get) { r in
                #expect(r.status == .ok)
                #expect(r.headers[.contentType]?.hasPrefix("application/json") == true)
                #expect(r.object["status"] as? String == "ok")
            }
        }
    }

    @Test func dataListIsTheCLIDocument() async throws {
        let expected = try DecoupleJSON.encode(BundledDataset.all) + "\n"
        try await TestServer.withClient { client in
            try await client.execute(uri: "/api/v1/data", method: .get) { r in
                #expect(r.status == .ok)
                #expect(r.text == expected)
            }
        }
    }

    @Test func mineralsMatchesTheLibraryDocument() async throws {
        let mcs = try DataCatalog(root: DataCatalog.sourceCheckoutDataFolder).loadMineralCommoditySummaries(edition: 2024)
        let expected = try DecoupleJSON.encode(MineralsRun.document(MineralsRequest(mineral: "lithium", allies: MineralsDefaults.allies(catalog: DataCatalog(root: DataCatalog.sourceCheckoutDataFolder))), mcs: mcs)) + "\n"
        try await TestServer.withClient { client in
            try await client.execute(uri: "/api/v1/minerals?mineral=lithium", method: .get) { r in
                #expect(r.status == .ok)
                #expect(r.text == expected)
                #expect(r.object["edition"] as? Int == 2024)
                #expect((r.object["minerals"] as? [Any])?.count == 1)
                #expect((r.object["source"] as? [String: Any])?["licence"] != nil)
            }
        }
    }

    @Test func reportHasSectionsFiguresAndProvenance() async throws {
        try await TestServer.withClient { client in
            try await client.execute(uri: "/api/v1/report?reporter=USA&rival=CHN&base-year=2017", method: .get) { r in
                #expect(r.status == .ok)
                let o = r.object
                let sections = o["sections"] as? [[String: Any]] ?? []
                let sources = o["sources"] as? [String: Any] ?? [:]
                #expect(sections.count >= 6)
                #expect(sources["imf-dots"] != nil)
                let figures = sections.flatMap { $0["figures"] as? [[String: Any]] ?? [] }
                #expect(figures.count > 100)
                for f in figures.prefix(500) { #expect(sources[f["source"] as? String ?? ""] != nil) }
            }
            // The API takes alpha-3 codes, as its description says (the CLI and the pages take
            // names too); another pair is a report of its own.
            try await client.execute(uri: "/api/v1/report?reporter=JPN&rival=CHN", method: .get) { r in
                #expect(r.status == .ok)
                #expect(r.object["reporter"] as? String == "JPN")
            }
            try await client.execute(uri: "/api/v1/report?reporter=jpn&rival=China", method: .get) { r in
                #expect(r.status == .badRequest)
                #expect(r.apiError?.error.parameter == "reporter")
            }
        }
    }

    @Test func policyAlliancesFriendshoringFramework() async throws {
        try await TestServer.withClient { client in
            try await client.execute(uri: "/api/v1/policy?chain=semiconductors&country=USA", method: .get) { r in
                #expect(r.status == .ok)
                #expect(!(r.object["measures"] as? [Any] ?? []).isEmpty)
                #expect(r.object["provenance"] != nil)
            }
            try await client.execute(uri: "/api/v1/alliances?at=2024-01-01&alliance=MSP", method: .get) { r in
                #expect(r.status == .ok)
                let a = (r.object["alliances"] as? [[String: Any]])?.first
                #expect(a?["at"] as? String == "2024-01-01")
                #expect((a?["membersAt"] as? [Any])?.isEmpty == false)
            }
            try await client.execute(uri: "/api/v1/friendshoring?alliance=MSP&chain=batteries", method: .get) { r in
                #expect(r.status == .ok)
                #expect(r.object["dataset"] as? String == "census-hs6-2024")
                #expect(!(r.object["shares"] as? [Any] ?? []).isEmpty)
                #expect(!(r.object["provenance"] as? [Any] ?? []).isEmpty)
            }
            try await client.execute(uri: "/api/v1/framework?chain=semiconductors", method: .get) { r in
                #expect(r.status == .ok)
                let result = r.object["result"] as? [String: Any] ?? [:]
                let predictions = result["predictions"] as? [[String: Any]] ?? []
                #expect(!predictions.isEmpty)
                #expect(predictions.allSatisfy { $0["chain"] as? String == "semiconductors" })
                #expect(!(r.object["sources"] as? [Any] ?? []).isEmpty)
            }
            try await client.execute(uri: "/api/v1/taxonomy/lookup?code=854143", method: .get) { r in
                #expect(r.status == .ok)
            }
            try await client.execute(uri: "/api/v1/taxonomy?chain=solar-pv&edition=HS2022", method: .get) { r in
                #expect(r.status == .ok)
                #expect((r.object["chains"] as? [Any])?.count == 1)
            }
            try await client.execute(uri: "/api/v1/ira/rules", method: .get) { r in
                #expect(r.status == .ok)
                #expect(r.object["sources"] != nil)
            }
        }
    }

    @Test func iraCheckTheExampleBOM() async throws {
        let bom = try TestServer.exampleBOM
        try await TestServer.withClient { client in
            try await client.execute(uri: "/api/v1/ira/check", method: .post, headers: [.contentType: "application/json"],
                                     body: ByteBuffer(bytes: bom)) { r in
                #expect(r.status == .ok)
                #expect(r.object["status"] is String)
                #expect(!(r.object["steps"] as? [Any] ?? []).isEmpty)
                #expect(!(r.object["sources"] as? [Any] ?? []).isEmpty)
            }
            // A BOM with mistakes: every problem listed, 422 (a JSON object that does not fit).
            let bad = #"{"schemaVersion": 1, "vehicle": {"description": "x", "placedInService": "2024-02-30"}, "components": [], "criticalMinerals": [{"id": "a", "value": -1}]}"#
            try await client.execute(uri: "/api/v1/ira/check", method: .post, headers: [.contentType: "application/json"],
                                     body: ByteBuffer(string: bad)) { r in
                #expect(r.status == .unprocessableContent)
                let e = try #require(r.apiError)
                #expect(e.error.status == 422)
                #expect((e.error.problems ?? []).count >= 2)
            }
        }
    }

    @Test func exposureIsTheCLIDocumentOnTheBundledICIO() async throws {
        try await TestServer.withClient { client in
            try await client.execute(uri: "/api/v1/exposure?sector=C26", method: .get) { r in
                #expect(r.status == .ok)
                let doc = try #require(try JSONSerialization.jsonObject(with: Data(r.text.utf8)) as? [String: Any])
                #expect(doc["importer"] as? String == "USA" && doc["source"] as? String == "CHN")
                #expect(doc["datasetID"] as? String == "oecd-icio-2022")
                let sectors = try #require(doc["sectors"] as? [[String: Any]])
                #expect(sectors.count == 1 && sectors[0]["sector"] as? String == "C26")
                // Look-through exposure of US computers and electronics to China exceeds the face value.
                let face = try #require(sectors[0]["faceValueShare"] as? Double), look = try #require(sectors[0]["lookThroughShare"] as? Double)
                #expect(look > face && face > 0)
                #expect((doc["suppliers"] as? [[String: Any]])?.isEmpty == false)
            }
            // A sector the table does not have is outside the published enumeration (400); the
            // same region twice names no pair (404).
            try await client.execute(uri: "/api/v1/exposure?sector=NOPE", method: .get) { r in
                #expect(r.status == .badRequest)
                #expect(r.apiError?.error.parameter == "sector")
                #expect(r.apiError?.error.message.contains("C26") == true)
            }
            try await client.execute(uri: "/api/v1/exposure?importer=USA&source=USA", method: .get) { r in
                #expect(r.status == .notFound)
            }
        }
    }

    @Test func scenarioExamplesRunOnTheBundledData() async throws {
        try await TestServer.withClient { client in
            try await client.execute(uri: "/api/v1/scenario?example=gallium-export-cut", method: .get) { r in
                #expect(r.status == .ok)
                let doc = try #require(try JSONSerialization.jsonObject(with: Data(r.text.utf8)) as? [String: Any])
                let mineral = try #require(doc["mineral"] as? [String: Any])
                let gap = try #require(mineral["gap"] as? [String: Any])
                // Conservation: the gap is covered or not.
                let g = try #require(gap["gap"] as? Double), c = try #require(gap["covered"] as? Double), u = try #require(gap["uncovered"] as? Double)
                #expect(g > 0 && abs(g - c - u) < 1e-9 * g)
            }
            try await client.execute(uri: "/api/v1/scenario?example=nope", method: .get) { r in
                #expect(r.status == .badRequest)
                #expect(r.apiError?.error.message.contains("battery-ban") == true)
            }
        }
    }

    @Test func secondRequestIsServedFromTheCache() async throws {
        try await TestServer.withClient { client in
            let uri = "/api/v1/alliances?table4=true"
            let first = try await client.execute(uri: uri, method: .get) { $0.text }
            let before = TestServer.app.responses.statistics.hits
            let second = try await client.execute(uri: uri, method: .get) { $0.text }
            #expect(first == second)
            #expect(TestServer.app.responses.statistics.hits > before)
        }
    }
}

@Suite struct PageTests {
    @Test(arguments: ["/", "/trend", "/trend?reporter=DEU&rival=CHN", "/minerals", "/minerals?mineral=lithium&edition=2023",
                      "/framework", "/framework?chain=batteries", "/policy", "/policy?instrument=export-control&from=2018", "/alliances", "/alliances?alliance=MSP",
                      "/exposure", "/scenarios", "/scenarios?example=icio-c26-cut", "/ira", "/api"])
    func pageRenders(uri: String) async throws {
        try await TestServer.withClient { client in
            try await client.execute(uri: uri, method: .get, headers: [.accept: "text/html"]) { r in
                #expect(r.status == .ok)
                #expect(r.headers[.contentType]?.hasPrefix("text/html") == true)
                let html = r.text
                #expect(html.hasPrefix("<!DOCTYPE html>"))
                #expect(html.contains("aria-current=\"page\""))
                #expect(!html.contains("src=\"http") && !html.contains("rel=\"stylesheet\""))  // no external assets
                if uri == "/exposure" { #expect(html.contains("Looking through the supply chain")) }
                if !["/ira", "/api"].contains(where: { uri.hasPrefix($0) }) {
                    #expect(html.contains("<svg"))
                    #expect(html.contains("Source:"))
                }
            }
        }
    }

    @Test func iraFormPostShowsTheSteps() async throws {
        let bom = String(decoding: try TestServer.exampleBOM, as: UTF8.self)
        let boundary = "XyZ123"
        let body = "--\(boundary)\r\nContent-Disposition: form-data; name=\"bom\"\r\n\r\n\(bom)\r\n--\(boundary)\r\nContent-Disposition: form-data; name=\"file\"; filename=\"\"\r\nContent-Type: application/octet-stream\r\n\r\n\r\n--\(boundary)\r\nContent-Disposition: form-data; name=\"date\"\r\n\r\n\r\n--\(boundary)--\r\n"
        try await TestServer.withClient { client in
            try await client.execute(uri: "/ira", method: .post,
                                     headers: [.contentType: "multipart/form-data; boundary=\(boundary)", .accept: "text/html"],
                                     body: ByteBuffer(string: body)) { r in
                #expect(r.status == .ok)
                #expect(r.text.contains("id=\"result\""))
                #expect(r.text.contains("<svg"))
            }
            // The same form with a broken BOM: a 422 page listing the problems, for a browser.
            let broken = body.replacingOccurrences(of: "\"schemaVersion\": 1", with: "\"schemaVersion\": 7")
            try await client.execute(uri: "/ira", method: .post,
                                     headers: [.contentType: "multipart/form-data; boundary=\(boundary)", .accept: "text/html"],
                                     body: ByteBuffer(string: broken)) { r in
                #expect(r.status == .unprocessableContent)
                #expect(r.text.contains("class=\"error\""))
            }
        }
    }

    @Test func browserGetsAnHTMLErrorPageAndToolsGetJSON() async throws {
        try await TestServer.withClient { client in
            try await client.execute(uri: "/trend?reporter=XXX", method: .get, headers: [.accept: "text/html"]) { r in
                #expect(r.status == .badRequest)
                #expect(r.headers[.contentType]?.hasPrefix("text/html") == true)
            }
            try await client.execute(uri: "/trend?reporter=XXX", method: .get) { r in
                #expect(r.status == .badRequest)
                #expect(r.apiError?.error.parameter == "reporter")
            }
        }
    }
}
