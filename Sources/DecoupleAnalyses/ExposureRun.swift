import DecoupleCore
import DecoupleInputOutput
import Foundation

/// The JSON document of hidden exposure, shared by `decouple exposure --format json` and
/// `/api/v1/exposure` (identical bytes).
public enum ExposureRun {
    /// The document for some sector columns of an importer's exposure to `source`.
    public static func document(exposure: ImporterExposure, columns: [Int], source: String, table: String, datasetID: String,
                                provenance: Provenance?, notes: [String], suppliersOf column: Int?, top: Int) -> ExposureDocument {
        let rows = columns.compactMap { exposure.sector($0, source: source) }
        let total = exposure.aggregate(Array(exposure.sectors.indices), source: source, label: "all sectors")
        return ExposureDocument(table: table, datasetID: datasetID, provenance: provenance, notes: notes,
                                importer: exposure.importer, source: source, tiers: exposure.tierCount,
                                units: "coefficients per unit of the sector's gross output; amounts in the table's money unit (USD million for OECD ICIO and WIOD)",
                                formulas: ExposureDocument.formulas,
                                sectors: rows.map(ExposureRow.init), allSectors: total.map(ExposureRow.init),
                                suppliers: column.map { suppliers(exposure, column: $0, top: top) })
    }

    /// The document for a table: solves the Leontief model of `table` (one LU factorisation) and
    /// measures `importer`'s sectors (or only `sector`) against `source`.
    /// - Throws: ``ExposureRunError`` for an unknown sector; the input–output errors of the model.
    public static func document(table: InputOutputTableData, datasetID: String, provenance: Provenance?,
                                importer: String, source: String, tiers: Int, sector: String?, top: Int) throws -> ExposureDocument {
        let exposure = try ImporterExposure(model: try LeontiefModel(try InputOutputSystem(table: table)), importer: importer, tiers: tiers)
        return try document(exposure: exposure, table: table, datasetID: datasetID, provenance: provenance, source: source, sector: sector, top: top)
    }

    /// The document from an importer's exposure in `table` (the shared one of the bundled table).
    public static func document(exposure: ImporterExposure, table: InputOutputTableData, datasetID: String, provenance: Provenance?,
                                source: String, sector: String?, top: Int) throws -> ExposureDocument {
        let importer = exposure.importer
        var columns = Array(exposure.sectors.indices)
        if let sector {
            guard let c = exposure.column(ofSector: sector) else {
                throw ExposureRunError(message: "no sector '\(sector)' for \(importer); its sectors are \(exposure.sectors.joined(separator: ", "))")
            }
            columns = [c]
        }
        return document(exposure: exposure, columns: columns, source: source, table: table.name, datasetID: datasetID,
                        provenance: provenance, notes: table.notes, suppliersOf: sector == nil ? nil : columns[0], top: top)
    }

    /// Pretty JSON with sorted keys and a final newline, as the CLI prints it.
    public static func encode(_ document: ExposureDocument) throws -> Data {
        var data = try DecoupleJSON.data(document)
        data.append(0x0A)
        return data
    }

    /// Foreign regions by look-through exposure of one sector column, largest first.
    public static func suppliers(_ x: ImporterExposure, column c: Int, top: Int) -> [ExposureSupplier] {
        let imp = x.row(of: x.importer)
        return x.regions.indices.filter { $0 != imp && x.lookThrough[$0, c] > 0 }
            .sorted { x.lookThrough[$0, c] > x.lookThrough[$1, c] }.prefix(top)
            .map { k in
                ExposureSupplier(region: x.regions[k],
                         faceValueShare: x.totalInputs[c] > 0 ? x.faceValue[k, c] / x.totalInputs[c] : 0,
                         lookThroughShare: x.totalRequirements[c] > 0 ? x.lookThrough[k, c] / x.totalRequirements[c] : 0,
                         hiddenShare: x.totalRequirements[c] > 0 ? (x.lookThrough[k, c] - x.faceValue[k, c]) / x.totalRequirements[c] : 0,
                         valueAdded: x.valueAdded[k, c])
            }
    }
}

/// A request the exposure document cannot answer (an unknown sector).
public struct ExposureRunError: Error, CustomStringConvertible {
    public let message: String
    public var description: String { message }
}

/// A foreign region's share in one sector's inputs (face value) and requirements (look-through).
public struct ExposureSupplier: Codable, Sendable {
    public let region: String
    /// Face value over direct inputs; look-through and hidden (tiers 2+) over total requirements.
    public let faceValueShare, lookThroughShare, hiddenShare, valueAdded: Double
}

extension ExposureSelection {
    /// The manufacturing sectors of a table: ISIC section C (OECD ICIO `C10T12` … `C31T33`; the
    /// sectors whose code starts with "C"). The one rule for "manufacturing" in the report's
    /// exposure section and `decouple exposure`.
    public static func manufacturingSectors(of e: ImporterExposure) -> [String] {
        e.sectors.filter { $0.hasPrefix("C") }
    }

    /// The output-weighted manufacturing aggregate of an importer's exposure to `source`.
    public static func manufacturingAggregate(_ e: ImporterExposure, source: String) -> SectorExposure? {
        e.aggregate(manufacturingSectors(of: e).compactMap { e.column(ofSector: $0) }, source: source, label: "manufacturing")
    }
}

/// One sector of `decouple exposure --format json`: the stored coefficients and the derived shares and amounts.
public struct ExposureRow: Codable, Sendable {
    let importer, sector, source: String
    let grossOutput, faceValue, lookThrough, valueAdded, totalInputs, totalRequirements, foreignInputs, foreignRequirements: Double
    let tiers, tierShares: [Double]
    let faceValueShare, lookThroughShare, hiddenShare, faceValueShareOfImported, lookThroughShareOfForeign: Double
    let faceValueAmount, lookThroughAmount, hiddenAmount, valueAddedAmount: Double
    let topForeignSupplier: String?
    let topForeignSupplierLookThrough: Double

    public init(_ e: SectorExposure) {
        importer = e.importer; sector = e.sector; source = e.source
        grossOutput = e.grossOutput; faceValue = e.faceValue; lookThrough = e.lookThrough; valueAdded = e.valueAdded
        totalInputs = e.totalInputs; totalRequirements = e.totalRequirements
        foreignInputs = e.foreignInputs; foreignRequirements = e.foreignRequirements
        tiers = e.tiers; tierShares = e.tierShares
        faceValueShare = e.faceValueShare; lookThroughShare = e.lookThroughShare; hiddenShare = e.hiddenShare
        faceValueShareOfImported = e.faceValueShareOfImported; lookThroughShareOfForeign = e.lookThroughShareOfForeign
        faceValueAmount = e.faceValueAmount; lookThroughAmount = e.lookThroughAmount; hiddenAmount = e.hiddenAmount
        valueAddedAmount = e.valueAddedAmount
        topForeignSupplier = e.topForeignSupplier; topForeignSupplierLookThrough = e.topForeignSupplierLookThrough
    }
}

/// The JSON document of `decouple exposure --format json`.
public struct ExposureDocument: Codable, Sendable {
    let table: String
    let datasetID: String
    let provenance: Provenance?
    let notes: [String]
    let importer, source: String
    let tiers: Int
    let units: String
    let formulas: [String: String]
    let sectors: [ExposureRow]
    let allSectors: ExposureRow?
    let suppliers: [ExposureSupplier]?

    public static let formulas: [String: String] = [
        "A": "Z x̂⁻¹ (a_ij = z_ij / x_j)",
        "L": "(I − A)⁻¹ = I + A + A² + …",
        "faceValue": "Σ_{i∈s} a_ij",
        "faceValueShare": "Σ_{i∈s} a_ij / Σ_i a_ij",
        "faceValueShareOfImported": "Σ_{i∈s} a_ij / Σ_{i∉r} a_ij",
        "lookThrough": "Σ_{i∈s} (L − I)_ij",
        "lookThroughShare": "Σ_{i∈s} (L − I)_ij / Σ_i (L − I)_ij",
        "lookThroughShareOfForeign": "Σ_{i∈s} (L − I)_ij / Σ_{i∉r} (L − I)_ij",
        "hiddenShare": "(lookThrough − faceValue) / totalRequirements: tiers 2 and above, over the look-through share's denominator (never negative)",
        "tiers": "Σ_{i∈s} (A^k)_ij for k < K; the last is lookThrough − Σ_{k<K} tier_k",
        "valueAdded": "Σ_{i∈s} v_i l_ij",
        "amounts": "coefficient × x_j",
    ]
}
