import DecoupleAnalyses
import Foundation

/// Text, CSV, charts and a page of a scenario's results, shared by `decouple scenario run` and
/// the dashboard's scenarios page.
public enum ScenarioText {
    /// `1234567.891` → `1,234,567.9` (digits after the point), locale-independent.
    public static func num(_ x: Double, _ digits: Int = 0) -> String {
        NumberText.fixed(x, decimals: digits, grouping: true, asciiMinus: true)
    }

    public static func gapText(_ g: SupplyGap, top: Int) -> String {
        var s = "Lost supply from \(g.supplier): \(num(g.gap)) \(g.unit) (cut \(PanelOutput.percent(g.cutFraction, digits: 0)) of \(num(g.supplierSupply)))\n"
        s += "Alliance capacity: \(num(g.allianceCapacity)) — covered \(num(g.covered)), uncovered \(num(g.uncovered))"
        s += g.gap > 0 ? " (\(PanelOutput.percent(g.uncovered / g.gap)) of the gap)\n" : "\n"
        s += "Time to cover at \(PanelOutput.percent(g.capacityGrowthPerYear, digits: 0)) capacity growth a year: "
        s += g.yearsToCover.map { num($0, 1) + " years" } ?? "never (no alliance capacity or no growth)"
        s += "\nCapacity measure: \(g.capacityMeasure)\n\n"
        s += PanelOutput.table(["Supplier", "Alliance", "Current", "Capacity", "Covers"],
                               g.suppliers.prefix(top).map { [$0.name, $0.inAlliance ? "yes" : "no", num($0.current), num($0.capacity), num($0.covered)] })
        return s
    }

    public static func text(_ r: ScenarioResult, top: Int) -> String {
        var s = "\(r.scenario.name)\n\n"
        if let p = r.products {
            s += "== Product level: \(sourceLine(p.dataset)) \(p.year), HS \(p.hs6.joined(separator: ", ")), importer \(r.scenario.importer) ==\n"
            s += gapText(p.gap, top: top)
            if !p.aggregateSuppliers.isEmpty { s += "Aggregate suppliers, less their members listed separately: \(p.aggregateSuppliers.joined(separator: "; "))\n" }
            if !p.droppedPartners.isEmpty { s += "Aggregates left out (totals, not suppliers): \(p.droppedPartners.joined(separator: ", "))\n" }
            if let pe = p.partialEquilibrium {
                let e = r.scenario.elasticities
                s += "\n-- Partial equilibrium (ε = \(e.importDemand), σ = \(e.substitution), η = \(e.exportSupply.map { "\($0)" } ?? "∞")) --\n"
                s += "Import price index \(num(pe.priceIndex, 3)) (base 1); imports \(num(pe.baseImports)) → \(num(pe.newImports)) USD; "
                s += "trade creation \(num(pe.tradeCreation)), diversion to others \(num(pe.tradeDiversionGained))\n\n"
                s += PanelOutput.table(["Supplier", "Base", "New volume", "Creation", "Diversion", "Exporter price", "Revenue change"],
                                       pe.sources.prefix(top).map { [$0.name, num($0.baseValue), num($0.newVolume), num($0.tradeCreation),
                                                                     num($0.tradeDiversion), num($0.exporterPrice, 3), num($0.exporterRevenueChange)] })
            }
            if let n = p.partialEquilibriumNote { s += "Note: \(n)\n" }
            s += "\n"
        }
        if let m = r.mineral {
            s += "== Minerals: \(m.commodity) (\(m.productionType), \(m.year)), \(m.dataset) ==\n" + gapText(m.gap, top: top)
            s += "Note: \(m.note)\n\n"
        }
        if let io = r.io {
            s += "== Input–output (\(io.dataset), \(io.unit)): extraction of \(io.sources.joined(separator: ", ")) sales to \(io.importer) ==\n"
            s += "Extracted sales \(num(io.extractedSales, 1)); backward output loss (world) \(num(io.backwardLossTotal, 1)); "
            s += "Ghosh forward loss (world) \(num(io.forwardLossTotal, 1)), of which \(io.importer) \(num(io.forwardLossImporter, 1))\n\n"
            s += "Most exposed \(io.importer) sectors (Ghosh loss / gross output):\n"
            s += PanelOutput.table(["Sector", "Gross output", "Loss", "Share"],
                                   io.importerSectors.prefix(top).map { [io.label($0.sector), num($0.grossOutput, 0), num($0.loss, 1), PanelOutput.percent($0.lossShare, digits: 2)] })
            s += "\nLargest backward losses (demand-driven extraction):\n"
            s += PanelOutput.table(["Node", "Gross output", "Loss", "Share"],
                                   io.backwardTop.prefix(top).map { [$0.region + "_" + io.label($0.sector), num($0.grossOutput, 0), num($0.loss, 1), PanelOutput.percent($0.lossShare, digits: 2)] })
            s += "\n"
        }
        if let d = r.deadlock {
            s += "== Sanctions deadlock (\(d.label)) ==\n"
            s += "\(d.target)'s import dependence on \(d.sanctioner): \(PanelOutput.percent(d.dependence, digits: 2)) (OECD ICIO 2022, \(d.coverage)); "
            s += "zone \(d.zone.rawValue) [thresholds \(d.lowThreshold), \(d.highThreshold)]; deadlock risk \(d.deadlockRisk); U-score \(num(d.uScore, 2))\n"
        }
        return s
    }

    public static func sourceLine(_ id: String) -> String { id }

    /// The result's tables as HTML tables (numbers right-aligned, US dollars as $15.7bn, other
    /// units with thousands separators), for the dashboard and the scenario page.
    public static func htmlTables(_ r: ScenarioResult, top: Int) -> String {
        func money(_ x: Double) -> String { ValueFormat.usd.format(x) }
        func table(_ title: String, _ columns: [String], _ numeric: Set<Int>, _ rows: [[String]], _ source: String) -> String {
            DecouplingReport.html(ReportTable(title: title, columns: columns, numericColumns: numeric, rows: rows, sources: [source]), sources: [:])
        }
        func gapTables(_ g: SupplyGap, _ source: String) -> String {
            let v: (Double) -> String = g.unit == "USD" ? money : { num($0) + " " + g.unit }
            var s = "<p>Lost supply from \(escape(g.supplier)): <b>\(escape(v(g.gap)))</b> (cut \(PanelOutput.percent(g.cutFraction, digits: 0)) of \(escape(v(g.supplierSupply)))); "
            s += "alliance capacity \(escape(v(g.allianceCapacity))): covered \(escape(v(g.covered))), uncovered \(escape(v(g.uncovered)))"
            s += g.gap > 0 ? " (\(PanelOutput.percent(g.uncovered / g.gap)) of the gap)" : ""
            s += "; time to cover at \(PanelOutput.percent(g.capacityGrowthPerYear, digits: 0)) growth a year: "
            s += (g.yearsToCover.map { num($0, 1) + " years" } ?? "never (no alliance capacity or no growth)") + ". Capacity: \(escape(g.capacityMeasure)).</p>"
            s += table("Suppliers and substitution capacity (\(g.unit == "USD" ? "US$" : g.unit))", ["Supplier", "Alliance", "Current", "Capacity", "Covers"], [2, 3, 4],
                       g.suppliers.prefix(top).map { [$0.name, $0.inAlliance ? "yes" : "no", v($0.current), v($0.capacity), v($0.covered)] }, source)
            return s
        }
        var s = ""
        if let p = r.products {
            s += "<h3>Product level: \(escape(p.dataset)) \(p.year), HS \(escape(p.hs6.joined(separator: ", "))), importer \(escape(r.scenario.importer))</h3>"
            s += gapTables(p.gap, p.dataset)
            if let pe = p.partialEquilibrium {
                let e = r.scenario.elasticities
                s += "<p>Partial equilibrium (ε = \(e.importDemand), σ = \(e.substitution), η = \(e.exportSupply.map { "\($0)" } ?? "∞")): import price index \(num(pe.priceIndex, 3)) (base 1); imports \(money(pe.baseImports)) → \(money(pe.newImports)); trade creation \(money(pe.tradeCreation)), diversion to others \(money(pe.tradeDiversionGained)).</p>"
                s += table("Partial equilibrium by supplier (US$)", ["Supplier", "Base", "New volume", "Creation", "Diversion", "Exporter price", "Revenue change"], [1, 2, 3, 4, 5, 6],
                           pe.sources.prefix(top).map { [$0.name, money($0.baseValue), money($0.newVolume), money($0.tradeCreation), money($0.tradeDiversion),
                                                         num($0.exporterPrice, 3), money($0.exporterRevenueChange)] }, p.dataset)
            }
            if let n = p.partialEquilibriumNote { s += "<p class=\"note\">Note: \(escape(n))</p>" }
        }
        if let m = r.mineral {
            s += "<h3>Minerals: \(escape(m.commodity)) (\(escape(m.productionType)), \(m.year)), \(escape(m.dataset))</h3>" + gapTables(m.gap, m.dataset)
            s += "<p class=\"note\">Note: \(escape(m.note))</p>"
        }
        if let io = r.io {
            s += "<h3>Input–output (\(escape(io.dataset)), \(escape(io.unit))): extraction of \(escape(io.sources.joined(separator: ", "))) sales to \(escape(io.importer))</h3>"
            s += "<p>Extracted sales \(num(io.extractedSales, 1)); backward output loss (world) \(num(io.backwardLossTotal, 1)); Ghosh forward loss (world) \(num(io.forwardLossTotal, 1)), of which \(escape(io.importer)) \(num(io.forwardLossImporter, 1)) (\(escape(io.unit))).</p>"
            s += table("Most exposed \(io.importer) sectors (Ghosh loss / gross output)", ["Sector", "Gross output", "Loss", "Share"], [1, 2, 3],
                       io.importerSectors.prefix(top).map { [io.label($0.sector), num($0.grossOutput, 0), num($0.loss, 1), PanelOutput.percent($0.lossShare, digits: 2)] }, io.dataset)
            s += table("Largest backward losses (demand-driven extraction)", ["Node", "Gross output", "Loss", "Share"], [1, 2, 3],
                       io.backwardTop.prefix(top).map { [$0.region + "_" + io.label($0.sector), num($0.grossOutput, 0), num($0.loss, 1), PanelOutput.percent($0.lossShare, digits: 2)] }, io.dataset)
        }
        if let d = r.deadlock {
            s += "<h3>Sanctions deadlock (\(escape(d.label)))</h3><p>\(escape(d.target))'s import dependence on \(escape(d.sanctioner)): \(PanelOutput.percent(d.dependence, digits: 2)) (OECD ICIO 2022, \(escape(d.coverage))); zone \(escape(d.zone.rawValue)) [thresholds \(d.lowThreshold), \(d.highThreshold)]; deadlock risk \(escape("\(d.deadlockRisk)")); U-score \(num(d.uScore, 2)).</p>"
        }
        return s
    }

    public static func escape(_ s: String) -> String {
        s.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
    }

    /// One bar chart (SVG) per model of the result.
    public static func charts(_ r: ScenarioResult, top: Int) -> [String] {
        var charts: [String] = []
        func gapChart(_ g: SupplyGap, _ source: String) -> String {
            let rows = [("Gap (\(g.supplier))", g.gap), ("Alliance capacity", g.allianceCapacity), ("Uncovered", g.uncovered)]
                + g.suppliers.prefix(top).map { ("\($0.name)\($0.inAlliance ? " (alliance)" : "") capacity", $0.capacity) }
            return BarChart(title: "Supply gap and substitution capacity (\(g.unit))", subtitle: g.capacityMeasure,
                            labels: rows.map(\.0), values: rows.map(\.1), format: g.unit == "USD" ? .usd : .number(decimals: 0), source: source).svg()
        }
        if let p = r.products {
            charts.append(gapChart(p.gap, "\(p.dataset), HS \(p.hs6.joined(separator: ", "))"))
            if let pe = p.partialEquilibrium {
                let rows = pe.sources.prefix(top)
                charts.append(BarChart(title: "Partial equilibrium: change in imports by supplier (USD)",
                                       subtitle: "trade creation + diversion; import price index \(num(pe.priceIndex, 3))",
                                       labels: rows.map(\.name), values: rows.map { $0.newVolume - $0.baseValue },
                                       format: .usd, source: p.dataset).svg())
            }
        }
        if let m = r.mineral { charts.append(gapChart(m.gap, "\(m.dataset), \(m.commodity) \(m.productionType) \(m.year)")) }
        if let io = r.io {
            let rows = io.importerSectors.prefix(top)
            charts.append(BarChart(title: "Most exposed \(io.importer) sectors: Ghosh output loss / gross output",
                                   subtitle: "extraction of \(io.sources.joined(separator: ", ")) sales to \(io.importer)",
                                   labels: rows.map { io.label($0.sector) }, values: rows.map(\.lossShare), format: .percent(decimals: 2),
                                   source: io.dataset).svg())
        }
        return charts
    }

    /// A self-contained page: one bar chart per model, then the full text tables.
    public static func html(_ r: ScenarioResult, top: Int) -> String {
        return """
        <!DOCTYPE html>
        <html lang="en"><head><meta charset="utf-8"><title>\(escape(r.scenario.name))</title>
        <style>body{font-family:system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem}pre{font-size:12px;overflow-x:auto}</style></head>
        <body><h1>\(escape(r.scenario.name))</h1><p>\(escape(r.scenario.description))</p>
        \(charts(r, top: top).joined(separator: "\n"))
        <h2>Tables</h2>\(htmlTables(r, top: top))
        <p>Models and equations: docs/scenario.md. Generated by decouple scenario run.</p></body></html>

        """
    }

    public static func csv(_ r: ScenarioResult) -> String {
        var rows = ["block,item,measure,value"]
        func add(_ b: String, _ i: String, _ m: String, _ v: Double?) {
            rows.append([b, i, m, v.map { "\($0)" } ?? ""].map(PanelOutput.csvField).joined(separator: ","))
        }
        func gap(_ b: String, _ g: SupplyGap) {
            add(b, g.supplier, "gap", g.gap); add(b, "alliance", "capacity", g.allianceCapacity)
            add(b, "alliance", "covered", g.covered); add(b, "alliance", "uncovered", g.uncovered)
            add(b, "alliance", "years_to_cover", g.yearsToCover)
            for s in g.suppliers {
                add(b, s.name, "current", s.current); add(b, s.name, "capacity", s.capacity); add(b, s.name, "covered", s.covered)
            }
        }
        if let p = r.products {
            gap("products", p.gap)
            if let pe = p.partialEquilibrium {
                add("pe", "all", "price_index", pe.priceIndex); add("pe", "all", "new_imports", pe.newImports)
                add("pe", "all", "trade_creation", pe.tradeCreation)
                for s in pe.sources {
                    add("pe", s.name, "new_volume", s.newVolume); add("pe", s.name, "trade_creation", s.tradeCreation)
                    add("pe", s.name, "trade_diversion", s.tradeDiversion); add("pe", s.name, "exporter_price", s.exporterPrice)
                    add("pe", s.name, "revenue_change", s.exporterRevenueChange)
                }
            }
        }
        if let m = r.mineral { gap("mineral", m.gap) }
        if let io = r.io {
            add("io", "all", "extracted_sales", io.extractedSales); add("io", "all", "backward_loss", io.backwardLossTotal)
            add("io", "all", "forward_loss", io.forwardLossTotal)
            for n in io.importerSectors { add("io", n.region + "_" + n.sector, "forward_loss", n.loss) }
            for n in io.backwardTop { add("io", n.region + "_" + n.sector, "backward_loss", n.loss) }
        }
        if let d = r.deadlock {
            add("deadlock", d.target, "dependence", d.dependence); add("deadlock", d.target, "u_score", d.uScore)
        }
        return rows.joined(separator: "\n") + "\n"
    }
}
