import DecoupleCore
import DecouplePolicy
import DecoupleTrade
import Foundation

/// The policy lists and the §30D inputs, read from the bundled files or a user's file of the
/// same schema.
public enum PolicyData {
    /// The policy measures (`Data/policy/measures.json`, or `file`), chains checked against `taxonomy`.
    public static func measures(file: String?, catalog: DataCatalog, taxonomy: StrategicTaxonomy) throws -> PolicyMeasureCatalog {
        let loader = PolicyMeasuresLoader(taxonomy: taxonomy)
        if let file { return try loader.load(path: file) }
        return try loader.load(path: catalog.root + "/" + PolicyMeasuresLoader.bundledPath, displayName: catalog.displayPath(PolicyMeasuresLoader.bundledPath))
    }

    /// The issue-based alliances (`Data/policy/alliances.json`, or `file`).
    public static func alliances(file: String?, catalog: DataCatalog) throws -> AllianceCatalog {
        if let file { return try AlliancesLoader().load(path: file) }
        return try AlliancesLoader().load(path: catalog.root + "/" + AlliancesLoader.bundledPath, displayName: catalog.displayPath(AlliancesLoader.bundledPath))
    }

    /// The §30D rule schedule (`Data/policy/ira-30d-rules.json`, or `file`).
    public static func cleanVehicleRules(file: String? = nil, catalog: DataCatalog) throws -> CleanVehicleRuleSet {
        if let file { return try CleanVehicleRulesLoader().load(path: file) }
        return try CleanVehicleRulesLoader().load(path: catalog.root + "/" + CleanVehicleRulesLoader.bundledPath,
                                                  displayName: catalog.displayPath(CleanVehicleRulesLoader.bundledPath))
    }

    /// A battery bill of materials from a file.
    public static func billOfMaterials(path: String) throws -> BatteryBillOfMaterials {
        try BatteryBOMLoader().load(path: path)
    }

    /// A battery bill of materials from bytes (an upload), named `file` in messages.
    public static func billOfMaterials(data: Data, file: String) throws -> BatteryBillOfMaterials {
        try BatteryBOMLoader().load(data: data, file: file)
    }
}
