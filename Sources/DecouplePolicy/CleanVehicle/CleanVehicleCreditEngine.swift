import DecoupleCore
import DecoupleTrade
import Foundation

/// Applies a §30D rule set (``CleanVehicleRuleSet``) to a battery bill of materials.
///
/// In order:
/// 1. dates: the placed-in-service date must lie in the rules' coverage; a vehicle acquired
///    after the termination date (30 Sep 2025, §30D(h) as amended by P.L. 119-21) gets nothing;
/// 2. the critical-mineral requirement (§30D(e)(1)) by Treasury's three steps (Treas. Reg.
///    §1.30D-3(c), proposed 88 FR 23370, final T.D. 9995, 89 FR 37706): **establish procurement
///    chains** (the BOM's `criticalMinerals` entries), **determine qualifying critical minerals**
///    (extracted or processed in the US or an FTA country, or recycled in North America),
///    **compute qualifying critical-mineral content** (qualifying value ÷ total value), compared
///    with the applicable percentage for the date;
/// 3. the battery-component requirement (§30D(e)(2)): value of components manufactured or
///    assembled in North America ÷ value of all components, against its percentage;
/// 4. the FEOC exclusions (§30D(d)(7)): from 2024 no component manufactured or assembled by a
///    FEOC, from 2025 no mineral extracted, processed or recycled by one — either excludes the
///    vehicle entirely.
///
/// The engine never guesses: a date outside the rules, or a fact the rules need on that date
/// (acquisition date after the termination, an entity for the FEOC test), is a ``BOMProblem``
/// with its JSON path, and no figures are returned.
public struct CleanVehicleCreditEngine: Sendable {
    public let rules: CleanVehicleRuleSet
    let names: CountryTable

    public init(rules: CleanVehicleRuleSet, names: CountryTable = .standard) {
        self.rules = rules
        self.names = names
    }

    /// Assesses a vehicle, or throws ``BOMProblems``.
    public func assess(_ bom: BatteryBillOfMaterials) throws -> CleanVehicleAssessment {
        let day = bom.vehicle.placedInService
        try check(bom)
        var steps: [ExplanationStep] = []
        let money = { (x: Double) in NumberText.dollars(x) }

        // Dates.
        var dateLines = ["placed in service \(day); rules '\(rules.id)' cover \(rules.coversFrom) to \(rules.coversThrough) (\(rules.coverageBasis))"]
        var terminated = false
        if let end = rules.noCreditIfAcquiredAfter {
            let acquired = bom.vehicle.acquired ?? day
            let known = bom.vehicle.acquired != nil ? "acquired \(acquired)" : "not acquired later than it was placed in service (\(day))"
            if acquired > end {
                terminated = true
                dateLines.append("\(known): after \(end), so no credit is allowed (\(rules.terminationBasis ?? "termination"))")
            } else {
                dateLines.append("\(known): not after \(end), the credit's termination date, so the credit is still available")
            }
        }
        let requirementsApply = day >= rules.sourcingRequirementsFrom
        dateLines.append(requirementsApply
            ? "the critical-mineral and battery-component requirements apply from \(rules.sourcingRequirementsFrom) (\(rules.sourcingRequirementsBasis))"
            : "placed in service before \(rules.sourcingRequirementsFrom): the critical-mineral and battery-component requirements do not apply yet (\(rules.sourcingRequirementsBasis))")
        steps.append(ExplanationStep(title: "Dates", lines: dateLines))

        var minerals: RequirementResult?
        var components: RequirementResult?
        if requirementsApply {
            let (m, mSteps) = criticalMinerals(bom, day: day)
            minerals = m
            steps += mSteps
            let (c, cStep) = batteryComponents(bom, day: day)
            components = c
            steps.append(cStep)
        }

        // FEOC.
        let feoc = foreignEntities(bom, day: day, skip: terminated)
        var feocLines: [String] = []
        if terminated {
            feocLines.append("not needed: no credit is allowed after the termination date")
        } else {
            feocLines.append(feoc.componentsChecked
                ? "components: placed in service on or after \(rules.foreignEntity.componentsExcludedFrom), no component may be manufactured or assembled by a foreign entity of concern"
                : "components: the exclusion applies only to vehicles placed in service from \(rules.foreignEntity.componentsExcludedFrom); not checked")
            feocLines.append(feoc.mineralsChecked
                ? "critical minerals: placed in service on or after \(rules.foreignEntity.mineralsExcludedFrom), no applicable critical mineral may be extracted, processed or recycled by a foreign entity of concern"
                : "critical minerals: the exclusion applies only to vehicles placed in service from \(rules.foreignEntity.mineralsExcludedFrom); not checked")
            for f in feoc.findings {
                feocLines.append("\(f.entity) (\(f.activity)): foreign entity of concern — \(f.reasons.joined(separator: "; "))")
            }
            if (feoc.componentsChecked || feoc.mineralsChecked) && feoc.findings.isEmpty {
                feocLines.append("no foreign entity of concern found among the entities declared")
            }
            feocLines.append("(\(rules.foreignEntity.legalBasis); definition: \(rules.foreignEntity.definitionBasis))")
        }
        steps.append(ExplanationStep(title: "Foreign entities of concern", lines: feocLines))

        // Result.
        let status: CleanVehicleAssessment.Status
        var credit = 0.0
        if terminated {
            status = .terminated
        } else if feoc.excluded {
            status = .excludedForeignEntity
        } else if !requirementsApply {
            status = .sourcingRequirementsNotYetApplicable
            credit = 2 * rules.creditPerRequirement
        } else {
            status = .assessed
            credit = (minerals?.credit ?? 0) + (components?.credit ?? 0)
        }
        if status != .assessed {
            minerals?.credit = 0
            components?.credit = 0
        }
        var resultLines: [String] = []
        switch status {
        case .terminated: resultLines.append("no credit: acquired after \(rules.noCreditIfAcquiredAfter!)")
        case .excludedForeignEntity: resultLines.append("no credit: the vehicle is not a 'new clean vehicle' because of a foreign entity of concern (§30D(d)(7))")
        case .sourcingRequirementsNotYetApplicable: resultLines.append("\(money(credit)) as far as battery sourcing goes (both halves; the requirements did not apply yet)")
        case .assessed:
            for r in [minerals, components].compactMap({ $0 }) {
                resultLines.append("\(r.requirement): \(r.met ? "met" : "not met"), \(money(r.credit))")
            }
            resultLines.append("credit: \(money(credit)) (\(rules.creditBasis))")
        }
        resultLines.append("not checked here: final assembly in North America, price caps, buyer's income, battery capacity and the other §30D conditions")
        steps.append(ExplanationStep(title: "Result", lines: resultLines))
        return CleanVehicleAssessment(ruleSet: rules.id, vehicle: bom.vehicle, status: status, credit: credit,
                                      criticalMinerals: minerals, batteryComponents: components, foreignEntity: feoc,
                                      steps: steps, sources: rules.sources)
    }

    // MARK: - Checks that depend on the rules

    private func check(_ bom: BatteryBillOfMaterials) throws {
        var problems: [BOMProblem] = []
        let day = bom.vehicle.placedInService
        if day < rules.coversFrom || day > rules.coversThrough {
            problems.append(BOMProblem(path: "vehicle › placedInService",
                message: "\(day) is outside the dates rule set '\(rules.id)' covers: expected a day from \(rules.coversFrom) to \(rules.coversThrough) (\(rules.coverageBasis))"))
        }
        if let acquired = bom.vehicle.acquired, acquired > day {
            problems.append(BOMProblem(path: "vehicle › acquired",
                message: "acquired \(acquired), after it was placed in service (\(day)): expected a day on or before placedInService"))
        }
        if let end = rules.noCreditIfAcquiredAfter, day > end, bom.vehicle.acquired == nil {
            problems.append(BOMProblem(path: "vehicle",
                message: "missing field 'acquired': the vehicle was placed in service after \(end), so the acquisition date decides whether any credit is allowed (\(rules.terminationBasis ?? "termination")); give the day the written binding contract was made and a payment was made"))
        }
        let terminated = rules.noCreditIfAcquiredAfter.map { (bom.vehicle.acquired ?? day) > $0 } ?? false
        if !terminated {
            let f = rules.foreignEntity
            if day >= f.componentsExcludedFrom {
                for (i, c) in bom.components.enumerated() where c.manufacturer == nil {
                    problems.append(BOMProblem(path: "components[\(i)] (\(c.id))",
                        message: "missing field 'manufacturer': vehicles placed in service from \(f.componentsExcludedFrom) may contain no component manufactured or assembled by a foreign entity of concern, so the engine needs who made '\(c.name)'"))
                }
            }
            if day >= f.mineralsExcludedFrom {
                for (i, m) in bom.criticalMinerals.enumerated() {
                    for (place, entity, role, field) in [(m.extractedIn, m.extractor, "extracted", "extractor"),
                                                         (m.processedIn, m.processor, "processed", "processor"),
                                                         (m.recycledIn, m.recycler, "recycled", "recycler")] where place != nil && entity == nil {
                        problems.append(BOMProblem(path: "criticalMinerals[\(i)] (\(m.id))",
                            message: "missing field '\(field)': vehicles placed in service from \(f.mineralsExcludedFrom) may contain no critical mineral \(role) by a foreign entity of concern, so the engine needs who \(role) the \(m.mineral)"))
                    }
                }
            }
        }
        if day >= rules.sourcingRequirementsFrom && day >= rules.coversFrom && day <= rules.coversThrough {
            if rules.criticalMineralStep(on: day) == nil {
                problems.append(BOMProblem(path: "vehicle › placedInService", message: "rule set '\(rules.id)' has no critical-mineral percentage for \(day)"))
            }
            if rules.batteryComponentStep(on: day) == nil {
                problems.append(BOMProblem(path: "vehicle › placedInService", message: "rule set '\(rules.id)' has no battery-component percentage for \(day)"))
            }
            if bom.criticalMinerals.reduce(0, { $0 + $1.value }) <= 0 {
                problems.append(BOMProblem(path: "criticalMinerals", message: "the values add up to 0: expected the value of the applicable critical minerals in the battery"))
            }
            if bom.components.reduce(0, { $0 + $1.value }) <= 0 {
                problems.append(BOMProblem(path: "components", message: "the values add up to 0: expected the value of the battery components"))
            }
        }
        if !problems.isEmpty { throw BOMProblems(problems) }
    }

    // MARK: - Critical minerals: Treasury's three steps

    private func criticalMinerals(_ bom: BatteryBillOfMaterials, day: CalendarDay) -> (RequirementResult, [ExplanationStep]) {
        let chains = bom.criticalMinerals
        let total = chains.reduce(0) { $0 + $1.value }
        let byMineral = Dictionary(grouping: chains, by: \.mineral)
        let step1 = ExplanationStep(title: "Critical minerals, step 1: procurement chains", lines:
            ["\(chains.count) procurement chain\(chains.count == 1 ? "" : "s") for \(byMineral.count) applicable critical mineral\(byMineral.count == 1 ? "" : "s") (\(byMineral.keys.sorted().joined(separator: ", "))), total value \(NumberText.dollars(total))"]
            + chains.map { c in
                let places = [c.extractedIn.map { "extracted in \(names.name($0))" }, c.processedIn.map { "processed in \(names.name($0))" },
                              c.recycledIn.map { "recycled in \(names.name($0))" }].compactMap { $0 }.joined(separator: ", ")
                return "\(c.id): \(c.mineral), \(NumberText.dollars(c.value)), \(places)"
            })
        var verdicts: [ItemVerdict] = []
        var lines: [String] = []
        for c in chains {
            let (counts, reason) = qualifies(c, day: day)
            verdicts.append(ItemVerdict(id: c.id, name: c.mineral, value: c.value, counts: counts, reason: reason))
            lines.append("\(c.mineral) (\(c.id), \(NumberText.dollars(c.value))): \(reason)")
        }
        lines.append("(\(rules.qualifyingCountriesBasis); recycling: \(rules.northAmericaBasis))")
        let step2 = ExplanationStep(title: "Critical minerals, step 2: qualifying critical minerals", lines: lines)
        let qualifying = verdicts.filter(\.counts).reduce(0) { $0 + $1.value }
        let s = rules.criticalMineralStep(on: day)!
        let met = qualifying * 100 >= Double(s.percent) * total
        let content = qualifying / total
        let step3 = ExplanationStep(title: "Critical minerals, step 3: qualifying critical-mineral content", lines: [
            "\(NumberText.dollars(qualifying)) ÷ \(NumberText.dollars(total)) = \(Self.percent(content))",
            "applicable percentage for vehicles placed in service from \(s.from): \(s.percent)% (\(s.legalBasis))",
            "\(Self.percent(content)) \(met ? "≥" : "<") \(s.percent)%: requirement \(met ? "met" : "not met")",
        ])
        let result = RequirementResult(requirement: "critical minerals", applicablePercentage: s.percent, stepFrom: s.from,
                                       legalBasis: s.legalBasis, qualifyingValue: qualifying, totalValue: total, content: content,
                                       met: met, credit: met ? rules.creditPerRequirement : 0, items: verdicts)
        return (result, [step1, step2, step3])
    }

    /// Whether a procurement chain's mineral is a qualifying critical mineral on `day`, and why.
    func qualifies(_ c: MineralProcurementChain, day: CalendarDay) -> (Bool, String) {
        var findings: [String] = []
        for (place, verb) in [(c.extractedIn, "extracted"), (c.processedIn, "processed")] {
            guard let place else { continue }
            if let q = rules.qualifyingCountry(place, on: day) {
                return (true, "\(verb) in \(names.name(place)) (\(q.basis)), counts")
            }
            let later = rules.qualifyingCountries.first { $0.country == place }.map { " before \($0.from)" } ?? ""
            findings.append("\(verb) in \(names.name(place)) (not the US or an FTA country\(later))")
        }
        if let place = c.recycledIn {
            if rules.recyclingRegion.contains(place) { return (true, "recycled in \(names.name(place)) (North America), counts") }
            findings.append("recycled in \(names.name(place)) (outside North America)")
        }
        return (false, findings.joined(separator: ", ") + ", does not count")
    }

    // MARK: - Battery components

    private func batteryComponents(_ bom: BatteryBillOfMaterials, day: CalendarDay) -> (RequirementResult, ExplanationStep) {
        let region = Set(rules.componentRegion)
        var verdicts: [ItemVerdict] = []
        var lines: [String] = []
        for c in bom.components {
            let place = c.manufacturedOrAssembledIn
            let counts = region.contains(place)
            let reason = "manufactured or assembled in \(names.name(place)) (\(counts ? "North America" : "outside North America")), \(counts ? "counts" : "does not count")"
            verdicts.append(ItemVerdict(id: c.id, name: c.name, value: c.value, counts: counts, reason: reason))
            lines.append("\(c.name) (\(c.id), \(NumberText.dollars(c.value))): \(reason)")
        }
        let total = bom.components.reduce(0) { $0 + $1.value }
        let qualifying = verdicts.filter(\.counts).reduce(0) { $0 + $1.value }
        let s = rules.batteryComponentStep(on: day)!
        let met = qualifying * 100 >= Double(s.percent) * total
        let content = qualifying / total
        lines += [
            "qualifying battery-component content: \(NumberText.dollars(qualifying)) ÷ \(NumberText.dollars(total)) = \(Self.percent(content))",
            "applicable percentage for vehicles placed in service from \(s.from): \(s.percent)% (\(s.legalBasis))",
            "\(Self.percent(content)) \(met ? "≥" : "<") \(s.percent)%: requirement \(met ? "met" : "not met")",
            "(\(rules.northAmericaBasis))",
        ]
        let result = RequirementResult(requirement: "battery components", applicablePercentage: s.percent, stepFrom: s.from,
                                       legalBasis: s.legalBasis, qualifyingValue: qualifying, totalValue: total, content: content,
                                       met: met, credit: met ? rules.creditPerRequirement : 0, items: verdicts)
        return (result, ExplanationStep(title: "Battery components", lines: lines))
    }

    // MARK: - FEOC

    private func foreignEntities(_ bom: BatteryBillOfMaterials, day: CalendarDay, skip: Bool) -> ForeignEntityResult {
        let f = rules.foreignEntity
        let componentsChecked = !skip && day >= f.componentsExcludedFrom
        let mineralsChecked = !skip && day >= f.mineralsExcludedFrom
        let test = ForeignEntityTest(rules: f, names: names)
        var findings: [ForeignEntityFinding] = []
        if componentsChecked {
            for (i, c) in bom.components.enumerated() {
                guard let e = c.manufacturer else { continue }
                let reasons = test.reasons(for: e, activityIn: c.manufacturedOrAssembledIn)
                if !reasons.isEmpty {
                    findings.append(ForeignEntityFinding(path: "components[\(i)] (\(c.id)) › manufacturer", entity: e.name,
                                                         activity: "manufacture or assembly of \(c.name)", reasons: reasons))
                }
            }
        }
        if mineralsChecked {
            for (i, m) in bom.criticalMinerals.enumerated() {
                for (place, entity, verb, field) in [(m.extractedIn, m.extractor, "extraction", "extractor"),
                                                     (m.processedIn, m.processor, "processing", "processor"),
                                                     (m.recycledIn, m.recycler, "recycling", "recycler")] {
                    guard let place, let entity else { continue }
                    let reasons = test.reasons(for: entity, activityIn: place)
                    if !reasons.isEmpty {
                        findings.append(ForeignEntityFinding(path: "criticalMinerals[\(i)] (\(m.id)) › \(field)", entity: entity.name,
                                                             activity: "\(verb) of \(m.mineral)", reasons: reasons))
                    }
                }
            }
        }
        return ForeignEntityResult(componentsChecked: componentsChecked, mineralsChecked: mineralsChecked, findings: findings)
    }

    // MARK: - Formatting

    static func percent(_ x: Double) -> String { String(format: "%.2f%%", x * 100) }
}
