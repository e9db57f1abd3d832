import ArgumentParser
import DecoupleAnalyses
import DecoupleRendering
import Foundation

/// `decouple dependence`: how much the reporter depends on the rival, year by year, in a
/// product selection, and which products pass the EU 2021 or CEPII GeoDep dependency screens.
struct DependenceCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "dependence",
        abstract: "Import dependence on the rival: shares, top suppliers, HHI, asymmetry, RCA and dependency screens.",
        discussion: """
        Reads an imported panel store (`decouple data import`). For every year: the reporter's \
        imports of the products, the rival's share, the top suppliers, the suppliers' HHI (raw and \
        normalised 0–1), the asymmetry of dependence (reporter's import share from the rival minus \
        the rival's export share to the reporter) and, with all-reporter data (BACI), the rival's \
        world market share and revealed comparative advantage. --screen adds the EU 2021 or the \
        CEPII GeoDep screen of every product for the last year.
        """)

    enum Screen: String, ExpressibleByArgument, CaseIterable { case none, eu, geodep }

    @OptionGroup var panelOptions: PanelOptions

    @Option(help: "How many suppliers (and screened products) to list.")
    var top: Int = 5

    @Option(help: "Screen products for dependencies in the last year: none, eu (EU 2021) or geodep (CEPII).")
    var screen: Screen = .none

    @Option(help: "Importers screened together by --screen eu: EU27, or comma-separated countries (default: the reporter).")
    var bloc: String?

    @Option(help: "HHI cut-off of the screens.")
    var hhiThreshold: Double = 0.4

    func validate() throws {
        guard top > 0 else { throw ValidationError("--top must be positive") }
        guard (0...1).contains(hhiThreshold) else { throw ValidationError("--hhi-threshold must be between 0 and 1") }
    }

    /// One year of the output.
    struct Year: Codable {
        let year: Int
        let importsUSD: Double
        let rivalShare: Double
        let topSuppliers: [PartnerValue]
        let supplierHHI: Double
        let supplierHHINormalized: Double
        let asymmetry: DependenceAsymmetry
        let rivalWorldMarketShare: Double?
        let rivalRCA: Double?
        let reporterRCA: Double?
        /// True when the total is the source's World rows, false when it is the sum over the partners in the data.
        let totalFromWorldRows: Bool
    }

    struct Output: Codable {
        /// The engine and its data (the store's path for the local engine).
        let source: String
        let provenance: [Provenance]
        let reporter: Country
        let rival: Country
        let products: String
        let years: [Year]
        let euScreen: [StrategicDependencyScreen.Result]?
        let geoDepScreen: [GeoDepScreen.Result]?
    }

    func run() async throws {
        try await reportingDataErrors {
            let (reporter, rival) = try panelOptions.countries()
            let engine = try await panelOptions.openEngine()
            let panel = try await engine.describe()
            let selection = try panelOptions.selection()
            let years = panelOptions.years.map { r in panel.years.filter { r.contains($0) } } ?? panel.years
            let tables = try await engine.measure(PartnerSharesRequest(country: reporter, side: .imports, years: years, products: selection))
            let asymmetries = try await engine.measure(DependenceAsymmetryRequest(country: reporter, on: rival, years: years, products: selection))
            var rows: [Year] = []
            var partnersSeen = Set<Country>()
            for t in tables {
                var world: WorldExportMatrix? = nil
                if panel.coversAllReporters { world = try await engine.measure(WorldExportsRequest(years: [t.year]))[t.year] }
                let weights = world.map { $0.products.map(selection.weight(of:)) } ?? []
                let r = world?.index(of: rival), me = world?.index(of: reporter)
                rows.append(Year(
                    year: t.year, importsUSD: t.total, rivalShare: t.share(of: rival), topSuppliers: t.top(top),
                    supplierHHI: t.hhi, supplierHHINormalized: t.normalizedHHI,
                    asymmetry: asymmetries[t.year]!,
                    rivalWorldMarketShare: r.flatMap { world?.worldMarketShare(country: $0, weights: weights) },
                    rivalRCA: r.flatMap { world?.rca(country: $0, weights: weights) },
                    reporterRCA: me.flatMap { world?.rca(country: $0, weights: weights) },
                    totalFromWorldRows: t.totalFromWorldRows))
                partnersSeen.formUnion(t.partners.map(\.partner))
            }
            guard let last = rows.last?.year else {
                throw ValidationError("the data have no imports of \(selection.name) by \(reporter)\(panelOptions.years.map { " in \($0.lowerBound)–\($0.upperBound)" } ?? "")")
            }
            var eu: [StrategicDependencyScreen.Result]? = nil, geo: [GeoDepScreen.Result]? = nil
            switch screen {
            case .none: break
            case .eu:
                let members = try blocMembers(reporter)
                eu = try await engine.measure(StrategicDependencyScreen(thresholds: .init(hhi: hhiThreshold))
                    .request(bloc: members, year: last, products: selection))
            case .geodep:
                geo = try await engine.measure(GeoDepScreen(thresholds: .init(importHHI: hhiThreshold, worldExportHHI: hhiThreshold))
                    .request(country: reporter, year: last, products: selection))
            }
            let output = Output(source: engine.name, provenance: panel.provenance, reporter: reporter, rival: rival,
                                products: selection.name, years: rows, euScreen: eu, geoDepScreen: geo)
            switch panelOptions.format {
            case .json: print(try PanelOutput.json(output))
            case .csv: print(csv(output), terminator: "")
            case .text:
                print(text(output), terminator: "")
                if !panel.coversAllReporters && rows.contains(where: { !$0.totalFromWorldRows }) {
                    print(PanelOutput.partnerSumNote(Array(partnersSeen)), terminator: "")
                }
            }
        }
    }

    private func blocMembers(_ reporter: Country) throws -> Set<Country> {
        guard let bloc else { return [reporter] }
        if let named = CountryBloc.named(bloc) { return named }
        do {
            return Set(try bloc.split(separator: ",").map { try CountryTable.standard.resolve(String($0)) })
        } catch let e as UnknownCountryCode { throw ValidationError("--bloc: \(e)") }
    }

    private func text(_ o: Output) -> String {
        var s = "\(PanelOutput.possessive(o.reporter)) imports of \(o.products): dependence on \(PanelOutput.name(o.rival))\n\n"
        let showWorld = o.years.contains { $0.rivalRCA != nil }
        var header = ["year", "imports US$ m", "\(o.rival.code) share", "top suppliers", "HHI", "HHI 0–1", "asymmetry"]
        if showWorld { header += ["\(o.rival.code) world share", "\(o.rival.code) RCA", "\(o.reporter.code) RCA"] }
        let rows = o.years.map { y -> [String] in
            var row = [String(y.year), PanelOutput.millions(y.importsUSD), PanelOutput.percent(y.rivalShare),
                       y.topSuppliers.prefix(3).map { "\($0.partner.code) \(PanelOutput.percent($0.share, digits: 0))" }.joined(separator: ", "),
                       PanelOutput.number(y.supplierHHI), PanelOutput.number(y.supplierHHINormalized),
                       PanelOutput.number(y.asymmetry.asymmetry)]
            if showWorld { row += [PanelOutput.percent(y.rivalWorldMarketShare), PanelOutput.number(y.rivalRCA, digits: 2), PanelOutput.number(y.reporterRCA, digits: 2)] }
            return row
        }
        s += PanelOutput.table(header, rows)
        s += "\nasymmetry = \(o.reporter.code)'s import share from \(o.rival.code) − \(o.rival.code)'s export share to \(o.reporter.code) (n/a without \(o.rival.code)'s exports in the store)\n"
        if let eu = o.euScreen {
            let flagged = eu.filter(\.isDependency)
            s += "\nEU 2021 dependency screen, \(o.years.last!.year): \(flagged.count) of \(eu.count) products pass (HHI > \(hhiThreshold), imports/exports > 1, extra-bloc share > 50%)\n"
            s += PanelOutput.table(["product", "extra-bloc imports US$ m", "HHI", "imp/exp", "extra share", "top supplier", "dependency"],
                                   eu.prefix(top).map { r in
                                       [r.product.code, PanelOutput.millions(r.extraBlocImports), PanelOutput.number(r.supplierHHI),
                                        r.importExportRatio.map { PanelOutput.number($0, digits: 2) } ?? "inf",
                                        PanelOutput.percent(r.extraBlocImportShare),
                                        r.topSupplier.map { "\($0.code) \(PanelOutput.percent(r.topSupplierShare, digits: 0))" } ?? "",
                                        r.isDependency ? "yes" : "no"]
                                   })
        }
        if let geo = o.geoDepScreen {
            let flagged = geo.filter(\.isDependency)
            s += "\nCEPII GeoDep screen, \(o.years.last!.year): \(flagged.count) of \(geo.count) products are dependencies (2 of the last 3 years)\n"
            s += PanelOutput.table(["product", "imports US$ m", "import HHI", "world export HHI", "imp/exp", "leading exporter", "years met", "dependency"],
                                   geo.prefix(top).map { r in
                                       [r.product.code, PanelOutput.millions(r.imports), PanelOutput.number(r.importHHI),
                                        PanelOutput.number(r.worldExportHHI), PanelOutput.number(r.importExportRatio, digits: 2),
                                        r.leadingExporter.map { "\($0.code) \(PanelOutput.percent(r.leadingExporterShare, digits: 0))" } ?? "",
                                        r.yearsMeetingCriteria.map(String.init).joined(separator: " "), r.isDependency ? "yes" : "no"]
                                   })
        }
        return s + "\n" + PanelOutput.sources(o.provenance)
    }

    private func csv(_ o: Output) -> String {
        var rows: [[String]] = [["year", "reporter", "rival", "products", "imports_usd", "rival_share", "supplier_hhi",
                                 "supplier_hhi_normalized", "import_share_from_rival", "rival_export_share_to_reporter",
                                 "asymmetry", "rival_world_market_share", "rival_rca", "reporter_rca", "source"]]
        let source = o.provenance.map(\.citation).joined(separator: "; ")
        func f(_ x: Double?) -> String { x.map { String($0) } ?? "" }
        for y in o.years {
            rows.append([String(y.year), o.reporter.code, o.rival.code, o.products, f(y.importsUSD), f(y.rivalShare), f(y.supplierHHI),
                         f(y.supplierHHINormalized), f(y.asymmetry.importShare), f(y.asymmetry.exportShare), f(y.asymmetry.asymmetry),
                         f(y.rivalWorldMarketShare), f(y.rivalRCA), f(y.reporterRCA), source])
        }
        return PanelOutput.csv(rows)
    }
}
