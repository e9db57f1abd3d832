import Foundation
import DecoupleCore
@testable import DecouplePolicy

/// Builders for the worked §30D examples: clean entities, components and procurement chains.
enum IRA {
    static let rules: CleanVehicleRuleSet = {
        try! CleanVehicleRulesLoader().load(path: DataCatalog.sourceCheckoutDataFolder + "/" + CleanVehicleRulesLoader.bundledPath,
                                            displayName: "Data/" + CleanVehicleRulesLoader.bundledPath)
    }()
    static let engine = CleanVehicleCreditEngine(rules: rules)

    static func day(_ s: String) -> CalendarDay { CalendarDay(s)! }

    /// An entity with no link to a covered nation, incorporated and headquartered in `country`.
    static func clean(_ name: String, _ country: String) -> SupplyEntity {
        SupplyEntity(name: name, incorporatedIn: Country(country), headquarteredIn: Country(country), coveredGovernmentInterest: 0,
                     coveredGovernmentContractualControl: false, listed: false)
    }

    static func component(_ id: String, _ value: Double, _ place: String, maker: SupplyEntity? = nil) -> BatteryComponent {
        BatteryComponent(id: id, name: id, value: value, manufacturedOrAssembledIn: Country(place),
                         manufacturer: maker ?? clean("\(id) maker", place))
    }

    static func mineral(_ id: String, _ mineral: String, _ value: Double, extracted: String? = nil, processed: String? = nil,
                        recycled: String? = nil, withEntities: Bool = true, processor: SupplyEntity? = nil) -> MineralProcurementChain {
        MineralProcurementChain(id: id, mineral: mineral, value: value,
                                extractedIn: extracted.map(Country.init), processedIn: processed.map(Country.init), recycledIn: recycled.map(Country.init),
                                extractor: withEntities ? extracted.map { clean("\(id) miner", $0) } : nil,
                                processor: processor ?? (withEntities ? processed.map { clean("\(id) refiner", $0) } : nil),
                                recycler: withEntities ? recycled.map { clean("\(id) recycler", $0) } : nil)
    }

    static func bom(_ placed: String, acquired: String? = nil, components: [BatteryComponent], minerals: [MineralProcurementChain]) -> BatteryBillOfMaterials {
        BatteryBillOfMaterials(vehicle: VehicleRecord(description: "test vehicle", placedInService: day(placed), acquired: acquired.map(day)),
                               components: components, criticalMinerals: minerals)
    }

    /// Components worth US$10,000, of which US$8,000 made in North America (cells in the US, modules in Mexico).
    static let componentsEightyPercentNA = [
        component("cells", 6000, "USA"), component("modules", 2000, "MEX"), component("separators", 2000, "KOR"),
    ]
}
