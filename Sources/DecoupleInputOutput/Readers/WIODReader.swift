import DecoupleCore

/// Reads a World Input-Output Table of the WIOD 2013 release (1995–2011, 41 regions × 35
/// industries, current US$ million) from the CSV conversion of the `bquast/wiod` R objects:
///
/// - `wiot_<year>_inter.csv.gz`: Z, header `row,AUS_c1,…,RoW_c35`, rows the same labels;
/// - `wiot_<year>_final.csv.gz`: final use, header `row,AUS_CONS_h,AUS_CONS_np,AUS_CONS_g,AUS_GFCF,AUS_INVEN,…`;
/// - `wiot_<year>_output.csv`: gross output, header `row,output`.
///
/// The three files must list the same nodes in the same order. They have no value-added row,
/// so value added is left out (`v = 1 − Σ_i a_ij` then covers value added, taxes and margins).
public struct WIODReader: Sendable {
    public var errorLimit: Int

    public init(errorLimit: Int = 20) { self.errorLimit = errorLimit }

    /// The file names of one year.
    public static func files(year: Int) -> (inter: String, final: String, output: String) {
        ("wiot_\(year)_inter.csv.gz", "wiot_\(year)_final.csv.gz", "wiot_\(year)_output.csv")
    }

    /// Reads the year's three files from `folder` (shown as `displayFolder` in errors).
    public func read(folder: String, year: Int, displayFolder: String? = nil) throws -> InputOutputTableData {
        let f = Self.files(year: year)
        let shown = displayFolder ?? folder
        let reader = LabelledMatrixReader(errorLimit: errorLimit)
        let inter = try reader.read(path: folder + "/" + f.inter, displayName: shown + "/" + f.inter)
        let final = try reader.read(path: folder + "/" + f.final, displayName: shown + "/" + f.final)
        let output = try reader.read(path: folder + "/" + f.output, displayName: shown + "/" + f.output)

        let interFile = shown + "/" + f.inter
        var issues = IssueCollector(file: interFile, limit: errorLimit)
        var regions: [String] = [], sectors: [String] = []
        for (j, label) in inter.columnLabels.enumerated() {
            guard let (r, s) = splitNodeLabel(label) else {
                try issues.add(line: 1, column: inter.headerColumns[j], "unexpected column label '\(label)': expected CTY_cN (e.g. AUS_c1)")
                continue
            }
            regions.append(r)
            sectors.append(s)
        }
        if inter.rowLabels != inter.columnLabels {
            let i = firstMismatch(inter.rowLabels, inter.columnLabels)
            try issues.add(line: i < inter.rowCount ? inter.rowLines[i] : (inter.rowLines.last ?? 1) + 1, column: 1,
                           "row labels must match the column labels in order: row \(i + 1) is '\(i < inter.rowCount ? inter.rowLabels[i] : "(missing)")', column \(i + 1) is '\(i < inter.columnCount ? inter.columnLabels[i] : "(missing)")'")
        }
        try issues.finish()
        func checkRows(_ m: LabelledMatrix, _ name: String) throws {
            guard m.rowLabels != inter.rowLabels else { return }
            let i = firstMismatch(m.rowLabels, inter.rowLabels)
            throw DataReadError(issues: [DataIssue(file: shown + "/" + name, line: i < m.rowCount ? m.rowLines[i] : (m.rowLines.last ?? 1) + 1, column: 1,
                message: "expected the rows of \(f.inter) in the same order (\(inter.rowCount) rows); row \(i + 1) is '\(i < m.rowCount ? m.rowLabels[i] : "(missing)")', expected '\(i < inter.rowCount ? inter.rowLabels[i] : "(none)")'")])
        }
        try checkRows(final, f.final)
        try checkRows(output, f.output)
        guard output.columnCount == 1 else {
            throw DataReadError(issues: [DataIssue(file: shown + "/" + f.output, line: 1, column: nil,
                                                   message: "expected one column of gross output (row,output), found \(output.columnCount)")])
        }
        return InputOutputTableData(name: "WIOD 2013 release, \(year)", nodeRegions: regions, nodeSectors: sectors,
                                    intermediate: inter.values, grossOutput: output.values, finalDemand: final.values,
                                    finalDemandLabels: final.columnLabels,
                                    notes: ["no value-added row in this conversion: v = 1 − column sums of A"])
    }
}
