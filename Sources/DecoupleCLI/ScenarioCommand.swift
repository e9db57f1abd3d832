import ArgumentParser
import DecoupleCore
import DecoupleData
import DecoupleIO
import DecoupleReport
import DecoupleScenario
import Foundation

/// `decouple scenario`: cut a supplier off and see the gap, who can fill it, at what price and
/// what it does downstream. Models and equations: docs/scenario.md.
struct ScenarioCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "scenario",
        abstract: "Scenario simulator: supply gap and alliance capacity, partial-equilibrium trade effects, input–output propagation.",
        subcommands: [Run.self, Example.self])

    struct Example: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Print a documented example scenario file (decouple scenario example > my.json).")
        func run() throws { print(ScenarioExample.json, terminator: "") }
    }

    struct Run: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Run a scenario file (examples in Data/scenarios/).",
            discussion: """
            Supply gap: gap = cut × the supplier's supply; covered = min(gap, alliance capacity), \
            uncovered = gap − covered. Partial equilibrium (SMART-style, CES/Armington): trade \
            creation, diversion and prices per supplier. Input–output: hypothetical extraction of \
            the supplier-sector's sales to the importer (output loss Δx = L* d) and Ghosh \
            propagation (Δxᵀ = eᵀ G*), OECD ICIO 2022. Deadlock: a stylised reading of the \
            U-shaped sanctions-deadlock finding.
            """)

        @Argument(help: "The scenario file (JSON, schema decouple-scenario/1).")
        var file: String

        @Option(help: "text, json or csv (block,item,measure,value).")
        var format: OutputFormat = .text

        @Option(help: "Write the output to this file (atomically) instead of standard output.")
        var out: String?

        @Option(help: "The bundled data folder (default: $DECOUPLE_DATA, else Data/ of the source checkout).")
        var dataDir: String?

        @Option(help: "Also write an HTML page with charts (self-contained SVG) to this file.")
        var html: String?

        @Option(help: "Rows per table in text output.")
        var top: Int = 10

        func validate() throws {
            guard top > 0 else { throw ValidationError("--top must be positive") }
        }

        func run() throws {
            let scenario: Scenario
            do { scenario = try ScenarioParser.read(path: file) } catch let e as ScenarioFileError {
                printError("error: \(e)")
                throw ExitCode.failure
            }
            let result: ScenarioResult = try guarded {
                do {
                    let catalog = try DataCatalog.locate(explicit: dataDir)
                    return try ScenarioRunner.run(scenario, catalog: catalog)
                } catch let e as ScenarioRunError {
                    printError("error: \(e)")
                    throw ExitCode.failure
                } catch let e as InputOutputError {
                    printError("error: the input–output table cannot be used: \(e)")
                    throw ExitCode.failure
                } catch let e as LinearAlgebraError {
                    printError("error: the extracted Leontief model cannot be solved: \(e)")
                    throw ExitCode.failure
                }
            }
            let output: String
            switch format {
            case .json: output = try encodeJSON(result) + "\n"
            case .csv: output = ScenarioText.csv(result)
            case .text: output = ScenarioText.text(result, top: top)
            }
            if let html {
                try AtomicFile.write(ScenarioText.html(result, top: top), to: html)
                printError("Wrote \(html)")
            }
            try emit(output, to: out)
        }
    }
}

enum ScenarioText {
    /// `1234567.891` → `1,234,567.9` (digits after the point), locale-independent.
    static func num(_ x: Double, _ digits: Int = 0) -> String {
        guard x.isFinite else { return "n/a" }
        let plain = String(format: "%.\(digits)f", abs(x))
        let parts = plain.split(separator: ".", maxSplits: 1)
        var intPart = String(parts[0]), grouped = ""
        while intPart.count > 3 {
            grouped = "," + intPart.suffix(3) + grouped
            intPart = String(intPart.dropLast(3))
        }
        let sign = x < 0 && plain.contains(where: { $0 != "0" && $0 != "." }) ? "-" : ""
        return sign + intPart + grouped + (parts.count > 1 ? "." + parts[1] : "")
    }

    static func gapText(_ g: SupplyGap, top: Int) -> String {
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

    static func text(_ r: ScenarioResult, top: Int) -> String {
        var s = "\(r.scenario.name)\n\n"
        if let p = r.products {
            s += "== Product level: \(sourceLine(p.dataset)) \(p.year), HS \(p.hs6.joined(separator: ", ")), importer \(r.scenario.importer) ==\n"
            s += gapText(p.gap, top: top)
            if !p.droppedPartners.isEmpty { s += "Partners counted inside another row, left out: \(p.droppedPartners.joined(separator: ", "))\n" }
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
                                   io.importerSectors.prefix(top).map { [$0.sector, num($0.grossOutput, 0), num($0.loss, 1), PanelOutput.percent($0.lossShare, digits: 2)] })
            s += "\nLargest backward losses (demand-driven extraction):\n"
            s += PanelOutput.table(["Node", "Gross output", "Loss", "Share"],
                                   io.backwardTop.prefix(top).map { [$0.region + "_" + $0.sector, num($0.grossOutput, 0), num($0.loss, 1), PanelOutput.percent($0.lossShare, digits: 2)] })
            s += "\n"
        }
        if let d = r.deadlock {
            s += "== Sanctions deadlock (\(d.label)) ==\n"
            s += "\(d.target)'s import dependence on \(d.sanctioner): \(PanelOutput.percent(d.dependence, digits: 2)) (OECD ICIO 2022, intermediate + final); "
            s += "zone \(d.zone.rawValue) [thresholds \(d.lowThreshold), \(d.highThreshold)]; deadlock risk \(d.deadlockRisk); U-score \(num(d.uScore, 2))\n"
        }
        return s
    }

    static func sourceLine(_ id: String) -> String { id }

    static func escape(_ s: String) -> String {
        s.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
    }

    /// A self-contained page: one bar chart per model, then the full text tables.
    static func html(_ r: ScenarioResult, top: Int) -> String {
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
                                   labels: rows.map(\.sector), values: rows.map(\.lossShare), format: .percent(decimals: 2),
                                   source: io.dataset).svg())
        }
        return """
        <!DOCTYPE html>
        <html lang="en"><head><meta charset="utf-8"><title>\(escape(r.scenario.name))</title>
        <style>body{font-family:system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem}pre{font-size:12px;overflow-x:auto}</style></head>
        <body><h1>\(escape(r.scenario.name))</h1><p>\(escape(r.scenario.description))</p>
        \(charts.joined(separator: "\n"))
        <h2>Tables</h2><pre>\(escape(text(r, top: top)))</pre>
        <p>Models and equations: docs/scenario.md. Generated by decouple scenario run.</p></body></html>

        """
    }

    static func csv(_ r: ScenarioResult) -> String {
        var rows = ["block,item,measure,value"]
        func add(_ b: String, _ i: String, _ m: String, _ v: Double?) {
            rows.append([b, i, m, v.map { "\($0)" } ?? ""].map(csvQuoted).joined(separator: ","))
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
