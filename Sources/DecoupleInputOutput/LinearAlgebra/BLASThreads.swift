import CLapack
import DecoupleCore
import Foundation

/// How many threads OpenBLAS uses for a call, chosen by the size of the matrices: every
/// available core from order 500 up, one thread below.
///
/// Measured (`Benchmarks/run-blas-threads.sh`, the ICIO 2022 block and its leading sub-blocks,
/// 2 cores, `Benchmarks/results/blas-threads.json`): on 2 threads the LU of the n = 4000 block
/// takes 0.57× the wall time of 1 thread for 0.97× the CPU time, the 81-region solves and the
/// (81 × n)(n × n) product 0.52–0.59×; at n = 1000 the LU takes 0.78×; at n = 100–400 every call
/// lasts under 2 ms either way, so a second thread saves at most a few tenths of a millisecond
/// while waking (and spinning) OpenBLAS's worker. `decouple exposure` without its cache, as a
/// whole process: 0.74× the time with one BLAS thread.
///
/// `OPENBLAS_NUM_THREADS` or `DECOUPLE_BLAS_THREADS` set in the environment is used as it is.
enum BLASThreads {
    /// The order from which every core is used.
    static let parallelFrom = 500

    /// A count fixed by the environment, if any.
    private static let fixed: Int32? = {
        for name in ["DECOUPLE_BLAS_THREADS", "OPENBLAS_NUM_THREADS"] {
            if let text = ProcessInfo.processInfo.environment[name], let n = Int32(text), n >= 1 { return n }
        }
        return nil
    }()

    /// The thread count for matrices whose largest dimension is `order`.
    static func threads(forOrder order: Int, cores: Int = ParallelWork.availableCores) -> Int32 {
        fixed ?? Int32(order >= parallelFrom ? max(1, cores) : 1)
    }

    /// Sets the thread count for a call on matrices whose largest dimension is `order`.
    static func prepare(order: Int) {
        let want = threads(forOrder: order)
        if openblas_get_num_threads() != want { openblas_set_num_threads(want) }
    }
}
