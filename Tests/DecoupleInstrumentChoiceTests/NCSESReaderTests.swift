import DecoupleCore
import DecoupleTestSupport
import Foundation
import Testing
@testable import DecoupleInstrumentChoice

/// The NCSES time-series reader on a made two-block table.
@Suite struct NCSESReaderTests {
    static let readme = "# Table 1. Test patents: 2020–22\n"
    static let data = """
    table_id,row_id,time_period,value
    1,r001,World,na
    1,r002,World,10
    1,r003,World,"1,200"
    1,r004,World,30
    1,r005,Japan,High
    1,r006,Japan,1
    1,r007,Japan,2
    1,r008,Japan,3

    """

    func read(_ data: String) throws -> NCSESTimeSeries {
        let f = try Fixtures()
        try FileManager.default.createDirectory(at: f.folder.appendingPathComponent("t"), withIntermediateDirectories: true)
        _ = try f.file("t/README.md", Self.readme)
        _ = try f.file("t/data.csv", data)
        return try NCSESTimeSeriesReader().read(folder: f.folder.appendingPathComponent("t").path, displayFolder: "t",
                                                provenance: Provenance(source: "t", edition: "t", url: "", licence: "", retrievedFrom: ""))
    }

    @Test func blocksAreRead() throws {
        let t = try read(Self.data)
        #expect(t.values["World"] == [2020: 10, 2021: 1200, 2022: 30] && t.values["Japan"] == [2020: 1, 2021: 2, 2022: 3])
    }

    /// decouple-fuzz (#22): a label row's value was not read, so 'NaN' or 'inf' there passed.
    @Test func aLabelRowHoldsAnIncomeGroup() throws {
        for bad in ["NaN", "inf", "12"] {
            let e = Fixtures.errorText { _ = try read(Self.data.replacingOccurrences(of: "Japan,High", with: "Japan,\(bad)")) }
            #expect(e == "t/data.csv:6:14: expected the income group of Japan (High, Low, Lower middle, Upper middle, na), found '\(bad)'")
        }
        let e = Fixtures.errorText { _ = try read(Self.data.replacingOccurrences(of: "World,30", with: "World,inf")) }
        #expect(e == "t/data.csv:5:14: expected a number for World, 2022, found 'inf'")
    }
}
