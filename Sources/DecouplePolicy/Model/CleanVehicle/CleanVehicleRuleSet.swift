import DecoupleCore

/// The battery-sourcing rules of the US clean-vehicle credit (26 U.S.C. §30D as amended by the
/// Inflation Reduction Act, P.L. 117-169 §13401) as data: dates, percentages and country lists.
///
/// A new schedule is a new JSON file (`Data/policy/ira-30d-*.json`, read by
/// `CleanVehicleRulesLoader` in Readers/), not new code. Every field records its legal basis.
public struct CleanVehicleRuleSet: Hashable, Sendable, Codable, Identifiable {
    public var id: String
    public var title: String
    /// The first placed-in-service day these rules cover (§30D as amended applies after 31 Dec 2022).
    public var coversFrom: CalendarDay
    /// The last placed-in-service day these rules cover (the statute's original sunset).
    public var coversThrough: CalendarDay
    public var coverageBasis: String
    /// The first placed-in-service day the critical-mineral and battery-component requirements
    /// apply (the day after the proposed guidance was published: 18 April 2023).
    public var sourcingRequirementsFrom: CalendarDay
    public var sourcingRequirementsBasis: String
    /// The credit for meeting each of the two requirements (US$3,750, §30D(b)(2)–(3)).
    public var creditPerRequirement: Double
    public var creditBasis: String
    /// Critical-mineral applicable percentages by placed-in-service date (§30D(e)(1)(B)).
    public var criticalMineralPercentages: [PercentageStep]
    /// Battery-component applicable percentages by placed-in-service date (§30D(e)(2)(B)).
    public var batteryComponentPercentages: [PercentageStep]
    /// The United States and the countries with a free trade agreement in effect (§30D(e)(1)(A)(i)).
    public var qualifyingCountries: [QualifyingCountry]
    public var qualifyingCountriesBasis: String
    /// Where recycling counts for the critical-mineral requirement (§30D(e)(1)(A)(ii): North America).
    public var recyclingRegion: [Country]
    /// Where manufacture or assembly counts for the battery-component requirement (§30D(e)(2)(A): North America).
    public var componentRegion: [Country]
    public var northAmericaBasis: String
    /// The rules for excluding foreign entities of concern (§30D(d)(7)).
    public var foreignEntity: ForeignEntityRules
    /// No credit for vehicles acquired after this day (§30D(h) as amended by P.L. 119-21).
    public var noCreditIfAcquiredAfter: CalendarDay?
    public var terminationBasis: String?
    public var sources: [PolicySource]
    /// How the file was made ("transcribed by the maintainers from …").
    public var transcription: String

    public init(id: String, title: String, coversFrom: CalendarDay, coversThrough: CalendarDay, coverageBasis: String,
                sourcingRequirementsFrom: CalendarDay, sourcingRequirementsBasis: String,
                creditPerRequirement: Double, creditBasis: String,
                criticalMineralPercentages: [PercentageStep], batteryComponentPercentages: [PercentageStep],
                qualifyingCountries: [QualifyingCountry], qualifyingCountriesBasis: String,
                recyclingRegion: [Country], componentRegion: [Country], northAmericaBasis: String,
                foreignEntity: ForeignEntityRules, noCreditIfAcquiredAfter: CalendarDay?, terminationBasis: String?,
                sources: [PolicySource], transcription: String) {
        self.id = id
        self.title = title
        self.coversFrom = coversFrom
        self.coversThrough = coversThrough
        self.coverageBasis = coverageBasis
        self.sourcingRequirementsFrom = sourcingRequirementsFrom
        self.sourcingRequirementsBasis = sourcingRequirementsBasis
        self.creditPerRequirement = creditPerRequirement
        self.creditBasis = creditBasis
        self.criticalMineralPercentages = criticalMineralPercentages
        self.batteryComponentPercentages = batteryComponentPercentages
        self.qualifyingCountries = qualifyingCountries
        self.qualifyingCountriesBasis = qualifyingCountriesBasis
        self.recyclingRegion = recyclingRegion
        self.componentRegion = componentRegion
        self.northAmericaBasis = northAmericaBasis
        self.foreignEntity = foreignEntity
        self.noCreditIfAcquiredAfter = noCreditIfAcquiredAfter
        self.terminationBasis = terminationBasis
        self.sources = sources
        self.transcription = transcription
    }

    /// The critical-mineral step in force for a placed-in-service day (nil before the first step).
    public func criticalMineralStep(on day: CalendarDay) -> PercentageStep? {
        criticalMineralPercentages.last { $0.from <= day }
    }

    /// The battery-component step in force for a placed-in-service day (nil before the first step).
    public func batteryComponentStep(on day: CalendarDay) -> PercentageStep? {
        batteryComponentPercentages.last { $0.from <= day }
    }

    /// The qualifying-country entry for `country` on `day`, if it counts then.
    public func qualifyingCountry(_ country: Country, on day: CalendarDay) -> QualifyingCountry? {
        qualifyingCountries.first { $0.country == country && $0.from <= day }
    }
}

/// The foreign-entity-of-concern exclusions of §30D(d)(7), with the ownership test of the
/// Department of Energy's interpretation (10 CFR Part 962, 89 FR 37079, May 2024).
public struct ForeignEntityRules: Hashable, Sendable, Codable {
    /// The "covered nations" (10 U.S.C. 4872(f)): China, Russia, North Korea, Iran.
    public var coveredNations: [Country]
    /// Vehicles placed in service from this day may contain no battery component manufactured
    /// or assembled by a FEOC (placed in service after 31 Dec 2023, §30D(d)(7)(B)).
    public var componentsExcludedFrom: CalendarDay
    /// Vehicles placed in service from this day may contain no applicable critical mineral
    /// extracted, processed or recycled by a FEOC (after 31 Dec 2024, §30D(d)(7)(A)).
    public var mineralsExcludedFrom: CalendarDay
    /// An entity is "owned by, controlled by or subject to the direction of" a covered nation's
    /// government when it holds at least this share of board seats, voting rights or equity (0.25).
    public var governmentInterestThreshold: Double
    public var legalBasis: String
    public var definitionBasis: String

    public init(coveredNations: [Country], componentsExcludedFrom: CalendarDay, mineralsExcludedFrom: CalendarDay,
                governmentInterestThreshold: Double, legalBasis: String, definitionBasis: String) {
        self.coveredNations = coveredNations
        self.componentsExcludedFrom = componentsExcludedFrom
        self.mineralsExcludedFrom = mineralsExcludedFrom
        self.governmentInterestThreshold = governmentInterestThreshold
        self.legalBasis = legalBasis
        self.definitionBasis = definitionBasis
    }
}
