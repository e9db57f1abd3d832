import Foundation
import Testing
import DecoupleCore
@testable import DecoupleInputOutput
import DecoupleTestSupport

/// Readers of input–output tables: the official OECD ICIO CSV layout (made-up small files),
/// the bundled ICIO 2022 block, WIOD 2013 (from ../shared/data when present).
@Suite("InputOutput readers") struct InputOutputReaderTests {
    /// Three regions (CN1 and CN2 are China's two parts) × two sectors, with final demand,
    /// TLS, VA and OUT rows and an OUT column, as in the OECD's `*.csv` downloads.
    static let official = ICIOFixture.official

    @Test func officialLayoutMergesChinaAndSplitsTheBlocks() throws {
        let f = try Fixtures()
        let t = try OECDICIOReader().read(path: try f.file("2022_SML.csv", Self.official), displayName: "2022_SML.csv")
        #expect(t.nodeRegions == ["AUS", "AUS", "CHN", "CHN"])
        #expect(t.nodeSectors == ["A01", "C17_18", "A01", "C17_18"])
        let n = 4
        func z(_ i: Int, _ j: Int) -> Double { t.intermediate[j * n + i] }
        // CHN_A01 → AUS_A01: CN1_A01 + CN2_A01 rows = 2 + 1.
        #expect(z(2, 0) == 3)
        // AUS_A01 → CHN_A01: columns CN1_A01 + CN2_A01 = 3 + 5.
        #expect(z(0, 2) == 8)
        // CHN_C17_18 → CHN_A01: rows CN1_C17_18 + CN2_C17_18 over columns CN1_A01 + CN2_A01 (blank = 0).
        #expect(z(3, 2) == 0 + 0 + 0 + 0)
        #expect(z(3, 3) == 1 + 0 + 0 + 2)
        #expect(t.finalDemandLabels == ["AUS_HFCE", "AUS_GFCF", "CHN_HFCE", "CHN_DPABR"])
        let y = try #require(t.finalDemand)
        #expect(y[2 * n + 2] == 5 + 1)         // CHN_HFCE from CN1_A01 and CN2_A01
        #expect(t.grossOutput == [25.5, 9.5, 18, 21])
        #expect(t.valueAdded == [20, 5, 4, 3])
        #expect(t.taxesLessSubsidies == [0.5, 0.5, 1, 1])
        #expect(t.notes.contains { $0.contains("CN1, CN2 added into CHN") })
    }

    @Test func officialLayoutWithoutOutputRowUsesTheOutColumnOrRowSums() throws {
        let f = try Fixtures()
        let text = """
        V1,AAA_X,BBB_X,AAA_HFCE,OUT
        AAA_X,1,2,3,6
        BBB_X,4,5,6,15

        """
        let t = try OECDICIOReader().read(path: try f.file("t.csv", text))
        #expect(t.grossOutput == [6, 15])
        let noOut = try OECDICIOReader().read(path: try f.file("u.csv", "V1,AAA_X,BBB_X,AAA_HFCE\nAAA_X,1,2,3\nBBB_X,4,5,7\n"))
        #expect(noOut.grossOutput == [6, 16])
        #expect(noOut.valueAdded == nil)
    }

    @Test func officialLayoutErrorsArePrecise() throws {
        let f = try Fixtures()
        let badLabel = try f.file("a.csv", "V1,AAA_X,BBBX\nAAA_X,1,2\nBBBX,1,1\n")
        let e1 = Fixtures.errorText { _ = try OECDICIOReader().read(path: badLabel, displayName: "a.csv") }
        #expect(e1?.contains("a.csv:1:10: unexpected column label 'BBBX'") == true, "\(e1 ?? "")")
        let badNumber = try f.file("b.csv", "V1,AAA_X,BBB_X\nAAA_X,1,x2\nBBB_X,1,1\n")
        let e2 = Fixtures.errorText { _ = try OECDICIOReader().read(path: badNumber, displayName: "b.csv") }
        #expect(e2 == "b.csv:2:9: expected a number for column 'BBB_X', found 'x2'")
        let shortRow = try f.file("c.csv", "V1,AAA_X,BBB_X\nAAA_X,1\nBBB_X,1,1\n")
        let e3 = Fixtures.errorText { _ = try OECDICIOReader().read(path: shortRow, displayName: "c.csv") }
        #expect(e3 == "c.csv:2: expected 3 fields (a row label and 2 numbers, as in the header), found 2")
        let missingRow = try f.file("d.csv", "V1,AAA_X,BBB_X\nAAA_X,1,1\nVA,1,1\n")
        let e4 = Fixtures.errorText { _ = try OECDICIOReader().read(path: missingRow, displayName: "d.csv") }
        #expect(e4 == "d.csv:1:10: column 'BBB_X' has no matching row: every CTY_SECTOR column needs a CTY_SECTOR row")
        let empty = try f.file("e.csv", "")
        #expect(Fixtures.errorText { _ = try OECDICIOReader().read(path: empty, displayName: "e.csv") }?.hasPrefix("e.csv:1: empty file") == true)
    }

    @Test func bundledICIO2022Block() throws {
        let t = try Bundled.catalog.loadOECDICIO2022()
        #expect(t.n == 4000 && t.regions.count == 80)
        #expect(t.label(0) == "AGO_A01" && t.label(3999) == "ZAF_T")
        #expect(t.grossOutput[0] == 12599.0408)
        // SOURCE.md: CHN→USA intermediate flows 193.4 bn, USA→CHN 145.9 bn.
        var chnToUSA = 0.0, usaToCHN = 0.0
        let n = t.n
        for j in 0..<n {
            for i in 0..<n {
                if t.nodeRegions[i] == "CHN" && t.nodeRegions[j] == "USA" { chnToUSA += t.intermediate[j * n + i] }
                if t.nodeRegions[i] == "USA" && t.nodeRegions[j] == "CHN" { usaToCHN += t.intermediate[j * n + i] }
            }
        }
        #expect(abs(chnToUSA / 1000 - 193.4) < 0.05 && abs(usaToCHN / 1000 - 145.9) < 0.05)
        let names = try Bundled.catalog.loadOECDICIOSectorNames()
        #expect(names["C26"] == "Manufacture of computer, electronic and optical products")
        #expect(BundledDataset.oecdICIO2022.provenance.licence.contains("attribution"))
    }

    @Test func blockReaderChecksLabelsAgainstTheNodeList() throws {
        let f = try Fixtures()
        _ = try f.file("nodes.csv", """
        idx,node,country,sector,gross_output,intermediate_inputs_from_80,intermediate_sales_to_80,other_sales,active
        0,AAA_X,AAA,X,10,0,0,0,1
        1,BBB_X,BBB,X,20,0,0,0,1

        """)
        _ = try f.gzip("Z_intermediate_flows_dense.csv.gz", "seller\\buyer,AAA_X,BBB_Y\nAAA_X,1,2\nBBB_X,3,4\n")
        let e = Fixtures.errorText { _ = try OECDICIOBlockReader().read(folder: f.folder.path, displayFolder: "icio") }
        #expect(e == "icio/Z_intermediate_flows_dense.csv.gz:1:20: expected the 2 node labels of nodes.csv in its order; column 2 is 'BBB_Y', expected 'BBB_X'")
        // A row missing at the end is placed after the last row (decouple-fuzz, #22: it had no line).
        _ = try f.gzip("Z_intermediate_flows_dense.csv.gz", "seller\\buyer,AAA_X,BBB_X\nAAA_X,1,2\n")
        let e3 = Fixtures.errorText { _ = try OECDICIOBlockReader().read(folder: f.folder.path, displayFolder: "icio") }
        #expect(e3?.hasPrefix("icio/Z_intermediate_flows_dense.csv.gz:3:1: expected the 2 node labels of nodes.csv as row labels in its order; row 2 is '(missing)'") == true, "\(e3 ?? "")")
        _ = try f.gzip("Z_intermediate_flows_dense.csv.gz", "seller\\buyer,AAA_X,BBB_X\nAAA_X,1,2\nBBB_X,3,4\n")
        let t = try OECDICIOBlockReader().read(folder: f.folder.path)
        #expect(t.intermediate == [1, 3, 2, 4] && t.grossOutput == [10, 20])
        _ = try f.file("nodes.csv", "idx,node,country,sector,gross_output,intermediate_inputs_from_80,intermediate_sales_to_80,other_sales,active\n0,AAA_X,AAA,X,-1,0,0,0,1\n")
        let e2 = Fixtures.errorText { _ = try OECDICIOBlockReader().read(folder: f.folder.path, displayFolder: "icio") }
        #expect(e2 == "icio/nodes.csv:2:15: expected gross output, a number ≥ 0 (USD million), found '-1'")
    }

    /// #22: a node listed twice, and an input worth more than the buyer's gross output
    /// (a coefficient of 10), are errors; they were accepted.
    @Test func blockReaderRefusesATwiceListedNodeAndCoefficientsAboveOne() throws {
        let f = try Fixtures()
        let header = "idx,node,country,sector,gross_output,intermediate_inputs_from_80,intermediate_sales_to_80,other_sales,active\n"
        _ = try f.file("nodes.csv", header + "0,AAA_X,AAA,X,10,0,0,0,1\n1,AAA_X,AAA,X,20,0,0,0,1\n")
        _ = try f.gzip("Z_intermediate_flows_dense.csv.gz", "seller\\buyer,AAA_X,AAA_X\nAAA_X,1,2\nAAA_X,3,4\n")
        #expect(Fixtures.errorText { _ = try OECDICIOBlockReader().read(folder: f.folder.path, displayFolder: "icio") }
                == "icio/nodes.csv:3:3: node 'AAA_X' appears twice (first on line 2); every node once")
        _ = try f.file("nodes.csv", header + "0,AAA_X,AAA,X,10,0,0,0,1\n1,BBB_X,BBB,X,20,0,0,0,1\n")
        _ = try f.gzip("Z_intermediate_flows_dense.csv.gz", "seller\\buyer,AAA_X,BBB_X\nAAA_X,1,2\nBBB_X,100,4\n")
        #expect(Fixtures.errorText { _ = try OECDICIOBlockReader().read(folder: f.folder.path, displayFolder: "icio") }
                == "icio/Z_intermediate_flows_dense.csv.gz:3: Z[BBB_X, AAA_X] = 100.0 is more than AAA_X's gross output 10.0 in nodes.csv (a coefficient of 10.00; expected at most 1)")
    }

    /// #22: a row or column label written twice was summed (C26's face value 13.0 % → 21.5 %);
    /// now an error naming both places. Merged regions (CN1, CN2 → CHN) are still summed.
    @Test func officialLayoutRefusesALabelWrittenTwice() throws {
        let f = try Fixtures()
        let rows = Self.official.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let twiceRow = (rows.prefix(3) + [rows[2]] + rows.dropFirst(3)).joined(separator: "\n")
        #expect(Fixtures.errorText { _ = try OECDICIOReader().read(path: try f.file("r.csv", twiceRow), displayName: "r.csv") }
                == "r.csv:4:1: row label 'AUS_C17_18' appears twice (first on line 3); every label once")
        let twiceColumn = Self.official.replacingOccurrences(of: "V1,AUS_A01,AUS_C17_18,", with: "V1,AUS_A01,AUS_A01,")
        let e = Fixtures.errorText { _ = try OECDICIOReader().read(path: try f.file("c.csv", twiceColumn), displayName: "c.csv") }
        #expect(e?.hasPrefix("c.csv:1:12: column label 'AUS_A01' appears twice (first at column 4); every label once") == true, "\(e ?? "")")
    }

    static let wiod = "\(DataCatalog.sourceCheckoutDataFolder)/../../shared/data/wiod-2013-release-bquast/converted-csv"

    @Test(.enabled(if: FileManager.default.fileExists(atPath: wiod + "/wiot_2011_inter.csv.gz"), "needs ../shared/data/wiod-2013-release-bquast"))
    func wiod2011() throws {
        let t = try WIODReader().read(folder: Self.wiod, year: 2011, displayFolder: "wiod")
        #expect(t.n == 1435 && t.regions.count == 41 && t.regions.last == "RoW")
        #expect(t.label(0) == "AUS_c1" && t.grossOutput[0] == 76834)
        #expect(t.finalDemandLabels.count == 205 && t.finalDemandLabels[0] == "AUS_CONS_h")
        // SOURCE.md: Σ inter + Σ final matches Σ output within ~0.1 %.
        let total = t.intermediate.reduce(0, +) + t.finalDemand!.reduce(0, +), out = t.grossOutput.reduce(0, +)
        #expect(abs(total / out - 1) < 0.002)
        let missing = Fixtures.errorText { _ = try WIODReader().read(folder: Self.wiod, year: 1990, displayFolder: "wiod") }
        #expect(missing?.contains("wiot_1990_inter.csv.gz: cannot open file") == true, "\(missing ?? "")")
    }
}
