import DecoupleAnalyses

/// Terminal and CSV renderings of mineral assessments (`decouple minerals`).
public enum MineralsText {
    static func pct(_ v: Double?) -> String { v.map { ValueFormat.percent(decimals: 1).format($0) } ?? "–" }

    public static func reliance(_ r: NetImportReliance?) -> String { r?.reportedText ?? "–" }

    static func top(_ shares: WorldShares?, _ countries: CountryTable, k: Int = 3, gap: String? = nil) -> String {
        guard let shares else { return gap == nil ? "–" : "n/a (no world total)" }
        return shares.shares.prefix(k).map { "\(countries.name($0.country)) \(ValueFormat.percent(decimals: 0).format($0.share))" }
            .joined(separator: ", ")
    }

    static func render(_ rows: [[String]], header: [String], numeric: Set<Int>) -> String {
        TableText.render(header: header, rows: rows, numeric: numeric, layout: .plain(rule: "─"))
    }

    /// The document's table (``table(_:edition:countries:scope:critical:)``) with its scope and
    /// the critical-minerals counts.
    public static func table(_ doc: MineralsDocument, countries: CountryTable = .standard) -> String {
        table(doc.minerals, edition: doc.edition, countries: countries, scope: doc.scope, critical: doc.criticalMinerals)
    }

    /// One row per mineral, then the reasons of each classification. With `scope`, a line says
    /// which commodities are listed; with `critical`, the list's findings head the table.
    public static func table(_ items: [MineralAssessment], edition: Int, countries: CountryTable = .standard,
                             scope: String? = nil, critical: CriticalMineralsCount? = nil) -> String {
        guard let first = items.first?.profile else { return "No minerals.\n" }
        let rival = countries.name(first.rival), leader = countries.name(first.leader)
        var out = "USGS Mineral Commodity Summaries \(edition): \(leader) net import reliance, world production and \(rival)'s share\n"
        if let scope { out += "Listed: \(scope)" + (scope.contains("critical") ? " (--all-commodities lists every commodity)" : "") + ".\n" }
        if let critical { out += critical.findings(leaderName: leader, rivalName: rival).joined(separator: "\n") + "\n" }
        out += "\n"
        let rows = items.map { a -> [String] in
            let p = a.profile
            return [p.name, p.latestReliance.map { String($0.year) } ?? "–", reliance(p.latestReliance),
                    p.latestReliance?.recomputed.map { ValueFormat.percent(decimals: 0).format($0 / 100) } ?? "–",
                    top(p.production, countries, gap: p.productionGap?.rawValue), p.rivalShares.mine.shortText, p.rivalShares.refinery.shortText,
                    p.leaderShares.reserves.shortText,
                    p.production.map { NumberText.hhiPoints($0.hhi) } ?? "–",
                    p.supplyRisk.map { NumberText.twoDecimals($0.score) } ?? "–", a.classificationLabel]
        }
        out += render(rows, header: ["Mineral", "Year", "NIR", "NIR recomp.", "Top producers", "\(first.rival.code) mine",
                                     "\(first.rival.code) refinery", "\(first.leader.code) reserves", "HHI", "Risk", "Classification"],
                      numeric: [2, 3, 5, 6, 7, 8, 9])
        out += "\nWhy:\n"
        for a in items { out += "  \(a.profile.name): \(a.classificationLabel) — \(a.classification.reasons.joined(separator: "; "))\(a.incomplete.map { " — incomplete: \($0)" } ?? "")\n" }
        out += "\nNIR = net import reliance as reported (bounds such as >50 kept); recomputed = 100 × (imports − exports) / apparent consumption.\n"
        out += "Shares of world mine production, refinery production and reserves need a published world total: n/a = no world total, or no such stage in the edition's world table; not listed = the country has no row (at most the \"Other countries\" share).\n"
        out += "HHI = Σ country share² of world production × 10,000 (\"Other countries\" left out: a lower bound). Risk = (0.5 HHI + 0.5 \(first.rival.code) share) × NIR/100.\n"
        out += "Source: USGS Mineral Commodity Summaries \(edition) data release (public domain); every value's file and cell: --format json or csv.\n"
        return out
    }

    /// One mineral in detail, with its time series.
    public static func detail(_ a: MineralAssessment, countries: CountryTable = .standard) -> String {
        let p = a.profile
        var out = "\(p.name) — USGS MCS \(p.edition)\n\n"
        out += "Classification: \(a.classificationLabel)"
        if !a.classification.instruments.isEmpty { out += " (instruments: \(a.classification.instruments.map(\.rawValue).joined(separator: ", ")))" }
        out += "\n" + a.classification.reasons.map { "  - \($0)\n" }.joined()
        if let why = a.incomplete { out += "  - incomplete: \(why) (the file was skipped)\n" }
        out += "\n"
        out += "US salient statistics (net import reliance, reported and recomputed):\n"
        let series = p.relianceSeries.map { r -> [String] in
            [String(r.year), r.reported.map(\.amount.text) ?? "–", r.recomputed.map { NumberText.oneDecimal($0) } ?? "–", r.method]
        }
        out += render(series, header: ["Year", "NIR reported %", "NIR recomputed %", "How"], numeric: [1, 2])
        if let r = p.latestReliance, r.year != p.relianceSeries.last?.year {
            out += "Ranking figure, \(r.year): \(reliance(r))\n"
        }
        if let rec = p.recycled {
            out += "Recycled share \(rec.year): \(pct(rec.share)) (\(rec.secondary.source.column ?? "") / \(rec.consumption.source.column ?? ""))\n"
        }
        for (title, shares, gap) in [("World \(p.productionType.isEmpty ? "production" : p.productionType.lowercased()), \(p.productionYear.map(String.init) ?? "")", p.production, p.productionGap),
                                     ("World \((p.processingType ?? "").lowercased())", p.processing, p.processingGap), ("World reserves", p.reserves, p.reservesGap)] {
            guard let shares else {
                if let gap { out += "\n\(title): \(gap.rawValue)\n" }
                continue
            }
            // Amounts with thousands separators and the unit of the file's column (Prod_kt_2023 → thousand metric tons).
            let unit = shares.shares.first?.source.columnUnit
            out += "\n\(title) (\(shares.worldBasis.rawValue): \(Self.amount(shares.world))\(unit.map { " " + $0 } ?? "")):\n"
            out += render(shares.shares.prefix(8).map { [countries.name($0.country), Self.amount($0.amount), pct($0.share)] },
                          header: ["Country", "Amount" + (unit.map { " (\($0))" } ?? ""), "Share"], numeric: [1, 2])
            out += "HHI \(NumberText.hhiPoints(shares.hhi)), top-3 share \(pct(shares.top3Share))"
            if !shares.withheld.isEmpty { out += "; withheld or not available: \(shares.withheld.joined(separator: ", "))" }
            out += "\n"
        }
        out += "\n\(countries.name(p.rival)) share of world mine production \(p.rivalShares.mine.text), of refinery production \(p.rivalShares.refinery.text), of reserves \(p.rivalShares.reserves.text)\n"
        out += "\(countries.name(p.leader)) reserves share (endowment) \(p.leaderShares.reserves.text); \(p.leader.code) + allies' share of mine production \(p.alliedShares.mine.text), of refinery production \(p.alliedShares.refinery.text)\n"
        if !p.imports.sources.isEmpty {
            out += "Major import sources: " + p.imports.sources.map { s in
                (s.country.map { countries.name($0) } ?? s.label) + (s.share.map { " \($0.amount.text)%" } ?? "")
            }.joined(separator: ", ") + "\n"
            if let r = p.imports.rivalImportShare { out += "Share of imports from \(p.rival.code): \(NumberText.oneDecimal(r))%, from allies: \(NumberText.oneDecimal(p.imports.allyImportShare ?? 0))%\n" }
            else { out += "\(p.rival.code) among the listed sources: \(p.imports.rivalRank.map { "#\($0)" } ?? "no") (shares not published in this table)\n" }
        }
        if let r = p.supplyRisk {
            out += "Supply risk \(NumberText.twoDecimals(r.score)) = disruption potential \(NumberText.twoDecimals(r.disruptionPotential)) (0.5 × HHI \(NumberText.twoDecimals(r.hhi)) + 0.5 × \(p.rival.code) share \(NumberText.twoDecimals(r.rivalProductionShare))) × trade exposure \(NumberText.twoDecimals(r.tradeExposure))\(r.exposureIsBound ? " (a bound)" : "")\n"
        }
        out += "Source: USGS Mineral Commodity Summaries \(p.edition) data release; every value's file and cell: --format json or csv.\n"
        return out
    }

    /// `180000` → `180,000`; one decimal only when the amount has one.
    static func amount(_ v: Double) -> String {
        NumberText.fixed(v, decimals: v == v.rounded() ? 0 : 1, grouping: true)
    }

    /// One value per row with its provenance:
    /// `code,mineral,metric,country,year,value,text,unit,edition,file,line,column`.
    public static func csv(_ items: [MineralAssessment]) -> String {
        var out = "code,mineral,metric,country,year,value,text,unit,edition,file,line,column\n"
        func row(_ p: MineralSupplyProfile, _ metric: String, _ country: String, _ year: Int?, _ value: Double?, _ text: String,
                 _ unit: String, _ src: MineralProvenance?) {
            let fields = [p.code, p.name, metric, country, year.map(String.init) ?? "", value.map { String($0) } ?? "", text, unit,
                          String(src?.edition ?? p.edition), src?.file ?? "", src?.line.map(String.init) ?? "", src?.column ?? ""]
            out += fields.map { $0.contains(where: { ",\"\n".contains($0) }) ? "\"" + $0.replacing("\"", with: "\"\"") + "\"" : $0 }
                .joined(separator: ",") + "\n"
        }
        for a in items {
            let p = a.profile
            for r in p.relianceSeries {
                if let rep = r.reported { row(p, "net_import_reliance_reported", "USA", r.year, rep.amount.exact, rep.amount.text, "pct", rep.source) }
                if let v = r.recomputed { row(p, "net_import_reliance_recomputed", "USA", r.year, v, "", "pct", r.inputs.first) }
            }
            for (metric, shares, gap) in [("world_production_share", p.production, p.productionGap), ("world_processing_share", p.processing, p.processingGap),
                                          ("world_reserves_share", p.reserves, p.reservesGap)] {
                guard let shares else {
                    if let gap { row(p, metric, "", p.productionYear, nil, gap.rawValue, "fraction", nil) }
                    continue
                }
                for s in shares.shares { row(p, metric, s.country.code, p.productionYear, s.share, "", "fraction", s.source) }
                row(p, metric.replacing("_share", with: "_hhi"), "", p.productionYear, shares.hhi, "", "index 0-1", shares.shares.first?.source)
            }
            for s in p.imports.sources {
                row(p, "import_source", s.country?.code ?? s.label, nil, s.share?.amount.exact, s.label, s.share == nil ? "rank" : "pct", s.share?.source ?? s.source)
            }
            if let r = p.supplyRisk { row(p, "supply_risk", "", p.productionYear, r.score, "", "index 0-1", p.production?.worldSource ?? p.production?.shares.first?.source) }
            row(p, "classification", p.leader.code, nil, nil, a.classificationLabel + ": " + a.classification.reasons.joined(separator: "; ") + (a.incomplete.map { "; incomplete: " + $0 } ?? ""), "", nil)
        }
        return out
    }
}
