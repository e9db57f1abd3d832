import DecoupleCore
import DecouplePolicy

/// Which policy measures to list: those that target `chain`, concern `country`, are of
/// `instrument`, and were in effect at some point between `from` and `to` (each nil: no condition).
public struct PolicyMeasureQuery: Sendable, Hashable {
    public var chain: String?
    public var country: Country?
    public var instrument: MeasureInstrument?
    public var from: CalendarDay?
    public var to: CalendarDay?

    public init(chain: String? = nil, country: Country? = nil, instrument: MeasureInstrument? = nil,
                from: CalendarDay? = nil, to: CalendarDay? = nil) {
        self.chain = chain
        self.country = country
        self.instrument = instrument
        self.from = from
        self.to = to
    }
}

/// The policy analyses: measures in force by chain, country, instrument and window; the §30D
/// battery-sourcing check.
public enum PolicyAnalyses {
    /// The measures of `catalog` that the query selects (`decouple policy list`, `/api/v1/policy`).
    public static func measures(_ catalog: PolicyMeasureCatalog, _ q: PolicyMeasureQuery) -> MeasureListing {
        let filter = MeasureFilter(chain: q.chain, country: q.country, instrument: q.instrument, from: q.from, to: q.to)
        return MeasureListing(measures: filter.apply(catalog.measures), provenance: catalog.provenance)
    }

    /// The §30D check of a bill of materials against a rule schedule, placed in service on
    /// `placedInService` when given (else the BOM's day).
    /// - Throws: `BOMProblems` when the BOM lacks a fact the rules need on that day.
    public static func cleanVehicleCredit(_ bill: BatteryBillOfMaterials, rules: CleanVehicleRuleSet,
                                          placedInService: CalendarDay? = nil) throws -> (CleanVehicleAssessment, BatteryBillOfMaterials) {
        var bill = bill
        if let placedInService { bill.vehicle.placedInService = placedInService }
        return (try CleanVehicleCreditEngine(rules: rules).assess(bill), bill)
    }
}
