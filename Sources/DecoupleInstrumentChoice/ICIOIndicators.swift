import DecoupleCore
import DecoupleInputOutput
import DecoupleTrade

/// Manufacturing and market indicators from an inter-country input–output table, by sector:
///
/// - manufacturing: a country's share of the world's (the table's economies') gross output of the
///   sectors, x_c,S / Σ_k x_k,S;
/// - market: a country's share of the world's use of the sectors' products,
///   Σ_k Σ_{s∈S} (Σ_j Z[(k,s),(c,j)] + Σ_f Y[(k,s),(c,f)]) / Σ_{c'} (same): intermediate plus
///   final use when the table has final demand by country (WIOD), intermediate use only when it
///   has not (the bundled ICIO block; stated in the indicator's name).
public struct ICIOIndicators: Sendable {
    /// Gross output and intermediate use by sector and region.
    let output: [String: [String: Double]]
    let use: [String: [String: Double]]
    public let source: String
    public let year: Int
    /// "ICIO" or "WIOD": the table family, named in the indicators.
    public let tableLabel: String
    /// Whether ``use`` includes final demand.
    public let includesFinalUse: Bool

    public init(table t: InputOutputTableData, sectors: Set<String>, source: String, year: Int, tableLabel: String = "ICIO") {
        var output: [String: [String: Double]] = [:]
        var use: [String: [String: Double]] = [:]
        let rows = (0..<t.n).filter { sectors.contains(t.nodeSectors[$0]) }
        for i in rows { output[t.nodeSectors[i], default: [:]][t.nodeRegions[i], default: 0] += t.grossOutput[i] }
        t.intermediate.withUnsafeBufferPointer { z in
            for j in 0..<t.n {
                let buyer = t.nodeRegions[j]
                let column = j * t.n
                for i in rows { use[t.nodeSectors[i], default: [:]][buyer, default: 0] += z[column + i] }
            }
        }
        // Final use by the region of each final-demand column ("USA_CONS_h" → USA).
        var finalUse = false
        if let y = t.finalDemand, !t.finalDemandLabels.isEmpty {
            finalUse = true
            for (f, label) in t.finalDemandLabels.enumerated() {
                let buyer = String(label.prefix { $0 != "_" })
                for i in rows { use[t.nodeSectors[i], default: [:]][buyer, default: 0] += y[f * t.n + i] }
            }
        }
        includesFinalUse = finalUse
        self.tableLabel = tableLabel
        self.output = output
        self.use = use
        self.source = source
        self.year = year
    }

    /// The share of `countries` (one economy, or a bloc's members summed) in the sectors'
    /// world total; nil when none of them is in the table.
    func share(_ table: [String: [String: Double]], _ sectors: [String], _ countries: Set<Country>) -> Double? {
        var total = 0.0, own = 0.0, found = false
        let codes = Set(countries.map(\.code))
        // Sum in region order, so the result does not depend on dictionary order from run to run.
        for s in sectors {
            for (r, v) in (table[s] ?? [:]).sorted(by: { $0.key < $1.key }) {
                total += v
                if codes.contains(r) { own += v; found = true }
            }
        }
        return total > 0 && found ? own / total : nil
    }

    /// The manufacturing and market indicators of a set of sectors for two countries; a bloc
    /// with known members (the EU) is the sum of its members in the table's year.
    public func indicators(sectors: [String], leader: Country, challenger: Country, configuration: FrameworkConfiguration) -> [Indicator] {
        indicators(sectors: sectors, leaders: FrameworkAnalysis.members(of: leader, in: year),
                   challengers: FrameworkAnalysis.members(of: challenger, in: year), configuration: configuration)
    }

    /// The indicators for two sets of countries: a bloc (the EU) is the sum of its members.
    public func indicators(sectors: [String], leaders: Set<Country>, challengers: Set<Country>, configuration: FrameworkConfiguration) -> [Indicator] {
        guard !sectors.isEmpty, sectors.contains(where: { output[$0] != nil }) else { return [] }
        let label = sectors.joined(separator: "+")
        return [
            Indicator(dimension: .manufacturing, name: "share of world gross output, \(tableLabel) sectors \(label)",
                      leaderValue: share(output, sectors, leaders), challengerValue: share(output, sectors, challengers),
                      year: year, source: source, scale: configuration.scale(.manufacturing), granularity: .sector),
            Indicator(dimension: .market, name: includesFinalUse ? "share of world use (intermediate and final) of \(tableLabel) \(label) products"
                                                                 : "share of world intermediate use of \(tableLabel) \(label) products (final demand not in the table)",
                      leaderValue: share(use, sectors, leaders), challengerValue: share(use, sectors, challengers),
                      year: year, source: source, scale: configuration.scale(.market), granularity: .sector),
        ]
    }
}
