import DecoupleCore
@testable import DecoupleMinerals
import Foundation
import Testing
import DecoupleTestSupport

/// The USGS Mineral Commodity Summaries readers, on the bundled real files.
@Suite("Minerals readers on the real USGS files")
struct MineralsRealFileTests {
    static let mcs2023 = Result { try Bundled.catalog.loadMineralCommoditySummaries(edition: 2023) }
    static let mcs2024 = Result { try Bundled.catalog.loadMineralCommoditySummaries(edition: 2024) }

    /// Mine production of `place` in `year` from a world table's first production type.
    func production(_ w: WorldProduction, _ place: MineralPlace, _ year: Int) -> MineralValue? {
        guard let col = w.productionColumn(year: year) else { return nil }
        return w.rows.first { $0.place.place == place }.map { w.value($0, col).value }
    }

    @Test func lithiumMineProduction2022MatchesTheFiles() throws {
        let w23 = try #require(try Self.mcs2023.get().world["lithi"])
        #expect(w23.file == "Data/usgs-mcs/mcs2023/world/mcs2023-lithi_world.csv")
        #expect(production(w23, .country(Country("AUS")), 2022) == .value(61_000))
        #expect(production(w23, .country(Country("CHL")), 2022) == .value(39_000))
        #expect(production(w23, .country(.china), 2022) == .value(19_000))
        #expect(production(w23, .worldTotal, 2022) == .value(130_000))
        #expect(production(w23, .country(.usa), 2022) == .withheld)
        #expect(production(w23, .country(.china), 2021) == .value(14_000))  // "14,000" in quotes
        #expect(w23.productionColumn(year: 2022)?.estimated == true)
        // MCS 2024 revised 2022.
        let w24 = try #require(try Self.mcs2024.get().world["lithi"])
        #expect(production(w24, .country(Country("AUS")), 2022) == .value(74_700))
        #expect(production(w24, .country(Country("CHL")), 2022) == .value(38_000))
        #expect(production(w24, .country(.china), 2022) == .value(22_600))
        #expect(production(w24, .worldTotal, 2022) == .value(146_000))
        #expect(w24.rows.contains { $0.place.place == .otherCountries && $0.place.printed == "Other countries6" })
    }

    @Test func cobaltProducersResolveDRCongo() throws {
        let w = try #require(try Self.mcs2024.get().world["cobal"])
        let congo = try #require(w.rows.first { $0.place.printed == "Congo (Kinshasa)" })
        #expect(congo.place.place == .country(Country("COD")))
        #expect(production(w, .country(Country("COD")), 2023) == .value(170_000))
        #expect(production(w, .worldTotal, 2023) == .value(230_000))
    }

    /// MCS 2024 lists the commodities at 100% net import reliance in 2023 (Fig. 2); every one
    /// of them that has a salient file must show 100 for 2023 there too — fluorspar only
    /// does once its misaligned layout is corrected.
    @Test func fullyImportReliantCommoditiesAgreeBetweenFigureAndSalientFiles() throws {
        let mcs = try Self.mcs2024.get()
        let ranking = try #require(mcs.netImportReliance)
        #expect(ranking.year == 2023)
        let full = ranking.fullyReliant
        #expect(full.count == 15)
        #expect(full.map(\.commodity).contains("FLUORSPAR"))
        var checked: [String] = []
        for entry in full {
            guard let code = mcs.salient.keys.first(where: { MineralCommodityNames.relianceLabel(entry.commodity, matches: $0) }),
                  let s = mcs.salient[code] else { continue }
            let nir = s.columns(.netImportReliance)
            let values = nir.compactMap { s.value($0, year: 2023)?.value }
            #expect(values.contains(.value(100)), "\(entry.commodity): \(values)")
            checked.append(code)
        }
        #expect(checked.sorted() == ["arsen", "asbes", "fluor", "galli", "graph", "indiu", "manga", "mica", "niobi", "scand", "stron", "tanta", "yttri"])
    }

    @Test func fluorsparLayoutIsCorrectedAndOnlyThen() throws {
        let path = Bundled.catalog.root + "/usgs-mcs/mcs2024/salient/mcs2024-fluor_salient.csv"
        let display = "usgs-mcs/mcs2024/salient/mcs2024-fluor_salient.csv"
        let s = try SalientStatisticsReader().read(path: path, displayName: display, edition: 2024)
        #expect(s.correction == .fluorspar2024)
        let nir = try #require(s.columns(.netImportReliance).first)
        #expect(nir.name == "NIR_pct")
        #expect(s.value(nir, year: 2023)?.value == .value(100))
        let acid = try #require(s.columns.first { $0.name == "Imports_Acid_kt" })
        #expect(s.value(acid, year: 2023)?.value == .value(350))
        #expect(s.value(acid, year: 2022)?.value == .value(438))
        let h2sif6 = try #require(s.columns.first { $0.name == "USprod_H2SiF6_kt" })
        #expect(s.value(h2sif6, year: 2022)?.value == .estimated(40))  // "e40"
        // Without the correction the file is rejected at the first shifted value.
        let error = Fixtures.errorText {
            _ = try SalientStatisticsReader(corrections: []).read(path: path, displayName: display, edition: 2024)
        }
        let text = try #require(error)
        #expect(text.hasPrefix(display + ":2:"))
        #expect(text.contains("value '14' in field 17"))
        #expect(text.contains("header names only 16 fields"))
    }

    @Test func everyEditionLoadsAndMisfiledTablesAreNoted() throws {
        let mcs22 = try Bundled.catalog.loadMineralCommoditySummaries(edition: 2022)
        #expect(mcs22.salient.count == 12 && mcs22.world.count == 12)
        #expect(mcs22.importSourceShares?.sources(of: "Cobalt").first?.share.value == .value(20))
        let mcs24 = try Self.mcs2024.get()
        #expect(mcs24.salient.count > 80 && mcs24.world.count > 70)
        #expect(mcs24.criticalMinerals?.entries.count == 50)
        let notedFiles = mcs24.fileNotes.map { $0.file.split(separator: "/").last.map(String.init) ?? "" }.sorted()
        #expect(notedFiles == ["mcs2024-cobal_salient.csv", "mcs2024-gypsu_salient.csv", "mcs2024-kyani_salient.csv"])
        let cobalt = try #require(mcs24.criticalMineralSummary?.entries.first { $0.mineral == "Cobalt" })
        #expect(cobalt.leadingProducer?.place == .country(Country("COD")))
        #expect(cobalt.leadingProducerShare.value == .value(74))
        #expect(mcs24.code(for: "lithium") == "lithi")
        #expect(mcs24.code(for: "rare earths") == "raree")
        // The three files USGS published with shifted values: known, skipped, their commodities incomplete.
        #expect(Set(mcs24.unreadFiles.map { $0.file.split(separator: "/").last.map(String.init) ?? "" })
                == MineralCommoditySummaries.knownUnreadable[2024])
        #expect(mcs24.incompleteCommodities.keys.sorted() == ["barit", "felds", "vermi"])
    }

    /// Issue #22: a file that cannot be read stopped being used with a warning and flipped a
    /// classification; now it is an error naming it, unless the user skips bad files, and then
    /// that commodity is incomplete.
    @Test func anUnreadableFileIsAnErrorUnlessSkipped() throws {
        let f = try Fixtures()
        let folder = f.folder.appendingPathComponent("mcs").path
        try FileManager.default.createDirectory(atPath: folder + "/world", withIntermediateDirectories: true)
        let lithium = try String(contentsOfFile: Bundled.catalog.root + "/usgs-mcs/mcs2024/world/mcs2024-lithi_world.csv", encoding: .utf8)
        let cobalt = try String(contentsOfFile: Bundled.catalog.root + "/usgs-mcs/mcs2024/world/mcs2024-cobal_world.csv", encoding: .utf8)
        // A 21-digit production cell (it made Argentina 5.6 × 10^17 % of world output).
        let damaged = lithium.replacingOccurrences(of: "\"Mine production, lithium content\",6590,", with: "\"Mine production, lithium content\",123456789012345678901,")
        #expect(damaged != lithium)
        try damaged.write(toFile: folder + "/world/mcs2024-lithi_world.csv", atomically: true, encoding: .utf8)
        try cobalt.write(toFile: folder + "/world/mcs2024-cobal_world.csv", atomically: true, encoding: .utf8)
        let error = try #require(throws: DataReadError.self) {
            try MineralCommoditySummaries.load(folder: folder, displayPrefix: "mcs", edition: 2024)
        }
        #expect(error.issues.first?.description.hasPrefix("mcs/world/mcs2024-lithi_world.csv:3:54: expected a number (at most 10^13)") == true)
        #expect(error.issues.last?.message.contains("--skip-bad-files") == true)
        let skipped = try MineralCommoditySummaries.load(folder: folder, displayPrefix: "mcs", edition: 2024, skipBadFiles: true)
        #expect(skipped.world.keys.sorted() == ["cobal"])
        #expect(skipped.incompleteCommodities == ["lithi": "mcs/world/mcs2024-lithi_world.csv could not be read"])
    }
}

/// One small fixture per quirk of the USGS files.
@Suite("Minerals reader quirks (fixtures)")
struct MineralsQuirkTests {
    let salientHeader = "DataSource,Commodity,Year,USprod_t,Imports_kt,Exports_kg,Consump_mt,Price_dt,NIR_pct\r\n"

    func readSalient(_ text: String, name: String = "mcs2099-testa_salient.csv") throws -> SalientStatistics {
        let f = try Fixtures()
        return try SalientStatisticsReader().read(path: try f.file(name, text), displayName: name, edition: 2099)
    }

    @Test func byteOrderMarkIsStripped() throws {
        let s = try readSalient("\u{FEFF}" + salientHeader + "MCS2099,Testium,2020,1,2,3,4,5,50\r\n")
        #expect(s.commodity == "Testium" && s.years.map(\.year) == [2020])
    }

    @Test func windows1252IsDecoded() throws {
        let f = try Fixtures()
        var bytes = Array("Source,Country,Type,Prod_t_2020,Prod_t_est_2021,Prod_notes\r\n".utf8)
        bytes += Array("MCS2099,C".utf8) + [0xF4] + Array("te d".utf8) + [0x92] + Array("Ivoire,Mine,5,6,".utf8)
        bytes += [0x93] + Array("small".utf8) + [0x94] + Array("\r\n".utf8)
        let url = f.folder.appendingPathComponent("mcs2099-testa_world.csv")
        try Data(bytes).write(to: url)
        let w = try WorldProductionReader().read(path: url.path, displayName: "mcs2099-testa_world.csv", edition: 2099)
        #expect(w.rows.first?.place.place == .country(Country("CIV")))
        #expect(w.rows.first?.place.printed == "C\u{F4}te d\u{2019}Ivoire")
        #expect(w.rows.first?.notes == "\u{201C}small\u{201D}")
    }

    @Test func thousandsSeparatorsInsideQuotes() throws {
        let s = try readSalient(salientHeader + "MCS2099,Testium,2020,\"1,700\",\"12,345.5\",3,4,5,50\n")
        #expect(s.years[0].values[0] == .value(1_700))
        #expect(s.years[0].values[1] == .value(12_345.5))
    }

    @Test func symbolsAreKeptNotZeroed() throws {
        let s = try readSalient(salientHeader + "MCS2099,Testium,2020,W,NA,XX,e40,−76,E\nMCS2099,Testium,2021,0,<1,>50,50–300,Less than ½ unit.,>50%\n")
        #expect(s.years[0].values == [.withheld, .notAvailable, .notApplicable, .estimated(40), .value(-76), .netExporter])
        #expect(s.years[1].values == [.value(0), .lessThan(1), .greaterThan(50), .range(50, 300), .lessThan(0.5), .greaterThan(50)])
        #expect(MineralValue.withheld.number == nil && MineralValue.greaterThan(50).number == nil)
        #expect(MineralValue.parse("Less than 50,000 tons") == .lessThan(50_000))
        #expect(MineralValue.parse("Small") == .qualitative("Small"))
        #expect(MineralValue.parse("12abc") == nil)
        #expect(MineralValue.parse("1,00") == nil)
    }

    @Test func unitSuffixesAreRead() throws {
        let s = try readSalient(salientHeader + "MCS2099,Testium,2020,1,2,3,4,5,50\n")
        #expect(s.columns.map(\.unit.code) == ["t", "kt", "kg", "mt", "dt", "pct"])
        #expect(s.columns.map(\.category) == [.usProduction, .imports, .exports, .consumption, .price, .netImportReliance])
        #expect(s.columns.compactMap(\.unit.metricTonsFactor) == [1, 1_000, 0.001, 1_000_000])
        #expect(SalientColumn(index: 3, name: "USprod_Primarykg").unit.code == "kg")
        #expect(SalientColumn(index: 3, name: "NIR_Refinedpct").qualifiers == ["Refined"])
        #expect(SalientColumn(index: 3, name: "Bauxite_NIR_pct").category == .netImportReliance)
        let w = try #require(WorldColumn(index: 3, name: "Prod_kt_est_2023"))
        #expect(w.year == 2023 && w.estimated && w.unit.code == "kt" && w.measure == .production)
    }

    @Test func columnsVaryByCommodity() throws {
        let a = try readSalient(salientHeader + "MCS2099,Testium,2020,1,2,3,4,5,50\n")
        let b = try readSalient("DataSource,Commodity,Year,USprod_Mine_t,USprod_Secondary_t,Imports_t,NIR_Ores_pct,NIR_Refined_pct,,,\nMCS2099,Otherium,2020,1,2,3,E,40,,,\n,,,,,,,,,,\n",
                                name: "mcs2099-testb_salient.csv")
        #expect(a.columns.count == 6)
        #expect(b.columns.map(\.name) == ["USprod_Mine_t", "USprod_Secondary_t", "Imports_t", "NIR_Ores_pct", "NIR_Refined_pct"])
        #expect(b.columns(.netImportReliance).count == 2 && b.years.count == 1)
    }

    @Test func rowsWithMoreFieldsThanTheHeaderAreReported() throws {
        let error = Fixtures.errorText {
            _ = try readSalient("DataSource,Commodity,Year,Imports_t,NIR_pct,,\nMCS2099,Testium,2020,5,3,100,\n")
        }
        #expect(error == "mcs2099-testa_salient.csv:2:26: value '100' in field 6, but the header names only 5 fields: the values do not line up with the header (unrecognised layout)")
    }

    @Test func unknownCountriesAreReportedAndAggregatesAreNotCountries() throws {
        let f = try Fixtures()
        let text = "Source,Country,Type,Prod_t_2020,Prod_t_2021\nMCS2099,Atlantis,Mine,1,2\n"
        let error = Fixtures.errorText {
            _ = try WorldProductionReader().read(path: try f.file("w.csv", text), displayName: "w.csv", edition: 2099)
        }
        #expect(error?.hasPrefix("w.csv:2:9: unknown country name 'Atlantis'") == true)
        let names = USGSPlaceNames.standard
        #expect(names.resolve("World total (rounded), excluding U.S. production")?.place == .worldTotal)
        #expect(names.resolve("Other countries6")?.place == .otherCountries)
        #expect(names.resolve("Burma")?.place == .country(Country("MMR")))
        #expect(names.resolve("Korea, Republic of")?.place == .country(Country("KOR")))
        #expect(names.resolve("Chinae").map { ($0.place, $0.estimated) }! == (.country(.china), true))
        #expect(names.resolve("China (andalusite, crude ore)")?.qualifier == "andalusite, crude ore")
        #expect(names.resolve("United States and Canada")?.place == .group("United States and Canada"))
        for code in Set(USGSPlaceNames.usgsNames.values) {
            #expect(CountryTable.standard.info(Country(code)) != nil, "\(code) is not in the country table")
        }
    }

    @Test func worldLayoutInASalientReaderIsRejected() throws {
        let error = Fixtures.errorText { _ = try readSalient("Source,Country,Type,Prod_t_2020\nMCS2099,Chile,Mine,1\n") }
        #expect(error?.contains("(this is the world-production layout)") == true)
    }
}
