import DecoupleCore

/// The arenas of competition the framework distinguishes.
public enum Arena: String, Sendable, Codable, CaseIterable {
    case green
    case digital
    case criticalMinerals = "critical-minerals"
}

/// Where a stage sits in its chain.
public enum StageLevel: String, Sendable, Codable, CaseIterable {
    /// Ores, concentrates, raw materials.
    case upstream
    /// Refined materials, chemicals, intermediate components, production equipment.
    case midstream
    /// Final components and goods.
    case downstream
}

/// A strategic supply chain (solar PV, semiconductors, lithium …), split into stages.
public struct SupplyChain: Sendable, Codable, Hashable, Identifiable {
    /// Kebab-case identifier (`solar-pv`).
    public var id: String
    public var name: String
    public var arena: Arena
    public var note: String?
    public var stages: [ChainStage]

    public init(id: String, name: String, arena: Arena, note: String? = nil, stages: [ChainStage]) {
        self.id = id
        self.name = name
        self.arena = arena
        self.note = note
        self.stages = stages
    }
}

/// One stage of a chain (`cells` of `solar-pv`), with the traded products that stand for it.
public struct ChainStage: Sendable, Codable, Hashable, Identifiable {
    /// Kebab-case identifier, unique within its chain.
    public var id: String
    public var name: String
    public var level: StageLevel
    public var note: String?
    public var products: [StageProduct]

    public init(id: String, name: String, level: StageLevel, note: String? = nil, products: [StageProduct]) {
        self.id = id
        self.name = name
        self.level = level
        self.note = note
        self.products = products
    }
}

/// A group of HS6 codes that stands for a stage's goods, per HS edition.
public struct StageProduct: Sendable, Codable, Hashable {
    public var description: String
    /// HS6 codes by edition; an empty list means the goods have no usable line in that edition.
    public var codes: [HSEdition: [String]]
    /// The share of a code's trade that belongs here, by edition, when one code is split
    /// between entries (HS2017 854140: cells, modules, LEDs). Nil means the whole code.
    public var weight: [HSEdition: Double]?
    /// True when the codes also hold goods outside this entry and no share is known.
    public var shared: Bool
    /// Other chains that list the same codes on purpose (cross-chain totals must de-duplicate).
    public var alsoIn: [String]
    /// Critical minerals the product is made of (critical-mineral chains).
    public var minerals: [String]
    /// Where the mapping comes from (IEA, USITC, USGS, WCO notes …).
    public var source: String
    public var note: String?

    public init(description: String, codes: [HSEdition: [String]], weight: [HSEdition: Double]? = nil,
                shared: Bool = false, alsoIn: [String] = [], minerals: [String] = [], source: String, note: String? = nil) {
        self.description = description
        self.codes = codes
        self.weight = weight
        self.shared = shared
        self.alsoIn = alsoIn
        self.minerals = minerals
        self.source = source
        self.note = note
    }
}

extension SupplyChain {
    /// The chain with the HS codes of one edition only (stages and products keep their place).
    public func restricted(to edition: HSEdition) -> SupplyChain {
        var chain = self
        chain.stages = stages.map { stage in
            var stage = stage
            stage.products = stage.products.map { product in
                var product = product
                product.codes = product.codes.filter { $0.key == edition }
                return product
            }
            return stage
        }
        return chain
    }
}
