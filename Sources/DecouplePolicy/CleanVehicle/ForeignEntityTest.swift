import DecoupleCore
import Foundation

/// Whether an entity is a "foreign entity of concern" for one activity, by the tests of
/// 42 U.S.C. 18741(a)(5) as interpreted by the Department of Energy (10 CFR 962.2, 89 FR 37079,
/// May 2024): subject to the jurisdiction of a covered nation (incorporated, headquartered, or
/// performing the activity there), owned, controlled or directed by a covered nation's government
/// (≥ 25 % of board seats, voting rights or equity, or effective control by contract), or listed.
public struct ForeignEntityTest: Sendable {
    public let rules: ForeignEntityRules
    let names: CountryTable

    public init(rules: ForeignEntityRules, names: CountryTable = .standard) {
        self.rules = rules
        self.names = names
    }

    /// The reasons `entity` is a FEOC when performing an activity in `place`; empty when it is not.
    public func reasons(for entity: SupplyEntity, activityIn place: Country) -> [String] {
        let covered = Set(rules.coveredNations)
        var out: [String] = []
        if covered.contains(place) { out.append("performs the activity in \(names.name(place)) (covered nation)") }
        if covered.contains(entity.incorporatedIn) { out.append("incorporated in \(names.name(entity.incorporatedIn)) (covered nation)") }
        if covered.contains(entity.headquarteredIn) { out.append("headquartered in \(names.name(entity.headquarteredIn)) (covered nation)") }
        if entity.coveredGovernmentInterest >= rules.governmentInterestThreshold {
            out.append("covered-nation governments hold \(percent(entity.coveredGovernmentInterest)) of seats, votes or equity (threshold \(percent(rules.governmentInterestThreshold)))")
        }
        if entity.coveredGovernmentContractualControl { out.append("a covered nation's government has effective control by contract") }
        if entity.listed { out.append("listed entity (42 U.S.C. 18741(a)(5))") }
        return out
    }

    private func percent(_ x: Double) -> String {
        let p = x * 100
        return p == p.rounded() ? "\(Int(p))%" : String(format: "%.1f%%", p)
    }
}
