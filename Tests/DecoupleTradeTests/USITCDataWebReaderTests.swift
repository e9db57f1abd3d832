import Foundation
import Testing
import DecoupleCore
import DecoupleTestSupport
@testable import DecoupleTrade

/// Issue #19 item 6: the bundled USITC DataWeb exports carry the export side to 2024.
@Suite struct USITCDataWebReaderTests {
    /// The bundled file: 17,773 rows, the all-zero 2025 column dropped, the yearly totals of the
    /// file's "Total:" line, and China's exports recomputed from the rows (Python, csv module).
    @Test func bundledExportsTo2024() throws {
        let d = BundledDataset.usitcDataWebExports
        let (data, dropped) = try USITCDataWebReader().read(path: Bundled.catalog.path(of: d), provenance: d.provenance, id: d.id)
        #expect(dropped == [2025])
        #expect(Set(data.flows.map(\.period)) == Set((2020...2024).map { Period.year($0) }))
        #expect(data.flows.allSatisfy { $0.reporter == .usa && $0.direction == .exports && $0.valuation == .fas })
        func total(_ y: Int, _ partner: Country? = nil) -> Double {
            data.flows.filter { $0.period == .year(y) && (partner == nil || $0.partner == partner) }.reduce(0) { $0 + $1.value }
        }
        #expect(total(2022) == 2_072_648_047_840)
        #expect(total(2024) == 2_061_690_757_601)
        #expect(total(2022, .china) == 153_987_373_591)
        #expect(total(2024, .china) == 143_226_749_368)
        // Every DataWeb name resolved, none dropped: 234 names, Gaza Strip and West Bank both PSE.
        #expect(Set(data.flows.map(\.partner)).count == 233)
        let share = try #require(TradeCube(flows: data.flows, query: TradeQuery(reporter: .usa, flow: .exports), countries: .standard)
            .share(of: .china, period: .year(2024)))
        #expect(abs(share.share - 143_226_749_368.0 / 2_061_690_757_601.0) < 1e-12)
    }

    static let head = """
        Total Exports|Annual Data,,,,,
        Data Row Count,2,,,,
        Data Type,HTS Number,Description,Country,2023,2024
        FAS Value,01,LIVE ANIMALS,China,100.00,200.00
        FAS Value,85,ELECTRICAL MACHINERY,Myanmar (Burma),50.00,0.00

        """

    @Test func faultsNameTheLineAndColumn() throws {
        let f = try Fixtures()
        let p = Provenance(source: "t", edition: "t", url: "", licence: "", retrievedFrom: "")
        func error(_ text: String) -> String? {
            Fixtures.errorText { _ = try USITCDataWebReader().read(path: try f.file("x.csv", text), displayName: "x.csv", provenance: p, id: "t") }
        }
        // A good file: the alias resolves Myanmar; totals agree.
        let ok = try USITCDataWebReader().read(path: try f.file("ok.csv", Self.head + "Total: ,,,,\"150\",\"200\"\n"), provenance: p, id: "t").dataset
        #expect(ok.flows.count == 4 && ok.flows.contains { $0.partner == Country("MMR") && $0.value == 50 })
        // A byte-order mark before the title is not part of it (decouple-fuzz, #22).
        let bom = try USITCDataWebReader().read(path: try f.file("bom.csv", "\u{FEFF}" + Self.head + "Total: ,,,,\"150\",\"200\"\n"), provenance: p, id: "t").dataset
        #expect(bom.flows == ok.flows)
        // Truncated: no Total line, reported after the last line.
        #expect(error(Self.head)?.hasPrefix("x.csv:6: missing the 'Total:' line") == true)
        // A total that does not add up.
        #expect(error(Self.head + "Total: ,,,,\"151\",\"200\"\n")?.contains("the 2023 total 151.0 does not equal the sum of the rows (150.0)") == true)
        // An unknown country name, with its line and column.
        let unknown = error(Self.head.replacingOccurrences(of: "China", with: "Atlantis") + "Total: ,,,,\"150\",\"200\"\n")
        #expect(unknown?.contains("x.csv:4:") == true && unknown?.contains("unknown country name 'Atlantis'") == true)
        // A negative value.
        #expect(error(Self.head.replacingOccurrences(of: "100.00", with: "-100.00") + "Total: ,,,,\"-50\",\"200\"\n")?.contains("expected a value in US$ ≥ 0 for 2023") == true)
    }
}
