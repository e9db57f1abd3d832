import Dispatch
import Foundation
import Synchronization

/// Runs numbered pieces of CPU-bound work on a few threads. Each piece runs exactly once; the
/// pieces are handed out in order (0, 1, 2, …) to whichever thread is free, so a slow core
/// does not hold the others back. With one thread everything runs on the caller's thread, in
/// order.
package enum ParallelWork {
    /// The number of cores this process may use (Foundation's count honours the CPU affinity
    /// mask and a cgroup CPU quota).
    package static var availableCores: Int { max(1, ProcessInfo.processInfo.activeProcessorCount) }

    /// Calls `body(i)` for every `i` in `0..<count` on at most `threads` threads and returns
    /// when all calls have returned.
    package static func forEach(_ count: Int, threads: Int, _ body: (Int) -> Void) {
        let width = min(max(1, threads), count)
        if width <= 1 {
            for i in 0..<count { body(i) }
            return
        }
        let next = Atomic<Int>(0)
        withoutActuallyEscaping(body) { body in
            let work = UncheckedSendableBox(body)
            DispatchQueue.concurrentPerform(iterations: width) { _ in
                while true {
                    let i = next.add(1, ordering: .relaxed).oldValue
                    if i >= count { return }
                    work.value(i)
                }
            }
        }
    }
}

/// Carries a value the caller knows to be safe across the threads of ``ParallelWork``.
private struct UncheckedSendableBox<T>: @unchecked Sendable {
    let value: T
    init(_ value: T) { self.value = value }
}
