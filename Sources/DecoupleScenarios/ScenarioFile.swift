import DecoupleCore
import Foundation

/// A scenario file (`decouple-scenario/1`, JSON; documented in docs/scenario.md):
///
/// ```json
/// { "schema": "decouple-scenario/1", "name": "…", "description": "…",
///   "shock": { "supplier": "CHN", "importer": "USA", "cut": 1.0, "tariff": "prohibitive", "startYear": 2025 },
///   "alliance": ["JPN", "KOR"],
///   "products": { "dataset": "census-hs6-2024", "hs6": ["850760"], "headroom": 0.5 },
///   "mineral": { "dataset": "usgs-mcs", "edition": 2024, "commodity": "galli", "exportShare": 1.0 },
///   "sectors": { "dataset": "oecd-icio-2022", "codes": ["C26"], "top": 10 },
///   "elasticities": { "importDemand": 1.0, "substitution": 3.0, "exportSupply": "infinite" },
///   "capacityGrowthPerYear": 0.1,
///   "deadlock": { "target": "CHN", "sanctioner": "USA", "low": 0.05, "high": 0.2 } }
/// ```
/// At least one of `products`, `mineral`, `sectors` is required. Unknown keys are rejected.
public struct Scenario: Sendable, Codable, Hashable {
    public enum Tariff: Sendable, Codable, Hashable {
        case adValorem(Double)
        case prohibitive
    }
    public struct Products: Sendable, Codable, Hashable {
        public var dataset: String
        public var hs6: [String]
        /// Capacity proxy: each alliance supplier can raise its shipments to the importer by
        /// `headroom` × its current shipments.
        public var headroom: Double
    }
    public struct Mineral: Sendable, Codable, Hashable {
        public var edition: Int
        public var commodity: String
        /// Share of the supplier's production assumed to leave the country (lost to the others).
        public var exportShare: Double
        /// Used only when the file has no capacity column: spare = production × this share.
        public var redirectableShare: Double
    }
    public struct Sectors: Sendable, Codable, Hashable {
        public var dataset: String
        public var codes: [String]
        public var top: Int
    }
    public struct Elasticities: Sendable, Codable, Hashable {
        public var importDemand: Double
        public var substitution: Double
        /// nil = infinite.
        public var exportSupply: Double?
    }
    public struct Deadlock: Sendable, Codable, Hashable {
        public var target: String
        public var sanctioner: String
        public var low: Double
        public var high: Double
    }

    public var name: String
    public var description: String
    public var supplier: String
    public var importer: String
    public var cut: Double
    public var tariff: Tariff
    public var startYear: Int?
    public var alliance: [String]
    public var products: Products?
    public var mineral: Mineral?
    public var sectors: Sectors?
    public var elasticities: Elasticities
    public var capacityGrowthPerYear: Double
    public var deadlock: Deadlock?
}

/// A scenario file that does not match the schema:
/// `file:line:column: $.json.path: what was expected`.
public typealias ScenarioFileError = JSONInputError

public enum ScenarioParser {
    public static let schema = "decouple-scenario/1"

    public static func read(path: String) throws -> Scenario {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw ScenarioFileError(file: path, path: "$", message: "cannot read the file")
        }
        return try parse(data, file: path)
    }

    public static func parse(_ data: Data, file: String) throws -> Scenario {
        let root: Any
        do { root = try JSONSerialization.jsonObject(with: data, options: [.fragmentsAllowed]) } catch {
            let (line, column) = JSONText.location(of: error, in: data)
            throw ScenarioFileError(file: file, line: line ?? 1, column: column ?? 1, path: "$", message: "not valid JSON (\(JSONText.detail(of: error)))")
        }
        if let d = JSONText.firstStrictnessFault(in: data) {
            throw ScenarioFileError(file: file, line: d.line, column: d.column, path: "$", message: d.message)
        }
        let r = Reader(file: file, positions: JSONPositions(data))
        let top = try r.object(root, "$", allowed: ["schema", "name", "description", "shock", "alliance", "products", "mineral",
                                                   "sectors", "elasticities", "capacityGrowthPerYear", "deadlock"])
        let schema = try r.string(top, "schema", "$")
        guard schema == Self.schema else { throw r.error("$.schema", "expected \"\(Self.schema)\", found \"\(schema)\"") }
        let shock = try r.object(r.required(top, "shock", "$"), "$.shock", allowed: ["supplier", "importer", "cut", "tariff", "startYear"])
        let tariff: Scenario.Tariff
        switch shock["tariff"] {
        case nil: tariff = .prohibitive
        case let s as String where s == "prohibitive": tariff = .prohibitive
        default:
            let t = try r.number(shock, "tariff", "$.shock", in: 0...100, expected: "\"prohibitive\" or an ad-valorem rate ≥ 0 (0.25 = 25 %)")
            tariff = .adValorem(t)
        }
        var sc = Scenario(
            name: try r.string(top, "name", "$"),
            description: (top["description"] != nil) ? try r.string(top, "description", "$") : "",
            supplier: try r.code(shock, "supplier", "$.shock"),
            importer: try r.code(shock, "importer", "$.shock"),
            cut: shock["cut"] == nil ? 1 : try r.number(shock, "cut", "$.shock", in: 0...1, expected: "a fraction between 0 and 1 (1 = full cut)"),
            tariff: tariff,
            startYear: shock["startYear"] == nil ? nil : Int(try r.number(shock, "startYear", "$.shock", in: 1900...2100, expected: "a year", integer: true)),
            alliance: [], products: nil, mineral: nil, sectors: nil,
            elasticities: .init(importDemand: 1, substitution: 3, exportSupply: nil),
            capacityGrowthPerYear: top["capacityGrowthPerYear"] == nil ? 0 : try r.number(top, "capacityGrowthPerYear", "$", in: 0...10, expected: "a yearly growth rate ≥ 0 (0.1 = 10 %)"),
            deadlock: nil)
        guard sc.supplier != sc.importer else { throw r.error("$.shock.importer", "expected an economy other than the supplier \(sc.supplier)") }
        if let a = top["alliance"] {
            guard let list = a as? [Any] else { throw r.error("$.alliance", "expected an array of ISO3 codes, found \(r.kind(a))") }
            sc.alliance = try list.enumerated().map { i, v in try r.codeValue(v, "$.alliance[\(i)]") }
            if let i = sc.alliance.firstIndex(of: sc.supplier) { throw r.error("$.alliance[\(i)]", "the cut supplier \(sc.supplier) cannot be in the alliance") }
        }
        if let p = top["products"] {
            let o = try r.object(p, "$.products", allowed: ["dataset", "hs6", "headroom"])
            let ds = try r.string(o, "dataset", "$.products")
            guard ds == "census-hs6-2024" else { throw r.error("$.products.dataset", "expected \"census-hs6-2024\" (the bundled US imports by HS6 and partner), found \"\(ds)\"") }
            guard let codes = r.required(o, "hs6", "$.products").flatMap({ $0 as? [Any] }), !codes.isEmpty else {
                throw r.error("$.products.hs6", "expected a non-empty array of 6-digit HS codes")
            }
            let hs = try codes.enumerated().map { i, v -> String in
                guard let s = v as? String, s.count == 6, s.allSatisfy(\.isASCII), s.allSatisfy(\.isNumber) else {
                    throw r.error("$.products.hs6[\(i)]", "expected a 6-digit HS code such as \"850760\", found \(r.show(v))")
                }
                return s
            }
            sc.products = .init(dataset: ds, hs6: hs,
                                headroom: o["headroom"] == nil ? 0.5 : try r.number(o, "headroom", "$.products", in: 0...100, expected: "a number ≥ 0 (0.5 = +50 % of current shipments)"))
        }
        if let m = top["mineral"] {
            let o = try r.object(m, "$.mineral", allowed: ["dataset", "edition", "commodity", "exportShare", "redirectableShare"])
            if o["dataset"] != nil {
                let ds = try r.string(o, "dataset", "$.mineral")
                guard ds == "usgs-mcs" else { throw r.error("$.mineral.dataset", "expected \"usgs-mcs\", found \"\(ds)\"") }
            }
            sc.mineral = .init(edition: Int(try r.number(o, "edition", "$.mineral", in: 2022...2024, expected: "a bundled MCS edition (2022, 2023 or 2024)", integer: true)),
                               commodity: try r.string(o, "commodity", "$.mineral"),
                               exportShare: o["exportShare"] == nil ? 1 : try r.number(o, "exportShare", "$.mineral", in: 0...1, expected: "a fraction between 0 and 1"),
                               redirectableShare: o["redirectableShare"] == nil ? 0.1 : try r.number(o, "redirectableShare", "$.mineral", in: 0...1, expected: "a fraction between 0 and 1"))
        }
        if let s = top["sectors"] {
            let o = try r.object(s, "$.sectors", allowed: ["dataset", "codes", "top"])
            let ds = o["dataset"] == nil ? "oecd-icio-2022" : try r.string(o, "dataset", "$.sectors")
            guard ds == "oecd-icio-2022" else { throw r.error("$.sectors.dataset", "expected \"oecd-icio-2022\", found \"\(ds)\"") }
            guard let codes = r.required(o, "codes", "$.sectors").flatMap({ $0 as? [Any] }), !codes.isEmpty else {
                throw r.error("$.sectors.codes", "expected a non-empty array of ICIO sector codes such as \"C26\"")
            }
            let list = try codes.enumerated().map { i, v -> String in
                guard let c = v as? String, !c.isEmpty else { throw r.error("$.sectors.codes[\(i)]", "expected an ICIO sector code such as \"C26\", found \(r.show(v))") }
                return c
            }
            sc.sectors = .init(dataset: ds, codes: list,
                               top: o["top"] == nil ? 10 : Int(try r.number(o, "top", "$.sectors", in: 1...4000, expected: "a positive integer", integer: true)))
        }
        guard sc.products != nil || sc.mineral != nil || sc.sectors != nil else {
            throw r.error("$", "expected at least one of \"products\", \"mineral\", \"sectors\"")
        }
        if let e = top["elasticities"] {
            let o = try r.object(e, "$.elasticities", allowed: ["importDemand", "substitution", "exportSupply"])
            var el = sc.elasticities
            if o["importDemand"] != nil { el.importDemand = try r.number(o, "importDemand", "$.elasticities", in: 0...100, expected: "the import-demand elasticity in absolute value (≥ 0)") }
            if o["substitution"] != nil {
                el.substitution = try r.number(o, "substitution", "$.elasticities", in: 0...100, expected: "the substitution elasticity (> 0)")
                guard el.substitution > 0 else { throw r.error("$.elasticities.substitution", "expected a substitution elasticity > 0, found 0") }
            }
            switch o["exportSupply"] {
            case nil: break
            case let s as String where s == "infinite": el.exportSupply = nil
            default: el.exportSupply = try r.number(o, "exportSupply", "$.elasticities", in: 0...1e6, expected: "\"infinite\" or a number ≥ 0")
            }
            sc.elasticities = el
        }
        if case .prohibitive = sc.tariff, sc.products != nil, sc.elasticities.substitution <= 1 {
            throw r.error("$.elasticities.substitution", "a prohibitive tariff needs a substitution elasticity > 1, found \(sc.elasticities.substitution)")
        }
        if let d = top["deadlock"] {
            let o = try r.object(d, "$.deadlock", allowed: ["target", "sanctioner", "low", "high"])
            let dl = Scenario.Deadlock(target: try r.code(o, "target", "$.deadlock"), sanctioner: try r.code(o, "sanctioner", "$.deadlock"),
                                       low: o["low"] == nil ? 0.05 : try r.number(o, "low", "$.deadlock", in: 0...1, expected: "a dependence share between 0 and 1"),
                                       high: o["high"] == nil ? 0.2 : try r.number(o, "high", "$.deadlock", in: 0...1, expected: "a dependence share between 0 and 1"))
            guard dl.low < dl.high else { throw r.error("$.deadlock.high", "expected high > low (\(dl.low)), found \(dl.high)") }
            guard dl.target != dl.sanctioner else { throw r.error("$.deadlock.sanctioner", "expected an economy other than the target") }
            sc.deadlock = dl
        }
        return sc
    }

    private struct Reader {
        let file: String
        let positions: JSONPositions
        /// An error at `path`, with the line and column where that value (or, for a missing
        /// key, its object) begins.
        func error(_ path: String, _ message: String) -> ScenarioFileError {
            ScenarioFileError(file: file, path: path, message: message).located(in: positions)
        }
        /// JSON true/false arrive as NSNumber with objCType "c" (Darwin and swift-corelibs-foundation).
        func isBool(_ n: NSNumber) -> Bool { String(cString: n.objCType) == "c" }
        func kind(_ v: Any) -> String {
            switch v {
            case is String: "a string"
            case is NSNull: "null"
            case let n as NSNumber: isBool(n) ? "a boolean" : "a number"
            case is [Any]: "an array"
            case is [String: Any]: "an object"
            default: "\(type(of: v))"
            }
        }
        func show(_ v: Any) -> String {
            if let s = v as? String { return "\"\(s)\"" }
            return kind(v)
        }
        func object(_ v: Any?, _ path: String, allowed: Set<String>) throws -> [String: Any] {
            guard let o = v as? [String: Any] else { throw error(path, "expected an object, found \(v.map(kind) ?? "nothing")") }
            if let bad = o.keys.sorted().first(where: { !allowed.contains($0) }) {
                throw error(path + "." + bad, "unknown key; expected one of \(allowed.sorted().joined(separator: ", "))")
            }
            return o
        }
        func required(_ o: [String: Any], _ key: String, _ path: String) -> Any? { o[key] }
        func string(_ o: [String: Any], _ key: String, _ path: String) throws -> String {
            guard let v = o[key] else { throw error(path + "." + key, "missing; expected a string") }
            guard let s = v as? String, !s.trimmingCharacters(in: .whitespaces).isEmpty else {
                throw error(path + "." + key, "expected a non-empty string, found \(show(v))")
            }
            return s
        }
        func codeValue(_ v: Any, _ path: String) throws -> String {
            guard let s = v as? String, (2...3).contains(s.count), s.allSatisfy({ $0.isASCII && $0.isUppercase }) else {
                throw error(path, "expected an ISO3 economy code such as \"CHN\" (or EU), found \(show(v))")
            }
            return s
        }
        func code(_ o: [String: Any], _ key: String, _ path: String) throws -> String {
            guard let v = o[key] else { throw error(path + "." + key, "missing; expected an ISO3 economy code such as \"CHN\"") }
            return try codeValue(v, path + "." + key)
        }
        func number(_ o: [String: Any], _ key: String, _ path: String, in range: ClosedRange<Double>, expected: String,
                    integer: Bool = false) throws -> Double {
            let p = path + "." + key
            guard let v = o[key] else { throw error(p, "missing; expected \(expected)") }
            guard let n = v as? NSNumber, !isBool(n) else { throw error(p, "expected \(expected), found \(show(v))") }
            let d = n.doubleValue
            guard d.isFinite, range.contains(d), !integer || d == d.rounded() else { throw error(p, "expected \(expected), found \(d)") }
            return d
        }
    }
}
