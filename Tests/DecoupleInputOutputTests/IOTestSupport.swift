@testable import DecoupleInputOutput

/// Paths and loaders shared by the input–output tests.
enum IOTestSupport {
    /// `Tests/DecoupleInputOutputTests/Fixtures`, located from this file's path.
    static var fixtures: String {
        var parts = "\(#filePath)".split(separator: "/", omittingEmptySubsequences: false)
        parts.removeLast()
        return parts.joined(separator: "/") + "/Fixtures"
    }

    static func matrix(_ name: String) throws -> LabelledMatrix {
        try LabelledMatrixReader().read(path: fixtures + "/pymrio-test/" + name + ".csv")
    }

    static func dense(_ m: LabelledMatrix) -> DenseMatrix {
        DenseMatrix(rows: m.rowCount, columns: m.columnCount, columnMajor: m.values)!
    }

    static func nodes(_ labels: [String]) -> [IONode] {
        labels.map { l in
            let u = l.firstIndex(of: "_")!
            return IONode(region: String(l[..<u]), sector: String(l[l.index(after: u)...]))
        }
    }

    /// An `InputOutputSystem` from a reader's table (what `decouple exposure` does).
    static func system(_ t: InputOutputTableData) throws -> InputOutputSystem { try InputOutputSystem(table: t) }

    /// The largest relative difference `|a − b| / max(|a|, |b|)` over the elements whose
    /// magnitude exceeds `floor` (smaller ones are compared absolutely against `floor`).
    static func maxRelativeDifference(_ a: [Double], _ b: [Double], floor: Double = 1e-300) -> Double {
        precondition(a.count == b.count)
        var worst = 0.0
        for (x, y) in zip(a, b) {
            let scale = max(abs(x), abs(y))
            if scale <= floor { continue }
            worst = max(worst, abs(x - y) / scale)
        }
        return worst
    }
}
