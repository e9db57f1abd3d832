import DecoupleCore
import DecoupleTrade
import DecoupleInputOutput
import DecoupleMinerals
import DecouplePolicy
import DecoupleInstrumentChoice
import DecoupleScenarios
import Dispatch

/// Runs CPU-heavy synchronous work (reading a dataset, building a report) on a Dispatch queue
/// instead of Swift concurrency's cooperative threads, so that requests for cached results and
/// /healthz are still answered while an analysis is being computed.
public enum Offload {
    private static let queue = DispatchQueue(label: "decouple.compute", qos: .userInitiated, attributes: .concurrent)

    public static func run<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { continuation in
            queue.async {
                continuation.resume(with: Result { try body() })
            }
        }
    }
}
