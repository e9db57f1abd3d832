import Foundation
import Testing
@testable import DecoupleInputOutput

@Suite struct DenseMatrixTests {
    @Test func storesColumnMajor() throws {
        let m = try #require(DenseMatrix(rows: 2, columns: 3, columnMajor: [1, 2, 3, 4, 5, 6]))
        #expect(m[1, 0] == 2)
        #expect(m[0, 2] == 5)
        #expect(DenseMatrix(rows: 2, columns: 2, columnMajor: [1]) == nil)
        #expect(DenseMatrix.identity(3)[2, 2] == 1 && DenseMatrix.identity(3)[0, 1] == 0)
    }

    @Test func blasThreadsByMatrixOrder() throws {
        // Fixed by the environment (DECOUPLE_BLAS_THREADS, OPENBLAS_NUM_THREADS): used as it is.
        if let fixed = ["DECOUPLE_BLAS_THREADS", "OPENBLAS_NUM_THREADS"].lazy
            .compactMap({ ProcessInfo.processInfo.environment[$0].flatMap { Int32($0) } }).first {
            #expect(BLASThreads.threads(forOrder: 4000, cores: 8) == fixed)
            return
        }
        #expect(BLASThreads.threads(forOrder: 100, cores: 8) == 1)
        #expect(BLASThreads.threads(forOrder: 499, cores: 8) == 1)
        #expect(BLASThreads.threads(forOrder: 500, cores: 8) == 8)
        #expect(BLASThreads.threads(forOrder: 4000, cores: 2) == 2)
        #expect(BLASThreads.threads(forOrder: 4000, cores: 0) == 1)
    }

    /// A system of order 600 (solved on every core) and of order 60 (one thread): the residual of
    /// each solution is at rounding level.
    @Test func solvesOnOneThreadAndOnMany() throws {
        for n in [60, 600] {
            var m = DenseMatrix(rows: n, columns: n)
            for j in 0..<n { for i in 0..<n { m[i, j] = i == j ? Double(n) : Double((i * 7 + j * 13) % 11) / 10 } }
            let b = (0..<n).map { Double($0 % 5) + 1 }
            let x = try LUFactorization(m).solve(b)
            let r = m.multiplied(by: x)
            let worst = zip(r, b).map { abs($0 - $1) }.max() ?? 1
            #expect(worst < 1e-11, "order \(n): residual \(worst)")
        }
    }
}
