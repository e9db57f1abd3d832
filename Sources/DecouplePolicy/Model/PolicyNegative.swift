import DecoupleCore

/// A sourced finding that a measure was *not* taken: a jurisdiction did not use an instrument on
/// a chain, as of a date ("no US export licence requirement on mass-market green goods").
///
/// The framework predicts where a leader restricts and where it substitutes; an explicit
/// negative, with its source, is evidence for the second as much as a measure is for the first.
/// Read from `Data/policy/negatives.json` by `PolicyNegativesLoader`. Absence of a measure from
/// `measures.json` is *not* a negative: only a source that says so is.
public struct PolicyNegative: Hashable, Sendable, Codable, Identifiable {
    /// Kebab-case identifier (`us-no-export-control-mass-market-green-goods-2010`).
    public var id: String
    /// The government that did not take the measure.
    public var jurisdiction: Country
    /// The instrument it did not use.
    public var instrument: MeasureInstrument
    /// The chains and stages the finding is about.
    public var targets: [ChainTarget]
    /// Countries the finding concerns (empty: all).
    public var targetedCountries: [Country]
    /// The day, month or year the source speaks for; the finding says nothing about later dates.
    public var asOf: PolicyDate
    /// What was not done, in a sentence.
    public var statement: String
    /// Ids of `measures.json` entries the finding qualifies or concludes.
    public var relatedMeasures: [String]
    public var sources: [PolicySource]
    public var note: String?

    public init(id: String, jurisdiction: Country, instrument: MeasureInstrument, targets: [ChainTarget] = [],
                targetedCountries: [Country] = [], asOf: PolicyDate, statement: String, relatedMeasures: [String] = [],
                sources: [PolicySource], note: String? = nil) {
        self.id = id
        self.jurisdiction = jurisdiction
        self.instrument = instrument
        self.targets = targets
        self.targetedCountries = targetedCountries
        self.asOf = asOf
        self.statement = statement
        self.relatedMeasures = relatedMeasures
        self.sources = sources
        self.note = note
    }
}

/// The negative findings of one data file, with where the file came from.
public struct PolicyNegativeCatalog: Sendable, Codable {
    public var negatives: [PolicyNegative]
    public var provenance: Provenance

    public init(negatives: [PolicyNegative], provenance: Provenance) {
        self.negatives = negatives
        self.provenance = provenance
    }

    /// The finding with this id.
    public func negative(_ id: String) -> PolicyNegative? { negatives.first { $0.id == id } }
}
