import DecoupleCore
import Foundation

/// Reads a §30D rule schedule (`Data/policy/ira-30d-*.json`, schema version 1, described in
/// `docs/policy.md`) into a ``CleanVehicleRuleSet`` and checks it: dates valid and ordered,
/// percentage steps increasing in date and within 0–100, countries known, a legal basis for every
/// rule and at least one source. A new schedule is a new file.
public struct CleanVehicleRulesLoader: Sendable {
    public var errorLimit = 20

    public init() {}

    public static let bundledPath = "policy/ira-30d-rules.json"

    /// The bundled rule set (the IRA schedule, with the 2025 termination).
    public static func bundled(catalog: DataCatalog? = nil) throws -> CleanVehicleRuleSet {
        let catalog = try catalog ?? DataCatalog.locate()
        return try CleanVehicleRulesLoader().load(path: catalog.root + "/" + bundledPath, displayName: catalog.displayPath(bundledPath))
    }

    static let topKeys: Set = ["schemaVersion", "id", "title", "transcription", "coverage", "sourcingRequirements", "credit",
                               "criticalMineralPercentages", "batteryComponentPercentages", "qualifyingCountries",
                               "northAmerica", "foreignEntityOfConcern", "termination", "sources"]

    public func load(path: String, displayName: String? = nil) throws -> CleanVehicleRuleSet {
        let file = displayName ?? path
        let (json, positions) = try PolicyJSONReader.parse(path: path, file: file, what: "a §30D rule schedule")
        var r = PolicyJSONReader(file: file, limit: errorLimit, positions: positions)
        let rules = try parse(json, &r)
        try r.finish()
        guard let rules else { throw DataReadError(issues: [DataIssue(file: file, message: "expected a §30D rule schedule")]) }
        return rules
    }

    private func parse(_ json: Any, _ r: inout PolicyJSONReader) throws -> CleanVehicleRuleSet? {
        typealias J = PolicyJSONReader
        guard let top = try r.object(json, "", keys: Self.topKeys) else { return nil }
        try checkSchemaVersion(top, &r)
        let id = try r.id(top, "", example: "us-30d-ira-2022")
        let title = try r.string(top, "title", "")
        let transcription = try r.string(top, "transcription", "")

        var coversFrom: CalendarDay?, coversThrough: CalendarDay?, coverageBasis: String?
        if let c = try r.object(top["coverage"], "coverage", keys: ["from", "through", "legalBasis"]) {
            coversFrom = try r.day(c, "from", "coverage")
            coversThrough = try r.day(c, "through", "coverage")
            coverageBasis = try r.string(c, "legalBasis", "coverage")
            if let a = coversFrom, let b = coversThrough, b < a { try r.fail("coverage › through", "\(b) is before 'from' (\(a))") }
        }
        var requirementsFrom: CalendarDay?, requirementsBasis: String?
        if let s = try r.object(top["sourcingRequirements"], "sourcingRequirements", keys: ["from", "legalBasis"]) {
            requirementsFrom = try r.day(s, "from", "sourcingRequirements")
            requirementsBasis = try r.string(s, "legalBasis", "sourcingRequirements")
            if let d = requirementsFrom, let a = coversFrom, let b = coversThrough, !(a...b).contains(d) {
                try r.fail("sourcingRequirements › from", "\(d) is outside the coverage \(a) to \(b)")
            }
        }
        var credit: Double?, creditBasis: String?
        if let c = try r.object(top["credit"], "credit", keys: ["perRequirement", "legalBasis"]) {
            credit = try r.number(c, "perRequirement", "credit", range: 0...1_000_000, what: "a credit in US dollars (0 to 1,000,000)")
            creditBasis = try r.string(c, "legalBasis", "credit")
        }
        let minerals = try steps(top, "criticalMineralPercentages", coversFrom, &r)
        let components = try steps(top, "batteryComponentPercentages", coversFrom, &r)

        var qualifying: [QualifyingCountry] = [], qualifyingBasis: String?
        if let q = try r.object(top["qualifyingCountries"], "qualifyingCountries", keys: ["legalBasis", "countries"]) {
            qualifyingBasis = try r.string(q, "legalBasis", "qualifyingCountries")
            var seen: Set<Country> = []
            for (i, item) in (try r.list(q, "countries", "qualifyingCountries", nonEmpty: true) ?? []).enumerated() {
                let p = "qualifyingCountries › countries[\(i)]"
                guard let e = try r.object(item, p, keys: ["country", "from", "basis"]) else { continue }
                let c = try r.country(e, "country", p), from = try r.day(e, "from", p), basis = try r.string(e, "basis", p)
                guard let c, let from, let basis else { continue }
                if !seen.insert(c).inserted { try r.fail(p, "\(c) is listed twice") }
                qualifying.append(QualifyingCountry(country: c, from: from, basis: basis))
            }
        }
        var northAmerica: [Country] = [], naBasis: String?
        if let n = try r.object(top["northAmerica"], "northAmerica", keys: ["countries", "legalBasis"]) {
            northAmerica = try r.countryList(n, "countries", "northAmerica")
            if northAmerica.isEmpty { try r.fail("northAmerica › countries", "expected at least one country") }
            naBasis = try r.string(n, "legalBasis", "northAmerica")
        }
        var feoc: ForeignEntityRules?
        if let f = try r.object(top["foreignEntityOfConcern"], "foreignEntityOfConcern",
                                keys: ["coveredNations", "componentsExcludedFrom", "mineralsExcludedFrom", "governmentInterestThreshold", "legalBasis", "definitionBasis"]) {
            let p = "foreignEntityOfConcern"
            let nations = try r.countryList(f, "coveredNations", p)
            if nations.isEmpty { try r.fail("\(p) › coveredNations", "expected at least one country") }
            let comp = try r.day(f, "componentsExcludedFrom", p), min = try r.day(f, "mineralsExcludedFrom", p)
            let threshold = try r.number(f, "governmentInterestThreshold", p, range: 0.000001...1, what: "a share in (0, 1] such as 0.25")
            let basis = try r.string(f, "legalBasis", p), definition = try r.string(f, "definitionBasis", p)
            if let comp, let min, let threshold, let basis, let definition {
                feoc = ForeignEntityRules(coveredNations: nations, componentsExcludedFrom: comp, mineralsExcludedFrom: min,
                                          governmentInterestThreshold: threshold, legalBasis: basis, definitionBasis: definition)
            }
        }
        var terminationDay: CalendarDay?, terminationBasis: String?
        if let t = top["termination"], !(t is NSNull), let o = try r.object(t, "termination", keys: ["noCreditIfAcquiredAfter", "legalBasis"]) {
            terminationDay = try r.day(o, "noCreditIfAcquiredAfter", "termination")
            terminationBasis = try r.string(o, "legalBasis", "termination")
        }
        let sources = try r.sources(top, "")
        guard let id, let title, let transcription, let coversFrom, let coversThrough, let coverageBasis,
              let requirementsFrom, let requirementsBasis, let credit, let creditBasis, let qualifyingBasis,
              let naBasis, let feoc, !sources.isEmpty else { return nil }
        return CleanVehicleRuleSet(
            id: id, title: title, coversFrom: coversFrom, coversThrough: coversThrough, coverageBasis: coverageBasis,
            sourcingRequirementsFrom: requirementsFrom, sourcingRequirementsBasis: requirementsBasis,
            creditPerRequirement: credit, creditBasis: creditBasis,
            criticalMineralPercentages: minerals, batteryComponentPercentages: components,
            qualifyingCountries: qualifying, qualifyingCountriesBasis: qualifyingBasis,
            recyclingRegion: northAmerica, componentRegion: northAmerica, northAmericaBasis: naBasis,
            foreignEntity: feoc, noCreditIfAcquiredAfter: terminationDay, terminationBasis: terminationBasis,
            sources: sources, transcription: transcription)
    }

    private func steps(_ top: [String: Any], _ key: String, _ coversFrom: CalendarDay?, _ r: inout PolicyJSONReader) throws -> [PercentageStep] {
        var out: [PercentageStep] = []
        for (i, item) in (try r.list(top, key, "", nonEmpty: true) ?? []).enumerated() {
            let p = "\(key)[\(i)]"
            guard let o = try r.object(item, p, keys: ["from", "percent", "legalBasis"]) else { continue }
            let from = try r.day(o, "from", p)
            let percent = try r.integer(o, "percent", p, range: 0...100, what: "a whole percentage 0–100")
            let basis = try r.string(o, "legalBasis", p)
            guard let from, let percent, let basis else { continue }
            if let last = out.last, from <= last.from { try r.fail("\(p) › from", "\(from) is not after the previous step (\(last.from))") }
            if let coversFrom, from < coversFrom { try r.fail("\(p) › from", "\(from) is before the rules' coverage starts (\(coversFrom))") }
            out.append(PercentageStep(from: from, percent: percent, legalBasis: basis))
        }
        return out
    }
}
