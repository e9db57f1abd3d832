import Testing
import DecoupleCore
@testable import DecouplePolicy

/// Worked §30D examples. Every expected figure is computed by hand in the test from the BOM.
@Suite struct IRACleanVehicleTests {
    let engine = IRA.engine

    @Test func aBOMThatPasses() throws {
        // Placed in service 2024-06-15: critical minerals 50%, battery components 60% (§30D(e)(1)(B)(ii), (e)(2)(B)(ii)).
        let bom = IRA.bom("2024-06-15", acquired: "2024-06-01", components: IRA.componentsEightyPercentNA, minerals: [
            IRA.mineral("li", "lithium", 1200, extracted: "AUS", processed: "CHL"),   // Australia: FTA → counts
            IRA.mineral("ni", "nickel", 900, extracted: "CAN", processed: "CAN"),     // Canada: FTA → counts
            IRA.mineral("co", "cobalt", 600, extracted: "COD", processed: "FIN"),     // neither FTA → does not count
            IRA.mineral("gr", "graphite", 300, extracted: "MOZ", processed: "IDN"),   // neither FTA → does not count
        ])
        let a = try engine.assess(bom)
        // Minerals: (1200 + 900) / (1200 + 900 + 600 + 300) = 2100 / 3000 = 0.70 ≥ 0.50.
        let minerals = try #require(a.criticalMinerals)
        #expect(minerals.qualifyingValue == 2100)
        #expect(minerals.totalValue == 3000)
        #expect(a.qualifyingMineralContent == 2100.0 / 3000.0)
        #expect(minerals.applicablePercentage == 50)
        #expect(minerals.met)
        // Components: (6000 + 2000) / 10000 = 0.80 ≥ 0.60.
        let components = try #require(a.batteryComponents)
        #expect(components.qualifyingValue == 8000)
        #expect(a.qualifyingBatteryComponentContent == 0.8)
        #expect(components.applicablePercentage == 60)
        #expect(components.met)
        #expect(a.status == .assessed)
        #expect(a.credit == 3750 + 3750)
        // Every step is explained.
        let text = a.steps.flatMap(\.lines).joined(separator: "\n")
        #expect(text.contains("lithium (li, US$1,200): extracted in Australia (FTA: US–Australia), counts"))
        #expect(text.contains("cobalt (co, US$600): extracted in DR Congo (not the US or an FTA country), processed in Finland (not the US or an FTA country), does not count"))
        #expect(text.contains("separators (separators, US$2,000): manufactured or assembled in South Korea (outside North America), does not count"))
        #expect(text.contains("US$2,100 ÷ US$3,000 = 70.00%"))
        #expect(a.steps.map(\.title).contains("Critical minerals, step 1: procurement chains"))
        #expect(a.steps.map(\.title).contains("Critical minerals, step 2: qualifying critical minerals"))
        #expect(a.steps.map(\.title).contains("Critical minerals, step 3: qualifying critical-mineral content"))
    }

    @Test func aBOMThatFailsOnlyOnMinerals() throws {
        // 2024-03-01: the mineral FEOC exclusion starts only in 2025, so Chinese processing makes a
        // mineral non-qualifying but does not exclude the vehicle.
        let bom = IRA.bom("2024-03-01", components: IRA.componentsEightyPercentNA, minerals: [
            IRA.mineral("li", "lithium", 1000, extracted: "ARG", processed: "CHN", withEntities: false),
            IRA.mineral("ni", "nickel", 800, extracted: "IDN", processed: "IDN", withEntities: false),
            IRA.mineral("co", "cobalt", 700, extracted: "COD", processed: "CHN", withEntities: false),
            IRA.mineral("mn", "manganese", 500, extracted: "ZAF", processed: "USA", withEntities: false),  // processed in the US → counts
        ])
        let a = try engine.assess(bom)
        // Minerals: 500 / (1000 + 800 + 700 + 500) = 500 / 3000 = 16.67% < 50%.
        let minerals = try #require(a.criticalMinerals)
        #expect(minerals.qualifyingValue == 500)
        #expect(minerals.totalValue == 3000)
        #expect(!minerals.met)
        #expect(minerals.credit == 0)
        // Components: 8000 / 10000 = 80% ≥ 60%.
        #expect(a.batteryComponents?.met == true)
        #expect(a.foreignEntity.componentsChecked && !a.foreignEntity.mineralsChecked)
        #expect(!a.foreignEntity.excluded)
        #expect(a.status == .assessed)
        #expect(a.credit == 3750)
        let reason = minerals.items.first { $0.id == "li" }!.reason
        #expect(reason == "extracted in Argentina (not the US or an FTA country), processed in China (not the US or an FTA country), does not count")
    }

    @Test func aBOMThatFailsOnlyOnFEOC() throws {
        // 2025-03-01: minerals 60%, components 60%. The graphite refiner is in South Korea (an FTA
        // country, so the graphite qualifies) but covered-nation governments hold 30% of it (≥ 25%).
        let refiner = SupplyEntity(name: "Graphite Refining JV", incorporatedIn: Country("KOR"), headquarteredIn: Country("KOR"),
                                   coveredGovernmentInterest: 0.30, coveredGovernmentContractualControl: false, listed: false)
        let bom = IRA.bom("2025-03-01", acquired: "2025-02-20", components: [IRA.component("cells", 7000, "USA"), IRA.component("modules", 3000, "CAN")], minerals: [
            IRA.mineral("li", "lithium", 1200, extracted: "AUS"),
            IRA.mineral("ni", "nickel", 900, extracted: "CAN"),
            IRA.mineral("gr", "graphite", 900, processed: "KOR", processor: refiner),
        ])
        let a = try engine.assess(bom)
        // Without the FEOC rule both halves would be met: minerals 3000/3000 = 100% ≥ 60%, components 10000/10000 = 100% ≥ 60%.
        #expect(a.criticalMinerals?.qualifyingValue == 3000)
        #expect(a.criticalMinerals?.met == true)
        #expect(a.batteryComponents?.met == true)
        // … but the refiner is a foreign entity of concern, so the vehicle is excluded.
        #expect(a.foreignEntity.mineralsChecked)
        #expect(a.foreignEntity.findings.count == 1)
        let finding = try #require(a.foreignEntity.findings.first)
        #expect(finding.path == "criticalMinerals[2] (gr) › processor")
        #expect(finding.reasons == ["covered-nation governments hold 30% of seats, votes or equity (threshold 25%)"])
        #expect(a.status == .excludedForeignEntity)
        #expect(a.credit == 0)
        #expect(a.criticalMinerals?.credit == 0 && a.batteryComponents?.credit == 0)
    }

    @Test func componentFEOCAppliesFrom2024ButNotIn2023() throws {
        // A module assembled in Mexico by a company headquartered in China: a FEOC (subject to the
        // jurisdiction of a covered nation), but the component exclusion starts 2024-01-01.
        let maker = SupplyEntity(name: "Module Maker", incorporatedIn: Country("MEX"), headquarteredIn: .china,
                                 coveredGovernmentInterest: 0, coveredGovernmentContractualControl: false, listed: false)
        let components = [IRA.component("cells", 6000, "USA"), IRA.component("modules", 4000, "MEX", maker: maker)]
        let minerals = [IRA.mineral("li", "lithium", 1000, extracted: "AUS")]
        let in2023 = try engine.assess(IRA.bom("2023-12-31", components: components, minerals: minerals))
        #expect(in2023.status == .assessed && in2023.credit == 7500)
        let in2024 = try engine.assess(IRA.bom("2024-01-01", components: components, minerals: minerals))
        #expect(in2024.status == .excludedForeignEntity && in2024.credit == 0)
        #expect(in2024.foreignEntity.findings.first?.reasons == ["headquartered in China (covered nation)"])
    }

    @Test func aBOMOnTheBoundaryOfAPercentageStep() throws {
        // Minerals 1350 / 3000 = 45%: enough on 2023-12-31 (40%), not on 2024-01-01 (50%).
        let minerals = [IRA.mineral("li", "lithium", 1350, extracted: "CHL"), IRA.mineral("co", "cobalt", 1650, extracted: "COD", processed: "IDN")]
        let before = try engine.assess(IRA.bom("2023-12-31", components: IRA.componentsEightyPercentNA, minerals: minerals))
        #expect(before.criticalMinerals?.applicablePercentage == 40)
        #expect(before.criticalMinerals?.met == true)
        #expect(before.credit == 7500)
        let after = try engine.assess(IRA.bom("2024-01-01", components: IRA.componentsEightyPercentNA, minerals: minerals))
        #expect(after.criticalMinerals?.applicablePercentage == 50)
        #expect(after.criticalMinerals?.stepFrom == IRA.day("2024-01-01"))
        #expect(after.criticalMinerals?.met == false)
        #expect(after.credit == 3750)

        // Exactly on the percentage: minerals 1500 / 3000 = 50%, components 6000 / 10000 = 60% on
        // 2024-01-01 — "equal to or greater than" (§30D(e)(1)(A), (e)(2)(A)), so both are met.
        let exact = IRA.bom("2024-01-01", components: [IRA.component("cells", 6000, "USA"), IRA.component("anode", 4000, "JPN")],
                            minerals: [IRA.mineral("li", "lithium", 1500, extracted: "PER"), IRA.mineral("co", "cobalt", 1500, extracted: "COD", processed: "IDN")])
        let e = try engine.assess(exact)
        #expect(e.qualifyingMineralContent == 0.5 && e.criticalMinerals?.met == true)
        #expect(e.qualifyingBatteryComponentContent == 0.6 && e.batteryComponents?.met == true)
        #expect(e.credit == 7500)
        // One dollar less of qualifying lithium: 1499 / 2999 < 50%.
        var short = exact
        short.criticalMinerals[0].value = 1499
        #expect(try engine.assess(short).criticalMinerals?.met == false)
    }

    @Test func theScheduleStepsAreTheStatutes() {
        let r = IRA.rules
        let minerals = [("2023-06-01", 40), ("2024-06-01", 50), ("2025-06-01", 60), ("2026-06-01", 70), ("2027-06-01", 80), ("2031-06-01", 80)]
        for (d, p) in minerals { #expect(r.criticalMineralStep(on: IRA.day(d))?.percent == p, "minerals \(d)") }
        let components = [("2023-06-01", 50), ("2024-06-01", 60), ("2025-06-01", 60), ("2026-06-01", 70), ("2027-06-01", 80), ("2028-06-01", 90), ("2029-06-01", 100), ("2032-12-31", 100)]
        for (d, p) in components { #expect(r.batteryComponentStep(on: IRA.day(d))?.percent == p, "components \(d)") }
        #expect(r.criticalMineralStep(on: IRA.day("2023-04-17")) == nil)
        #expect(r.sourcingRequirementsFrom == IRA.day("2023-04-18"))
        #expect(r.foreignEntity.componentsExcludedFrom == IRA.day("2024-01-01"))
        #expect(r.foreignEntity.mineralsExcludedFrom == IRA.day("2025-01-01"))
        #expect(r.noCreditIfAcquiredAfter == IRA.day("2025-09-30"))
    }

    @Test func aVehiclePlacedInServiceAfterTheTermination() throws {
        // Acquired 2025-10-02, after 2025-09-30: no credit, whatever the battery. No FEOC entity data is needed.
        let bom = IRA.bom("2025-10-15", acquired: "2025-10-02", components: [IRA.component("cells", 10000, "USA")],
                          minerals: [IRA.mineral("li", "lithium", 1000, extracted: "AUS", withEntities: false)])
        let a = try engine.assess(bom)
        #expect(a.status == .terminated)
        #expect(a.credit == 0)
        #expect(!a.foreignEntity.mineralsChecked)
        #expect(a.steps.flatMap(\.lines).contains { $0.contains("acquired 2025-10-02: after 2025-09-30, so no credit is allowed") })

        // Acquired (binding contract and payment) on 2025-09-20 but placed in service on 2025-10-15: still assessed, at the 2025 percentages.
        let early = IRA.bom("2025-10-15", acquired: "2025-09-20", components: [IRA.component("cells", 10000, "USA")],
                            minerals: [IRA.mineral("li", "lithium", 1000, extracted: "AUS")])
        let b = try engine.assess(early)
        #expect(b.status == .assessed && b.credit == 7500)
        #expect(b.criticalMinerals?.applicablePercentage == 60)

        // Placed in service after the termination with no acquisition date: the engine does not guess.
        let unknown = IRA.bom("2025-10-15", components: [IRA.component("cells", 10000, "USA")],
                              minerals: [IRA.mineral("li", "lithium", 1000, extracted: "AUS")])
        let problems = try #require(throws: BOMProblems.self) { try engine.assess(unknown) }
        #expect(problems.problems.map(\.path) == ["vehicle"])
        #expect(problems.problems[0].message.hasPrefix("missing field 'acquired': the vehicle was placed in service after 2025-09-30"))
    }

    @Test func beforeTheSourcingRequirementsTheBatteryDoesNotLimitTheCredit() throws {
        let bom = IRA.bom("2023-03-01", components: [IRA.component("cells", 10000, "CHN")],
                          minerals: [IRA.mineral("li", "lithium", 1000, processed: "CHN", withEntities: false)])
        let a = try engine.assess(bom)
        #expect(a.status == .sourcingRequirementsNotYetApplicable)
        #expect(a.credit == 7500)
        #expect(a.criticalMinerals == nil && a.batteryComponents == nil)
    }

    @Test func recyclingCountsOnlyInNorthAmerica() {
        let e = IRA.engine
        let d = IRA.day("2024-05-01")
        let mexico = e.qualifies(IRA.mineral("a", "nickel", 1, recycled: "MEX"), day: d)
        #expect(mexico.0)
        #expect(mexico.1 == "recycled in Mexico (North America), counts")
        #expect(e.qualifies(IRA.mineral("b", "nickel", 1, recycled: "KOR"), day: d).0 == false)
        // Japan counts only from its critical minerals agreement (2023-03-28), which precedes the requirements anyway.
        #expect(e.qualifies(IRA.mineral("c", "lithium", 1, processed: "JPN"), day: d).0)
    }
}
