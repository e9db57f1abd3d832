import DecoupleCore
import DecoupleInputOutput
import DecoupleMinerals
import DecoupleTrade
import Foundation

/// The results of one scenario, every block naming its data and measure.
public struct ScenarioResult: Sendable, Codable {
    public struct ProductBlock: Sendable, Codable {
        public let dataset: String
        public let year: Int
        public let hs6: [String]
        public let unit: String
        public let gap: SupplyGap
        public let partialEquilibrium: PartialEquilibrium.Result?
        public let partialEquilibriumNote: String?
        /// Aggregates left out (World, regions): totals, not suppliers (``PartnerRule``).
        public let droppedPartners: [String]
        /// Partner aggregates counted as one supplier with the part of their value that the
        /// members listed beside them do not account for, e.g. "EU: 2,012,345 of 2,100,000 USD
        /// (less SVK, listed separately)".
        public let aggregateSuppliers: [String]
    }
    public struct MineralBlock: Sendable, Codable {
        public let dataset: String
        public let commodity: String
        public let productionType: String
        public let year: Int
        public let gap: SupplyGap
        public let note: String
    }
    public struct IOBlock: Sendable, Codable {
        public let dataset: String
        public let sources: [String]
        public let importer: String
        public let unit: String
        public let extractedSales: Double
        public let backwardLossTotal: Double
        public let forwardLossTotal: Double
        public let forwardLossImporter: Double
        /// The importer's sectors, most exposed first (forward loss share of gross output).
        public let importerSectors: [HypotheticalExtraction.Node]
        /// The world's nodes with the largest backward loss.
        public let backwardTop: [HypotheticalExtraction.Node]
        /// Names of the sectors listed above, by code ("J61" → "Telecommunications"), from the
        /// table's code list (empty when the table has none).
        public var sectorNames: [String: String] = [:]

        /// "C26 computer, electronic and optical products": the code with its short name.
        public func label(_ sector: String) -> String {
            sectorNames[sector].map { sector + " " + ICIOCodeList.shortName($0) } ?? sector
        }
    }
    public let scenario: Scenario
    public var products: ProductBlock?
    public var mineral: MineralBlock?
    public var io: IOBlock?
    public var deadlock: DeadlockIndicator?
    public var notes: [String] = []
}

public struct ScenarioRunError: Error, Sendable, CustomStringConvertible {
    public let message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}

public enum ScenarioRunner {
    /// Runs every block the scenario asks for, on the bundled data of `catalog`.
    public static func run(_ sc: Scenario, catalog: DataCatalog) throws -> ScenarioResult {
        var result = ScenarioResult(scenario: sc)
        if let p = sc.products {
            result.products = try products(sc, p, trade: catalog.loadCensusHS6_2024())
        }
        if let m = sc.mineral {
            result.mineral = try mineral(sc, m, mcs: catalog.loadMineralCommoditySummaries(edition: m.edition))
        }
        if sc.sectors != nil || sc.deadlock != nil {
            let table = try ICIOCache.shared.oecdICIO2022(catalog)
            if let s = sc.sectors {
                result.io = try io(sc, s, table: table)
                let names = try catalog.loadOECDICIOSectorNames()
                let used = Set(result.io!.importerSectors.map(\.sector) + result.io!.backwardTop.map(\.sector))
                result.io!.sectorNames = names.filter { used.contains($0.key) }
            }
            if let d = sc.deadlock { result.deadlock = try deadlock(d, table: table) }
        }
        return result
    }

    /// Product level on US imports by HS6 and partner. Capacity proxy (the bundled data has
    /// only US imports): `c_i = headroom × current shipments of i to the importer`.
    public static func products(_ sc: Scenario, _ p: Scenario.Products, trade: TradeDataset) throws -> ScenarioResult.ProductBlock {
        let codes = Set(p.hs6)
        var values: [Country: Double] = [:]
        var years: Set<Int> = []
        for f in trade.flows where f.direction == .imports && f.reporter.code == sc.importer && codes.contains(f.product.code) {
            values[f.partner, default: 0] += f.value
            years.insert(f.period.year)
        }
        // Suppliers follow the one partner rule (PartnerRule): every economy, and a partner
        // aggregate (the Census file's EU line) with the part its listed members (Slovakia) do
        // not account for, so no member is a supplier twice and the shares are those of the
        // report. Other aggregates are dropped.
        let year = years.max() ?? 0
        let remainders = PartnerRule.partnerAggregates(in: values, year: year)
        var byPartner: [String: Double] = [:]
        var dropped: [String] = []
        for (c, v) in values.sorted(by: { $0.key < $1.key }) {
            if PartnerRule.isPartner(c) { byPartner[c.code] = v } else if !remainders.contains(where: { $0.aggregate == c }) { dropped.append(c.code) }
        }
        var aggregateSuppliers: [String] = []
        for a in remainders {
            byPartner[a.aggregate.code] = a.remainder
            let listed = CountryGroup.group(a.aggregate)!.members(in: year).filter { (values[$0] ?? 0) > 0 }.map(\.code).sorted()
            aggregateSuppliers.append("\(a.aggregate.code): \(NumberText.fixed(a.remainder, decimals: 0, grouping: true)) of \(NumberText.fixed(values[a.aggregate] ?? 0, decimals: 0, grouping: true)) USD"
                + (listed.isEmpty ? "" : " (less \(listed.joined(separator: ", ")), listed separately)"))
        }
        guard !byPartner.isEmpty else {
            throw ScenarioRunError("\(trade.id) has no imports of \(sc.importer) in HS \(p.hs6.joined(separator: ", ")) (it holds US imports only)")
        }
        let supply = byPartner[sc.supplier] ?? 0
        let others = byPartner.filter { $0.key != sc.supplier }.map { (name: $0.key, current: $0.value, capacity: p.headroom * $0.value) }
        let gap = SupplyGap(supplier: sc.supplier, supplierSupply: supply, cutFraction: sc.cut, others: others, alliance: Set(sc.alliance),
                            capacityGrowthPerYear: sc.capacityGrowthPerYear,
                            capacityMeasure: "headroom proxy: each alliance supplier can raise its shipments to \(sc.importer) by \(p.headroom) × its \(year) shipments (the bundled trade data holds \(sc.importer) imports only, not exports to third countries)",
                            unit: "USD")
        // PE: the cut supplier faces the tariff (prohibitive = full cut); the others keep theirs (0).
        var sources: [PartialEquilibrium.Source] = []
        let eta = sc.elasticities.exportSupply ?? .infinity
        for (name, v) in byPartner.sorted(by: { $0.value > $1.value }) where v > 0 {
            var newTariff: Double? = 0
            if name == sc.supplier {
                switch sc.tariff {
                case .prohibitive: newTariff = nil
                case .adValorem(let t): newTariff = t
                }
            }
            sources.append(.init(name: name, baseValue: v, baseTariff: 0, newTariff: newTariff, supplyElasticity: eta))
        }
        var pe: PartialEquilibrium.Result?, note: String?
        do {
            pe = try PartialEquilibrium(sources: sources, importDemandElasticity: sc.elasticities.importDemand,
                                        substitutionElasticity: sc.elasticities.substitution).solve()
            note = "base tariffs taken as 0 (the bundled data holds no tariff schedule); the tariff is the change on \(sc.supplier) only"
            if sc.cut < 1 { note! += "; the PE model takes the tariff, not the cut fraction \(sc.cut) (which applies to the supply gap)" }
        } catch let e as PartialEquilibrium.ModelError {
            note = "partial-equilibrium model not run: \(e.message)"
        }
        return .init(dataset: trade.id, year: year, hs6: p.hs6, unit: "USD", gap: gap, partialEquilibrium: pe,
                     partialEquilibriumNote: note, droppedPartners: dropped, aggregateSuppliers: aggregateSuppliers)
    }

    /// Minerals level on USGS world production. Gap = cut × exportShare × the supplier's
    /// production; capacity of every other producer = capacity − production when the file has a
    /// capacity column for the same year, else production × redirectableShare.
    public static func mineral(_ sc: Scenario, _ m: Scenario.Mineral, mcs: MineralCommoditySummaries) throws -> ScenarioResult.MineralBlock {
        guard let w = mcs.world[m.commodity] else {
            throw ScenarioRunError("MCS \(m.edition) has no world-production file for '\(m.commodity)'; it has \(mcs.world.keys.sorted().joined(separator: ", "))")
        }
        guard let year = w.productionYears.last, let col = w.productionColumn(year: year) else {
            throw ScenarioRunError("\(w.file) has no production column")
        }
        let types = w.types.filter { !$0.lowercased().hasPrefix("world total") }
        func coverage(_ t: String) -> Int { w.rows.filter { $0.type == t && $0.place.place.country != nil }.count }
        guard let type = types.max(by: { coverage($0) < coverage($1) }) else { throw ScenarioRunError("\(w.file) has no production rows") }
        let capCol = w.columns.first { $0.measure == .capacity && $0.year == year }
        var supply = 0.0
        var others: [(name: String, current: Double, capacity: Double)] = []
        for r in w.rows where r.type == type && r.place.place != .worldTotal {
            let prod = r.values[w.columns.firstIndex(of: col)!].number ?? 0
            // "Other countries4": USGS footnote digits are not part of the name.
            let name = r.place.place.country?.code
                ?? String(r.place.printed.reversed().drop { $0.isNumber }.reversed()).trimmingCharacters(in: .whitespaces)
            if name == sc.supplier { supply += prod; continue }
            var cap = prod * m.redirectableShare
            if let capCol, let c = r.values[w.columns.firstIndex(of: capCol)!].number { cap = max(0, c - prod) }
            others.append((name, prod, cap))
        }
        let measure = capCol != nil
            ? "spare capacity = \(capCol!.name) − \(col.name) (USGS); the supplier loses \(m.exportShare) of its production to the others"
            : "redirectable production = \(m.redirectableShare) × \(col.name) (no capacity column); the supplier loses \(m.exportShare) of its production to the others"
        let gap = SupplyGap(supplier: sc.supplier, supplierSupply: supply * m.exportShare, cutFraction: sc.cut, others: others,
                            alliance: Set(sc.alliance), capacityGrowthPerYear: sc.capacityGrowthPerYear, capacityMeasure: measure,
                            unit: col.unit.code)
        return .init(dataset: "usgs-mcs\(m.edition)", commodity: m.commodity, productionType: type, year: year, gap: gap,
                     note: "world level: the gap is lost to all other economies, not only \(sc.importer)")
    }

    /// Extraction of the sectors of one economy (or of one sector) from the table's Leontief model.
    public static func io(_ sc: Scenario, _ s: Scenario.Sectors, table: InputOutputTableData) throws -> ScenarioResult.IOBlock {
        let sys = try InputOutputSystem(table: table)
        var sources: [Int] = []
        for c in s.codes {
            guard let i = sys.index(of: IONode(region: sc.supplier, sector: c)) else {
                throw ScenarioRunError("\(table.name) has no node \(sc.supplier)_\(c); its sectors are \(sys.sectors.joined(separator: ", "))")
            }
            sources.append(i)
        }
        let importer = sys.indices(ofRegion: sc.importer)
        guard !importer.isEmpty else { throw ScenarioRunError("\(table.name) has no economy \(sc.importer)") }
        let ex = try HypotheticalExtraction(system: sys, sources: sources, importer: importer, fraction: sc.cut)
        let fwd = ex.nodes(ex.forwardLoss), bwd = ex.nodes(ex.backwardLoss)
        let imp = importer.map { fwd[$0] }.sorted { $0.lossShare > $1.lossShare }
        return .init(dataset: "oecd-icio-2022", sources: s.codes.map { sc.supplier + "_" + $0 }, importer: sc.importer,
                     unit: "USD million", extractedSales: ex.extractedSales,
                     backwardLossTotal: ex.backwardLoss.reduce(0, +), forwardLossTotal: ex.forwardLoss.reduce(0, +),
                     forwardLossImporter: importer.reduce(0) { $0 + ex.forwardLoss[$1] },
                     importerSectors: Array(imp.prefix(s.top)),
                     backwardTop: Array(bwd.sorted { $0.loss > $1.loss }.prefix(s.top)))
    }

    /// Target's imports from the sanctioner over its imports from abroad, intermediate
    /// (Z columns of the target) plus final demand when the table labels final-demand
    /// columns by economy (`CHN_HFCE`).
    public static func deadlock(_ d: Scenario.Deadlock, table t: InputOutputTableData) throws -> DeadlockIndicator {
        let n = t.n
        let targetCols = (0..<n).filter { t.nodeRegions[$0] == d.target }
        guard !targetCols.isEmpty else { throw ScenarioRunError("\(t.name) has no economy \(d.target)") }
        guard t.nodeRegions.contains(d.sanctioner) else { throw ScenarioRunError("\(t.name) has no economy \(d.sanctioner)") }
        var fromS = 0.0, fromAbroad = 0.0
        var withFinal = false
        for j in targetCols {
            for i in 0..<n where t.nodeRegions[i] != d.target {
                let z = t.intermediate[j * n + i]
                fromAbroad += z
                if t.nodeRegions[i] == d.sanctioner { fromS += z }
            }
        }
        if let Y = t.finalDemand {
            for (k, label) in t.finalDemandLabels.enumerated() where label.hasPrefix(d.target + "_") {
                withFinal = true
                for i in 0..<n where t.nodeRegions[i] != d.target {
                    let y = Y[k * n + i]
                    fromAbroad += y
                    if t.nodeRegions[i] == d.sanctioner { fromS += y }
                }
            }
        }
        return DeadlockIndicator(target: d.target, sanctioner: d.sanctioner, importsFromSanctioner: fromS, totalImports: fromAbroad,
                                 low: d.low, high: d.high,
                                 coverage: withFinal ? "intermediate and final use" : "intermediate inputs only (the table has no final demand)")
    }
}
