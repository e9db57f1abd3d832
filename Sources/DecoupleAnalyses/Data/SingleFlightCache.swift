import DecoupleCore
import DecoupleTrade
import DecoupleInputOutput
import DecoupleMinerals
import DecouplePolicy
import DecoupleInstrumentChoice
import DecoupleScenarios
import Synchronization

/// A bounded, thread-safe memo of computed values: the first request for a key computes it
/// (off the caller's task), concurrent requests for the same key wait for that one computation,
/// later ones get the stored value. Failures are not stored. When more than `capacity` values
/// are stored, the least recently used one is dropped.
public final class SingleFlightCache<Key: Hashable & Sendable, Value: Sendable>: Sendable {
    private enum Entry {
        case ready(Value, lastUsed: UInt64)
        case running(Task<Value, any Error>)
    }

    private struct State {
        var entries: [Key: Entry] = [:]
        var tick: UInt64 = 0
        var hits = 0, misses = 0
    }

    private enum Lookup { case hit(Value), wait(Task<Value, any Error>), start(Task<Value, any Error>) }

    private let state = Mutex(State())
    public let capacity: Int

    public init(capacity: Int) {
        self.capacity = max(1, capacity)
    }

    /// The stored value, or the result of `compute` (run once per key at a time).
    public func value(for key: Key, compute: @escaping @Sendable () async throws -> Value) async throws -> Value {
        switch lookup(key, compute) {
        case .hit(let v): return v
        case .wait(let t), .start(let t): return try await t.value
        }
    }

    /// Like ``value(for:compute:)``, but waits at most `limit`: nil when the value is not ready
    /// by then. The computation goes on and stores its value, so a later call finds it (the
    /// dashboard's "computing…" page refreshes itself until then).
    public func value(for key: Key, waitingAtMost limit: Duration,
                      compute: @escaping @Sendable () async throws -> Value) async throws -> Value? {
        let task: Task<Value, any Error>
        switch lookup(key, compute) {
        case .hit(let v): return v
        case .wait(let t), .start(let t): task = t
        }
        // Whichever comes first: the value (or its error) or the deadline. Neither side cancels
        // the computation.
        let outcome: Result<Value, any Error>? = await withCheckedContinuation { continuation in
            let first = FirstOutcome(continuation)
            Task { first.finish(await task.result) }
            Task {
                try? await Task.sleep(for: limit)
                first.finish(nil)
            }
        }
        return try outcome?.get()
    }

    /// Resumes a continuation with the first outcome it is given, ignores the rest.
    private final class FirstOutcome: Sendable {
        private let continuation: Mutex<CheckedContinuation<Result<Value, any Error>?, Never>?>
        init(_ c: CheckedContinuation<Result<Value, any Error>?, Never>) { continuation = Mutex(c) }
        func finish(_ r: Result<Value, any Error>?) {
            let c = continuation.withLock { c in
                defer { c = nil }
                return c
            }
            c?.resume(returning: r)
        }
    }

    /// Finds the entry for `key` or starts computing it. The computing task stores its value (or
    /// removes the entry when it fails) itself, whoever waits for it.
    private func lookup(_ key: Key, _ compute: @escaping @Sendable () async throws -> Value) -> Lookup {
        state.withLock { s in
            s.tick &+= 1
            switch s.entries[key] {
            case .ready(let v, _)?:
                s.entries[key] = .ready(v, lastUsed: s.tick)
                s.hits += 1
                return .hit(v)
            case .running(let t)?:
                s.hits += 1
                return .wait(t)
            case nil:
                s.misses += 1
                let t = Task {
                    do {
                        let v = try await compute()
                        self.store(v, for: key)
                        return v
                    } catch {
                        self.state.withLock { s in s.entries[key] = nil }
                        throw error
                    }
                }
                s.entries[key] = .running(t)
                return .start(t)
            }
        }
    }

    /// The stored value, if computed.
    public func cached(_ key: Key) -> Value? {
        state.withLock { s in
            if case .ready(let v, _)? = s.entries[key] { return v }
            return nil
        }
    }

    private func store(_ value: Value, for key: Key) {
        state.withLock { s in
            s.tick &+= 1
            s.entries[key] = .ready(value, lastUsed: s.tick)
            let ready = s.entries.filter { if case .ready = $0.value { true } else { false } }
            if ready.count > capacity {
                let oldest = ready.min { a, b in
                    guard case .ready(_, let x) = a.value, case .ready(_, let y) = b.value else { return false }
                    return x < y
                }
                if let oldest { s.entries[oldest.key] = nil }
            }
        }
    }

    /// Hits, misses and stored values, for /healthz.
    public var statistics: (hits: Int, misses: Int, count: Int) {
        state.withLock { s in (s.hits, s.misses, s.entries.count) }
    }
}
