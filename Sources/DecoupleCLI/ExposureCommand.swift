import ArgumentParser
import DecoupleAnalyses
import DecoupleRendering
import Foundation

/// `decouple exposure`: face-value vs look-through (hidden) exposure of an importer's sectors
/// to a source country, from an inter-country input–output table (Baldwin, Freeman &
/// Theodorakopoulos 2023). Formulas: docs/exposure.md.
struct ExposureCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "exposure",
        abstract: "Hidden supply-chain exposure: face value (A) vs look-through (Leontief inverse), by tier, from an input–output table.",
        discussion: """
        Reads the bundled OECD ICIO 2022 block (80 economies × 50 sectors) unless --icio (an \
        official OECD ICIO CSV, any edition) or --wiod (a WIOD 2013 folder with --year) is given. \
        For every sector j of the importer: face value = Σ_{i∈source} a_ij (share of direct \
        inputs), look-through = Σ_{i∈source} (L − I)_ij (share of total input requirements), \
        hidden = look-through − face value, the tiers A, A², A³ … (the last tier collects all \
        higher ones), value-added exposure Σ_{i∈source} v_i l_ij, and the top look-through \
        foreign supplier. One LU factorisation of I − A; L itself is never formed.
        """)

    @Option(help: "The importing economy whose sectors are measured (ISO3, ISO2 or name).")
    var importer: String = "USA"

    @Option(help: "The source economy (ISO3, ISO2 or name).")
    var source: String = "CHN"

    @Option(help: "One sector of the importer (ICIO code such as C26, WIOD code such as c14): shows its tiers, values and top suppliers.")
    var sector: String?

    @Option(help: "Number of tiers shown (≥ 2): tier 1 = face value, …, the last tier collects that tier and all above.")
    var tiers: Int = 4

    @Option(help: "With --sector: how many foreign suppliers to list.")
    var top: Int = 10

    @Option(help: "An official OECD ICIO CSV (e.g. 2022_SML.csv, plain or gzip) instead of the bundled block.")
    var icio: String?

    @Option(help: "A folder with WIOD 2013 release CSVs (wiot_<year>_inter.csv.gz, _final.csv.gz, _output.csv); needs --year.")
    var wiod: String?

    @Option(help: "The WIOD year (1995–2011).")
    var year: Int?

    @Option(help: "text, json (every sector with its coefficients, shares and values) or csv (one row per sector).")
    var format: OutputFormat = .text

    @Option(help: "Write the output to this file (atomically) instead of standard output.")
    var out: String?

    @Option(help: "The bundled data folder (default: $DECOUPLE_DATA, else Data/ of the source checkout).")
    var dataDir: String?

    func validate() throws {
        guard tiers >= 2 && tiers <= 20 else { throw ValidationError("--tiers must be between 2 and 20") }
        guard top > 0 else { throw ValidationError("--top must be positive") }
        if icio != nil && wiod != nil { throw ValidationError("give --icio or --wiod, not both") }
        if wiod != nil {
            guard let year else { throw ValidationError("--wiod needs --year (1995–2011)") }
            guard (1995...2011).contains(year) else { throw ValidationError("--year must be between 1995 and 2011 (WIOD 2013 release)") }
        } else if year != nil {
            throw ValidationError("--year applies to --wiod only")
        }
    }

    func run() throws {
        let loaded: ExposureTables.Loaded
        do {
            loaded = try ExposureTables.load(icio: icio, wiod: wiod, year: year, dataDir: dataDir)
        } catch let e as DataReadError {
            printError("error: cannot read the input–output table:\n\(e)")
            throw ExitCode.failure
        }
        let imp = try ExposureTables.region(importer, in: loaded.table, option: "--importer")
        let src = try ExposureTables.region(source, in: loaded.table, option: "--source")
        guard imp != src else { throw ValidationError("--importer and --source must differ") }
        let exposure: ImporterExposure
        do {
            let model = try LeontiefModel(try ExposureTables.system(loaded.table))
            exposure = try ImporterExposure(model: model, importer: imp, tiers: tiers)
        } catch let e as InputOutputError {
            printError("error: \(e)")
            throw ExitCode.failure
        } catch let e as LinearAlgebraError {
            printError("error: the Leontief model cannot be solved: \(e)")
            throw ExitCode.failure
        }
        var columns = Array(exposure.sectors.indices)
        if let sector {
            guard let c = exposure.column(ofSector: sector) else {
                throw ValidationError("no sector '\(sector)' for \(imp); its sectors are \(exposure.sectors.joined(separator: ", "))")
            }
            columns = [c]
        }
        let rows = columns.compactMap { exposure.sector($0, source: src) }
        let total = exposure.aggregate(Array(exposure.sectors.indices), source: src, label: "all sectors")
        let output: String
        switch format {
        case .json:
            let doc = ExposureRun.document(exposure: exposure, columns: columns, source: src, table: loaded.table.name,
                                           datasetID: loaded.datasetID, provenance: loaded.provenance, notes: loaded.table.notes,
                                           suppliersOf: sector == nil ? nil : columns[0], top: top)
            output = String(decoding: try ExposureRun.encode(doc), as: UTF8.self)
        case .csv:
            output = ExposureTables.csv(rows + (sector == nil ? total.map { [$0] } ?? [] : []), tiers: tiers)
        case .text:
            output = sector == nil
                ? ExposureTables.text(rows, total: total, loaded: loaded, tiers: tiers)
                : ExposureTables.detail(rows[0], exposure: exposure, column: columns[0], loaded: loaded, top: top)
        }
        try emit(output, to: out)
    }
}

/// Loading tables and rendering exposure, shared by `decouple exposure` and `decouple report`.
enum ExposureTables {
    struct Loaded {
        let table: InputOutputTableData
        let datasetID: String
        let provenance: Provenance?
        let sectorNames: [String: String]
    }

    static func load(icio: String?, wiod: String?, year: Int?, dataDir: String?) throws -> Loaded {
        if let icio {
            let t = try Progress("Reading \(icio.split(separator: "/").last ?? "")").run { try OECDICIOReader().read(path: icio, progress: $0) }
            let names = (try? DataCatalog.locate(explicit: dataDir).loadOECDICIOSectorNames()) ?? [:]
            return Loaded(table: t, datasetID: "user-icio", provenance: nil, sectorNames: names)
        }
        if let wiod, let year {
            let t = try WIODReader().read(folder: wiod, year: year)
            return Loaded(table: t, datasetID: "user-wiod", provenance: nil, sectorNames: wiodSectors)
        }
        let catalog = try DataCatalog.locate(explicit: dataDir)
        let t = try Progress("Reading OECD ICIO 2022").run { try catalog.loadOECDICIO2022(progress: $0) }
        return Loaded(table: t, datasetID: BundledDataset.oecdICIO2022.id, provenance: BundledDataset.oecdICIO2022.provenance,
                      sectorNames: (try? catalog.loadOECDICIOSectorNames()) ?? [:])
    }

    /// The table's region for a user's country text: the text itself when the table has it
    /// (ROW, RoW), else its ISO3 code.
    static func region(_ text: String, in table: InputOutputTableData, option: String) throws -> String {
        let regions = table.regions
        if regions.contains(text) { return text }
        if regions.contains(text.uppercased()) { return text.uppercased() }
        let country: Country
        do { country = try CountryTable.standard.resolve(text) } catch let e as UnknownCountryCode {
            throw ValidationError("\(option): \(e.description)")
        }
        guard regions.contains(country.code) else {
            throw ValidationError("\(option) \(country.code) is not a region of \(table.name); its regions are \(regions.joined(separator: ", "))")
        }
        return country.code
    }

    static func system(_ t: InputOutputTableData) throws -> InputOutputSystem { try ExposureSelection.system(t) }

    static func pct(_ v: Double) -> String { ValueFormat.percent(decimals: 1).format(v) }
    static func pp(_ v: Double) -> String { ValueFormat.percentagePoints(decimals: 1).format(v) }
    static func money(_ v: Double) -> String { ValueFormat.number(decimals: 0).format(v) }

    static func render(_ rows: [[String]], header: [String], numeric: Set<Int>) -> String {
        let all = [header] + rows
        let widths = header.indices.map { i in all.map { $0[i].count }.max() ?? 0 }
        func line(_ r: [String]) -> String {
            var s = r.enumerated().map { i, v in
                let pad = String(repeating: " ", count: widths[i] - v.count)
                return numeric.contains(i) ? pad + v : v + pad
            }.joined(separator: "  ")
            while s.hasSuffix(" ") { s.removeLast() }
            return s + "\n"
        }
        return line(header) + line(widths.map { String(repeating: "─", count: $0) }) + rows.map(line).joined()
    }

    static func tierNames(_ k: Int) -> [String] { (1...k).map { $0 == k ? "tier \($0)+" : "tier \($0)" } }

    static func text(_ rows: [SectorExposure], total: SectorExposure?, loaded: Loaded, tiers: Int) -> String {
        guard let first = rows.first else { return "No sectors.\n" }
        var out = "\(loaded.table.name)\n"
        out += "Exposure of \(first.importer)'s sectors to \(first.source): face value (direct inputs, A) vs look-through (all tiers, L − I)\n"
        out += "Shares: face value of direct inputs; look-through and tiers of total input requirements; VA = \(first.source) value added in the output.\n\n"
        let header = ["sector", "face value", "look-through", "hidden"] + tierNames(tiers) + ["VA", "LT ÷ FV", "top LT foreign", "(its LT share)"]
        func row(_ e: SectorExposure) -> [String] {
            [e.sector, pct(e.faceValueShare), pct(e.lookThroughShare), pp(e.hiddenShare)] + e.tierShares.map(pct)
                + [pct(e.valueAdded), e.lookThroughMultiple.map { ExposureNumberText.fixed1($0) + "×" } ?? "–",
                   e.topForeignSupplier ?? "–", e.topForeignSupplier == nil ? "–" : pct(e.totalRequirements > 0 ? e.topForeignSupplierLookThrough / e.totalRequirements : 0)]
        }
        var table = rows.map(row)
        if let total { table.append(row(total)) }
        out += render(table, header: header, numeric: Set(1..<(header.count - 2)).union([header.count - 1]))
        let top = rows.filter { $0.topForeignSupplier == first.source }.count
        out += "\n\(first.source) is the top look-through foreign supplier of \(top) of \(rows.count) sectors.\n"
        for note in loaded.table.notes { out += "Note: \(note)\n" }
        if let p = loaded.provenance { out += "Source: \(p.citation). \(p.licence).\n" }
        return out
    }

    static func detail(_ e: SectorExposure, exposure: ImporterExposure, column: Int, loaded: Loaded, top: Int) -> String {
        var out = "\(loaded.table.name)\n"
        out += "\(e.importer) \(e.sector)\(loaded.sectorNames[e.sector].map { " (\($0))" } ?? ""): exposure to \(e.source)\n"
        out += "Gross output \(money(e.grossOutput)); coefficients per unit of output, amounts in the table's unit (USD million).\n\n"
        var rows: [[String]] = []
        rows.append(["face value (tier 1, A)", ExposureNumberText.coef(e.faceValue), money(e.faceValueAmount), pct(e.faceValueShare), pct(e.faceValueShareOfImported)])
        for (k, t) in e.tiers.enumerated() where k > 0 {
            let name = k == e.tiers.count - 1 ? "tier \(k + 1)+ (remainder)" : "tier \(k + 1) (A^\(k + 1))"
            rows.append([name, ExposureNumberText.coef(t), money(t * e.grossOutput), pct(e.tierShares[k]), ""])
        }
        rows.append(["look-through (L − I)", ExposureNumberText.coef(e.lookThrough), money(e.lookThroughAmount), pct(e.lookThroughShare), pct(e.lookThroughShareOfForeign)])
        rows.append(["hidden (LT − FV)", ExposureNumberText.coef(e.lookThrough - e.faceValue), money(e.hiddenAmount), pp(e.hiddenShare), ""])
        rows.append(["value added (v̂ L)", ExposureNumberText.coef(e.valueAdded), money(e.valueAddedAmount), pct(e.valueAdded), ""])
        out += render(rows, header: ["measure", "coefficient", "amount", "share of inputs", "share of foreign"], numeric: [1, 2, 3, 4])
        out += "\n(face value: shares of direct inputs; tiers and look-through: shares of total input requirements Σ_i (L − I)_ij)\n\n"
        let suppliers = ExposureRun.suppliers(exposure, column: column, top: top)
        out += "Top look-through foreign suppliers of \(e.importer) \(e.sector)\n"
        out += render(suppliers.map { [$0.region, pct($0.faceValueShare), pct($0.lookThroughShare), pp($0.lookThroughShare - $0.faceValueShare), pct($0.valueAdded)] },
                      header: ["source", "face value", "look-through", "hidden", "VA"], numeric: [1, 2, 3, 4])
        for note in loaded.table.notes { out += "Note: \(note)\n" }
        if let p = loaded.provenance { out += "Source: \(p.citation). \(p.licence).\n" }
        return out
    }

    static func csv(_ rows: [SectorExposure], tiers: Int) -> String {
        var header = ["importer", "sector", "source", "gross_output", "face_value", "look_through", "face_value_share", "look_through_share",
                      "hidden_share", "face_value_share_of_imported", "look_through_share_of_foreign"]
        header += (1...tiers).map { "tier\($0)\($0 == tiers ? "_plus" : "")_share" }
        header += ["value_added", "face_value_amount", "look_through_amount", "hidden_amount", "top_foreign_supplier"]
        var out = header.joined(separator: ",") + "\n"
        for e in rows {
            var f = [e.importer, e.sector, e.source].map(PanelOutput.csvField)
            f += [e.grossOutput, e.faceValue, e.lookThrough, e.faceValueShare, e.lookThroughShare, e.hiddenShare,
                  e.faceValueShareOfImported, e.lookThroughShareOfForeign].map { "\($0)" }
            f += e.tierShares.map { "\($0)" }
            f += [e.valueAdded, e.faceValueAmount, e.lookThroughAmount, e.hiddenAmount].map { "\($0)" }
            f.append(e.topForeignSupplier ?? "")
            out += f.joined(separator: ",") + "\n"
        }
        return out
    }

    /// WIOD 2013 industries c1 … c35 (NACE Rev.1.1).
    static let wiodSectors: [String: String] = [
        "c1": "Agriculture, hunting, forestry and fishing", "c2": "Mining and quarrying", "c3": "Food, beverages and tobacco",
        "c4": "Textiles and textile products", "c5": "Leather and footwear", "c6": "Wood and products of wood and cork",
        "c7": "Pulp, paper, printing and publishing", "c8": "Coke, refined petroleum and nuclear fuel", "c9": "Chemicals and chemical products",
        "c10": "Rubber and plastics", "c11": "Other non-metallic minerals", "c12": "Basic metals and fabricated metal",
        "c13": "Machinery n.e.c.", "c14": "Electrical and optical equipment", "c15": "Transport equipment",
        "c16": "Manufacturing n.e.c.; recycling", "c17": "Electricity, gas and water supply", "c18": "Construction",
        "c19": "Sale and repair of motor vehicles; retail sale of fuel", "c20": "Wholesale trade", "c21": "Retail trade",
        "c22": "Hotels and restaurants", "c23": "Inland transport", "c24": "Water transport", "c25": "Air transport",
        "c26": "Other transport services; travel agencies", "c27": "Post and telecommunications", "c28": "Financial intermediation",
        "c29": "Real estate activities", "c30": "Renting of machinery and other business activities", "c31": "Public administration and defence",
        "c32": "Education", "c33": "Health and social work", "c34": "Other community, social and personal services", "c35": "Private households",
    ]
}

/// Number texts of the exposure tables.
enum ExposureNumberText {
    static func fixed1(_ v: Double) -> String { String(format: "%.1f", v) }
    static func coef(_ v: Double) -> String { String(format: "%.5f", v) }
}
