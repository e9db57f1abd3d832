import Testing
@testable import DecoupleCore

@Suite struct CountryTableTests {
    let table = CountryTable.standard

    @Test func resolvesEverySchemeToTheSameCountry() throws {
        #expect(try table.resolve("CHN") == .china)
        #expect(try table.resolve("cn") == .china)
        #expect(try table.resolve("156") == .china)
        #expect(try table.resolve("China") == .china)
        #expect(try table.resolve("China, P.R.: Mainland") == .china)
        #expect(try table.resolve("5700", as: .census) == .china)
        #expect(try table.resolve("840", as: .isoNumeric) == .usa)
        #expect(try table.resolve("5520", as: .census) == Country("VNM"))
        #expect(try table.resolve("5830", as: .census) == Country("TWN"))
        #expect(try table.resolve("WLD", as: .imfDOTS) == .world)
    }

    @Test func knowsTheCodesOfEachEntry() throws {
        let us = try #require(table.info(.usa))
        #expect(us.iso2 == "US")
        #expect(us.isoNumeric == 840)
        #expect(us.name == "United States")
        #expect(table.info(.china)?.censusCode == "5700")
        #expect(table.info(.world)?.kind == .aggregate)
        #expect(table.info(Country("SUN"))?.kind == .historic)
        #expect(table.name(Country("KOR")) == "South Korea")
    }

    @Test func unknownCodesFailLoudly() {
        #expect(throws: UnknownCountryCode(code: "XYZ", scheme: nil)) { try table.resolve("XYZ") }
        do {
            _ = try table.resolve("9999", as: .census)
            Issue.record("expected an error")
        } catch let e as UnknownCountryCode {
            #expect(e.description == "unknown country code '9999' (expected a US Census Schedule C code such as 5700)")
        } catch { Issue.record("unexpected \(error)") }
    }

    @Test func rejectsAMalformedTable() {
        #expect(throws: CountryTableError.self) { try CountryTable(tabSeparated: "USA\tUS\t840") }
    }
}
