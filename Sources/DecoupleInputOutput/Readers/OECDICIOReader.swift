import DecoupleCore

/// Reads an OECD Inter-Country Input-Output table in the official CSV layout, as downloaded
/// from the OECD (`2022_SML.csv`, `ICIO2023_2020.csv` …), so that users can load any edition:
///
///     V1,AGO_A01,…,ZAF_T,AGO_HFCE,AGO_NPISH,AGO_GGFC,AGO_GFCF,AGO_INVNT,AGO_DPABR,…,OUT
///     AGO_A01,3617.6076,…
///     …
///     TLS,…
///     VA,…
///     OUT,…
///
/// - Rows and columns `CTY_SECTOR` form Z (seller = row, buyer = column); the sector part may
///   hold underscores (`C17_18`).
/// - Final-demand columns are `CTY_CAT` (or `CAT_CTY`, as in the 2016 edition) with CAT one of
///   HFCE, NPISH, NPS, GGFC, GFCF, INVNT, INV, DIRP, DPABR, FD, P33, DISC; a column named only
///   by a category (`DISC`) is kept as final demand too.
/// - `OUT`/`TOTAL` columns and `OUT`/`OUTPUT` rows are gross output; `VA` (and rows naming
///   `VALU`) is value added, `TLS` (and rows naming `TAX`) taxes less subsidies.
/// - China and Mexico split by processing trade in the extended tables (CN1, CN2, … and
///   MX1, MX2, …) are added into CHN and MEX, rows and columns, as pymrio's `parse_oecd` does.
/// - Gross output is the `OUT` row when present, else the `OUT` column, else `Z 1 + Y 1`.
/// - Blank cells are 0. The ROW region is kept as it is in the file.
public struct OECDICIOReader: Sendable {
    public static let finalDemandCategories: Set<String> = ["HFCE", "NPISH", "NPS", "GGFC", "GFCF", "INVNT", "INV", "DIRP", "DPABR", "FD", "P33", "DISC"]

    public var errorLimit: Int

    public init(errorLimit: Int = 20) { self.errorLimit = errorLimit }

    /// Merged region code: CN1, CN2 … → CHN; MX1, MX2 … → MEX.
    static func mergedRegion(_ r: String) -> String {
        if r.count == 3, r.hasPrefix("CN"), r.last!.isNumber { return "CHN" }
        if r.count == 3, r.hasPrefix("MX"), r.last!.isNumber { return "MEX" }
        return r
    }

    public func read(path: String, displayName: String? = nil, name: String? = nil,
                     progress: ((Double) -> Void)? = nil) throws -> InputOutputTableData {
        let shown = displayName ?? path
        let m = try LabelledMatrixReader(errorLimit: errorLimit).read(path: path, displayName: shown, progress: progress)
        return try table(from: m, file: shown, name: name ?? "OECD ICIO (\(shown.split(separator: "/").last.map(String.init) ?? shown))")
    }

    enum ColumnKind { case node(Int), finalDemand(Int), output }
    enum RowKind { case node(Int), valueAdded, taxes, output }

    func table(from m: LabelledMatrix, file: String, name: String) throws -> InputOutputTableData {
        var issues = IssueCollector(file: file, limit: errorLimit)
        var notes: [String] = []
        var merged = Set<String>()

        // Columns.
        var nodeLabels: [String] = []          // merged node labels in order of first appearance
        var nodeRegions: [String] = [], nodeSectors: [String] = []
        var nodeIndex: [String: Int] = [:]
        var fdLabels: [String] = []
        var fdIndex: [String: Int] = [:]
        var columnKinds: [ColumnKind] = []
        func fdColumn(_ label: String) -> Int {
            if let k = fdIndex[label] { return k }
            fdIndex[label] = fdLabels.count
            fdLabels.append(label)
            return fdLabels.count - 1
        }
        // A label written twice would be summed silently (as the merged regions' rows are):
        // every exact label once.
        var columnSeen: [String: Int] = [:], rowLabelSeen: [String: Int] = [:]
        for (j, label) in m.columnLabels.enumerated() {
            if let first = columnSeen[label] {
                try issues.add(line: 1, column: m.headerColumns[j], "column label '\(label)' appears twice (first at column \(m.headerColumns[first])); every label once")
            }
            columnSeen[label] = columnSeen[label] ?? j
        }
        for (i, label) in m.rowLabels.enumerated() {
            if let first = rowLabelSeen[label] {
                try issues.add(line: m.rowLines[i], column: 1, "row label '\(label)' appears twice (first on line \(first)); every label once")
            }
            rowLabelSeen[label] = rowLabelSeen[label] ?? m.rowLines[i]
        }
        for (j, label) in m.columnLabels.enumerated() {
            if label == "OUT" || label == "TOTAL" { columnKinds.append(.output); continue }
            if Self.finalDemandCategories.contains(label) { columnKinds.append(.finalDemand(fdColumn(label))); continue }
            guard let (region, sector) = splitNodeLabel(label) else {
                columnKinds.append(.output)   // placeholder; the issue stops the read
                try issues.add(line: 1, column: m.headerColumns[j],
                               "unexpected column label '\(label)': expected CTY_SECTOR (Z), CTY_HFCE and other final-demand columns, or OUT")
                continue
            }
            if Self.finalDemandCategories.contains(sector) || Self.finalDemandCategories.contains(region) {
                let (cty, cat) = Self.finalDemandCategories.contains(sector) ? (region, sector) : (sector, region)
                let r = Self.mergedRegion(cty)
                if r != cty { merged.insert(cty) }
                columnKinds.append(.finalDemand(fdColumn(r + "_" + cat)))
                continue
            }
            let r = Self.mergedRegion(region)
            if r != region { merged.insert(region) }
            let key = r + "_" + sector
            if let k = nodeIndex[key] { columnKinds.append(.node(k)); continue }
            nodeIndex[key] = nodeLabels.count
            nodeLabels.append(key)
            nodeRegions.append(r)
            nodeSectors.append(sector)
            columnKinds.append(.node(nodeLabels.count - 1))
        }

        // Rows.
        var rowKinds: [RowKind] = []
        var rowSeen = Set<Int>()
        for (i, label) in m.rowLabels.enumerated() {
            if label == "OUT" || label == "OUTPUT" { rowKinds.append(.output); continue }
            if label == "VA" || label.contains("VALU") { rowKinds.append(.valueAdded); continue }
            if label == "TLS" || label.contains("TAX") { rowKinds.append(.taxes); continue }
            guard let (region, sector) = splitNodeLabel(label) else {
                rowKinds.append(.output)
                try issues.add(line: m.rowLines[i], column: 1,
                               "unexpected row label '\(label)': expected CTY_SECTOR (Z), TLS, VA or OUT")
                continue
            }
            let r = Self.mergedRegion(region)
            if r != region { merged.insert(region) }
            guard let k = nodeIndex[r + "_" + sector] else {
                rowKinds.append(.output)
                try issues.add(line: m.rowLines[i], column: 1,
                               "row '\(label)' has no matching column: every CTY_SECTOR row needs a CTY_SECTOR column of the same name")
                continue
            }
            rowSeen.insert(k)
            rowKinds.append(.node(k))
        }
        if nodeLabels.isEmpty {
            try issues.add(line: 1, column: nil, "no CTY_SECTOR columns: expected the intermediate block Z in the header")
        }
        for (k, label) in nodeLabels.enumerated() where !rowSeen.contains(k) {
            // The column is in the header (line 1); its place there when it was not merged.
            let column = m.columnLabels.firstIndex(of: label).map { m.headerColumns[$0] }
            try issues.add(line: 1, column: column, "column '\(label)' has no matching row: every CTY_SECTOR column needs a CTY_SECTOR row")
        }
        try issues.finish()

        // Accumulate (summing merged rows and columns).
        let n = nodeLabels.count, k = fdLabels.count
        var Z = [Double](repeating: 0, count: n * n)
        var Y = [Double](repeating: 0, count: n * k)
        var va: [Double]? = nil, tls: [Double]? = nil, outRow: [Double]? = nil
        var outColumn: [Double]? = nil
        let rows = m.rowCount
        m.values.withUnsafeBufferPointer { p in
            for (j, ck) in columnKinds.enumerated() {
                let col = j * rows
                switch ck {
                case .node(let c):
                    for (i, rk) in rowKinds.enumerated() {
                        let v = p[col + i]
                        switch rk {
                        case .node(let r): Z[c * n + r] += v
                        case .valueAdded: if va == nil { va = .init(repeating: 0, count: n) }; va![c] += v
                        case .taxes: if tls == nil { tls = .init(repeating: 0, count: n) }; tls![c] += v
                        case .output: if outRow == nil { outRow = .init(repeating: 0, count: n) }; outRow![c] += v
                        }
                    }
                case .finalDemand(let f):
                    for (i, rk) in rowKinds.enumerated() { if case .node(let r) = rk { Y[f * n + r] += p[col + i] } }
                case .output:
                    for (i, rk) in rowKinds.enumerated() {
                        if case .node(let r) = rk {
                            if outColumn == nil { outColumn = .init(repeating: 0, count: n) }
                            outColumn![r] += p[col + i]
                        }
                    }
                }
            }
        }
        let x: [Double]
        if let outRow { x = outRow }
        else if let outColumn { x = outColumn; notes.append("gross output from the OUT column (no OUT row)") }
        else {
            var s = [Double](repeating: 0, count: n)
            for j in 0..<n { for i in 0..<n { s[i] += Z[j * n + i] } }
            for f in 0..<k { for i in 0..<n { s[i] += Y[f * n + i] } }
            x = s
            notes.append("gross output computed as Z 1 + Y 1 (no OUT row or column)")
        }
        if !merged.isEmpty {
            notes.append("\(merged.sorted().joined(separator: ", ")) added into \(Set(merged.map(Self.mergedRegion)).sorted().joined(separator: " and ")) (rows and columns)")
        }
        return InputOutputTableData(name: name, nodeRegions: nodeRegions, nodeSectors: nodeSectors, intermediate: Z,
                                    grossOutput: x, finalDemand: k > 0 ? Y : nil, finalDemandLabels: fdLabels,
                                    valueAdded: va, taxesLessSubsidies: tls, notes: notes)
    }
}
