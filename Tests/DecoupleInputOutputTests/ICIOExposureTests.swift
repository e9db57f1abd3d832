import DecoupleCore
@testable import DecoupleInputOutput
import Testing

/// The real OECD ICIO 2022 block (bundled, 4000 × 4000): identities of the Leontief model and
/// US exposure to China. One load and one LU for the whole suite.
@Suite("IO real ICIO 2022 exposure", .serialized) struct ICIOExposureTests {
    struct Loaded: Sendable {
        let table: InputOutputTableData
        let model: LeontiefModel
        let us: ImporterExposure
    }

    static let loaded: Result<Loaded, any Error> = Result {
        let catalog = DataCatalog(root: DataCatalog.sourceCheckoutDataFolder)
        let table = try catalog.loadOECDICIO2022()
        let model = try LeontiefModel(try IOTestSupport.system(table))
        return Loaded(table: table, model: model, us: try ImporterExposure(model: model, importer: "USA", tiers: 4))
    }

    static var manufacturing: [String] { ["C10T12", "C13T15", "C16", "C17_18", "C19", "C20", "C21", "C22", "C23", "C24A", "C24B",
                                          "C25", "C26", "C27", "C28", "C29", "C301", "C302T309", "C31T33"] }

    /// The region multipliers (#21: one build serves every importer) give the direct
    /// computation's numbers, for the US and Japan, with more tiers than were first built.
    @Test func regionMultipliersEqualTheDirectComputation() throws {
        let l = try Self.loaded.get()
        let m = try RegionMultipliers(model: l.model, tiers: 2).extended(to: 4, system: l.model.system)
        #expect(m.tiers == 4)
        for (importer, tiers) in [("USA", 4), ("JPN", 5), ("CHN", 3)] {
            let direct = try ImporterExposure(model: l.model, importer: importer, tiers: tiers)
            let fast = try ImporterExposure(multipliers: m, system: l.model.system, importer: importer, tiers: tiers)
            #expect(fast.sectors == direct.sectors && fast.regions == direct.regions && fast.tierCount == tiers)
            func worst(_ a: DenseMatrix, _ b: DenseMatrix) -> Double { zip(a.values, b.values).map { abs($0 - $1) }.max() ?? 0 }
            #expect(worst(fast.lookThrough, direct.lookThrough) < 1e-12, "\(importer) look-through")
            #expect(worst(fast.faceValue, direct.faceValue) < 1e-12 && worst(fast.valueAdded, direct.valueAdded) < 1e-12, "\(importer)")
            for (a, b) in zip(fast.tiers, direct.tiers) { #expect(worst(a, b) < 1e-12, "\(importer) tiers") }
            #expect(zip(fast.totalRequirements, direct.totalRequirements).allSatisfy { abs($0 - $1) < 1e-12 })
        }
    }

    @Test func tableShape() throws {
        let l = try Self.loaded.get()
        #expect(l.table.n == 4000)
        #expect(l.table.regions.count == 80)
        #expect(l.model.system.sectors.count == 50)
        // SOURCE.md: world intermediate flows among the 80 economies 99,249,283.47 USD m.
        #expect(abs(l.table.intermediate.reduce(0, +) - 99_249_283.47) < 0.5)
    }

    /// China's share of US manufacturing sectors' imported intermediate inputs at face value,
    /// against the same ratio summed independently from the raw Z.
    @Test func chinaShareOfUSManufacturingImportedInputs() throws {
        let l = try Self.loaded.get()
        let t = l.table, n = t.n
        var fromChina = 0.0, imported = 0.0
        for j in 0..<n where t.nodeRegions[j] == "USA" && t.nodeSectors[j].hasPrefix("C") {
            for i in 0..<n where t.nodeRegions[i] != "USA" {
                let z = t.intermediate[j * n + i]
                imported += z
                if t.nodeRegions[i] == "CHN" { fromChina += z }
            }
        }
        let independent = fromChina / imported
        let columns = Self.manufacturing.map { l.us.column(ofSector: $0)! }
        let agg = try #require(l.us.aggregate(columns, source: "CHN", label: "manufacturing"))
        #expect(abs(agg.faceValueShareOfImported - independent) < 1e-12)
        #expect(abs(agg.faceValueAmount - fromChina) < 1e-6 * fromChina)
        // The value itself (OECD ICIO 2022): 11.5 % of US manufacturing's imported intermediates.
        #expect(abs(independent - 0.11533) < 0.00001, "China's share: \(independent)")
        // Look-through exceeds face value for the group.
        #expect(agg.lookThroughShareOfForeign > agg.faceValueShareOfImported)
        #expect(agg.lookThroughShare > agg.faceValueShare)
    }

    @Test func leontiefColumnsSatisfyTheIdentityAndAreNonNegative() throws {
        let l = try Self.loaded.get()
        let J = l.model.system.indices(ofRegion: "USA")
        let LJ = try l.model.leontiefColumns(J)
        #expect(LJ.isFinite)
        #expect(LJ.values.min()! >= 0)
        #expect(l.model.residual(leontiefColumns: LJ, indices: J) < 1e-12)
        // Diagonal of L at least 1.
        for (c, j) in J.enumerated() { #expect(LJ[j, c] >= 1) }
    }

    /// The full L (formed once, explicitly): finite, non-negative, and L (I − A) = I on the
    /// US and Chinese rows; x = L y with y = x − Z 1 (sales outside the block).
    @Test func fullLeontiefInverseIsFiniteNonNegativeAndReproducesOutput() throws {
        let l = try Self.loaded.get()
        let m = l.model, s = m.system
        let L = try m.leontiefInverse()
        #expect(L.isFinite)
        #expect(L.values.min()! >= 0, "min L = \(L.values.min()!)")
        let rows = s.indices(ofRegion: "USA") + s.indices(ofRegion: "CHN")
        let LI = try m.leontiefRows(rows)
        #expect(m.residual(leontiefRows: LI, indices: rows) < 1e-12)
        // The explicit inverse's rows equal the solved ones.
        var worstRow = 0.0
        for (k, i) in rows.enumerated() { for j in 0..<s.n { worstRow = max(worstRow, abs(L[i, j] - LI[k, j])) } }
        #expect(worstRow < 1e-12)
        let zRow = s.Z.rowSums
        let y = zip(s.x, zRow).map { $0 - $1 }
        let x = try m.output(for: y)
        let worst = zip(x, s.x).map { abs($0 - $1) / max(1, $1) }.max()!
        #expect(worst < 1e-9, "x = L y: worst relative error \(worst)")
        // The solve and the explicit inverse agree.
        let viaL = L.multiplied(by: y)
        #expect(IOTestSupport.maxRelativeDifference(viaL, x, floor: 1e-6) < 1e-9)
    }

    @Test func usExposureToChina() throws {
        let l = try Self.loaded.get()
        let us = l.us
        #expect(us.sectors.count == 50)
        var chinaTop = 0
        for name in Self.manufacturing {
            let c = us.column(ofSector: name)!
            let e = try #require(us.sector(c, source: "CHN"))
            #expect(e.lookThrough >= e.faceValue)
            #expect(abs(e.tiers.reduce(0, +) - e.lookThrough) < 1e-12)
            #expect(e.tiers.allSatisfy { $0 >= -1e-15 })
            #expect(e.valueAdded > 0 && e.valueAdded < e.lookThrough)
            if us.topForeignSupplier(c)?.region == "CHN" { chinaTop += 1 }
        }
        // Value added over all sources adds up to 1 (v covers every primary input).
        let c26 = us.column(ofSector: "C26")!
        let vaTotal = us.valueAdded.column(c26).reduce(0, +)
        #expect(abs(vaTotal - 1) < 1e-9)
        // Computers & electronics: China is the top look-through foreign supplier.
        #expect(us.topForeignSupplier(c26)?.region == "CHN")
        // 12 of the 19 US manufacturing sectors have China as their top look-through foreign supplier
        // (Canada tops the other 7).
        #expect(chinaTop == 12, "US manufacturing sectors with China on top: \(chinaTop)")
        // C26 computers & electronics: face value 7.5 % of direct inputs, look-through 13.7 % of total requirements.
        let e26 = try #require(us.sector(c26, source: "CHN"))
        #expect(abs(e26.faceValueShare - 0.0751) < 0.0001 && abs(e26.lookThroughShare - 0.1373) < 0.0001,
                "C26: FV \(e26.faceValueShare), LT \(e26.lookThroughShare)")
        // Sector T buys no inputs: no top supplier.
        #expect(us.topForeignSupplier(us.column(ofSector: "T")!) == nil)
    }
}
