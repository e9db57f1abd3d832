import DecoupleCore

/// The verdict on one item (battery component or mineral procurement chain) and why.
public struct ItemVerdict: Hashable, Sendable, Codable {
    public var id: String
    /// The component name, or the mineral.
    public var name: String
    /// US dollars.
    public var value: Double
    public var counts: Bool
    /// In words: "manufactured or assembled in Mexico (North America): counts".
    public var reason: String
}

/// One of the two sourcing requirements of §30D(e), computed for a vehicle.
public struct RequirementResult: Hashable, Sendable, Codable {
    /// "critical minerals" or "battery components".
    public var requirement: String
    /// The applicable percentage on the placed-in-service date (40 means 40 %).
    public var applicablePercentage: Int
    /// The first day of that percentage step, and the provision that sets it.
    public var stepFrom: CalendarDay
    public var legalBasis: String
    /// Value of the items that count, US dollars.
    public var qualifyingValue: Double
    /// Value of all items, US dollars.
    public var totalValue: Double
    /// qualifyingValue / totalValue.
    public var content: Double
    /// content ≥ applicablePercentage (compared exactly: qualifying × 100 ≥ percentage × total).
    public var met: Bool
    /// The credit this requirement earns (0 when not met or when the vehicle is excluded).
    public var credit: Double
    public var items: [ItemVerdict]
}

/// An entity found to be a foreign entity of concern, for one activity.
public struct ForeignEntityFinding: Hashable, Sendable, Codable {
    /// JSON path of the entity in the BOM.
    public var path: String
    public var entity: String
    /// "manufacture or assembly of cells", "processing of graphite".
    public var activity: String
    /// Each reason it is a FEOC ("incorporated in China (covered nation)").
    public var reasons: [String]
}

/// The outcome of the FEOC exclusions of §30D(d)(7).
public struct ForeignEntityResult: Hashable, Sendable, Codable {
    /// True when the components exclusion applies on the placed-in-service date.
    public var componentsChecked: Bool
    /// True when the minerals exclusion applies on the placed-in-service date.
    public var mineralsChecked: Bool
    public var findings: [ForeignEntityFinding]
    /// True when a finding excludes the vehicle.
    public var excluded: Bool { !findings.isEmpty }
}

/// The §30D battery-sourcing assessment of one vehicle, with every step explained.
public struct CleanVehicleAssessment: Sendable, Codable {
    /// What decided the result.
    public enum Status: String, Sendable, Codable {
        /// Acquired after the credit's termination: no credit.
        case terminated
        /// Placed in service before the sourcing requirements applied: they do not limit the credit.
        case sourcingRequirementsNotYetApplicable = "sourcing-requirements-not-yet-applicable"
        /// A battery component or critical mineral comes from a foreign entity of concern: no credit.
        case excludedForeignEntity = "excluded-foreign-entity-of-concern"
        /// Both requirements assessed; the credit is what they earn.
        case assessed
    }

    public var ruleSet: String
    public var vehicle: VehicleRecord
    public var status: Status
    /// The credit the battery-sourcing rules allow, US dollars (other §30D conditions — final
    /// assembly in North America, price caps, buyer's income, battery capacity — are not checked).
    public var credit: Double
    /// Nil before the sourcing requirements applied.
    public var criticalMinerals: RequirementResult?
    public var batteryComponents: RequirementResult?
    public var foreignEntity: ForeignEntityResult
    /// The explanation, step by step, in order.
    public var steps: [ExplanationStep]
    public var sources: [PolicySource]

    /// The qualifying critical-mineral content (Treasury's step 3), when computed.
    public var qualifyingMineralContent: Double? { criticalMinerals?.content }
    /// The qualifying battery-component content, when computed.
    public var qualifyingBatteryComponentContent: Double? { batteryComponents?.content }
}

/// One step of the explanation, with its lines.
public struct ExplanationStep: Hashable, Sendable, Codable {
    public var title: String
    public var lines: [String]
}
