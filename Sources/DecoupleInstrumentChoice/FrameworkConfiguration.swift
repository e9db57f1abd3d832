import DecoupleCore
import DecoupleMinerals
import DecoupleTrade
import Foundation

/// Thresholds, indicator choices and sourced observations of the framework engine, in one
/// documented file (`Data/framework/framework.json`) that a user can override.
public struct FrameworkConfiguration: Sendable, Codable, Hashable {
    public struct TechnologyChoice: Sendable, Codable, Hashable {
        /// The NCSES SEI table id (10557 semiconductors, 10596 environmental technologies …).
        public var table: String
        public var name: String
    }
    public struct ChainTechnology: Sendable, Codable, Hashable {
        public var chain: String
        public var table: String
        public var name: String
    }
    public struct ChainSectors: Sendable, Codable, Hashable {
        /// A chain id, or `*critical-minerals` for every mineral chain.
        public var chain: String
        /// OECD ICIO sector codes whose output and use stand for the chain.
        public var sectors: [String]
    }
    public struct PaperScore: Sendable, Codable, Hashable {
        public var arena: Arena
        public var country: String
        public var technology: Int
        public var manufacturing: Int
        public var market: Int
    }
    /// A figure taken from a publication rather than computed, with its source.
    public struct Observation: Sendable, Codable, Hashable {
        /// A chain id, or `*green` / `*digital` for a whole arena.
        public var chain: String
        public var stage: String?
        public var dimension: AdvantageDimension
        public var country: String
        public var value: Double
        public var year: Int
        public var name: String
        public var source: String
    }

    public var schemaVersion: Int
    public var note: String?
    /// Share-of-world thresholds for +, ++, +++ per dimension.
    public var plusScales: [String: [Double]]
    public var vulnerability: VulnerabilityThresholds
    public var minimumNetLead: Int
    /// Weight of each dimension in the net lead (technology, manufacturing, market).
    public var dimensionWeights: [String: Int]
    /// Weights for one arena, replacing `dimensionWeights` there.
    public var arenaDimensionWeights: [String: [String: Int]]
    /// Why the weights are what they are.
    public var weightsNote: String?
    /// Years over which catch-up is measured.
    public var catchUpWindow: Int
    /// When a gap counts as closing, for the stage timelines (``CatchUpRule/standard`` when absent).
    public var catchUpRule: CatchUpRule?
    /// The USGS commodity names that stand for a mineral chain whose name is not its own
    /// (`rare-earth-elements` → `rare earths`); any other chain stands for the commodity named
    /// like it (hyphens as spaces). See ``commodities(ofChain:)``.
    public var chainCommodities: [String: [String]]?
    /// The USGS MCS file codes of the paper's Table 3 minerals (the report's minerals section).
    public var table3MineralCodes: [String]?

    /// The USGS commodity names of a mineral chain, in the order to try them.
    public func commodities(ofChain chain: String) -> [String] {
        chainCommodities?[chain] ?? [chain.replacingOccurrences(of: "-", with: " ")]
    }
    public var arenaTechnology: [String: TechnologyChoice]
    public var chainTechnology: [ChainTechnology]
    /// ICIO sectors standing for each arena (Table 1) and chain (manufacturing and market indicators).
    public var arenaSectors: [String: [String]]
    public var chainSectors: [ChainSectors]
    /// The WIOD 2013 industry (c1 … c35) that contains each ICIO sector of ``chainSectors``, for
    /// the 1995–2011 series of a WIOD release (`--wiod`).
    public var wiodSectorOf: [String: String]?
    /// The paper's Table 1 pluses, to compare with the data.
    public var paperTable1: [PaperScore]
    public var observations: [Observation]

    /// The scale of a dimension.
    public func scale(_ d: AdvantageDimension) -> PlusScale { PlusScale(thresholds: plusScales[d.rawValue] ?? [0.02, 0.1, 0.25]) }

    /// The rules with these thresholds.
    public var rules: FrameworkRules {
        func weights(_ raw: [String: Int]) -> [AdvantageDimension: Int] {
            var w: [AdvantageDimension: Int] = [:]
            for d in AdvantageDimension.allCases { w[d] = raw[d.rawValue] ?? dimensionWeights[d.rawValue] ?? 1 }
            return w
        }
        var arenas: [Arena: [AdvantageDimension: Int]] = [:]
        for (key, raw) in arenaDimensionWeights { if let a = Arena(rawValue: key) { arenas[a] = weights(raw) } }
        return FrameworkRules(vulnerability: vulnerability, minimumNetLead: minimumNetLead,
                              dimensionWeights: weights(dimensionWeights), arenaWeights: arenas)
    }

    /// The ICIO sectors of a chain (its own entry, else its arena's `*` entry).
    /// The WIOD industries of a chain: its ICIO sectors mapped by ``wiodSectorOf``, without
    /// repeats (C26 and C27 are both in WIOD c14).
    public func wiodSectors(forChain chain: String, arena: Arena) -> [String] {
        var seen = Set<String>()
        return sectors(forChain: chain, arena: arena).compactMap { wiodSectorOf?[$0] }.filter { seen.insert($0).inserted }
    }

    public func sectors(forChain chain: String, arena: Arena) -> [String] {
        chainSectors.first { $0.chain == chain }?.sectors ?? chainSectors.first { $0.chain == "*" + arena.rawValue }?.sectors ?? []
    }

    /// The bundled configuration (`Data/framework/framework.json`), optionally overridden by a user file.
    public static func bundled(catalog: DataCatalog, override: String? = nil) throws -> FrameworkConfiguration {
        let base = try load(path: catalog.root + "/framework/framework.json")
        return try override.map { try load(path: $0, over: base) } ?? base
    }

    /// Reads a configuration file; with `base`, fields present in the file replace the base's.
    /// Strict: a syntax error, a key written twice, a trailing comma, an unknown field at any
    /// depth and a wrongly typed value are errors naming the line and column.
    public static func load(path: String, over base: FrameworkConfiguration? = nil) throws -> FrameworkConfiguration {
        let data: Data
        do { data = try Data(contentsOf: URL(fileURLWithPath: path)) } catch {
            throw FrameworkConfigurationError(file: path, message: "cannot read file: \(error.localizedDescription)")
        }
        let positions = JSONPositions(data)
        do {
            let user = try JSONText.strictObject(data, file: path, what: "a framework configuration (a JSON object)")
            let merged: [String: Any]
            if let base {
                // Merge: encode the base, overlay the user's top-level fields, decode the result.
                let baseObject = try JSONSerialization.jsonObject(with: try JSONEncoder().encode(base)) as! [String: Any]
                for key in user.keys.sorted() where baseObject[key] == nil && key != "note" {
                    throw FrameworkConfigurationError(file: path,
                        message: "unknown field '\(key)' (expected one of \(baseObject.keys.sorted().joined(separator: ", ")))")
                        .located(in: positions, at: key)
                }
                merged = baseObject.merging(user) { _, new in new }
            } else {
                merged = user
            }
            let config = try JSONDecoder().decode(FrameworkConfiguration.self, from: JSONSerialization.data(withJSONObject: merged))
            if let unknown = JSONText.firstUnknownKey(in: user, comparedWith: try JSONSerialization.jsonObject(with: JSONEncoder().encode(config)),
                                                      ignoring: ["note"]) {
                throw FrameworkConfigurationError(file: path, path: unknown.path, message: "unknown field '\(unknown.key)'")
                    .located(in: positions, at: unknown.path.isEmpty ? unknown.key : unknown.path + "." + unknown.key)
            }
            return try validated(config, path)
        } catch let e as DataReadError {
            throw FrameworkConfigurationError(file: path, line: e.issues.first?.line, column: e.issues.first?.column,
                                              message: e.issues.first?.message ?? "\(e)")
        } catch let e as FrameworkConfigurationError {
            throw e.located(in: positions)
        } catch let e as DecodingError {
            throw FrameworkConfigurationError(file: path, path: describePath(e), message: describe(e)).located(in: positions)
        } catch {
            throw FrameworkConfigurationError(file: path, line: 1, column: 1, message: "invalid JSON: \(error.localizedDescription)")
        }
    }

    static func validated(_ c: FrameworkConfiguration, _ path: String) throws -> FrameworkConfiguration {
        guard c.schemaVersion == 1 else { throw FrameworkConfigurationError(file: path, path: "schemaVersion", message: "expected 1, found \(c.schemaVersion)") }
        for (key, t) in c.plusScales {
            guard AdvantageDimension(rawValue: key) != nil else {
                throw FrameworkConfigurationError(file: path, path: "plusScales", message: "unknown dimension '\(key)' (expected technology, manufacturing or market)")
            }
            guard t.count == 3, t == t.sorted(), t.allSatisfy({ $0 > 0 && $0 <= 1 }) else {
                throw FrameworkConfigurationError(file: path, path: "plusScales.\(key)", message: "expected three ascending shares in (0, 1] for +, ++ and +++, found \(t)")
            }
        }
        for (i, o) in c.observations.enumerated() where !(0...1).contains(o.value) {
            throw FrameworkConfigurationError(file: path, path: "observations[\(i)].value", message: "expected a share in [0, 1], found \(o.value)")
        }
        guard c.catchUpWindow > 0 else { throw FrameworkConfigurationError(file: path, path: "catchUpWindow", message: "expected a positive number of years") }
        for (key, w) in c.dimensionWeights {
            guard AdvantageDimension(rawValue: key) != nil, w >= 0 else {
                throw FrameworkConfigurationError(file: path, path: "dimensionWeights", message: "expected technology, manufacturing and market with weights ≥ 0, found \(key): \(w)")
            }
        }
        for (arena, weights) in c.arenaDimensionWeights {
            guard Arena(rawValue: arena) != nil else {
                throw FrameworkConfigurationError(file: path, path: "arenaDimensionWeights", message: "unknown arena '\(arena)' (expected green, digital or critical-minerals)")
            }
            for (key, w) in weights where AdvantageDimension(rawValue: key) == nil || w < 0 {
                throw FrameworkConfigurationError(file: path, path: "arenaDimensionWeights.\(arena)", message: "expected technology, manufacturing and market with weights ≥ 0, found \(key): \(w)")
            }
        }
        return c
    }

    /// The dotted path of a decoding error (`observations[3].value`), empty at the top.
    static func describePath(_ e: DecodingError) -> String {
        let context: DecodingError.Context
        switch e {
        case .keyNotFound(_, let c), .typeMismatch(_, let c), .valueNotFound(_, let c), .dataCorrupted(let c): context = c
        @unknown default: return ""
        }
        return context.codingPath.map { $0.intValue.map { "[\($0)]" } ?? ".\($0.stringValue)" }.joined()
            .trimmingCharacters(in: CharacterSet(charactersIn: "."))
    }

    /// What a decoding error says, without its path.
    static func describe(_ e: DecodingError) -> String {
        switch e {
        case .keyNotFound(let key, _): return "missing field '\(key.stringValue)'"
        case .typeMismatch(let type, _): return "expected \(type)"
        case .valueNotFound(let type, _): return "expected \(type), found null"
        case .dataCorrupted(let c): return c.debugDescription
        @unknown default: return "\(e)"
        }
    }
}

/// A problem in a framework configuration file (or the stage-figures file):
/// `file:line:column: path: what was expected`.
public typealias FrameworkConfigurationError = JSONInputError
