import Testing
@testable import DecoupleCore

@Suite struct ProductCodeTests {
    @Test func levelsFollowTheNumberOfDigits() throws {
        #expect(try ProductCode("85").level == .hs2)
        #expect(try ProductCode("8541").level == .hs4)
        #expect(try ProductCode("854143").level == .hs6)
        #expect(try ProductCode("85414300").level == .hts8)
        #expect(try ProductCode("8541430010").level == .hts10)
    }

    @Test func truncatesToCoarserLevels() throws {
        let line = try ProductCode("8541430010", edition: .hs2022)
        #expect(line.truncated(to: .hs6).code == "854143")
        #expect(line.truncated(to: .hs2).code == "85")
        #expect(line.truncated(to: .total) == .total)
        #expect(line.chapter == "85")
    }

    @Test(arguments: ["", "8", "854", "85414A", "12345678901"])
    func rejectsMalformedCodes(_ code: String) {
        #expect(throws: InvalidProductCode(code: code)) { try ProductCode(code) }
    }

    @Test func editionInForce() {
        #expect(HSEdition.inForce(in: 2016) == .hs2012)
        #expect(HSEdition.inForce(in: 2017) == .hs2017)
        #expect(HSEdition.inForce(in: 2024) == .hs2022)
        #expect(HSEdition.hs2017.comtradeCode == "H5")
    }
}

@Suite struct PeriodTests {
    @Test func parsesYearsMonthsAndDates() {
        #expect(Period("2017") == .year(2017))
        #expect(Period("2017-03") == .month(year: 2017, month: 3))
        #expect(Period("2024-12-01") == .month(year: 2024, month: 12))
        #expect(Period("2017-13") == nil)
        #expect(Period("17") == nil)
        #expect(Period.month(year: 2017, month: 3).description == "2017-03")
    }

    @Test func monthsSortWithinTheirYearAndBeforeTheYearTotal() {
        let sorted = [Period.year(2018), .month(year: 2018, month: 2), .year(2017), .month(year: 2018, month: 1)].sorted()
        #expect(sorted == [.year(2017), .month(year: 2018, month: 1), .month(year: 2018, month: 2), .year(2018)])
    }
}
