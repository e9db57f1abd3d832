import Foundation

/// When and how long to wait before trying a request again: exponential backoff with full
/// jitter on 429, 5xx and cut connections, honouring a server's `Retry-After`.
public struct RetryPolicy: Sendable {
    /// Attempts per request, the first included.
    public var maxAttempts: Int
    /// The first wait's upper bound, in seconds; doubled each attempt.
    public var baseDelay: Double
    /// No wait is longer than this (a longer `Retry-After` ends the fetch with its reason).
    public var maxDelay: Double
    /// Seconds within which a host that accepts no connection is reported unreachable.
    public var offlineBudget: Double
    /// Seconds to wait for a connection.
    public var connectTimeout: Double
    /// Seconds without a byte before a transfer is treated as cut.
    public var readTimeout: Double

    public init(maxAttempts: Int = 6, baseDelay: Double = 1, maxDelay: Double = 120, offlineBudget: Double = 8,
                connectTimeout: Double = 4, readTimeout: Double = 60) {
        self.maxAttempts = maxAttempts
        self.baseDelay = baseDelay
        self.maxDelay = maxDelay
        self.offlineBudget = offlineBudget
        self.connectTimeout = connectTimeout
        self.readTimeout = readTimeout
    }

    /// The wait before attempt `attempt + 1` (attempt counts from 1): a uniform draw in
    /// [0, base·2^(attempt−1)], capped at ``maxDelay``; `retryAfter` (seconds) when the server gave one.
    public func delay(afterAttempt attempt: Int, retryAfter: Double?, random: Double = .random(in: 0...1)) -> Double {
        if let retryAfter { return min(max(0, retryAfter), maxDelay) }
        let ceiling = min(maxDelay, baseDelay * pow(2, Double(max(0, attempt - 1))))
        return ceiling * random
    }

    /// Seconds from a `Retry-After` value: delta-seconds or an HTTP date (RFC 9110 §10.2.3).
    public static func retryAfterSeconds(_ value: String?, now: Date = Date()) -> Double? {
        guard let v = value?.trimmingCharacters(in: .whitespaces), !v.isEmpty else { return nil }
        if let s = Double(v), s >= 0, s.isFinite { return s }
        let f = DateFormatter()
        f.locale = Locale(identifier: "en_US_POSIX")
        f.timeZone = TimeZone(identifier: "GMT")
        f.dateFormat = "EEE, dd MMM yyyy HH:mm:ss zzz"
        guard let d = f.date(from: v) else { return nil }
        return max(0, d.timeIntervalSince(now))
    }
}
