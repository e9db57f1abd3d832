import Testing
import DecoupleCore
@testable import DecouplePolicy

@Suite struct AllianceMembershipTests {
    func day(_ s: String) -> CalendarDay { CalendarDay(s)! }

    @Test func membershipIsAFunctionOfDate() {
        let m = AllianceMembership(country: Country("GBR"), joined: PolicyDate("2022-06-14")!, left: PolicyDate("2024-01-01")!)
        #expect(!m.isMember(on: day("2022-06-13")))
        #expect(m.isMember(on: day("2022-06-14")))
        #expect(m.isMember(on: day("2023-12-31")))
        #expect(!m.isMember(on: day("2024-01-01")))
    }

    @Test func monthAndYearPreciseDatesCountFromTheirFirstDay() {
        let india = AllianceMembership(country: Country("IND"), joined: PolicyDate("2023-06")!)
        #expect(!india.isMember(on: day("2023-05-31")))
        #expect(india.isMember(on: day("2023-06-01")))
        #expect(PolicyDate("2023-06")!.precision == .month)
        #expect(PolicyDate("2023-06")!.lastDay == day("2023-06-30"))
        #expect(PolicyDate("2024-02")!.lastDay == day("2024-02-29"))
        #expect(PolicyDate("2011")!.annotated == "2011 (year only)")
    }

    @Test func calendarDaysAreParsedStrictly() {
        #expect(CalendarDay("2024-02-29") != nil)
        #expect(CalendarDay("2023-02-29") == nil)
        #expect(CalendarDay("2024-1-05") == nil)
        #expect(CalendarDay("2024-13-01") == nil)
        #expect(CalendarDay("1850-01-01") == nil)
        #expect(PolicyDate("2024-06-31") == nil)
        #expect(day("2024-12-31").next == day("2025-01-01"))
    }

    @Test func allianceMembersOnADayFollowJoiningAndLeaving() {
        let g8 = Alliance(id: "g7", abbreviation: "G7", name: "Group of Seven", issue: "economic", founded: PolicyDate("1975-11-15")!,
                          members: [AllianceMembership(country: .usa, joined: PolicyDate("1975-11-15")!),
                                    AllianceMembership(country: Country("RUS"), joined: PolicyDate("1997-06-20")!, left: PolicyDate("2014-03-24")!)],
                          sources: [PolicySource(kind: .officialPage, citation: "test")])
        #expect(g8.members(on: day("2000-01-01")) == [Country("RUS"), .usa])
        #expect(g8.members(on: day("2014-03-24")) == [.usa])
        #expect(!g8.isMember(Country("RUS"), on: day("2020-01-01")))
        #expect(g8.everMembers.count == 2)
    }
}
