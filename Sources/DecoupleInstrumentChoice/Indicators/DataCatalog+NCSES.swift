import Foundation
import DecoupleCore

extension DataCatalog {
    /// Loads one bundled NCSES patent table (10551, 10553, 10557, 10596, 10598, 10600, 10604).
    public func loadNCSESTable(_ id: String) throws -> NCSESTimeSeries {
        let d = BundledDataset.ncsesPatents
        var p = d.provenance
        p.edition = "SEI 2024 table \(id)"
        return try NCSESTimeSeriesReader().read(folder: root + "/" + BundledDataset.ncsesTable(id),
                                                displayFolder: displayPath(BundledDataset.ncsesTable(id)), provenance: p)
    }

    /// The NCSES tables bundled in `Data/ncses-patents/` (one folder per table id), sorted: the
    /// framework loads every one, so adding a table is adding a folder.
    public func ncsesTableIDs() throws -> [String] {
        let folder = root + "/" + BundledDataset.ncsesPatents.path
        let names: [String]
        do { names = try FileManager.default.contentsOfDirectory(atPath: folder) } catch {
            throw DataReadError(issues: [DataIssue(file: folder, message: "cannot list the NCSES tables: \(error.localizedDescription)")])
        }
        return names.filter { !$0.isEmpty && $0.allSatisfy(\.isNumber) }.sorted()
    }
}
