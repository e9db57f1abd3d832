import DecoupleCore

/// A mineral of the US critical-minerals lists (USGS 2022: 50; 2018: 35) and how it shows in trade data.
public struct CriticalMineral: Sendable, Codable, Hashable {
    /// Lower-case USGS spelling (`lithium`, `rare earths` members such as `neodymium`).
    public var name: String
    public var list2022: Bool
    public var list2018: Bool
    /// The 2018 list entry it falls under ("Rare earth elements group").
    public var list2018Entry: String?
    /// The chain holding its HS codes (its own, or a shared group such as `rare-earth-elements`).
    public var chain: String?
    /// True when at least one HS6 line is its own; nil when unknown.
    public var hsAvailable: Bool?
    /// Why it has no HS line of its own, when it has none.
    public var reason: String?
    public var note: String?

    public init(name: String, list2022: Bool, list2018: Bool, list2018Entry: String? = nil, chain: String? = nil,
                hsAvailable: Bool? = nil, reason: String? = nil, note: String? = nil) {
        self.name = name
        self.list2022 = list2022
        self.list2018 = list2018
        self.list2018Entry = list2018Entry
        self.chain = chain
        self.hsAvailable = hsAvailable
        self.reason = reason
        self.note = note
    }
}

/// A change of HS codes between two consecutive editions (HS2022 split 854140 into 854141–854149).
public struct EditionChange: Sendable, Codable, Hashable {
    public var from: HSEdition
    public var to: HSEdition
    public var old: [String]
    public var new: [String]
    public var note: String
    public var source: String?

    public init(from: HSEdition, to: HSEdition, old: [String], new: [String], note: String, source: String? = nil) {
        self.from = from
        self.to = to
        self.old = old
        self.new = new
        self.note = note
        self.source = source
    }
}
