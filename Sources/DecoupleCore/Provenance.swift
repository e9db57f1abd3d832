/// Where a dataset, and so every figure computed from it, comes from.
///
/// Carried by every dataset and into every output (terminal, JSON, CSV, HTML), so that a
/// number can be traced back to its source.
public struct Provenance: Hashable, Sendable, Codable, CustomStringConvertible {
    /// Who published the data ("IMF Direction of Trade Statistics").
    public var source: String
    /// The edition or vintage ("downloaded early 2022; years 2000–2020").
    public var edition: String
    /// Where the original can be found.
    public var url: String
    /// The licence or terms of use.
    public var licence: String
    /// The copy Decouple read, and how it was derived from the original.
    public var retrievedFrom: String

    public init(source: String, edition: String, url: String, licence: String, retrievedFrom: String) {
        self.source = source
        self.edition = edition
        self.url = url
        self.licence = licence
        self.retrievedFrom = retrievedFrom
    }

    /// A one-line citation: "Source: IMF Direction of Trade Statistics (2022 download)".
    public var citation: String { "\(source) (\(edition))" }

    public var description: String { citation }
}

/// A value together with the provenance it was computed from.
public struct Sourced<Value: Sendable>: Sendable {
    public var value: Value
    public var provenance: [Provenance]

    public init(_ value: Value, provenance: [Provenance]) {
        self.value = value
        self.provenance = provenance
    }
}

extension Sourced: Codable where Value: Codable {}
extension Sourced: Equatable where Value: Equatable {}
