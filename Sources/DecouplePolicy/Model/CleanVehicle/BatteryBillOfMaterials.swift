import DecoupleCore

/// What the §30D engine needs to know about one vehicle and its battery: dates, battery
/// components (value and where made) and the procurement chains of its applicable critical
/// minerals (value, where extracted, processed or recycled, and by whom).
///
/// Read from a JSON file (schema `docs/ira-bom.schema.json`) by `BatteryBOMLoader`
/// (Readers/BatteryBOMLoader.swift). Nothing is filled in by default: a value the rules need that is absent is an
/// error, never a guess.
public struct BatteryBillOfMaterials: Hashable, Sendable, Codable {
    public var vehicle: VehicleRecord
    public var components: [BatteryComponent]
    public var criticalMinerals: [MineralProcurementChain]

    public init(vehicle: VehicleRecord, components: [BatteryComponent], criticalMinerals: [MineralProcurementChain]) {
        self.vehicle = vehicle
        self.components = components
        self.criticalMinerals = criticalMinerals
    }
}

/// The vehicle and its dates.
public struct VehicleRecord: Hashable, Sendable, Codable {
    public var description: String
    /// The day the vehicle was placed in service (delivered to the buyer): decides the
    /// percentages and the FEOC dates.
    public var placedInService: CalendarDay
    /// The day it was acquired (written binding contract and a payment), when given: decides
    /// the termination of the credit for vehicles acquired after 30 Sep 2025.
    public var acquired: CalendarDay?

    public init(description: String, placedInService: CalendarDay, acquired: CalendarDay? = nil) {
        self.description = description
        self.placedInService = placedInService
        self.acquired = acquired
    }
}

/// A battery component (cell, module, electrode, separator …) with its incremental value and
/// the country where it was manufactured or assembled.
public struct BatteryComponent: Hashable, Sendable, Codable, Identifiable {
    public var id: String
    public var name: String
    /// Incremental value, US dollars (not negative).
    public var value: Double
    public var manufacturedOrAssembledIn: Country
    /// Who manufactured or assembled it (needed for the FEOC test from 2024).
    public var manufacturer: SupplyEntity?

    public init(id: String, name: String, value: Double, manufacturedOrAssembledIn: Country, manufacturer: SupplyEntity? = nil) {
        self.id = id
        self.name = name
        self.value = value
        self.manufacturedOrAssembledIn = manufacturedOrAssembledIn
        self.manufacturer = manufacturer
    }
}

/// One procurement chain of an applicable critical mineral (Treasury's step 1): the mineral's
/// value in the battery through this chain, and where and by whom it was extracted, processed
/// or recycled.
public struct MineralProcurementChain: Hashable, Sendable, Codable, Identifiable {
    public var id: String
    /// The applicable critical mineral (`lithium`, `cobalt`, `nickel`, `graphite`, `manganese` …).
    public var mineral: String
    /// Value, US dollars (not negative).
    public var value: Double
    public var extractedIn: Country?
    public var processedIn: Country?
    public var recycledIn: Country?
    /// The entities that performed the activities (needed for the FEOC test from 2025).
    public var extractor: SupplyEntity?
    public var processor: SupplyEntity?
    public var recycler: SupplyEntity?

    public init(id: String, mineral: String, value: Double, extractedIn: Country? = nil, processedIn: Country? = nil,
                recycledIn: Country? = nil, extractor: SupplyEntity? = nil, processor: SupplyEntity? = nil, recycler: SupplyEntity? = nil) {
        self.id = id
        self.mineral = mineral
        self.value = value
        self.extractedIn = extractedIn
        self.processedIn = processedIn
        self.recycledIn = recycledIn
        self.extractor = extractor
        self.processor = processor
        self.recycler = recycler
    }
}

/// A company in the battery supply chain, described by the facts the foreign-entity-of-concern
/// test needs (DOE interpretation, 10 CFR 962.2): where it is incorporated and headquartered,
/// how much of it covered-nation governments hold, whether such a government controls it by
/// contract, and whether it is on one of the statutory lists.
public struct SupplyEntity: Hashable, Sendable, Codable {
    public var name: String
    public var incorporatedIn: Country
    public var headquarteredIn: Country
    /// The largest of the shares of board seats, voting rights and equity held, directly or
    /// indirectly, by governments of covered nations (0 … 1).
    public var coveredGovernmentInterest: Double
    /// True when a covered nation's government has effective control through a contract
    /// (licence, offtake …) over the activity.
    public var coveredGovernmentContractualControl: Bool
    /// True when the entity is designated a foreign terrorist organisation, on the SDN list, or
    /// otherwise listed under 42 U.S.C. 18741(a)(5)(A)–(C), (E).
    public var listed: Bool

    public init(name: String, incorporatedIn: Country, headquarteredIn: Country, coveredGovernmentInterest: Double,
                coveredGovernmentContractualControl: Bool, listed: Bool) {
        self.name = name
        self.incorporatedIn = incorporatedIn
        self.headquarteredIn = headquarteredIn
        self.coveredGovernmentInterest = coveredGovernmentInterest
        self.coveredGovernmentContractualControl = coveredGovernmentContractualControl
        self.listed = listed
    }
}
