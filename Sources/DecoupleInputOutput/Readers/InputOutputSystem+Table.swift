import DecoupleCore

extension InputOutputSystem {
    /// The system of a table as a reader returns it: Z and x, and Y and value added when the
    /// table has them (the one conversion from ``InputOutputTableData``; exposure, scenarios and
    /// the report all use it).
    /// - Throws: ``InputOutputError`` when Z or Y does not have the table's n rows and columns,
    ///   and every check of ``init(nodes:Z:x:Y:finalDemandLabels:valueAdded:)``.
    public init(table t: InputOutputTableData) throws {
        guard let z = DenseMatrix(rows: t.n, columns: t.n, columnMajor: t.intermediate) else {
            throw InputOutputError("\(t.name): the intermediate block has \(t.intermediate.count) values, expected \(t.n)×\(t.n)")
        }
        var y: DenseMatrix? = nil
        if let f = t.finalDemand {
            guard let m = DenseMatrix(rows: t.n, columns: t.finalDemandLabels.count, columnMajor: f) else {
                throw InputOutputError("\(t.name): final demand has \(f.count) values, expected \(t.n)×\(t.finalDemandLabels.count)")
            }
            y = m
        }
        try self.init(nodes: zip(t.nodeRegions, t.nodeSectors).map { IONode(region: $0, sector: $1) },
                      Z: z, x: t.grossOutput, Y: y, finalDemandLabels: y == nil ? [] : t.finalDemandLabels, valueAdded: t.valueAdded)
    }
}
