import DecoupleCore

/// A chain of the strategic-product taxonomy (and optionally one of its stages) a measure targets.
public struct ChainTarget: Hashable, Sendable, Codable, CustomStringConvertible {
    /// A chain id of the taxonomy (`batteries`, `semiconductors`, `gallium` …).
    public var chain: String
    /// A stage id of that chain, or nil for the whole chain.
    public var stage: String?

    public init(chain: String, stage: String? = nil) {
        self.chain = chain
        self.stage = stage
    }

    public var description: String { stage.map { "\(chain)/\($0)" } ?? chain }
}

/// One trade, investment or industrial-policy measure actually taken: what, by whom, when,
/// against which products and countries, and where that is written down.
///
/// Read from `Data/policy/measures.json` by `PolicyMeasuresLoader`.
public struct PolicyMeasure: Hashable, Sendable, Codable, Identifiable {
    /// Kebab-case identifier (`us-bis-advanced-computing-2022`).
    public var id: String
    public var name: String
    /// The government that took the measure (`USA`, `CHN`).
    public var jurisdiction: Country
    public var instrument: MeasureInstrument
    /// The umbrella measure this entry is one product line or component of (the same legal act:
    /// one line of the Section 301 four-year review, one component class of §45X). Count either
    /// the umbrella or its parts, not both.
    public var partOf: String?
    /// When it was announced (signed, published, initiated), as precisely as known.
    public var announced: PolicyDate?
    /// When it took effect.
    public var inForce: PolicyDate?
    /// When it ended, was revoked or superseded.
    public var ended: PolicyDate?
    /// Taxonomy chains and stages it targets.
    public var targets: [ChainTarget]
    /// HS codes it names, when known (2–6 digits, as the legal text gives them, truncated to HS6).
    public var hsCodes: [String]
    /// Countries it is aimed at (empty when it applies to all origins or destinations).
    public var targetedCountries: [Country]
    /// What it does, in a sentence or two.
    public var summary: String
    public var sources: [PolicySource]
    public var note: String?

    public init(id: String, name: String, jurisdiction: Country, instrument: MeasureInstrument, partOf: String? = nil,
                announced: PolicyDate? = nil, inForce: PolicyDate? = nil, ended: PolicyDate? = nil,
                targets: [ChainTarget] = [], hsCodes: [String] = [], targetedCountries: [Country] = [],
                summary: String, sources: [PolicySource], note: String? = nil) {
        self.id = id
        self.name = name
        self.jurisdiction = jurisdiction
        self.instrument = instrument
        self.partOf = partOf
        self.announced = announced
        self.inForce = inForce
        self.ended = ended
        self.targets = targets
        self.hsCodes = hsCodes
        self.targetedCountries = targetedCountries
        self.summary = summary
        self.sources = sources
        self.note = note
    }

    /// The date the measure starts to matter: in force, else announced.
    public var start: PolicyDate? { inForce ?? announced }

    /// How to introduce ``targetedCountries``: an ally-sourcing agreement names its partners
    /// ("with: Japan"); every other measure names whom it is aimed at.
    public var countriesLabel: String { instrument == .allySourcingAgreement ? "with" : "aimed at" }

    /// Primary when at least one source was read in the document itself, as-quoted when every
    /// flagged source is a secondary page's account; nil when no source says.
    public var verification: PolicySource.Verification? {
        if sources.contains(where: { $0.verification == .primary }) { return .primary }
        return sources.contains(where: { $0.verification == .asQuoted }) ? .asQuoted : nil
    }
}
