import DecoupleAnalyses
import Foundation

/// An axis range with "nice" 1-2-5 tick steps covering some data.
///
/// `NiceScale(min: 0.01, max: 0.163)` gives ticks 0, 0.05, 0.1, 0.15, 0.2.
public struct NiceScale: Sendable, Equatable {
    /// Lowest value on the axis (the first tick).
    public let lower: Double
    /// Highest value on the axis (the last tick).
    public let upper: Double
    /// Distance between ticks: 1, 2 or 5 times a power of ten.
    public let step: Double

    /// Creates a scale covering `min...max`.
    /// - Parameters:
    ///   - min: Smallest data value.
    ///   - max: Largest data value.
    ///   - targetTickCount: Roughly how many intervals the axis should have.
    ///   - includeZero: Extend the range to include 0 (the default; value axes
    ///     start at 0 unless data are negative).
    public init(min: Double, max: Double, targetTickCount: Int = 5, includeZero: Bool = true) {
        var lo = min.isFinite ? min : 0
        var hi = max.isFinite ? max : 0
        if lo > hi { swap(&lo, &hi) }
        if includeZero { lo = Swift.min(lo, 0); hi = Swift.max(hi, 0) }
        if hi - lo <= 0 {
            let pad = lo == 0 ? 1 : abs(lo) * 0.1
            if includeZero && lo == 0 { hi = 1 } else { lo -= pad; hi += pad }
        }
        let raw = (hi - lo) / Double(Swift.max(1, targetTickCount))
        let s = Self.niceStep(raw)
        step = s
        lower = (lo / s + 1e-9).rounded(.down) * s
        upper = (hi / s - 1e-9).rounded(.up) * s
    }

    /// Tick values from `lower` to `upper` inclusive, spaced by `step`.
    public var ticks: [Double] {
        let first = (lower / step).rounded()
        let last = (upper / step).rounded()
        guard last >= first, last - first < 10_000 else { return [lower, upper] }
        return stride(from: first, through: last, by: 1).map { idx in
            let t = idx * step
            return abs(t) < step * 1e-9 ? 0 : t
        }
    }

    /// The smallest 1, 2 or 5 × 10ᵏ that is at least `raw`.
    static func niceStep(_ raw: Double) -> Double {
        guard raw.isFinite, raw > 0 else { return 1 }
        let magnitude = pow(10, (log10(raw)).rounded(.down))
        for m in [1.0, 2, 5, 10] where m * magnitude >= raw * (1 - 1e-9) {
            return m * magnitude
        }
        return 10 * magnitude
    }
}
