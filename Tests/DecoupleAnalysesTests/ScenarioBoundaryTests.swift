import DecoupleAnalyses
import DecoupleTestSupport
import Foundation
import Testing

/// Issue #22: a scenario parameter that passed validation yielded NaN (`-nan` in CSV, an
/// EncodingError in JSON). Every numeric parameter of the two bundled trade and mineral
/// scenarios is set to the edges of its validated range; each run must either be refused with
/// a message or give finite numbers that encode to JSON.
@Suite struct ScenarioBoundaryTests {
    nonisolated(unsafe) static let edges: [(path: [String], values: [Any])] = [
        (["shock", "cut"], [0.0, 1e-12, 1.0]),
        (["shock", "tariff"], [0.0, 1e-12, 100.0, "prohibitive"]),
        (["elasticities", "importDemand"], [0.0, 1e-12, 100.0]),
        (["elasticities", "substitution"], [1e-12, 1.0000001, 100.0]),
        (["elasticities", "exportSupply"], [0.0, 1e-12, 1e6, "infinite"]),
        (["capacityGrowthPerYear"], [0.0, 10.0]),
        (["products", "headroom"], [0.0, 1e-12]),
        (["mineral", "exportShare"], [0.0, 1e-12, 1.0]),
        (["mineral", "redirectableShare"], [0.0, 1.0]),
    ]

    static func setting(_ object: [String: Any], _ path: [String], _ value: Any) -> [String: Any]? {
        var o = object
        if path.count == 1 { o[path[0]] = value; return o }
        guard var inner = o[path[0]] as? [String: Any] ?? (path[0] == "elasticities" ? [:] : nil) else { return nil }
        inner[path[1]] = value
        o[path[0]] = inner
        return o
    }

    @Test(arguments: ["battery-ban.json", "gallium-export-cut.json"])
    func everyEdgeIsRefusedOrFinite(_ name: String) throws {
        let f = try Fixtures()
        let base = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: Bundled.catalog.root + "/scenarios/" + name))) as! [String: Any]
        var runs = 0, refused = 0, messages: [String] = []
        for (path, values) in Self.edges {
            for value in values {
                guard let object = Self.setting(base, path, value) else { continue }
                let file = try f.file("s.json", String(decoding: try JSONSerialization.data(withJSONObject: object), as: UTF8.self))
                let label = "\(name) \(path.joined(separator: ".")) = \(value)"
                let result: ScenarioResult
                do { result = try ScenarioAnalysis.run(path: file, catalog: Bundled.catalog) } catch {
                    refused += 1
                    messages.append("\(error)")
                    #expect(!"\(error)".isEmpty, "\(label)")
                    continue
                }
                runs += 1
                // DecoupleJSON writes a non-finite number as the string "nan", "inf" or "-inf".
                let json = try DecoupleJSON.encode(result)
                if json.contains("no finite equilibrium") { messages.append(json) }
                let nonFinite = ["\"nan\"", "\"inf\"", "\"-inf\""].filter { json.contains($0) }
                #expect(nonFinite.isEmpty, "\(label): \(nonFinite) in \(json.split(separator: "\n").filter { l in nonFinite.contains { l.contains($0) } }.prefix(3))")
            }
        }
        #expect(runs > 10, "\(runs) runs, \(refused) refused")
        if name == "battery-ban.json" {
            // σ = 1.0000001 with a prohibitive cut: valid parameters, no finite answer — the
            // partial-equilibrium part says so (the supply gap is still computed), not NaN.
            #expect(messages.contains { $0.contains("no finite equilibrium with a substitution elasticity of 1.0000001") }, "\(messages)")
        }
    }
}
