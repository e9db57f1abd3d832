import DecoupleCore
import DecoupleInstrumentChoice
import DecouplePolicy
import DecoupleTrade
import Foundation

// The JSON documents the commands print with `--format json`. They live here, not in the
// executable, so that `decouple serve` answers its API with exactly the same documents.

/// The one JSON encoder: every command's `--format json` and every API document. Pretty-printed,
/// sorted keys, slashes not escaped; a non-finite number is the string "inf", "-inf" or "nan"
/// (one policy for every document, never an encoding error).
public enum DecoupleJSON {
    public static func encode<T: Encodable>(_ value: T) throws -> String {
        String(decoding: try data(value), as: UTF8.self)
    }

    public static func data<T: Encodable>(_ value: T) throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        encoder.nonConformingFloatEncodingStrategy = .convertToString(positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        return try encoder.encode(value)
    }
}

/// A request an analysis cannot answer: an unknown chain, alliance or mineral, options that
/// do not fit together. The CLI turns it into a usage error, the server into a 400.
public struct AnalysisInputError: Error, CustomStringConvertible, Sendable, Equatable {
    public var message: String
    /// The option the problem is about, without dashes (`chain`, `alliance`), when one is.
    public var parameter: String?

    public init(_ message: String, parameter: String? = nil) {
        self.message = message
        self.parameter = parameter
    }

    public var description: String { message }
}

/// `decouple minerals --format json`.
public struct MineralsDocument: Codable, Sendable {
    public let edition: Int
    public let source: Provenance
    public let leader: Country
    public let rival: Country
    public let allies: [Country]
    public let thresholds: MineralStrategyThresholds
    public let minerals: [MineralAssessment]
    public let fileNotes: [String]
    /// Files not used because their layout is not recognised, with every problem found.
    public let unreadFiles: [String]
    /// Which commodities ``minerals`` holds ("the 36 commodities that report the 50 minerals of
    /// the US critical-minerals list …", "every commodity with a data file", "one commodity").
    public let scope: String?
    /// The critical-minerals list matched to this edition, with its counts.
    public let criticalMinerals: CriticalMineralsCount?

    public init(edition: Int, source: Provenance, leader: Country, rival: Country, allies: [Country],
                thresholds: MineralStrategyThresholds, minerals: [MineralAssessment], fileNotes: [String], unreadFiles: [String],
                scope: String? = nil, criticalMinerals: CriticalMineralsCount? = nil) {
        self.scope = scope
        self.criticalMinerals = criticalMinerals
        self.edition = edition
        self.source = source
        self.leader = leader
        self.rival = rival
        self.allies = allies
        self.thresholds = thresholds
        self.minerals = minerals
        self.fileNotes = fileNotes
        self.unreadFiles = unreadFiles
    }
}

/// `decouple framework --format json`.
public struct FrameworkOutput: Encodable, Sendable {
    public let result: FrameworkResult
    public let sources: [Provenance]

    public init(result: FrameworkResult, sources: [Provenance]) {
        self.result = result
        self.sources = sources
    }
}

/// `decouple policy list --format json`.
public struct MeasureListing: Encodable, Sendable {
    public let measures: [PolicyMeasure]
    public let provenance: Provenance

    public init(measures: [PolicyMeasure], provenance: Provenance) {
        self.measures = measures
        self.provenance = provenance
    }
}

/// One alliance of `decouple alliances --format json`.
public struct AllianceListing: Encodable, Sendable {
    public let alliance: Alliance
    public let at: CalendarDay?
    public let membersAt: [Country]?

    public init(alliance: Alliance, at: CalendarDay?, membersAt: [Country]?) {
        self.alliance = alliance
        self.at = at
        self.membersAt = membersAt
    }
}

/// `decouple alliances --format json`.
public struct AllianceListingFile: Encodable, Sendable {
    public let alliances: [AllianceListing]
    public let provenance: Provenance

    public init(alliances: [AllianceListing], provenance: Provenance) {
        self.alliances = alliances
        self.provenance = provenance
    }
}

/// `decouple taxonomy list --format json`.
public struct TaxonomyListing: Encodable, Sendable {
    public let chains: [SupplyChain]
    public let provenance: [Provenance]

    public init(chains: [SupplyChain], provenance: [Provenance]) {
        self.chains = chains
        self.provenance = provenance
    }
}

/// `decouple friendshoring --format json`.
public struct FriendshoringResult: Encodable, Sendable {
    public let alliance: String
    public let allianceName: String
    public let reporter: Country
    public let products: String
    public let codes: [String]
    public let membership: String
    public let dataset: String
    public let shares: [FriendshoringShare]
    public let change: Double?
    public let partialYears: [String]
    public let provenance: [Provenance]
    public let allianceSources: [PolicySource]
}
