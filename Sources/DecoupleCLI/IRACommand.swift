import ArgumentParser
import DecoupleAnalyses
import DecoupleRendering
import Foundation

struct IRACommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ira",
        abstract: "The IRA clean-vehicle credit (§30D) battery-sourcing rules: check a bill of materials, or show the rule schedule.",
        subcommands: [Check.self, Rules.self],
        defaultSubcommand: Check.self)

    struct RuleOptions: ParsableArguments {
        @Option(help: "A §30D rule schedule in the same JSON schema, instead of Data/policy/ira-30d-rules.json.") var rules: String?
        @Option(help: "The bundled data folder (default: $DECOUPLE_DATA, else Data/ of the source checkout).") var dataDir: String?

        func load() throws -> CleanVehicleRuleSet {
            try PolicyData.cleanVehicleRules(file: rules, catalog: DataCatalog.locate(explicit: dataDir))
        }
    }

    struct Check: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Check a battery bill of materials against the §30D critical-mineral, battery-component and FEOC rules.",
            discussion: "BOM schema: docs/ira-bom.schema.json; example: Data/policy/examples/bom-example.json. Invalid input fails with every problem as `file: <json path>: what was expected`.")

        @Argument(help: "The bill of materials (JSON).") var bom: String
        @Option(help: "Assume this placed-in-service day (YYYY-MM-DD) instead of the BOM's.") var date: String?
        @OptionGroup var ruleOptions: RuleOptions
        @Option(help: "text or json.") var format: OutputFormat = .text

        func validate() throws {
            if format == .csv { throw ValidationError("--format csv is not available for `ira check` (a stepwise assessment): use text or json") }
        }

        func run() throws {
            let override = try date.map { try parsePolicyDay($0, option: "--date") }
            let rules = try guarded { try ruleOptions.load() }
            let bom0 = try guarded { try PolicyData.billOfMaterials(path: bom) }
            let assessment: CleanVehicleAssessment, bill: BatteryBillOfMaterials
            do { (assessment, bill) = try PolicyAnalyses.cleanVehicleCredit(bom0, rules: rules, placedInService: override) } catch let e as BOMProblems {
                printError("error:\n" + e.lines(file: bom).joined(separator: "\n"))
                throw ExitCode.failure
            }
            switch format {
            case .json, .csv: print(try encodeJSON(assessment))   // csv refused in validate()
            case .text:
                print("§30D battery-sourcing check: \(bill.vehicle.description)\(override.map { " (placed in service assumed \($0))" } ?? "")")
                for step in assessment.steps {
                    print("\n\(step.title)")
                    for line in step.lines { print("  - \(line)") }
                }
                print("\nStatus: \(assessment.status.rawValue); credit from the battery-sourcing rules: \(dollars(assessment.credit))")
                print("Rules: \(rules.title) [\(rules.id)]; \(rules.transcription)")
                print("Sources: " + rules.sources.map(\.citation).joined(separator: "; "))
            }
        }

        private func dollars(_ x: Double) -> String { NumberText.dollars(x) }
    }

    struct Rules: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Show the §30D rule schedule: dates, percentages, countries, FEOC rules, with their legal basis.")

        @OptionGroup var ruleOptions: RuleOptions
        @Option(help: "text or json.") var format: OutputFormat = .text

        func validate() throws {
            if format == .csv { throw ValidationError("--format csv is not available for `ira rules` (a nested rule schedule): use text or json") }
        }

        func run() throws {
            let r = try guarded { try ruleOptions.load() }
            if format != .text { print(try encodeJSON(r)); return }
            let names = CountryTable.standard
            print("\(r.title) [\(r.id)]")
            print("  covers vehicles placed in service \(r.coversFrom) to \(r.coversThrough) — \(r.coverageBasis)")
            print("  sourcing requirements from \(r.sourcingRequirementsFrom) — \(r.sourcingRequirementsBasis)")
            print("  credit per requirement \(NumberText.dollars(r.creditPerRequirement)) — \(r.creditBasis)")
            print("  critical-mineral applicable percentage:")
            for s in r.criticalMineralPercentages { print("    from \(s.from): \(s.percent)% — \(s.legalBasis)") }
            print("  battery-component applicable percentage:")
            for s in r.batteryComponentPercentages { print("    from \(s.from): \(s.percent)% — \(s.legalBasis)") }
            print("  qualifying countries (\(r.qualifyingCountries.count)) — \(r.qualifyingCountriesBasis):")
            for q in r.qualifyingCountries { print("    \(names.name(q.country)) (\(q.country.code)) from \(q.from): \(q.basis)") }
            print("  North America: \(r.componentRegion.map(\.code).joined(separator: ", ")) — \(r.northAmericaBasis)")
            let f = r.foreignEntity
            print("  FEOC: covered nations \(f.coveredNations.map(\.code).joined(separator: ", ")); components excluded from \(f.componentsExcludedFrom); minerals excluded from \(f.mineralsExcludedFrom); government-interest threshold \(Int(f.governmentInterestThreshold * 100))%")
            print("    \(f.legalBasis)")
            print("    \(f.definitionBasis)")
            if let t = r.noCreditIfAcquiredAfter { print("  termination: no credit for vehicles acquired after \(t) — \(r.terminationBasis ?? "")") }
            print("  \(r.transcription)")
            for s in r.sources { print("  source: \(s)") }
        }
    }
}
