import DecoupleAnalyses

/// Text and CSV of the panel analyses (`decouple dependence`, `trend`, `diversion`).
public enum PanelAnalysesText {
    // MARK: - Dependence

    public static func text(_ o: DependenceDocument) -> String {
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
            s += "\nEU 2021 dependency screen, \(o.years.last!.year): \(flagged.count) of \(eu.count) products pass (HHI > \(o.hhiThreshold), imports/exports > 1, extra-bloc share > 50%)\n"
            s += PanelOutput.table(["product", "extra-bloc imports US$ m", "HHI", "imp/exp", "extra share", "top supplier", "dependency"],
                                   eu.prefix(o.top).map { r in
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
                                   geo.prefix(o.top).map { r in
                                       [r.product.code, PanelOutput.millions(r.imports), PanelOutput.number(r.importHHI),
                                        PanelOutput.number(r.worldExportHHI), PanelOutput.number(r.importExportRatio, digits: 2),
                                        r.leadingExporter.map { "\($0.code) \(PanelOutput.percent(r.leadingExporterShare, digits: 0))" } ?? "",
                                        r.yearsMeetingCriteria.map(String.init).joined(separator: " "), r.isDependency ? "yes" : "no"]
                                   })
        }
        s += "\n" + PanelOutput.sources(o.provenance)
        if let partners = o.partnerSumOver { s += PanelOutput.partnerSumNote(partners) }
        return s
    }

    public static func csv(_ o: DependenceDocument) -> String {
        var rows: [[String]] = [["year", "reporter", "rival", "products", "imports_usd", "rival_share", "supplier_hhi",
                                 "supplier_hhi_normalized", "import_share_from_rival", "rival_export_share_to_reporter",
                                 "asymmetry", "rival_world_market_share", "rival_rca", "reporter_rca", "source"]]
        let source = o.provenance.map(\.citation).joined(separator: "; ")
        for y in o.years {
            rows.append([String(y.year), o.reporter.code, o.rival.code, o.products, field(y.importsUSD), field(y.rivalShare), field(y.supplierHHI),
                         field(y.supplierHHINormalized), field(y.asymmetry.importShare), field(y.asymmetry.exportShare), field(y.asymmetry.asymmetry),
                         field(y.rivalWorldMarketShare), field(y.rivalRCA), field(y.reporterRCA), source])
        }
        return PanelOutput.csv(rows)
    }

    /// A number as a CSV field; empty when missing.
    static func field(_ x: Double?) -> String { x.map { String($0) } ?? "" }

    // MARK: - Trend

    public static func text(_ o: TrendDocument) -> String {
        var s = "\(PanelOutput.possessive(o.rival)) share of \(PanelOutput.possessive(o.reporter)) imports, change since \(o.baseYear)\n\n"
        let years = Array(Set(o.groups.flatMap { $0.points.map(\.year) })).sorted()
        let header = ["products"] + years.map(String.init) + ["change since \(o.baseYear)"]
        let rows = o.groups.map { g -> [String] in
            [g.products] + years.map { PanelOutput.percent(g.point($0)?.share) } + [PanelOutput.points(g.points.last?.changeFromBase)]
        }
        s += PanelOutput.table(header, rows)
        s += "\nSelective decoupling (difference in differences, \(o.strategicProducts ?? "no strategic products") vs all other HS6 products, policy from \(o.policyYear)):\n"
        if let d = o.selectiveDecoupling {
            s += "  coefficient \(PanelOutput.points(d.coefficient)) (s.e. \(PanelOutput.number(d.standardError * 100, digits: 1)) pp, t = \(PanelOutput.number(d.tStatistic, digits: 2)), clustered by product)\n"
            s += "  N = \(d.observations) product-years, \(d.products) products (\(d.strategicProductCount) strategic), \(d.firstYear)–\(d.lastYear)\n"
            s += "  mean \(o.rival.code) share, strategic: \(PanelOutput.percent(d.meanShareStrategicBefore)) before → \(PanelOutput.percent(d.meanShareStrategicAfter)) after; other: \(PanelOutput.percent(d.meanShareOtherBefore)) → \(PanelOutput.percent(d.meanShareOtherAfter))\n"
        } else {
            s += "  not identified: the store needs years before and after \(o.policyYear) and both strategic and other products\n"
        }
        if let partners = o.partnerSumOver { s += "\n" + PanelOutput.partnerSumNote(partners) }
        return s + "\n" + PanelOutput.sources(o.provenance)
    }

    public static func csv(_ o: TrendDocument) -> String {
        var rows: [[String]] = [["products", "year", "reporter", "rival", "rival_value_usd", "total_usd", "rival_share", "change_from_base", "source"]]
        let source = o.provenance.map(\.citation).joined(separator: "; ")
        for g in o.groups {
            for p in g.points {
                rows.append([g.products, String(p.year), o.reporter.code, o.rival.code, String(p.rivalValue), String(p.totalValue),
                             String(p.share), field(p.changeFromBase), source])
            }
        }
        if let d = o.selectiveDecoupling {
            rows.append(["did:\(d.strategicProducts)", "\(d.firstYear)-\(d.lastYear)", o.reporter.code, o.rival.code,
                         "coefficient=\(d.coefficient)", "se=\(d.standardError)", "n=\(d.observations)", "policy_year=\(d.policyYear)", source])
        }
        return PanelOutput.csv(rows)
    }

    // MARK: - Diversion

    public static func text(_ o: DiversionDocument, top: Int) -> String {
        let d = o.diversion
        var s = "Trade diversion from \(PanelOutput.name(d.rival)) in \(PanelOutput.possessive(d.reporter)) imports of \(d.products), \(d.fromYear) → \(d.toYear)\n\n"
        s += "\(d.rival.code) share of all these imports: \(PanelOutput.percent(d.rivalShareFrom)) → \(PanelOutput.percent(d.rivalShareTo))\n"
        s += "\(d.rival.code) lost share in \(d.productsWhereRivalLost) of \(d.productsCompared) products; there its share went \(PanelOutput.percent(d.rivalShareFromInLost)) → \(PanelOutput.percent(d.rivalShareToInLost))\n\n"
        s += PanelOutput.table(["partner", "share \(d.fromYear)", "share \(d.toYear)", "change", "US$ m \(d.toYear)",
                                "its imports from \(d.rival.code) US$ m", "connector"],
                               d.partners.prefix(top).map { p in
                                   [p.partner.code, PanelOutput.percent(p.shareFrom), PanelOutput.percent(p.shareTo), PanelOutput.points(p.change),
                                    PanelOutput.millions(p.valueTo),
                                    p.importsFromRivalFrom.map { "\(PanelOutput.millions($0)) → \(PanelOutput.millions(p.importsFromRivalTo ?? 0))" } ?? "n/a",
                                    p.isConnector.map { $0 ? "yes" : "no" } ?? "n/a"]
                               })
        return s + "\n" + PanelOutput.sources(o.provenance)
    }

    public static func csv(_ o: DiversionDocument) -> String {
        let d = o.diversion
        var rows: [[String]] = [["partner", "from_year", "to_year", "share_from", "share_to", "change", "value_from_usd", "value_to_usd",
                                 "imports_from_rival_from_usd", "imports_from_rival_to_usd", "connector", "source"]]
        let source = o.provenance.map(\.citation).joined(separator: "; ")
        for p in d.partners {
            rows.append([p.partner.code, String(d.fromYear), String(d.toYear), String(p.shareFrom), String(p.shareTo), String(p.change),
                         String(p.valueFrom), String(p.valueTo), field(p.importsFromRivalFrom),
                         field(p.importsFromRivalTo), p.isConnector.map { $0 ? "yes" : "no" } ?? "", source])
        }
        return PanelOutput.csv(rows)
    }
}
