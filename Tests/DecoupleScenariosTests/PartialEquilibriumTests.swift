import Foundation
import Testing
import DecoupleInputOutput
@testable import DecoupleScenarios
import DecoupleTrade

@Suite struct PartialEquilibriumTests {
    /// Two suppliers of 100 each, 10 % tariff on A, σ = 2, ε = 1, η = ∞. By hand:
    /// P = (0.5·1.1⁻¹ + 0.5)⁻¹ = 1.0476190, Q = P⁻¹ = 0.9545455,
    /// q_A = 100·(1.1/P)⁻²·Q = 100·1.05⁻²·0.9545455 = 86.580087, q_B = 100·P^{σ−ε} = 104.761905.
    @Test func handSolvedTwoSuppliers() throws {
        let r = try PartialEquilibrium(sources: [.init(name: "A", baseValue: 100, newTariff: 0.1),
                                                 .init(name: "B", baseValue: 100)],
                                       importDemandElasticity: 1, substitutionElasticity: 2).solve()
        #expect(abs(r.priceIndex - 1.0476190476) < 1e-9)
        #expect(abs(r.compositeQuantity - 0.9545454545) < 1e-9)
        #expect(abs(r.sources[0].newVolume - 86.5800865801) < 1e-7)
        #expect(abs(r.sources[1].newVolume - 104.7619047619) < 1e-7)
        // Decomposition: TC + TD = Δq for each source; TC_k = q⁰(Q − 1) = −4.5454545.
        for s in r.sources {
            #expect(abs(s.tradeCreation + s.tradeDiversion - (s.newVolume - s.baseValue)) < 1e-9)
            #expect(abs(s.tradeCreation - (-4.5454545455)) < 1e-7)
        }
        #expect(abs(r.sources[0].exporterPrice - 1) < 1e-12)
        // Tariff revenue 0.1 × 86.580087 = 8.6580087.
        #expect(abs(r.tariffRevenueChange - 8.6580087) < 1e-6)
    }

    /// One supplier, finite supply elasticity: w^η = (wτ)^{−ε} ⇒ w = τ^{−ε/(η+ε)}.
    /// τ = 1.2, ε = 2, η = 2: w = 1.2^{−1/2} = 0.9128709, q = w² = 0.8333333.
    @Test func handSolvedFiniteSupply() throws {
        let r = try PartialEquilibrium(sources: [.init(name: "A", baseValue: 50, newTariff: 0.2, supplyElasticity: 2)],
                                       importDemandElasticity: 2, substitutionElasticity: 3).solve()
        #expect(abs(r.sources[0].exporterPrice - 0.9128709292) < 1e-8)
        #expect(abs(r.sources[0].newVolume - 50 * 0.8333333333) < 1e-6)
        #expect(abs(r.priceIndex - 1.2 * 0.9128709292) < 1e-8)
    }

    /// Zero import-demand elasticity: the composite quantity does not move, so no trade creation.
    @Test func zeroImportDemandElasticity() throws {
        let r = try PartialEquilibrium(sources: [.init(name: "A", baseValue: 70, newTariff: 0.25), .init(name: "B", baseValue: 30)],
                                       importDemandElasticity: 0, substitutionElasticity: 4).solve()
        #expect(abs(r.compositeQuantity - 1) < 1e-12)
        #expect(r.sources.allSatisfy { abs($0.tradeCreation) < 1e-9 })
        #expect(r.sources[0].tradeDiversion < 0 && r.sources[1].tradeDiversion > 0)
    }

    /// Zero supply elasticity everywhere: quantities cannot move; the exporter absorbs the
    /// whole tariff (w = 1/τ) and the importer's prices do not change.
    @Test func zeroSupplyElasticity() throws {
        let r = try PartialEquilibrium(sources: [.init(name: "A", baseValue: 70, newTariff: 0.25, supplyElasticity: 0),
                                                 .init(name: "B", baseValue: 30, supplyElasticity: 0)],
                                       importDemandElasticity: 1.5, substitutionElasticity: 4).solve()
        #expect(abs(r.priceIndex - 1) < 1e-9)
        #expect(abs(r.sources[0].newVolume - 70) < 1e-7 && abs(r.sources[1].newVolume - 30) < 1e-7)
        #expect(abs(r.sources[0].exporterPrice - 1 / 1.25) < 1e-9)
    }

    /// A very large finite supply elasticity converges to the infinite-elasticity solution.
    @Test func infiniteSupplyElasticityLimit() throws {
        func run(_ eta: Double) throws -> PartialEquilibrium.Result {
            try PartialEquilibrium(sources: [.init(name: "A", baseValue: 60, newTariff: 0.3, supplyElasticity: eta),
                                             .init(name: "B", baseValue: 25, supplyElasticity: eta),
                                             .init(name: "C", baseValue: 15, supplyElasticity: eta)],
                                   importDemandElasticity: 1.2, substitutionElasticity: 2.5).solve()
        }
        let inf = try run(.infinity), big = try run(1e9)
        #expect(abs(inf.priceIndex - big.priceIndex) < 1e-7)
        for (a, b) in zip(inf.sources, big.sources) { #expect(abs(a.newVolume - b.newVolume) < 1e-5) }
        #expect(inf.sources.allSatisfy { abs($0.exporterPrice - 1) < 1e-15 })
    }

    /// With finite η the solution satisfies supply = demand for every source.
    @Test func equilibriumResiduals() throws {
        let sigma = 3.0, eps = 1.0
        let r = try PartialEquilibrium(sources: [.init(name: "A", baseValue: 60, newTariff: nil, supplyElasticity: 1.5),
                                                 .init(name: "B", baseValue: 25, supplyElasticity: 0.5),
                                                 .init(name: "C", baseValue: 15, supplyElasticity: 4)],
                                       importDemandElasticity: eps, substitutionElasticity: sigma).solve()
        let etas = [1.5, 0.5, 4.0]
        for (k, s) in r.sources.enumerated() where k > 0 {
            let supply = pow(s.exporterPrice, etas[k])
            let demand = pow(s.importerPrice! / r.priceIndex, -sigma) * r.compositeQuantity
            #expect(abs(s.newVolume / s.baseValue - supply) < 1e-9)
            #expect(abs(s.newVolume / s.baseValue - demand) < 1e-9)
        }
        #expect(r.sources[0].newVolume == 0)
        // Volume conservation of the decomposition over all sources.
        let dq = r.sources.reduce(0) { $0 + $1.newVolume - $1.baseValue }
        let parts = r.sources.reduce(0) { $0 + $1.tradeCreation + $1.tradeDiversion }
        #expect(abs(dq - parts) < 1e-9)
    }

    @Test func prohibitiveNeedsSubstitutionAboveOne() {
        #expect(throws: PartialEquilibrium.ModelError.self) {
            try PartialEquilibrium(sources: [.init(name: "A", baseValue: 1, newTariff: nil), .init(name: "B", baseValue: 1)],
                                   importDemandElasticity: 1, substitutionElasticity: 0.8).solve()
        }
        #expect(throws: PartialEquilibrium.ModelError.self) {
            try PartialEquilibrium(sources: [.init(name: "A", baseValue: 1, newTariff: nil)],
                                   importDemandElasticity: 1, substitutionElasticity: 2).solve()
        }
    }
}

@Suite struct SupplyGapAndExtractionTests {
    @Test func conservationAndTimeToCover() {
        let g = SupplyGap(supplier: "CHN", supplierSupply: 200, cutFraction: 0.5,
                          others: [("JPN", 10, 15), ("KOR", 5, 10), ("RUS", 30, 40)], alliance: ["JPN", "KOR"],
                          capacityGrowthPerYear: 1, capacityMeasure: "test", unit: "t")
        #expect(g.gap == 100 && g.allianceCapacity == 25 && g.covered == 25 && g.uncovered == 75)
        #expect(g.covered + g.uncovered == g.gap)
        #expect(abs(g.yearsToCover! - 2) < 1e-12)  // 25 · 2^T = 100
        #expect(g.suppliers.first { $0.name == "RUS" }!.covered == 0)
        #expect(abs(g.suppliers.first { $0.name == "JPN" }!.covered - 15) < 1e-12)
        let none = SupplyGap(supplier: "CHN", supplierSupply: 10, cutFraction: 1, others: [("JPN", 1, 0)], alliance: ["JPN"],
                             capacityGrowthPerYear: 0.2, capacityMeasure: "", unit: "t")
        #expect(none.yearsToCover == nil && none.uncovered == 10)
    }

    /// Z = [[0, 10], [5, 0]], x = (100, 50); extract node 0's sales to node 1. By hand:
    /// A* = [[0, 0], [0.05, 0]], L* = [[1, 0], [0.05, 1]]; d = (10, 0) ⇒ backward Δx = (10, 0.5);
    /// e = (0, 10), G* = [[1, 0], [0.1, 1]] ⇒ forward Δx = eᵀG* = (1, 10).
    @Test func handSolvedExtraction() throws {
        let sys = try InputOutputSystem(nodes: [IONode(region: "CHN", sector: "C26"), IONode(region: "USA", sector: "C26")],
                                        Z: DenseMatrix(rows: 2, columns: 2, columnMajor: [0, 5, 10, 0])!, x: [100, 50])
        let ex = try HypotheticalExtraction(system: sys, sources: [0], importer: [1], fraction: 1)
        #expect(abs(ex.extractedSales - 10) < 1e-12)
        #expect(abs(ex.backwardLoss[0] - 10) < 1e-12 && abs(ex.backwardLoss[1] - 0.5) < 1e-12)
        #expect(abs(ex.forwardLoss[0] - 1) < 1e-12 && abs(ex.forwardLoss[1] - 10) < 1e-12)
        let half = try HypotheticalExtraction(system: sys, sources: [0], importer: [1], fraction: 0.5)
        #expect(abs(half.backwardLoss[0] - 5 / 0.995) < 1e-12)  // A*₀₁ = 0.1 remains: L*₀₀ = 1/(1 − 0.1·0.05)
    }
}
