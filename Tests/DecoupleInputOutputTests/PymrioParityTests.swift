@testable import DecoupleInputOutput
import Testing

/// Parity with pymrio 0.7.0 on its test MRIO (6 regions × 8 sectors): the fixtures were
/// exported once by `scripts/export_pymrio_fixtures.py`; every element must match to a
/// relative 1e-9.
@Suite("IO pymrio parity") struct PymrioParityTests {
    static let tolerance = 1e-9

    /// The test system built as `decouple` builds one: Z, Y (x = Z 1 + Y 1) and the value-added row.
    static func load() throws -> (system: InputOutputSystem, model: LeontiefModel) {
        let z = try IOTestSupport.matrix("Z"), y = try IOTestSupport.matrix("Y")
        let va = try IOTestSupport.matrix("factor_inputs_F")
        #expect(z.rowLabels == z.columnLabels && y.rowLabels == z.rowLabels && va.columnLabels == z.columnLabels)
        let system = try InputOutputSystem(nodes: IOTestSupport.nodes(z.columnLabels), Z: IOTestSupport.dense(z),
                                           Y: IOTestSupport.dense(y), finalDemandLabels: y.columnLabels,
                                           valueAdded: (0..<va.columnCount).map { va[0, $0] })
        return (system, try LeontiefModel(system))
    }

    func expectMatch(_ ours: [Double], _ fixture: String, _ what: String) throws {
        let theirs = try IOTestSupport.matrix(fixture)
        #expect(ours.count == theirs.values.count, "\(what): size")
        let d = IOTestSupport.maxRelativeDifference(ours, theirs.values)
        #expect(d <= Self.tolerance, "\(what): max relative difference \(d)")
    }

    @Test func grossOutputAndCoefficients() throws {
        let (s, m) = try Self.load()
        #expect(s.n == 48 && s.regions.count == 6 && s.sectors.count == 8)
        try expectMatch(s.x, "x", "x = Z 1 + Y 1")
        try expectMatch(m.A.values, "A", "A = Z x̂⁻¹")
        try expectMatch(s.B.values, "B", "B = x̂⁻¹ Z")
    }

    @Test func leontiefInverseExplicitAndBySolves() throws {
        let (s, m) = try Self.load()
        let L = try m.leontiefInverse()
        try expectMatch(L.values, "L", "L = (I − A)⁻¹ (dgetri)")
        // The same L from solves: all columns as one multi-right-hand-side solve.
        let byColumns = try m.leontiefColumns(Array(0..<s.n))
        try expectMatch(byColumns.values, "L", "L by dgetrs with E = I")
        // Rows by the transposed solve.
        let rows = try m.leontiefRows([0, 17, 47])
        let Lfix = try IOTestSupport.matrix("L")
        for (k, i) in [0, 17, 47].enumerated() {
            let d = IOTestSupport.maxRelativeDifference(rows.row(k), (0..<s.n).map { Lfix[i, $0] })
            #expect(d <= Self.tolerance, "row \(i) of L: \(d)")
        }
        #expect(m.identityResidual(leontief: L) < 1e-12)
    }

    @Test func ghoshInverse() throws {
        let (_, m) = try Self.load()
        try expectMatch(try m.ghoshInverse().values, "G", "G = x̂⁻¹ L x̂")
    }

    @Test func multipliersOfBothExtensions() throws {
        let (s, m) = try Self.load()
        // Value added: S = F x̂⁻¹ = vᵀ, M = S L.
        let vRow = DenseMatrix(rows: 1, columns: s.n, columnMajor: s.v)!
        try expectMatch(try m.multipliers(vRow).values, "factor_inputs_M", "value-added multipliers v L")
        let f = try IOTestSupport.matrix("emissions_F")
        let S = IOTestSupport.dense(f).scalingColumns(by: s.reciprocalOutput)
        try expectMatch(try m.multipliers(S).values, "emissions_M", "emission multipliers S L")
    }

    @Test func outputFromFinalDemand() throws {
        // x = L y with y = Y 1 reproduces x (the demand-driven identity).
        let (s, m) = try Self.load()
        let x = try m.output(for: s.Y!.rowSums)
        #expect(IOTestSupport.maxRelativeDifference(x, s.x) <= 1e-12)
    }

    @Test func exposureOnTheTestSystem() throws {
        // Exposure of reg1's sectors, checked against pymrio's A and L directly.
        let (s, m) = try Self.load()
        let e = try ImporterExposure(model: m, importer: "reg1", tiers: 3)
        let A = try IOTestSupport.matrix("A"), L = try IOTestSupport.matrix("L")
        let reg2 = s.indices(ofRegion: "reg2"), reg1 = s.indices(ofRegion: "reg1")
        for (c, j) in reg1.enumerated() {
            let fv = reg2.reduce(0) { $0 + A[$1, j] }
            let lt = reg2.reduce(0) { $0 + L[$1, j] }
            let total = (0..<s.n).reduce(0) { $0 + L[$1, j] } - 1
            let x = try #require(e.sector(c, source: "reg2"))
            #expect(abs(x.faceValue - fv) <= 1e-12 * fv)
            #expect(abs(x.lookThrough - lt) <= 1e-9 * lt)
            #expect(abs(x.lookThroughShare - lt / total) <= 1e-9)
            #expect(abs(x.tiers.reduce(0, +) - x.lookThrough) <= 1e-12)
            #expect(x.tiers.count == 3 && x.tiers[0] == x.faceValue)
            #expect(x.lookThrough > x.faceValue)
        }
    }
}
