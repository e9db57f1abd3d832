import DecoupleCore

/// Reads the bundled OECD ICIO 2022 intermediate block (80 economies × 50 sectors, ROW
/// dropped; see `Data/oecd-icio-2022/SOURCE.md`):
///
/// - `Z_intermediate_flows_dense.csv.gz`: 4000 × 4000 intermediate flows, USD million, header
///   `seller\buyer,AGO_A01,…,ZAF_T`, one row per seller with the same labels in the same order;
/// - `nodes.csv`: `idx,node,country,sector,gross_output,intermediate_inputs_from_80,intermediate_sales_to_80,other_sales,active`.
///
/// The block has no final demand by country and no value-added row: `x` is the OECD `OUT`
/// (gross output), and `v = 1 − Σ_i a_ij` covers value added, net taxes and intermediate
/// imports from the rest of the world.
public struct OECDICIOBlockReader: Sendable {
    public static let matrixFile = "Z_intermediate_flows_dense.csv.gz"
    public static let nodesFile = "nodes.csv"
    public static let nodesHeader = ["idx", "node", "country", "sector", "gross_output", "intermediate_inputs_from_80",
                                     "intermediate_sales_to_80", "other_sales", "active"]

    public var errorLimit: Int

    public init(errorLimit: Int = 20) { self.errorLimit = errorLimit }

    public func read(folder: String, displayFolder: String? = nil,
                     progress: ((Double) -> Void)? = nil) throws -> InputOutputTableData {
        let shown = displayFolder ?? folder
        let nodes = try readNodes(path: folder + "/" + Self.nodesFile, displayName: shown + "/" + Self.nodesFile)
        let zName = shown + "/" + Self.matrixFile
        let z = try LabelledMatrixReader(errorLimit: errorLimit).read(path: folder + "/" + Self.matrixFile,
                                                                      displayName: zName, progress: progress)
        let labels = nodes.map(\.label)
        var issues = IssueCollector(file: zName, limit: errorLimit)
        if z.columnLabels != labels {
            let j = firstMismatch(z.columnLabels, labels)
            try issues.add(line: 1, column: j < z.columnCount ? z.headerColumns[j] : nil,
                           "expected the \(labels.count) node labels of \(Self.nodesFile) in its order; column \(j + 1) is '\(j < z.columnCount ? z.columnLabels[j] : "(missing)")', expected '\(j < labels.count ? labels[j] : "(none)")'")
        }
        if z.rowLabels != labels {
            let i = firstMismatch(z.rowLabels, labels)
            try issues.add(line: i < z.rowCount ? z.rowLines[i] : (z.rowLines.last ?? 1) + 1, column: 1,
                           "expected the \(labels.count) node labels of \(Self.nodesFile) as row labels in its order; row \(i + 1) is '\(i < z.rowCount ? z.rowLabels[i] : "(missing)")', expected '\(i < labels.count ? labels[i] : "(none)")'")
        }
        try issues.finish()
        // One intermediate input worth more than the buyer's whole output (a coefficient above 1)
        // is a unit or keying error, not an economy.
        let n = labels.count
        for j in 0..<n where nodes[j].grossOutput > 0 {
            let x = nodes[j].grossOutput
            for i in 0..<n where z.values[j * n + i] > x {
                let v = z.values[j * n + i]
                try issues.add(line: z.rowLines[i], column: nil,
                               "Z[\(labels[i]), \(labels[j])] = \(v) is more than \(labels[j])'s gross output \(x) in \(Self.nodesFile) (a coefficient of \(String(format: "%.2f", v / x)); expected at most 1)")
            }
        }
        try issues.finish()
        return InputOutputTableData(
            name: "OECD ICIO 2025 release, 2022, intermediate block (80 economies × 50 sectors, ROW dropped)",
            nodeRegions: nodes.map(\.country), nodeSectors: nodes.map(\.sector), intermediate: z.values,
            grossOutput: nodes.map(\.grossOutput),
            notes: ["no final demand by country and no value-added row: v = 1 − column sums of A (value added, net taxes and intermediate imports from ROW)"])
    }

    struct Node { let label, country, sector: String; let grossOutput: Double }

    func readNodes(path: String, displayName: String) throws -> [Node] {
        let reader = DelimitedFileReader(path: path, displayName: displayName)
        var issues = IssueCollector(file: displayName, limit: errorLimit)
        var nodes: [Node] = []
        var seen: [String: Int] = [:]
        try readWithHeader(reader, progress: nil, header: { h, line in
            try h.requireExactly(Self.nodesHeader, file: displayName, line: line)
        }, row: { r in
            guard r.count == Self.nodesHeader.count else {
                try issues.add(line: r.line, column: nil, "expected \(Self.nodesHeader.count) fields (\(Self.nodesHeader.joined(separator: ","))), found \(r.count)")
                return
            }
            guard r.integer(0) == nodes.count else {
                try issues.add(line: r.line, column: r.column(0), "expected idx \(nodes.count) (0-based, in order), found '\(r.string(0))'")
                return
            }
            let label = r.string(1), country = r.string(2), sector = r.string(3)
            guard label == country + "_" + sector, !country.isEmpty, !sector.isEmpty else {
                try issues.add(line: r.line, column: r.column(1), "expected node = country_sector ('\(country)_\(sector)'), found '\(label)'")
                return
            }
            if let first = seen[label] {
                try issues.add(line: r.line, column: r.column(1), "node '\(label)' appears twice (first on line \(first)); every node once")
                return
            }
            seen[label] = r.line
            guard let x = r.number(4), x.isFinite, x >= 0 else {
                try issues.add(line: r.line, column: r.column(4), "expected gross output, a number ≥ 0 (USD million), found '\(r.string(4))'")
                return
            }
            nodes.append(Node(label: label, country: country, sector: sector, grossOutput: x))
        })
        try issues.finish()
        guard !nodes.isEmpty else {
            throw DataReadError(issues: [DataIssue(file: displayName, line: 2, message: "expected node rows after the header, found none")])
        }
        return nodes
    }
}
