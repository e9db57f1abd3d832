import DecoupleCore
import DecouplePolicy

/// The policy analyses: measures in force by chain, country, instrument and window; the §30D
/// battery-sourcing check.
public enum PolicyAnalyses {
    /// The measures of `catalog` that the filter selects (`decouple policy list`, `/api/v1/policy`).
    public static func measures(_ catalog: PolicyMeasureCatalog, _ filter: MeasureFilter) -> MeasureListing {
        MeasureListing(measures: filter.apply(catalog.measures), provenance: catalog.provenance)
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
