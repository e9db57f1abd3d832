/// A small seeded generator (SplitMix64, Steele et al. 2014): the same sequence on every
/// machine, so a p-value (the framework evaluation's permutations) or a fuzzing case can be
/// reproduced from its seed.
public struct SplitMix64: RandomNumberGenerator, Sendable {
    private var state: UInt64
    public init(seed: UInt64) { state = seed }

    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// A number in `0..<n` by the remainder (0 when n ≤ 1): the fuzzer's draws, which must stay
    /// the same for a seed to replay a case.
    public mutating func below(_ n: Int) -> Int { n <= 1 ? 0 : Int(next() % UInt64(n)) }
}
