import DecoupleCore
import Foundation

/// Reads a battery bill of materials for the §30D check (JSON, schema `docs/ira-bom.schema.json`)
/// and checks everything that does not depend on the rules: required fields present, values
/// non-negative numbers, dates real days, countries known, ids unique, each mineral chain placed
/// somewhere, entities complete. Every problem is reported as `file: <json path>: what was
/// expected`, up to `errorLimit`. Nothing is filled in by default.
///
/// Checks that depend on the rules (dates the rules cover, entities the FEOC test needs on the
/// vehicle's date) are made by the engine, with the same paths.
public struct BatteryBOMLoader: Sendable {
    public var errorLimit = 20
    public var countries: CountryTable

    public init(countries: CountryTable = .standard) {
        self.countries = countries
    }

    static let topKeys: Set = ["schemaVersion", "$schema", "vehicle", "components", "criticalMinerals"]
    static let vehicleKeys: Set = ["description", "placedInService", "acquired"]
    static let componentKeys: Set = ["id", "name", "value", "manufacturedOrAssembledIn", "manufacturer"]
    static let mineralKeys: Set = ["id", "mineral", "value", "extractedIn", "processedIn", "recycledIn", "extractor", "processor", "recycler"]
    static let entityKeys: Set = ["name", "incorporatedIn", "headquarteredIn", "coveredGovernmentInterest", "coveredGovernmentContractualControl", "listed"]

    static let dollars = "a non-negative number of US dollars, at most US$1 trillion"
    /// The largest value a component or mineral chain may have: a battery worth more than a
    /// trillion dollars is a typing error, and larger values would overflow sums and formatting.
    static let maximumDollars: Double = 1e12

    public func load(path: String, displayName: String? = nil) throws -> BatteryBillOfMaterials {
        let file = displayName ?? path
        let (json, positions) = try PolicyJSONReader.parse(path: path, file: file, what: "a battery bill of materials")
        return try read(json: json, positions: positions, file: file)
    }

    /// Reads a BOM from JSON bytes (`file` names it in messages).
    public func load(data: Data, file: String) throws -> BatteryBillOfMaterials {
        let (json, positions) = try PolicyJSONReader.parse(data: data, file: file, what: "a battery bill of materials")
        return try read(json: json, positions: positions, file: file)
    }

    private func read(json: Any, positions: JSONPositions, file: String) throws -> BatteryBillOfMaterials {
        var r = PolicyJSONReader(file: file, limit: errorLimit, countries: countries, positions: positions)
        var bom: BatteryBillOfMaterials?
        if let top = try r.object(json, "", keys: Self.topKeys) {
            try checkSchemaVersion(top, &r)
            var vehicle: VehicleRecord?
            if let v = try r.object(top["vehicle"], "vehicle", keys: Self.vehicleKeys) {
                let description = try r.string(v, "description", "vehicle")
                let placed = try r.day(v, "placedInService", "vehicle")
                let acquired = try r.day(v, "acquired", "vehicle", required: false)
                if let placed, let description { vehicle = VehicleRecord(description: description, placedInService: placed, acquired: acquired) }
            }
            var components: [BatteryComponent] = []
            var seen: Set<String> = []
            for (i, item) in (try r.list(top, "components", "", nonEmpty: true) ?? []).enumerated() {
                if let c = try component(item, "components[\(i)]", &r) {
                    if !seen.insert(c.id).inserted { try r.fail("components[\(i)] (\(c.id)) › id", "id '\(c.id)' is used twice") }
                    components.append(c)
                }
            }
            var chains: [MineralProcurementChain] = []
            seen = []
            for (i, item) in (try r.list(top, "criticalMinerals", "", nonEmpty: true) ?? []).enumerated() {
                if let c = try chain(item, "criticalMinerals[\(i)]", &r) {
                    if !seen.insert(c.id).inserted { try r.fail("criticalMinerals[\(i)] (\(c.id)) › id", "id '\(c.id)' is used twice") }
                    chains.append(c)
                }
            }
            if let vehicle { bom = BatteryBillOfMaterials(vehicle: vehicle, components: components, criticalMinerals: chains) }
        }
        try r.finish()
        guard let bom else { throw DataReadError(issues: [DataIssue(file: file, message: "expected a battery bill of materials")]) }
        return bom
    }

    private func component(_ value: Any, _ path0: String, _ r: inout PolicyJSONReader) throws -> BatteryComponent? {
        guard let o = try r.object(value, path0, keys: Self.componentKeys) else { return nil }
        let id = try r.string(o, "id", path0)
        let path = id.map { "\(path0) (\($0))" } ?? path0
        let name = try r.string(o, "name", path)
        let value = try r.number(o, "value", path, range: 0...Self.maximumDollars, what: Self.dollars)
        let place = try r.country(o, "manufacturedOrAssembledIn", path)
        let manufacturer = try entity(o["manufacturer"], PolicyJSONReader.join(path, "manufacturer"), &r)
        guard let id, let name, let value, let place else { return nil }
        return BatteryComponent(id: id, name: name, value: value, manufacturedOrAssembledIn: place, manufacturer: manufacturer)
    }

    private func chain(_ value: Any, _ path0: String, _ r: inout PolicyJSONReader) throws -> MineralProcurementChain? {
        guard let o = try r.object(value, path0, keys: Self.mineralKeys) else { return nil }
        let id = try r.string(o, "id", path0)
        let path = id.map { "\(path0) (\($0))" } ?? path0
        let mineral = try r.string(o, "mineral", path)
        let value = try r.number(o, "value", path, range: 0...Self.maximumDollars, what: Self.dollars)
        let extracted = try r.country(o, "extractedIn", path, required: false)
        let processed = try r.country(o, "processedIn", path, required: false)
        let recycled = try r.country(o, "recycledIn", path, required: false)
        let placed = ["extractedIn", "processedIn", "recycledIn"].contains { o[$0] != nil && !(o[$0] is NSNull) }
        if !placed {
            try r.fail(path, "missing where the mineral was extracted, processed or recycled: expected at least one of 'extractedIn', 'processedIn', 'recycledIn'")
        }
        var entities: [String: SupplyEntity] = [:]
        for (role, place) in [("extractor", "extractedIn"), ("processor", "processedIn"), ("recycler", "recycledIn")] {
            guard let raw = o[role], !(raw is NSNull) else { continue }
            if o[place] == nil || o[place] is NSNull {
                try r.fail(PolicyJSONReader.join(path, role), "a \(role) is given but '\(place)' is not: give the country where the activity took place")
            }
            entities[role] = try entity(raw, PolicyJSONReader.join(path, role), &r)
        }
        guard let id, let mineral, let value, placed else { return nil }
        return MineralProcurementChain(id: id, mineral: mineral.lowercased(), value: value, extractedIn: extracted, processedIn: processed,
                                       recycledIn: recycled, extractor: entities["extractor"], processor: entities["processor"],
                                       recycler: entities["recycler"])
    }

    private func entity(_ value: Any?, _ path: String, _ r: inout PolicyJSONReader) throws -> SupplyEntity? {
        guard let value, !(value is NSNull) else { return nil }
        guard let o = try r.object(value, path, keys: Self.entityKeys) else { return nil }
        let name = try r.string(o, "name", path)
        let incorporated = try r.country(o, "incorporatedIn", path)
        let headquartered = try r.country(o, "headquarteredIn", path)
        let interest = try r.number(o, "coveredGovernmentInterest", path, range: 0...1,
                                    what: "the share (0 to 1) of board seats, voting rights or equity held by covered-nation governments")
        let control = try r.bool(o, "coveredGovernmentContractualControl", path, required: true)
        let listed = try r.bool(o, "listed", path, required: true)
        guard let name, let incorporated, let headquartered, let interest, let control, let listed else { return nil }
        return SupplyEntity(name: name, incorporatedIn: incorporated, headquarteredIn: headquartered,
                            coveredGovernmentInterest: interest, coveredGovernmentContractualControl: control, listed: listed)
    }
}
