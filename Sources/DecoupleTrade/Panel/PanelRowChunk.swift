#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The rows of one input file, or of one stretch of it read by one thread, in typed columns
/// (raw buffers: the per-row append pays no copy-on-write or exclusivity checks).
///
/// A chunk read on its own thread numbers countries and products in its own small
/// dictionaries; ``countryMap`` and ``productMap`` take those numbers to the builder's once
/// every chunk is read. A chunk filled through ``TradePanelBuilder/append`` uses the builder's
/// numbers directly (no maps).
final class PanelRowChunk: @unchecked Sendable {
    /// The input file (index in ``TradePanelBuilder/inputs``).
    let file: UInt16
    /// Added to the lines of ``lineJumps`` to give the line in the file.
    var firstLine: Int
    /// Rows stored.
    private(set) var count = 0
    private(set) var capacity = 0
    private(set) var year: UnsafeMutablePointer<UInt16>
    private(set) var product: UnsafeMutablePointer<UInt32>
    private(set) var exporter: UnsafeMutablePointer<UInt16>
    private(set) var importer: UnsafeMutablePointer<UInt16>
    private(set) var basis: UnsafeMutablePointer<UInt8>
    private(set) var value: UnsafeMutablePointer<Double>
    private(set) var quantity: UnsafeMutablePointer<Double>
    /// Where the line numbers jump: row `row` is on line `line` (relative to ``firstLine``),
    /// and the rows after it on the following lines until the next entry. Rows are mostly on
    /// consecutive lines, so this takes far less room than a line a row.
    private(set) var lineJumps: [(row: Int, line: Int)] = []
    private var nextLine = -1
    /// The chunk's country numbers → the builder's; nil when they are the builder's.
    var countryMap: [UInt16]?
    /// The chunk's product numbers → the builder's; nil when they are the builder's.
    var productMap: [UInt32]?

    init(file: UInt16, firstLine: Int = 0, capacity: Int = 1024) {
        self.file = file
        self.firstLine = firstLine
        year = .allocate(capacity: 0); product = .allocate(capacity: 0)
        exporter = .allocate(capacity: 0); importer = .allocate(capacity: 0)
        basis = .allocate(capacity: 0); value = .allocate(capacity: 0)
        quantity = .allocate(capacity: 0)
        reserve(max(16, capacity))
    }

    deinit {
        year.deallocate(); product.deallocate(); exporter.deallocate(); importer.deallocate()
        basis.deallocate(); value.deallocate(); quantity.deallocate()
    }

    /// Makes room for at least `n` rows in all (growing by half at least, so that repeated
    /// small reservations cost amortised constant time a row).
    func reserve(_ n: Int) {
        guard n > capacity else { return }
        let n = capacity == 0 ? n : max(n, capacity + capacity / 2)
        func grown<T>(_ p: UnsafeMutablePointer<T>) -> UnsafeMutablePointer<T> {
            let q = UnsafeMutablePointer<T>.allocate(capacity: n)
            if count > 0 { q.moveInitialize(from: p, count: count) }
            p.deallocate()
            return q
        }
        year = grown(year); product = grown(product); exporter = grown(exporter); importer = grown(importer)
        basis = grown(basis); value = grown(value); quantity = grown(quantity)
        capacity = n
    }

    @inline(__always)
    func append(year y: UInt16, product p: UInt32, exporter e: UInt16, importer m: UInt16, basis b: UInt8,
                value v: Double, quantity q: Double, line l: Int) {
        if count == capacity { reserve(capacity + 1024) }
        let i = count
        year[i] = y; product[i] = p; exporter[i] = e; importer[i] = m; basis[i] = b
        value[i] = v; quantity[i] = q
        if l != nextLine { lineJumps.append((i, l)) }
        nextLine = l &+ 1
        count = i + 1
    }

    /// The line in the file of row `r`.
    func fileLine(_ r: Int) -> Int {
        var lo = 0, hi = lineJumps.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if lineJumps[mid].row <= r { lo = mid + 1 } else { hi = mid }
        }
        let jump = lineJumps[lo - 1]
        return firstLine + jump.line + (r - jump.row)
    }
}
