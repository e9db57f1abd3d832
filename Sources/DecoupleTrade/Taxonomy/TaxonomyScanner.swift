import DecoupleCore
import Foundation

/// Walks the parsed JSON of a taxonomy file, building the domain types and recording every
/// schema violation with its JSON path.
struct Scanner {
    let file: String
    var issues: IssueCollector
    /// Where each value stands in the text: every issue names its line and column.
    let positions: JSONPositions?

    init(file: String, limit: Int, positions: JSONPositions? = nil) {
        self.file = file
        issues = IssueCollector(file: file, limit: limit)
        self.positions = positions
    }

    func finish() throws { try issues.finish() }

    /// Records an issue at `path` (`chains[3] › stages[1] › id`) with the line and column where
    /// that value (or, for a missing field, its object) begins.
    /// `at` names another value to point at (the value of an unknown field, not its object).
    mutating func fail(_ path: String, at: String? = nil, _ message: String) throws {
        let at = positions?.position(path: at ?? path)
        try issues.add(line: at?.line, column: at?.column, path.isEmpty ? message : "\(path): \(message)")
    }

    /// `path › key`, or `key` at the top.
    static func join(_ path: String, _ key: String) -> String { path.isEmpty ? key : "\(path) › \(key)" }

    static let topKeys: Set = ["schemaVersion", "title", "editions", "arenas", "levels", "chains", "criticalMinerals", "editionChanges"]
    static let chainKeys: Set = ["id", "name", "arena", "note", "stages"]
    static let stageKeys: Set = ["id", "name", "level", "note", "products"]
    static let productKeys: Set = ["description", "codes", "weight", "shared", "alsoIn", "minerals", "source", "note"]
    static let mineralKeys: Set = ["name", "list2022", "list2018", "list2018Entry", "chain", "hsAvailable", "reason", "note"]
    static let changeKeys: Set = ["from", "to", "old", "new", "note", "source"]

    mutating func object(_ value: Any?, _ path: String, keys: Set<String>) throws -> [String: Any]? {
        guard let o = value as? [String: Any] else {
            try fail(path, "expected an object")
            return nil
        }
        for k in o.keys.sorted() where !keys.contains(k) {
            try fail(path, at: Self.join(path, k), "unknown field '\(k)' (expected one of \(keys.sorted().joined(separator: ", ")))")
        }
        return o
    }

    mutating func string(_ o: [String: Any], _ key: String, _ path: String, required: Bool = true) throws -> String? {
        guard let v = o[key], !(v is NSNull) else {
            if required { try fail(path, "missing field '\(key)'") }
            return nil
        }
        guard let s = v as? String else { try fail(Self.join(path, key), "expected a string"); return nil }
        return s
    }

    mutating func bool(_ o: [String: Any], _ key: String, _ path: String, required: Bool = false) throws -> Bool? {
        guard let v = o[key], !(v is NSNull) else {
            if required { try fail(path, "missing field '\(key)'") }
            return nil
        }
        guard let n = v as? NSNumber, isJSONBool(n) else { try fail(Self.join(path, key), "expected true or false"); return nil }
        return n.boolValue
    }

    mutating func strings(_ o: [String: Any], _ key: String, _ path: String) throws -> [String] {
        guard let v = o[key], !(v is NSNull) else { return [] }
        guard let a = v as? [Any], a.allSatisfy({ $0 is String }) else { try fail(Self.join(path, key), "expected a list of strings"); return [] }
        return a as! [String]
    }

    static func isKebab(_ s: String) -> Bool {
        !s.isEmpty && s.utf8.allSatisfy { ($0 >= 97 && $0 <= 122) || ($0 >= 48 && $0 <= 57) || $0 == 45 } && !s.hasPrefix("-") && !s.hasSuffix("-")
    }

    mutating func document(_ value: Any) throws -> TaxonomyLoader.Part {
        var part = TaxonomyLoader.Part()
        guard let top = try object(value, "", keys: Self.topKeys) else { return part }
        if let v = top["schemaVersion"] {
            if (v as? NSNumber)?.intValue != 1 || (v as? NSNumber).map(isJSONBool) == true {
                try fail("schemaVersion", "expected 1, found \(v)")
            }
        } else {
            try fail("", "missing field 'schemaVersion' (expected 1)")
        }
        part.title = try string(top, "title", "", required: false)
        for (i, e) in try strings(top, "editions", "").enumerated() where HSEdition(rawValue: e) == nil {
            try fail("editions[\(i)]", "unknown HS edition '\(e)' (expected \(HSEdition.allCases.map(\.rawValue).joined(separator: ", ")))")
        }
        for (i, a) in try strings(top, "arenas", "").enumerated() where Arena(rawValue: a) == nil {
            try fail("arenas[\(i)]", "unknown arena '\(a)' (expected \(Arena.allCases.map(\.rawValue).joined(separator: ", ")))")
        }
        for (i, l) in try strings(top, "levels", "").enumerated() where StageLevel(rawValue: l) == nil {
            try fail("levels[\(i)]", "unknown level '\(l)' (expected \(StageLevel.allCases.map(\.rawValue).joined(separator: ", ")))")
        }
        if let chains = top["chains"] {
            guard let list = chains as? [Any] else { try fail("chains", "expected a list"); return part }
            for (i, c) in list.enumerated() { if let chain = try self.chain(c, "chains[\(i)]") { part.chains.append(chain) } }
        }
        if let minerals = top["criticalMinerals"] {
            guard let list = minerals as? [Any] else { try fail("criticalMinerals", "expected a list"); return part }
            for (i, m) in list.enumerated() { if let mineral = try self.mineral(m, "criticalMinerals[\(i)]") { part.minerals.append(mineral) } }
        }
        if let changes = top["editionChanges"] {
            guard let list = changes as? [Any] else { try fail("editionChanges", "expected a list"); return part }
            for (i, c) in list.enumerated() { if let change = try self.change(c, "editionChanges[\(i)]") { part.changes.append(change) } }
        }
        return part
    }

    mutating func chain(_ value: Any, _ path: String) throws -> SupplyChain? {
        guard let o = try object(value, path, keys: Self.chainKeys) else { return nil }
        let id = try string(o, "id", path) ?? ""
        let path = id.isEmpty ? path : "\(path) (\(id))"
        if !id.isEmpty && !Self.isKebab(id) { try fail("\(path) › id", "expected a kebab-case id such as 'solar-pv', found '\(id)'") }
        let name = try string(o, "name", path) ?? ""
        let arenaText = try string(o, "arena", path) ?? ""
        let arena = Arena(rawValue: arenaText)
        if arena == nil && !arenaText.isEmpty {
            try fail("\(path) › arena", "unknown arena '\(arenaText)' (expected \(Arena.allCases.map(\.rawValue).joined(separator: ", ")))")
        }
        var stages: [ChainStage] = []
        if let list = o["stages"] as? [Any] {
            var ids: Set<String> = []
            for (i, s) in list.enumerated() {
                if let stage = try self.stage(s, "\(path) › stages[\(i)]") {
                    if !ids.insert(stage.id).inserted { try fail("\(path) › stages[\(i)]", "stage id '\(stage.id)' is used twice in this chain") }
                    stages.append(stage)
                }
            }
        } else {
            try fail(path, "missing field 'stages' (a list)")
        }
        guard let arena, !id.isEmpty else { return nil }
        return SupplyChain(id: id, name: name, arena: arena, note: try string(o, "note", path, required: false), stages: stages)
    }

    mutating func stage(_ value: Any, _ path: String) throws -> ChainStage? {
        guard let o = try object(value, path, keys: Self.stageKeys) else { return nil }
        let id = try string(o, "id", path) ?? ""
        let path = id.isEmpty ? path : "\(path) (\(id))"
        if !id.isEmpty && !Self.isKebab(id) { try fail("\(path) › id", "expected a kebab-case id such as 'cells', found '\(id)'") }
        let name = try string(o, "name", path) ?? ""
        let levelText = try string(o, "level", path) ?? ""
        let level = StageLevel(rawValue: levelText)
        if level == nil && !levelText.isEmpty {
            try fail("\(path) › level", "unknown level '\(levelText)' (expected upstream, midstream or downstream)")
        }
        var products: [StageProduct] = []
        if let list = o["products"] as? [Any] {
            for (i, p) in list.enumerated() { if let product = try self.product(p, "\(path) › products[\(i)]") { products.append(product) } }
        } else {
            try fail(path, "missing field 'products' (a list)")
        }
        guard let level, !id.isEmpty else { return nil }
        return ChainStage(id: id, name: name, level: level, note: try string(o, "note", path, required: false), products: products)
    }

    mutating func product(_ value: Any, _ path: String) throws -> StageProduct? {
        guard let o = try object(value, path, keys: Self.productKeys) else { return nil }
        let description = try string(o, "description", path) ?? ""
        let source = try string(o, "source", path) ?? ""
        var codes: [HSEdition: [String]] = [:]
        if let c = try object(o["codes"], "\(path) › codes", keys: Set(HSEdition.allCases.map(\.rawValue))) {
            for (key, list) in c.sorted(by: { $0.key < $1.key }) {
                guard let edition = HSEdition(rawValue: key) else { continue }
                guard let items = list as? [Any] else { try fail("\(path) › codes › \(key)", "expected a list of HS6 codes"); continue }
                var ok: [String] = []
                for (i, item) in items.enumerated() {
                    guard let code = item as? String, code.utf8.count == 6, code.utf8.allSatisfy({ $0 >= 48 && $0 <= 57 }) else {
                        try fail("\(path) › codes › \(key)[\(i)]", "expected a 6-digit HS code as a string such as \"854143\", found \(item)")
                        continue
                    }
                    ok.append(code)
                }
                codes[edition] = ok
            }
        }
        var weight: [HSEdition: Double]?
        if let w = o["weight"] {
            if let obj = try object(w, "\(path) › weight", keys: Set(HSEdition.allCases.map(\.rawValue))) {
                var parsed: [HSEdition: Double] = [:]
                for (key, v) in obj.sorted(by: { $0.key < $1.key }) {
                    guard let e = HSEdition(rawValue: key) else { continue }
                    guard let n = v as? NSNumber, !isJSONBool(n), n.doubleValue > 0, n.doubleValue <= 1 else {
                        try fail("\(path) › weight › \(key)", "expected a number in (0, 1], found \(v)")
                        continue
                    }
                    if (codes[e] ?? []).isEmpty { try fail("\(path) › weight › \(key)", "a weight for an edition without codes") }
                    parsed[e] = n.doubleValue
                }
                for (e, list) in codes where !list.isEmpty && parsed[e] == nil {
                    try fail("\(path) › weight", "missing a weight for \(e.rawValue), which has codes")
                }
                weight = parsed
            }
        }
        return StageProduct(description: description, codes: codes, weight: weight,
                            shared: try bool(o, "shared", path) ?? false,
                            alsoIn: try strings(o, "alsoIn", path), minerals: try strings(o, "minerals", path),
                            source: source, note: try string(o, "note", path, required: false))
    }

    mutating func mineral(_ value: Any, _ path: String) throws -> CriticalMineral? {
        guard let o = try object(value, path, keys: Self.mineralKeys) else { return nil }
        guard let name = try string(o, "name", path) else { return nil }
        let path = "\(path) (\(name))"
        return CriticalMineral(name: name, list2022: try bool(o, "list2022", path, required: true) ?? false,
                               list2018: try bool(o, "list2018", path, required: true) ?? false,
                               list2018Entry: try string(o, "list2018Entry", path, required: false),
                               chain: try string(o, "chain", path, required: false),
                               hsAvailable: try bool(o, "hsAvailable", path),
                               reason: try string(o, "reason", path, required: false),
                               note: try string(o, "note", path, required: false))
    }

    mutating func change(_ value: Any, _ path: String) throws -> EditionChange? {
        guard let o = try object(value, path, keys: Self.changeKeys) else { return nil }
        let fromText = try string(o, "from", path) ?? "", toText = try string(o, "to", path) ?? ""
        guard let from = HSEdition(rawValue: fromText), let to = HSEdition(rawValue: toText) else {
            try fail(path, "expected HS editions in 'from' and 'to', found '\(fromText)' and '\(toText)'")
            return nil
        }
        return EditionChange(from: from, to: to, old: try strings(o, "old", path), new: try strings(o, "new", path),
                             note: try string(o, "note", path) ?? "", source: try string(o, "source", path, required: false))
    }
}
