import DecoupleCore

/// HS6 product lists per edition and the trade-weighted conversions between consecutive
/// editions (HS2012 ↔ HS2017 ↔ HS2022), read as data from the Atlas of Economic Complexity
/// common data (Harvard Growth Lab, Apache-2.0) bundled in `Data/hs/`.
public struct HSConcordance: Sendable {
    /// HS6 code → English name, per edition (HS2017 codes carry no names in the source).
    public private(set) var names: [HSEdition: [String: String]] = [:]
    /// The HS6 codes of each edition.
    public private(set) var codes: [HSEdition: Set<String>] = [:]
    /// (edition, code) → the codes of the next or previous edition it maps to, with the share of trade.
    private var links: [Key: [ConversionLink]] = [:]

    struct Key: Hashable, Sendable { let edition: HSEdition; let code: String }

    public static let provenance = Provenance(
        source: "Harvard Growth Lab, Atlas of Economic Complexity common data",
        edition: "atlas-common-data 1.1.1 (product lists HS2012, HS2022; conversion weights HS2012↔HS2017↔HS2022)",
        url: "https://github.com/cid-harvard/atlas-common-data",
        licence: "Apache License 2.0 (Data/hs/LICENSE-Apache-2.0.txt)",
        retrievedFrom: "PyPI atlas-common-data 1.1.1 wheel, files classification/product/hs{12,22}.csv and conversion_weights/*.csv (zero-weight HS2017↔HS2022 rows dropped)")

    public init() {}

    /// Reads the bundled files from `folder` (`Data/hs`).
    public static func load(folder: String) throws -> HSConcordance {
        var c = HSConcordance()
        try c.readProducts(folder + "/product_hs12.csv.gz", edition: .hs2012)
        try c.readProducts(folder + "/product_hs22.csv.gz", edition: .hs2022)
        try c.readWeights(folder + "/conversion_weights_H4_to_H5.csv.gz", from: .hs2012, to: .hs2017)
        try c.readWeights(folder + "/conversion_weights_H5_to_H4.csv.gz", from: .hs2017, to: .hs2012)
        try c.readWeights(folder + "/conversion_weights_H5_to_H6_nonzero.csv.gz", from: .hs2017, to: .hs2022)
        try c.readWeights(folder + "/conversion_weights_H6_to_H5_nonzero.csv.gz", from: .hs2022, to: .hs2017)
        return c
    }

    /// True when `code` is an HS6 code of `edition`.
    public func contains(_ code: String, in edition: HSEdition) -> Bool { codes[edition]?.contains(code) ?? false }

    /// The editions whose product lists hold `code`.
    public func editions(of code: String) -> [HSEdition] {
        HSEdition.allCases.filter { contains(code, in: $0) }
    }

    /// Where a code's trade goes in the next (or previous) edition, with nonzero shares, largest first.
    public func conversions(of code: String, from: HSEdition, to: HSEdition) -> [ConversionLink] {
        (links[Key(edition: from, code: code)] ?? []).filter { $0.edition == to && $0.weight > 0 }
            .sorted { $0.weight != $1.weight ? $0.weight > $1.weight : $0.code < $1.code }
    }

    /// The name of a code in an edition, or in the nearest edition that names it.
    public func name(of code: String, edition: HSEdition) -> String? {
        names[edition]?[code] ?? names[.hs2022]?[code] ?? names[.hs2012]?[code]
    }

    private mutating func readProducts(_ path: String, edition: HSEdition) throws {
        let reader = DelimitedFileReader(path: path)
        var codeIndex = 0, nameIndex = 0, levelIndex = 0
        var issues = IssueCollector(file: path, limit: 20)
        var names: [String: String] = [:]
        try readWithHeader(reader, progress: nil, header: { header, line in
            guard let c = header.index(of: "code"), let n = header.index(of: "name_en"), let l = header.index(of: "product_level") else {
                throw DataReadError(issues: [DataIssue(file: path, line: line, column: 1,
                    message: "expected the columns code, name_en and product_level in the header")])
            }
            codeIndex = c; nameIndex = n; levelIndex = l
        }, row: { r in
            guard r.count > max(codeIndex, nameIndex, levelIndex) else {
                try issues.add(line: r.line, column: nil, "expected at least \(max(codeIndex, nameIndex, levelIndex) + 1) fields, found \(r.count)")
                return
            }
            guard r.field(levelIndex, equals: "6") else { return }
            let code = r.string(codeIndex)
            // The Atlas lists "XXXXXX" (trade data discrepancies), which is no HS code.
            if code == "XXXXXX" { return }
            guard code.utf8.count == 6, code.utf8.allSatisfy({ $0 >= 48 && $0 <= 57 }) else {
                try issues.add(line: r.line, column: r.column(codeIndex), "expected a 6-digit HS code at product level 6, found '\(code)'")
                return
            }
            names[code] = r.string(nameIndex)
        })
        try issues.finish()
        self.names[edition] = names
        self.codes[edition, default: []].formUnion(names.keys)
    }

    private mutating func readWeights(_ path: String, from: HSEdition, to: HSEdition) throws {
        let reader = DelimitedFileReader(path: path)
        var issues = IssueCollector(file: path, limit: 20)
        try readWithHeader(reader, progress: nil, header: { header, line in
            guard header.names.count >= 3 else {
                throw DataReadError(issues: [DataIssue(file: path, line: line, column: 1,
                    message: "expected the columns <source edition>,<target edition>,weight in the header")])
            }
        }, row: { r in
            guard r.count >= 3, let a = r.integer(0), let b = r.integer(1), let w = r.number(2) else {
                try issues.add(line: r.line, column: nil, "expected source code, target code and weight, found '\(r.strings.joined(separator: ","))'")
                return
            }
            let source = Self.hs6(a), target = Self.hs6(b)
            codes[from, default: []].insert(source)
            codes[to, default: []].insert(target)
            links[Key(edition: from, code: source), default: []].append(ConversionLink(edition: to, code: target, weight: w))
        })
        try issues.finish()
    }

    /// Zero-pads a code the source stored as an integer (10121 → "010121").
    static func hs6(_ n: Int) -> String {
        let s = String(n)
        return s.count >= 6 ? s : String(repeating: "0", count: 6 - s.count) + s
    }
}

/// Where part of a code's trade goes in another edition.
public struct ConversionLink: Sendable, Hashable, Codable {
    public let edition: HSEdition
    public let code: String
    /// Share of the source code's trade (0–1).
    public let weight: Double
}
