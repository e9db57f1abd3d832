import DecoupleCore

/// The policy measures of one data file, with where the file came from.
public struct PolicyMeasureCatalog: Sendable, Codable {
    public var measures: [PolicyMeasure]
    public var provenance: Provenance

    public init(measures: [PolicyMeasure], provenance: Provenance) {
        self.measures = measures
        self.provenance = provenance
    }

    /// The measure with this id.
    public func measure(_ id: String) -> PolicyMeasure? { measures.first { $0.id == id } }
}

/// The alliances of one data file, with where the file came from.
public struct AllianceCatalog: Sendable, Codable {
    public var alliances: [Alliance]
    public var provenance: Provenance

    public init(alliances: [Alliance], provenance: Provenance) {
        self.alliances = alliances
        self.provenance = provenance
    }

    /// The alliance whose id or abbreviation is `name`, ignoring case (`msp`, `MSP`, `Chip4`).
    public func alliance(named name: String) -> Alliance? {
        let key = name.lowercased()
        return alliances.first { $0.id == key || $0.abbreviation.lowercased() == key }
    }
}
