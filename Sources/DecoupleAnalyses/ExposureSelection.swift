import DecoupleCore
import DecoupleInputOutput

/// Builds the input–output model and the report's exposure input from a loaded table, shared by
/// `decouple exposure`, `decouple report` and the tests.
public enum ExposureSelection {
    /// The report's input: the importer's sectors' exposure to the rival (tiers 1–4); nil when
    /// either is not an economy of the table.
    public static func reportInput(table t: InputOutputTableData, sectorNames: [String: String],
                                   importer: Country, rival: Country,
                                   dataset: BundledDataset = .oecdICIO2022) throws -> ExposureReportInput? {
        let regions = Set(t.nodeRegions)
        guard regions.contains(importer.code), regions.contains(rival.code) else { return nil }
        let e = try ImporterExposure(model: try LeontiefModel(try InputOutputSystem(table: t)), importer: importer.code, tiers: 4)
        return try reportInput(exposure: e, sectorNames: sectorNames, rival: rival, dataset: dataset)
    }

    /// The report's input from an importer's exposure (the shared one of the bundled table);
    /// nil when the rival is not a region of it.
    public static func reportInput(exposure e: ImporterExposure, sectorNames: [String: String], rival: Country,
                                   dataset: BundledDataset = .oecdICIO2022) throws -> ExposureReportInput? {
        guard e.row(of: rival.code) != nil else { return nil }
        let rows = e.sectors.indices.compactMap { e.sector($0, source: rival.code) }
        let mfg = manufacturingSectors(of: e)
        let total = manufacturingAggregate(e, source: rival.code)
        return ExposureReportInput(datasetID: dataset.id, provenance: dataset.provenance, year: "2022", sectors: rows, manufacturing: mfg,
                                   manufacturingTotal: total, sectorNames: sectorNames)
    }
}
