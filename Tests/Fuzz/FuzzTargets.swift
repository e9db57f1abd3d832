import DecoupleCore
import DecoupleInputOutput
import DecoupleInstrumentChoice
import DecoupleMinerals
import DecouplePolicy
import DecoupleScenarios
import DecoupleTestSupport
import DecoupleTrade
import Foundation

/// One reader under the fuzzer: its seed inputs, how to read an input (written to a file, as
/// the commands read them) into a digest that two equal answers share, and which CSV fields
/// hold numbers that must be refused when damaged.
struct FuzzTarget {
    let name: String
    let fileName: String
    let seeds: [Data]
    let isJSON: Bool
    /// 0-based CSV fields that the reader turns into numbers (or codes) on every data row.
    let numericFields: [Int]
    /// True for a binary input whose every accepted mutation must read to the unmutated result
    /// (the store: its checksums must catch any damage that would change an answer).
    var mustMatchWhenRead = false
    var isBinary = false
    let readFile: (String, String) throws -> String

    func read(_ input: Data, _ work: String) throws -> String {
        let path = work + "/" + fileName
        try input.write(to: URL(fileURLWithPath: path))
        return try readFile(path, work)
    }
}

enum FuzzTargets {
    static let data = DataCatalog.sourceCheckoutDataFolder

    /// The first `lines` lines of a (gzip) data file.
    static func head(_ path: String, lines: Int) throws -> Data {
        let stream = try ByteStream(path: path)
        var buffer = [UInt8](repeating: 0, count: 1 << 16)
        var out = Data()
        while out.filter({ $0 == 10 }).count < lines {
            let n = try stream.read(into: &buffer)
            if n == 0 { break }
            out.append(contentsOf: buffer[0..<n])
        }
        let cut = Mutation.lines(out).prefix(lines)
        return Mutation.join(Array(cut)) + Data([10])
    }

    static func sorted(_ value: some Encodable) throws -> String {
        let e = JSONEncoder()
        e.outputFormatting = [.sortedKeys]
        return String(decoding: try e.encode(value), as: UTF8.self)
    }

    /// A store's contents (all but the write time).
    static func digest(store path: String) throws -> String {
        let s = try TradePanelStore(path: path)
        var h = s.header
        h.createdAt = ""
        h.inputs = []
        return try sorted(h)
    }

    /// A store's every column, for the store target (a damaged column must never be read).
    static func digest(columnsOf path: String) throws -> String {
        let s = try TradePanelStore(path: path)
        var h = s.header
        h.createdAt = ""
        h.inputs = []
        return try sorted(h) + "\(Array(s.productOffsets))\(Array(s.exporter))\(Array(s.importer))\(Array(s.basis))"
            + "\(s.value.map(\.bitPattern))\(s.quantity.map(\.bitPattern))"
    }

    /// A CSV target without number mutations (free damage and CRLF/BOM only).
    static func csv(_ name: String, _ fileName: String, _ seed: Data, numericFields: [Int] = [],
                    _ read: @escaping (String) throws -> String) -> FuzzTarget {
        FuzzTarget(name: name, fileName: fileName, seeds: [seed], isJSON: false, numericFields: numericFields) { path, _ in try read(path) }
    }

    /// The first `lines` lines of a plain text file.
    static func headPlain(_ path: String, lines: Int) throws -> Data {
        let d = try Data(contentsOf: URL(fileURLWithPath: path))
        return Mutation.join(Array(Mutation.lines(d).prefix(lines))) + Data([10])
    }

    /// The bundled stage-figures file cut to its first `count` figures (a fast seed).
    static func stageFiguresSeed(count: Int) throws -> Data {
        let d = try Data(contentsOf: URL(fileURLWithPath: data + "/framework/stage-figures.json"))
        var o = try JSONSerialization.jsonObject(with: d) as! [String: Any]
        o["figures"] = Array((o["figures"] as! [Any]).prefix(count))
        return try JSONSerialization.data(withJSONObject: o, options: [.prettyPrinted, .sortedKeys])
    }

    /// A JSON reader started from one bundled file.
    static func json(_ name: String, _ seed: String, _ read: @escaping (String) throws -> String) throws -> FuzzTarget {
        FuzzTarget(name: name, fileName: name + ".json", seeds: [try Data(contentsOf: URL(fileURLWithPath: seed))],
                   isJSON: true, numericFields: []) { path, _ in try read(path) }
    }

    static func all(work: String) throws -> [FuzzTarget] {
        let countries = work + "/country_codes_V202401b.csv"
        try Data("""
        country_code,country_name,country_iso2,country_iso3
        156,China,CN,CHN
        251,France,FR,FRA
        276,Germany,DE,DEU
        490,"Other Asia, nes",,S19
        704,Viet Nam,VN,VNM
        842,USA,US,USA

        """.utf8).write(to: URL(fileURLWithPath: countries))
        var baci = ["t,i,j,k,v,q"]
        for (n, (e, m)) in [(156, 842), (842, 156), (251, 276), (490, 842), (704, 842), (276, 156)].enumerated() {
            for (p, k) in ["850760", "854140", "280530", "10121"].enumerated() {
                baci.append("2022,\(e),\(m),\(k),\(Double(n * 31 + p * 7) + 0.125),\(p == 1 ? "NA" : String(n + p))")
            }
        }
        let comtrade = """
        typeCode,freqCode,refYear,reporterCode,reporterISO,flowCode,partnerCode,partnerISO,partner2Code,classificationCode,cmdCode,motCode,customsCode,netWgt,cifvalue,fobvalue,primaryValue
        C,A,2022,842,,M,156,,0,H6,811292,0,C00,1000,120,,120
        C,A,2022,842,,M,276,,0,H6,811292,0,C00,2000,220,,220
        C,A,2022,842,,M,156,,0,H6,850760,0,C00,1500,53250,,53250
        C,A,2022,156,,X,842,,0,H6,850760,0,C00,,,40,40
        C,A,2021,842,,M,704,,0,H6,854140,0,C00,10,9,,9

        """
        var scenarios: [Data] = []
        for name in ["battery-ban.json", "gallium-export-cut.json", "icio-c26-cut.json"] {
            scenarios.append(try Data(contentsOf: URL(fileURLWithPath: data + "/scenarios/" + name)))
        }
        let dots = try head(data + "/imf-dots/dots_bilateral_annual_2000_2020.csv.gz", lines: 60)
        let census = try head(data + "/census-hs6-2024/us-imports-hs6-by-country-2024.csv.gz", lines: 60)
        let dotsProvenance = BundledDataset.imfDOTS.provenance
        let examples = try FileManager.default.contentsOfDirectory(atPath: data + "/policy/examples").filter { $0.hasSuffix(".json") }.sorted()
        let bomExample = data + "/policy/examples/" + (examples.first ?? "missing.json")
        let ncsesFolder = work + "/ncses"
        try FileManager.default.createDirectory(atPath: ncsesFolder, withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: data + "/ncses-patents/10551/README.md", toPath: ncsesFolder + "/README.md")
        // Whole blocks: the header and ten blocks of 24 rows (a label row and 23 years).
        let ncses = try head(data + "/ncses-patents/10551/data.csv.gz", lines: 1 + 24 * 10)
        // A made DataWeb export (two title lines, the header, four rows, the total line).
        let usitc = Data("""
        Total Exports|Annual Data,,,,,,,,,
        Data Row Count,4,,,,,,,,
        Data Type,HTS Number,Description,Country,2020,2021,2022,2023,2024,2025
        FAS Value,01,LIVE ANIMALS,Afghanistan,4483.00,0.00,0.00,0.00,0.00,0.00
        FAS Value,85,"ELECTRICAL MACHINERY, PARTS",China,1000.00,2000.00,3000.00,4000.00,5000.00,0.00
        FAS Value,85,"ELECTRICAL MACHINERY, PARTS",Mexico,10.00,20.00,30.00,40.00,50.00,0.00
        FAS Value,98,"SPECIAL CLASSIFICATION PROVISIONS, NESOI",Zambia,1.00,2.00,3.00,4.00,5.00,0.00
        Total: ,,,,"5,494","2,022","3,033","4,044","5,055",0

        """.utf8)
        let censusMonthly = try headPlain(data + "/census-us-china-monthly/usa-china-trade-data.csv", lines: 40)
        let salient = try Data(contentsOf: URL(fileURLWithPath: data + "/usgs-mcs/mcs2024/salient/mcs2024-lithi_salient.csv"))
        let world = try Data(contentsOf: URL(fileURLWithPath: data + "/usgs-mcs/mcs2024/world/mcs2024-lithi_world.csv"))
        // A small store (the BACI seed above), damaged byte by byte.
        let storeSeedPath = work + "/seed.dpanel"
        let baciSeedPath = work + "/seed-baci.csv"
        try Data((baci.joined(separator: "\n") + "\n").utf8).write(to: URL(fileURLWithPath: baciSeedPath))
        try PanelImport.baci(files: [baciSeedPath], countryCodes: countries, edition: .hs2017, to: storeSeedPath)
        let store = try Data(contentsOf: URL(fileURLWithPath: storeSeedPath))
        let trends = data + "/usgs-mcs/mcs2024/industry-trends/"
        func file(_ path: String) throws -> Data { try Data(contentsOf: URL(fileURLWithPath: path)) }
        // A Census International Trade API answer (the form `decouple data fetch census` caches).
        let censusAPI = Data("""
        [["CTY_CODE","CTY_NAME","I_COMMODITY","CON_VAL_MO","COMM_LVL","time"],
        ["5700","CHINA","85","12345678","HS2","2024-01"],
        ["5700","CHINA","84","2345678","HS2","2024-01"],
        ["2010","MEXICO","85","3456789","HS2","2024-01"],
        ["1XXX","NORTH AMERICA","85","3456789","HS2","2024-01"],
        ["-","TOTAL FOR ALL COUNTRIES","85","99999999","HS2","2024-01"]]

        """.utf8)
        // The OECD ICIO block layout (nodes.csv and the Z matrix) and a WIOD year (Z, final use,
        // output), small and made; each target damages one of the files and keeps the others.
        let block = work + "/icio-block", wiod = work + "/wiod"
        for folder in [block, wiod] { try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true) }
        let nodes = Data("""
        idx,node,country,sector,gross_output,intermediate_inputs_from_80,intermediate_sales_to_80,other_sales,active
        0,AAA_X,AAA,X,10,0,0,0,1
        1,BBB_X,BBB,X,20,0,0,0,1
        2,CCC_X,CCC,X,30,0,0,0,1

        """.utf8)
        let z = Data("seller\\buyer,AAA_X,BBB_X,CCC_X\nAAA_X,1,2,3\nBBB_X,3,4,5\nCCC_X,0.5,0,6.25\n".utf8)
        try nodes.write(to: URL(fileURLWithPath: block + "/nodes.csv"))
        try z.write(to: URL(fileURLWithPath: block + "/Z_intermediate_flows_dense.csv.gz"))
        let wiodInter = Data("row,AUS_c1,CHN_c1\nAUS_c1,1,2\nCHN_c1,3,4\n".utf8)
        try wiodInter.write(to: URL(fileURLWithPath: wiod + "/wiot_2011_inter.csv.gz"))
        try Data("row,AUS_CONS_h,CHN_CONS_h\nAUS_c1,5,6\nCHN_c1,7,8\n".utf8).write(to: URL(fileURLWithPath: wiod + "/wiot_2011_final.csv.gz"))
        try Data("row,output\nAUS_c1,20\nCHN_c1,30\n".utf8).write(to: URL(fileURLWithPath: wiod + "/wiot_2011_output.csv"))
        func table(_ t: InputOutputTableData) -> String {
            "\(t.nodeRegions)\(t.nodeSectors)\(t.intermediate)\(t.grossOutput)\(String(describing: t.finalDemand))"
        }
        let countryFile = try Data(contentsOf: URL(fileURLWithPath: countries))
        return [
            csv("baci-country-codes", "country_codes_fuzz.csv", countryFile, numericFields: [0]) {
                try BACICountryCodes.read(path: $0).byCode.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value.code)" }.joined(separator: ",")
            },
            csv("icio-block-nodes", "icio-block/nodes.csv", nodes, numericFields: [4]) { _ in
                table(try OECDICIOBlockReader().read(folder: block))
            },
            csv("icio-block-z", "icio-block/Z_intermediate_flows_dense.csv.gz", z, numericFields: [1, 2, 3]) { _ in
                table(try OECDICIOBlockReader().read(folder: block))
            },
            csv("wiod", "wiod/wiot_2011_inter.csv.gz", wiodInter, numericFields: [1, 2]) { _ in
                table(try WIODReader().read(folder: wiod, year: 2011))
            },
            FuzzTarget(name: "census-api-json", fileName: "census-api.json", seeds: [censusAPI], isJSON: true, numericFields: []) { path, _ in
                try String(describing: CensusAPIReader().read(path: path))
            },
            csv("usgs-nir-ranking", "MCS2024_Fig2_Net_Import_Reliance.csv", try file(trends + "MCS2024_Fig2_Net_Import_Reliance.csv")) {
                try String(describing: NetImportRelianceRankingReader().read(path: $0, displayName: "fig2.csv", edition: 2024))
            },
            csv("usgs-critical-list", "MCS2024_T4_Critical_Minerals_End_Use.csv", try file(trends + "MCS2024_T4_Critical_Minerals_End_Use.csv")) {
                try String(describing: CriticalMineralsListReader().read(path: $0, displayName: "t4.csv", edition: 2024))
            },
            csv("usgs-critical-summary", "MCS2024_T5_Critical_Minerals_Salient.csv", try file(trends + "MCS2024_T5_Critical_Minerals_Salient.csv")) {
                try String(describing: CriticalMineralSummaryReader().read(path: $0, displayName: "t5.csv", edition: 2024))
            },
            csv("usgs-import-shares", "Import_Source_Pct_raw.csv", try file(data + "/usgs-mcs/mcs2022/import-sources/Import_Source_Pct_raw.csv")) {
                try String(describing: ImportSourceSharesReader().read(path: $0, displayName: "import-sources.csv", edition: 2022))
            },
            FuzzTarget(name: "panel-store", fileName: "fuzz.dpanel", seeds: [store], isJSON: false, numericFields: [],
                       mustMatchWhenRead: true, isBinary: true) { path, _ in try digest(columnsOf: path) },
            csv("usgs-salient", "mcs2024-lithi_salient.csv", salient, numericFields: [2]) {
                try String(describing: SalientStatisticsReader().read(path: $0, displayName: "salient.csv", edition: 2024))
            },
            csv("usgs-world", "mcs2024-lithi_world.csv", world) {
                try String(describing: WorldProductionReader().read(path: $0, displayName: "world.csv", edition: 2024))
            },
            csv("ncses", "ncses/data.csv", ncses, numericFields: [3]) { _ in
                try String(describing: NCSESTimeSeriesReader().read(folder: ncsesFolder, provenance: BundledDataset.ncsesPatents.provenance).values
                    .sorted { $0.key < $1.key }.map { "\($0.key)\($0.value.sorted { $0.key < $1.key })" })
            },
            csv("usitc-dataweb", "usitc.csv", usitc) {
                let r = try USITCDataWebReader().read(path: $0, provenance: BundledDataset.usitcDataWebExports.provenance, id: "usitc")
                return String(describing: r.dataset.flows) + "\(r.droppedYears)"
            },
            csv("census-monthly", "census-monthly.csv", censusMonthly) {
                try String(describing: CensusCountryTradeReader().read(path: $0, provenance: BundledDataset.censusUSChinaMonthly.provenance).flows)
            },
            csv("oecd-icio", "icio.csv", Data(ICIOFixture.official.utf8)) {
                let t = try OECDICIOReader().read(path: $0, name: "fuzz")
                return "\(t.nodeRegions)\(t.nodeSectors)\(t.intermediate)\(t.grossOutput)\(String(describing: t.finalDemand))"
            },
            FuzzTarget(name: "stage-figures-json", fileName: "figures.json", seeds: [try stageFiguresSeed(count: 6)],
                       isJSON: true, numericFields: []) { path, _ in
                try sorted(try StageFigures.load(path: path).figures)
            },
            try json("negatives-json", data + "/policy/negatives.json") {
                try String(describing: PolicyNegativesLoader().load(path: $0))
            },
            FuzzTarget(name: "baci", fileName: "BACI_HS17_Y2022_V202401b.csv", seeds: [Data((baci.joined(separator: "\n") + "\n").utf8)],
                       isJSON: false, numericFields: [0, 1, 2, 3, 4, 5]) { path, work in
                let out = work + "/baci.dpanel"
                try PanelImport.baci(files: [path], countryCodes: countries, edition: .hs2017, to: out)
                return try digest(store: out)
            },
            FuzzTarget(name: "comtrade", fileName: "comtrade.csv", seeds: [Data(comtrade.utf8)],
                       isJSON: false, numericFields: [2, 3, 6, 16]) { path, work in
                let out = work + "/comtrade.dpanel"
                try PanelImport.comtrade(files: [path], to: out)
                return try digest(store: out)
            },
            FuzzTarget(name: "imf-dots", fileName: "dots.csv", seeds: [dots], isJSON: false, numericFields: [3, 4]) { path, _ in
                let d = try DOTSReader().read(path: path, provenance: dotsProvenance)
                return String(describing: d.flows)
            },
            FuzzTarget(name: "census-hs6", fileName: "census.csv", seeds: [census], isJSON: false, numericFields: [1]) { path, _ in
                var flows: [TradeFlow] = []
                var names: [String: String] = [:]
                try CensusTradeReader().read(path: path, into: &flows, productNames: &names)
                return String(describing: flows) + String(describing: names.sorted { $0.key < $1.key })
            },
            FuzzTarget(name: "scenario-json", fileName: "scenario.json", seeds: scenarios, isJSON: true, numericFields: []) { path, _ in
                try sorted(try ScenarioParser.read(path: path))
            },
            try json("alliances-json", data + "/policy/alliances.json") { try String(describing: AlliancesLoader().load(path: $0)) },
            try json("ira-rules-json", data + "/policy/ira-30d-rules.json") { try String(describing: CleanVehicleRulesLoader().load(path: $0)) },
            try json("measures-json", data + "/policy/measures.json") { try String(describing: PolicyMeasuresLoader().load(path: $0)) },
            try json("bom-json", bomExample) { try String(describing: BatteryBOMLoader().load(path: $0)) },
            try json("taxonomy-json", data + "/taxonomy/strategic-products.json") {
                try sorted(TaxonomyLoader(concordance: nil).load(path: $0))
            },
            FuzzTarget(name: "framework-json", fileName: "framework.json",
                       seeds: [try Data(contentsOf: URL(fileURLWithPath: data + "/framework/framework.json"))],
                       isJSON: true, numericFields: []) { path, _ in
                try sorted(try FrameworkConfiguration.load(path: path))
            },
        ]
    }
}
