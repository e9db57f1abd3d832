import DecoupleCore
import DecoupleInputOutput
import DecoupleTrade

/// Manufacturing and market indicators from an inter-country input–output table, by ISIC sector:
///
/// - manufacturing: a country's share of the world's (the table's economies') gross output of the
///   sectors, x_c,S / Σ_k x_k,S;
/// - market: a country's share of the world's intermediate use of the sectors' products,
///   Σ_k Σ_{s∈S} Σ_j Z[(k,s),(c,j)] / Σ_{c'} (same) — the bundled ICIO block has no final demand
///   by country, so only intermediate use is measured (stated in the indicator's name).
public struct ICIOIndicators: Sendable {
    /// Gross output and intermediate use by sector and region.
    let output: [String: [String: Double]]
    let use: [String: [String: Double]]
    public let source: String
    public let year: Int

    public init(table t: InputOutputTableData, sectors: Set<String>, source: String, year: Int) {
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
        self.output = output
        self.use = use
        self.source = source
        self.year = year
    }

    func share(_ table: [String: [String: Double]], _ sectors: [String], _ country: Country) -> Double? {
        var total = 0.0, own = 0.0
        // Sum in region order, so the result does not depend on dictionary order from run to run.
        for s in sectors { for (r, v) in (table[s] ?? [:]).sorted(by: { $0.key < $1.key }) { total += v; if r == country.code { own += v } } }
        return total > 0 ? own / total : nil
    }

    /// The manufacturing and market indicators of a set of sectors for two countries.
    public func indicators(sectors: [String], leader: Country, challenger: Country, configuration: FrameworkConfiguration) -> [Indicator] {
        guard !sectors.isEmpty, sectors.contains(where: { output[$0] != nil }) else { return [] }
        let label = sectors.joined(separator: "+")
        return [
            Indicator(dimension: .manufacturing, name: "share of world gross output, ICIO sectors \(label)",
                      leaderValue: share(output, sectors, leader), challengerValue: share(output, sectors, challenger),
                      year: year, source: source, scale: configuration.scale(.manufacturing)),
            Indicator(dimension: .market, name: "share of world intermediate use of ICIO \(label) products (final demand not in the table)",
                      leaderValue: share(use, sectors, leader), challengerValue: share(use, sectors, challenger),
                      year: year, source: source, scale: configuration.scale(.market)),
        ]
    }
}
