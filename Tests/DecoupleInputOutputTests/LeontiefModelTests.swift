import Testing
@testable import DecoupleInputOutput

/// The LU wrapper and the Leontief model on small hand-checked systems, and their errors.
@Suite("IO Leontief model") struct LeontiefModelTests {
    /// Two regions × one sector: Z = [[10, 20], [30, 40]], x = [100, 200].
    static func twoNodes() throws -> InputOutputSystem {
        try InputOutputSystem(nodes: [IONode(region: "AAA", sector: "X"), IONode(region: "BBB", sector: "X")],
                              Z: DenseMatrix(rows: 2, columns: 2, columnMajor: [10, 30, 20, 40])!, x: [100, 200])
    }

    @Test func coefficientsAndInverseByHand() throws {
        let s = try Self.twoNodes()
        // A = [[0.1, 0.1], [0.3, 0.2]]; I − A = [[0.9, −0.1], [−0.3, 0.8]], det = 0.69.
        #expect(s.A.values == [0.1, 0.3, 0.1, 0.2])
        #expect(s.B.values == [0.1, 0.15, 0.2, 0.2])
        #expect(s.v == [1 - 0.4, 1 - 0.3])
        let m = try LeontiefModel(s)
        let L = try m.leontiefInverse()
        let expected = [0.8 / 0.69, 0.3 / 0.69, 0.1 / 0.69, 0.9 / 0.69]
        for (a, b) in zip(L.values, expected) { #expect(abs(a - b) < 1e-15) }
        // x = L y with y = x − Z 1 = [70, 130].
        let x = try m.output(for: [70, 130])
        #expect(abs(x[0] - 100) < 1e-12 && abs(x[1] - 200) < 1e-12)
        // Columns, rows and multipliers agree with L.
        #expect(try m.leontiefColumns([1]).values.enumerated().allSatisfy { abs($1 - L[$0, 1]) < 1e-15 })
        #expect(try m.leontiefRows([1]).values.enumerated().allSatisfy { abs($1 - L[1, $0]) < 1e-15 })
        let M = try m.multipliers(DenseMatrix(rows: 1, columns: 2, columnMajor: s.v)!)
        // v L = 1ᵀ when v covers all primary inputs.
        #expect(abs(M.values[0] - 1) < 1e-15 && abs(M.values[1] - 1) < 1e-15)
        #expect(m.identityResidual(leontief: L) < 1e-15)
        // G = x̂⁻¹ L x̂.
        let G = try m.ghoshInverse(leontief: L)
        #expect(abs(G[0, 1] - L[0, 1] * 200 / 100) < 1e-15)
    }

    @Test func exposureByHand() throws {
        let m = try LeontiefModel(try Self.twoNodes())
        let e = try ImporterExposure(model: m, importer: "AAA", tiers: 2)
        let x = try #require(e.sector(0, source: "BBB"))
        // FV = a_21 = 0.3; LT = l_21 = 0.3 / 0.69; total requirements = l_11 − 1 + l_21.
        #expect(abs(x.faceValue - 0.3) < 1e-15)
        #expect(abs(x.lookThrough - 0.3 / 0.69) < 1e-15)
        #expect(abs(x.faceValueShare - 0.3 / 0.4) < 1e-15)
        #expect(abs(x.lookThroughShare - (0.3 / 0.69) / (0.8 / 0.69 - 1 + 0.3 / 0.69)) < 1e-15)
        #expect(abs(x.tiers[1] - (x.lookThrough - 0.3)) < 1e-15)
        #expect(abs(x.faceValueAmount - 30) < 1e-12)
        #expect(x.topForeignSupplier == "BBB")
        #expect(e.sector(0, source: "CCC") == nil)
        #expect(throws: InputOutputError.self) { try ImporterExposure(model: m, importer: "CCC") }
        #expect(throws: InputOutputError.self) { try ImporterExposure(model: m, importer: "AAA", tiers: 1) }
    }

    @Test func errorsArePreciseAndNeverCrash() throws {
        let n2 = [IONode(region: "AAA", sector: "X"), IONode(region: "BBB", sector: "X")]
        #expect(throws: InputOutputError("Z is 1×1 but there are 2 nodes: expected 2×2")) {
            try InputOutputSystem(nodes: n2, Z: DenseMatrix(rows: 1, columns: 1))
        }
        #expect(throws: InputOutputError("node AAA_X appears twice (positions 1 and 2)")) {
            try InputOutputSystem(nodes: [n2[0], n2[0]], Z: DenseMatrix(rows: 2, columns: 2))
        }
        #expect(throws: InputOutputError("gross output of BBB_X is -1.0: expected a finite number ≥ 0")) {
            try InputOutputSystem(nodes: n2, Z: DenseMatrix(rows: 2, columns: 2), x: [1, -1])
        }
        #expect(throws: InputOutputError("Z[BBB_X, AAA_X] is not a finite number")) {
            try InputOutputSystem(nodes: n2, Z: DenseMatrix(rows: 2, columns: 2, columnMajor: [0, .nan, 0, 0])!, x: [1, 1])
        }
        // A closed economy without primary inputs: I − A is singular.
        let closed = try InputOutputSystem(nodes: n2, Z: DenseMatrix(rows: 2, columns: 2, columnMajor: [0, 1, 1, 0])!, x: [1, 1])
        #expect(throws: LinearAlgebraError.singular(pivot: 1)) { try LeontiefModel(closed) }
        let lu = try LUFactorization(DenseMatrix.identity(3))
        #expect(throws: LinearAlgebraError.dimensionMismatch("right-hand side has 2 rows, the system has 3")) {
            try lu.solve(DenseMatrix(rows: 2, columns: 1))
        }
        #expect(throws: LinearAlgebraError.self) { try LUFactorization(DenseMatrix(rows: 2, columns: 3)) }
        let m = try LeontiefModel(try Self.twoNodes())
        #expect(throws: LinearAlgebraError.self) { try m.leontiefColumns([5]) }
        #expect(throws: LinearAlgebraError.self) { try m.output(for: [1]) }
        #expect(try LUFactorization(DenseMatrix.identity(2)).reciprocalCondition(norm1: 1) == 1)
    }

    @Test func denseMatrixOperations() throws {
        let a = try #require(DenseMatrix(rows: 2, columns: 3, columnMajor: [1, 2, 3, 4, 5, 6]))
        #expect(a.transposed.values == [1, 3, 5, 2, 4, 6])
        #expect(a.columnSums == [3, 7, 11] && a.rowSums == [9, 12])
        #expect((a * a.transposed).values == [35, 44, 44, 56])
        #expect(a.multiplied(by: [1, 1, 1]) == [9, 12])
        #expect(a.selectingColumns([2, 0]).values == [5, 6, 1, 2])
        #expect(a.scalingColumns(by: [1, 0, 2]).values == [1, 2, 0, 0, 10, 12])
        #expect(a.scalingRows(by: [2, 0]).values == [2, 0, 6, 0, 10, 0])
        #expect(DenseMatrix.unitColumns([1], size: 3).values == [0, 1, 0])
    }
}
