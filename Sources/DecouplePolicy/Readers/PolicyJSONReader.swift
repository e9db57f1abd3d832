import DecoupleCore
import DecoupleTrade
import Foundation

/// Walks a parsed JSON document of the policy data files and of IRA bills of materials,
/// building values and recording every schema violation with its JSON path
/// (`alliances[4] (msp) › members[2] › joined: expected …`).
///
/// The same conventions as the taxonomy loader: unknown fields are errors, missing required
/// fields are errors, up to `limit` issues are collected before failing, nothing is skipped.
struct PolicyJSONReader {
    let file: String
    var issues: IssueCollector
    let countries: CountryTable
    /// Where each value stands in the text: every issue names its line and column.
    let positions: JSONPositions?

    init(file: String, limit: Int, countries: CountryTable = .standard, positions: JSONPositions? = nil) {
        self.file = file
        issues = IssueCollector(file: file, limit: limit)
        self.countries = countries
        self.positions = positions
    }

    /// Reads and parses a JSON file, failing with the line and column of a syntax error; also
    /// returns where each value stands, for the reader's later messages.
    static func parse(path: String, file: String, what: String) throws -> (json: Any, positions: JSONPositions) {
        let data: Data
        do { data = try Data(contentsOf: URL(fileURLWithPath: path)) } catch {
            throw DataReadError(issues: [DataIssue(file: file, message: "cannot read file: \(error.localizedDescription)")])
        }
        return try parse(data: data, file: file, what: what)
    }

    static func parse(data: Data, file: String, what: String) throws -> (json: Any, positions: JSONPositions) {
        guard !data.isEmpty else { throw DataReadError(issues: [DataIssue(file: file, line: 1, column: 1, message: "empty file: expected \(what)")]) }
        let object: Any
        do { object = try JSONSerialization.jsonObject(with: data) } catch {
            let (line, column) = JSONText.location(of: error, in: data)
            throw DataReadError(issues: [DataIssue(file: file, line: line, column: column,
                                                   message: "invalid JSON: expected \(what) (\(JSONText.detail(of: error)))")])
        }
        if let d = JSONText.firstStrictnessFault(in: data) {
            throw DataReadError(issues: [DataIssue(file: file, line: d.line, column: d.column, message: d.message)])
        }
        return (object, JSONPositions(data))
    }

    func finish() throws { try issues.finish() }

    /// Records an issue at `path` (`alliances[4] (msp) › members[2] › joined`), with the line
    /// and column where that value (or, for a missing field, its object) begins.
    /// `at` names another value to point at (the value of an unknown field, not its object).
    mutating func fail(_ path: String, at: String? = nil, _ message: String) throws {
        let at = positions?.position(path: at ?? path)
        try issues.add(line: at?.line, column: at?.column, path.isEmpty ? message : "\(path): \(message)")
    }

    static func join(_ path: String, _ key: String) -> String { path.isEmpty ? key : "\(path) › \(key)" }

    // MARK: - Shapes

    mutating func object(_ value: Any?, _ path: String, keys: Set<String>) throws -> [String: Any]? {
        guard let o = value as? [String: Any] else {
            try fail(path, "expected an object, found \(Self.show(value))")
            return nil
        }
        for k in o.keys.sorted() where !keys.contains(k) {
            try fail(path, at: Self.join(path, k), "unknown field '\(k)' (expected one of \(keys.sorted().joined(separator: ", ")))")
        }
        return o
    }

    mutating func list(_ o: [String: Any], _ key: String, _ path: String, required: Bool = true, nonEmpty: Bool = false) throws -> [Any]? {
        guard let v = o[key], !(v is NSNull) else {
            if required { try fail(path, "missing field '\(key)' (a list)") }
            return nil
        }
        guard let a = v as? [Any] else { try fail(Self.join(path, key), "expected a list, found \(Self.show(v))"); return nil }
        if nonEmpty && a.isEmpty { try fail(Self.join(path, key), "expected at least one entry, found an empty list") }
        return a
    }

    mutating func string(_ o: [String: Any], _ key: String, _ path: String, required: Bool = true) throws -> String? {
        guard let v = o[key], !(v is NSNull) else {
            if required { try fail(path, "missing field '\(key)'") }
            return nil
        }
        guard let s = v as? String else { try fail(Self.join(path, key), "expected a string, found \(Self.show(v))"); return nil }
        if required && s.trimmingCharacters(in: .whitespaces).isEmpty { try fail(Self.join(path, key), "expected a non-empty string"); return nil }
        return s
    }

    mutating func strings(_ o: [String: Any], _ key: String, _ path: String) throws -> [String] {
        guard let v = o[key], !(v is NSNull) else { return [] }
        guard let a = v as? [Any], a.allSatisfy({ $0 is String }) else {
            try fail(Self.join(path, key), "expected a list of strings, found \(Self.show(v))")
            return []
        }
        return a as! [String]
    }

    mutating func bool(_ o: [String: Any], _ key: String, _ path: String, required: Bool) throws -> Bool? {
        guard let v = o[key], !(v is NSNull) else {
            if required { try fail(path, "missing field '\(key)' (true or false)") }
            return nil
        }
        guard let n = v as? NSNumber, isJSONBool(n) else { try fail(Self.join(path, key), "expected true or false, found \(Self.show(v))"); return nil }
        return n.boolValue
    }

    /// A finite number in `range`, with `what` describing the expected value in messages.
    mutating func number(_ o: [String: Any], _ key: String, _ path: String, required: Bool = true,
                         range: ClosedRange<Double>, what: String) throws -> Double? {
        guard let v = o[key], !(v is NSNull) else {
            if required { try fail(path, "missing field '\(key)' (\(what))") }
            return nil
        }
        guard let n = v as? NSNumber, !isJSONBool(n), n.doubleValue.isFinite else {
            try fail(Self.join(path, key), "expected \(what), found \(Self.show(v))")
            return nil
        }
        let x = n.doubleValue
        guard range.contains(x) else {
            try fail(Self.join(path, key), "expected \(what), found \(Self.show(v))")
            return nil
        }
        return x
    }

    mutating func integer(_ o: [String: Any], _ key: String, _ path: String, range: ClosedRange<Int>, what: String) throws -> Int? {
        guard let x = try number(o, key, path, range: Double(range.lowerBound)...Double(range.upperBound), what: what) else { return nil }
        guard let n = Int(exactly: x) else { try fail(Self.join(path, key), "expected \(what), found \(x)"); return nil }
        return n
    }

    mutating func day(_ o: [String: Any], _ key: String, _ path: String, required: Bool = true) throws -> CalendarDay? {
        guard let s = try string(o, key, path, required: required) else { return nil }
        guard let d = CalendarDay(s) else {
            try fail(Self.join(path, key), "expected a date YYYY-MM-DD between \(CalendarDay.plausibleYears.lowerBound) and \(CalendarDay.plausibleYears.upperBound), found '\(s)'")
            return nil
        }
        return d
    }

    mutating func policyDate(_ o: [String: Any], _ key: String, _ path: String, required: Bool = false) throws -> PolicyDate? {
        guard let s = try string(o, key, path, required: required) else { return nil }
        guard let d = PolicyDate(s) else {
            try fail(Self.join(path, key), "expected a date YYYY-MM-DD, YYYY-MM or YYYY, found '\(s)'")
            return nil
        }
        return d
    }

    /// A country code of any scheme the country table resolves (ISO3, ISO2, numeric, name).
    mutating func country(_ o: [String: Any], _ key: String, _ path: String, required: Bool = true) throws -> Country? {
        guard let s = try string(o, key, path, required: required) else { return nil }
        return try country(text: s, Self.join(path, key))
    }

    mutating func country(text: String, _ path: String) throws -> Country? {
        do { return try countries.resolve(text) } catch {
            try fail(path, "unknown country '\(text)' (expected an ISO 3166 code such as USA or CN, or a country name)")
            return nil
        }
    }

    mutating func countryList(_ o: [String: Any], _ key: String, _ path: String) throws -> [Country] {
        var out: [Country] = []
        for (i, s) in try strings(o, key, path).enumerated() {
            if let c = try country(text: s, "\(Self.join(path, key))[\(i)]") { out.append(c) }
        }
        return out
    }

    static let sourceKeys: Set = ["kind", "citation", "url", "verification"]

    /// The `sources` list: at least one entry, each with a kind and a citation, and a
    /// `verification` (`primary` or `as-quoted`) — required when `requireVerification`.
    mutating func sources(_ o: [String: Any], _ path: String, requireVerification: Bool = false) throws -> [PolicySource] {
        guard let list = try self.list(o, "sources", path, nonEmpty: true) else { return [] }
        var out: [PolicySource] = []
        for (i, item) in list.enumerated() {
            let p = "\(Self.join(path, "sources"))[\(i)]"
            guard let s = try object(item, p, keys: Self.sourceKeys) else { continue }
            let kindText = try string(s, "kind", p) ?? ""
            let kind = PolicySource.Kind(rawValue: kindText)
            if kind == nil && !kindText.isEmpty {
                try fail(Self.join(p, "kind"), "unknown source kind '\(kindText)' (expected \(PolicySource.Kind.allCases.map(\.rawValue).joined(separator: ", ")))")
            }
            let citation = try string(s, "citation", p)
            let url = try string(s, "url", p, required: false)
            if let url, !(url.hasPrefix("https://") || url.hasPrefix("http://")) {
                try fail(Self.join(p, "url"), "expected an http(s) URL, found '\(url)'")
            }
            let expected = PolicySource.Verification.allCases.map(\.rawValue).joined(separator: " or ")
            var verification: PolicySource.Verification?
            if s["verification"] == nil || s["verification"] is NSNull {
                if requireVerification { try fail(p, "missing field 'verification' (\(expected))") }
            } else if let text = try string(s, "verification", p, required: false) {
                verification = PolicySource.Verification(rawValue: text)
                if verification == nil { try fail(Self.join(p, "verification"), "unknown verification '\(text)' (expected \(expected))") }
            }
            if let kind, let citation { out.append(PolicySource(kind: kind, citation: citation, url: url, verification: verification)) }
        }
        return out
    }

    static let targetKeys: Set = ["chain", "stage"]

    /// The optional `targets` list: `{chain, stage?}` objects, checked against the taxonomy
    /// when one is given.
    mutating func targets(_ o: [String: Any], _ path: String, taxonomy: StrategicTaxonomy?) throws -> [ChainTarget] {
        var targets: [ChainTarget] = []
        for (i, t) in (try list(o, "targets", path, required: false) ?? []).enumerated() {
            let p = "\(Self.join(path, "targets"))[\(i)]"
            guard let to = try object(t, p, keys: Self.targetKeys), let chain = try string(to, "chain", p) else { continue }
            let stage = try string(to, "stage", p, required: false)
            if let taxonomy {
                if let c = taxonomy.chain(chain) {
                    if let stage, !c.stages.contains(where: { $0.id == stage }) {
                        try fail(Self.join(p, "stage"), "chain '\(chain)' has no stage '\(stage)' (it has \(c.stages.map(\.id).joined(separator: ", ")))")
                    }
                } else {
                    try fail(Self.join(p, "chain"), "unknown chain '\(chain)' (not in the taxonomy)")
                }
            }
            targets.append(ChainTarget(chain: chain, stage: stage))
        }
        return targets
    }

    static func isKebab(_ s: String) -> Bool {
        !s.isEmpty && s.utf8.allSatisfy { ($0 >= 97 && $0 <= 122) || ($0 >= 48 && $0 <= 57) || $0 == 45 } && !s.hasPrefix("-") && !s.hasSuffix("-")
    }

    mutating func id(_ o: [String: Any], _ path: String, example: String) throws -> String? {
        guard let id = try string(o, "id", path) else { return nil }
        if !Self.isKebab(id) { try fail(Self.join(path, "id"), "expected a kebab-case id such as '\(example)', found '\(id)'"); return nil }
        return id
    }

    /// A short rendering of a JSON value for messages.
    static func show(_ v: Any?) -> String {
        switch v {
        case nil: "nothing"
        case is NSNull: "null"
        case let s as String: "\"\(s)\""
        case let n as NSNumber: isJSONBool(n) ? (n.boolValue ? "true" : "false") : "\(n)"
        case is [Any]: "a list"
        case is [String: Any]: "an object"
        default: "\(v!)"
        }
    }
}
