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
}
