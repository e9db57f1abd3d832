import Testing
import DecoupleCore
@testable import DecouplePolicy

@Suite struct AllianceMembershipTests {
    @Test func membershipIsAFunctionOfDate() {
        let m = AllianceMembership(country: Country("GBR"), joined: "2022-06-14", left: "2024-01-01")
        #expect(!m.isMember(on: "2022-06-13"))
        #expect(m.isMember(on: "2022-06-14"))
        #expect(m.isMember(on: "2023-12-31"))
        #expect(!m.isMember(on: "2024-01-01"))
    }
}
