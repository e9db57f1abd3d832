import DecoupleCore
import DecoupleInstrumentChoice
import DecouplePolicy
import DecoupleScenarios
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
        return [
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
                try String(describing: TaxonomyLoader(concordance: nil).load(path: $0))
            },
            FuzzTarget(name: "framework-json", fileName: "framework.json",
                       seeds: [try Data(contentsOf: URL(fileURLWithPath: data + "/framework/framework.json"))],
                       isJSON: true, numericFields: []) { path, _ in
                try sorted(try FrameworkConfiguration.load(path: path))
            },
        ]
    }
}
