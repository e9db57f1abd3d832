import DecoupleCore

/// Concentration of a distribution of trade values over partners.
public enum ConcentrationIndex {
    /// Herfindahl–Hirschman index of the values' shares:
    ///
    ///     HHI = Σ_i s_i²,   s_i = v_i / Σ_j v_j
    ///
    /// Between 1/N (N equal partners) and 1 (a single partner); 0 when there is no trade.
    /// Non-positive values are ignored.
    public static func hhi<S: Sequence>(_ values: S) -> Double where S.Element == Double {
        var sum = 0.0, squares = 0.0
        for v in values where v > 0 { sum += v; squares += v * v }
        return sum > 0 ? squares / (sum * sum) : 0
    }

    /// The HHI rescaled to 0–1 whatever the number of partners:
    ///
    ///     HHI* = (HHI − 1/N) / (1 − 1/N)   for N > 1;   HHI* = 1 for N = 1
    ///
    /// 0 when the N partners have equal shares, 1 when one partner has everything.
    public static func normalizedHHI(_ hhi: Double, partners n: Int) -> Double {
        guard n > 1 else { return n == 1 ? 1 : 0 }
        let floor = 1 / Double(n)
        return max(0, min(1, (hhi - floor) / (1 - floor)))
    }

    /// The concentration ratio CR_k: the summed shares of the `k` largest values, Σ_{i ≤ k} s_(i).
    public static func topShare<S: Sequence>(_ values: S, k: Int) -> Double where S.Element == Double {
        let positive = values.filter { $0 > 0 }
        let sum = positive.reduce(0, +)
        guard sum > 0 else { return 0 }
        return positive.sorted(by: >).prefix(max(0, k)).reduce(0, +) / sum
    }
}
