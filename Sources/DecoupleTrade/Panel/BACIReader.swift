import DecoupleCore
import Synchronization
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Reads CEPII BACI trade files (HS6, all reporters, reconciled mirror flows):
///
///     t,i,j,k,v,q
///     2022,4,31,080211,0.081,0.004
///
/// `t` year, `i` exporter and `j` importer (BACI numeric codes, resolved through the release's
/// country file, see ``BACICountryCodes``), `k` HS6 product in the release's edition (a code
/// that lost its leading zero, `10121`, is read as `010121`), `v` value in thousand US dollars
/// (stored in US dollars), `q` quantity in metric tonnes (`NA` or empty: not reported). Fields
/// may be padded with spaces. Gzip or plain.
///
/// A purpose-built byte parser (BACI has no quoted fields). A plain file is memory-mapped and
/// cut at line boundaries into stretches that ``threads`` threads parse at once, each into
/// its own columns and small country and product dictionaries; the stretches are then joined
/// in file order, so the rows, the dictionaries and the errors are exactly those of a read on
/// one thread. A gzip file is inflated and parsed on one thread. Every bad field is reported as
/// `file:line:column: expected …`, up to ``errorLimit``, and then the read fails.
public struct BACIReader: Sendable {
    public static let header = ["t", "i", "j", "k", "v", "q"]

    public var countryCodes: BACICountryCodes
    /// The HS edition of the release (BACI uses one for all years of a release).
    public var edition: HSEdition
    /// The release (`V202401b`), recorded in the provenance.
    public var release: String?
    public var errorLimit: Int
    /// How many threads parse a plain file (nil: one per available core). The result does not
    /// depend on it.
    public var threads: Int?
    /// The smallest stretch a thread is given (tests make it small to cut tiny files).
    var minimumStretch = 4 << 20

    public init(countryCodes: BACICountryCodes, edition: HSEdition, release: String? = nil, errorLimit: Int = 20,
                threads: Int? = nil) {
        self.countryCodes = countryCodes
        self.edition = edition
        self.release = release
        self.errorLimit = errorLimit
        self.threads = threads
    }

    /// The provenance of a BACI release.
    public static func provenance(edition: HSEdition, release: String?, files: [String]) -> Provenance {
        let hs = BACIFileName.editions.first { $0.value == edition }.map { "HS" + $0.key } ?? edition.rawValue
        return Provenance(
            source: "CEPII BACI (reconciled UN Comtrade bilateral trade, HS6)",
            edition: "\(hs) (\(edition.rawValue))" + (release.map { ", release \($0)" } ?? ""),
            url: "http://www.cepii.fr/CEPII/en/bdd_modele/bdd_modele_item.asp?id=37",
            licence: "Etalab Open Licence 2.0 (cite Gaulier & Zignago 2010, CEPII WP 2010-23)",
            retrievedFrom: files.joined(separator: ", "))
    }

    /// Reads one file and appends its rows to `builder`.
    /// - Returns: what the file contributed (also recorded in the builder).
    @discardableResult
    public func read(path: String, displayName: String? = nil, into builder: inout TradePanelBuilder,
                     progress: ((Double) -> Void)? = nil) throws -> PanelInputSummary {
        let name = displayName ?? path
        var summary = PanelInputSummary(file: name, edition: edition, release: release)
        let file = UInt16(truncatingIfNeeded: builder.beginFile(summary))
        let firstRow = builder.rowCount
        let parsers: [BACIChunkParser]
        if let mapped = try MappedFile(plainFile: path) {
            parsers = try readMapped(mapped, name: name, file: file, progress: progress)
        } else {
            parsers = try readStream(path: path, name: name, file: file, progress: progress)
        }
        try join(parsers, name: name, into: &builder)
        summary.rows = builder.rowCount - firstRow
        builder.endFile(summary)
        progress?(1)
        return summary
    }

    /// Where the data lines of `p[from..<to]` begin: after the header, which is checked (blank
    /// lines before it are skipped). nil when the header line is not complete in the bytes
    /// (and `final` is false); throws when it is wrong, or when `final` and there is none.
    private func afterHeader(_ p: UnsafePointer<UInt8>, _ from: Int, _ to: Int, final: Bool, name: String)
        throws -> (position: Int, line: Int)? {
        var pos = from, line = 1
        while pos < to {
            let nl = memchr(p + pos, 10, to - pos).map { UnsafePointer<UInt8>($0.assumingMemoryBound(to: UInt8.self)) - p }
            guard let lineEnd = nl ?? (final ? to : nil) else { return nil }
            var end = lineEnd
            if end > pos && p[end - 1] == 13 { end -= 1 }
            if end > pos {
                var names = String(decoding: UnsafeBufferPointer(start: p + pos, count: end - pos), as: UTF8.self)
                    .split(separator: ",", omittingEmptySubsequences: false)
                    .map { $0.trimmingPrefix { $0 == " " || $0 == "\t" } }
                    .map { String($0.reversed().trimmingPrefix { $0 == " " || $0 == "\t" }.reversed()) }
                if let first = names.first, first.hasPrefix("\u{FEFF}") { names[0] = String(first.dropFirst()) }
                guard names == Self.header else {
                    let found = names.prefix(6).joined(separator: ",") + (names.count > 6 ? ",…" : "")
                    throw DataReadError(issues: [DataIssue(file: name, line: line, column: 1,
                                                           message: "unexpected header '\(found)'; expected 't,i,j,k,v,q' (a BACI trade file)")])
                }
                return (min(lineEnd + 1, to), line + 1)
            }
            pos = lineEnd + 1
            line += 1
        }
        if final {
            throw DataReadError(issues: [DataIssue(file: name, line: 1, message: "empty file: expected the header t,i,j,k,v,q and data")])
        }
        return nil
    }

    /// A plain file: mapped, cut after line ends into stretches, parsed on ``threads`` threads.
    private func readMapped(_ mapped: MappedFile, name: String, file: UInt16,
                            progress: ((Double) -> Void)?) throws -> [BACIChunkParser] {
        let p = mapped.bytes, size = mapped.count
        let (start, firstLine) = try afterHeader(p, 0, size, final: true, name: name)!
        let threads = max(1, self.threads ?? ParallelWork.availableCores)
        // Several stretches a thread, so that a thread slowed by other work does not hold the
        // read back; none smaller than `minimumStretch` (4 MB).
        let bytes = size - start
        let pieces = threads == 1 ? 1 : max(1, min(threads * 4, bytes / max(1, minimumStretch)))
        var bounds = [start]
        for k in 1..<max(pieces, 1) {
            var b = max(start + bytes / pieces * k, bounds[k - 1])
            if b > start, b < size, p[b - 1] != 10 {
                b = memchr(p + b, 10, size - b).map { UnsafePointer<UInt8>($0.assumingMemoryBound(to: UInt8.self)) - p + 1 } ?? size
            }
            bounds.append(b)
        }
        bounds.append(size)
        let parsers = (0..<pieces).map { k in
            BACIChunkParser(reader: self, file: file, capacity: (bounds[k + 1] - bounds[k]) / BACIChunkParser.shortestRow + 2)
        }
        parsers[0].chunk.firstLine = firstLine
        let report = ProgressSplitter(total: bytes, progress: progress)
        ParallelWork.forEach(pieces, threads: threads) { k in
            parsers[k].parse(p, bounds[k], bounds[k + 1], final: true)
            report.add(bounds[k + 1] - bounds[k])
        }
        return parsers
    }

    /// A gzip file, or anything that cannot be mapped: read through a buffer on one thread.
    private func readStream(path: String, name: String, file: UInt16,
                            progress: ((Double) -> Void)?) throws -> [BACIChunkParser] {
        let stream = try ByteStream(path: path)
        let parser = BACIChunkParser(reader: self, file: file, capacity: stream.fileSize / 28 + 16)
        var capacity = 4 << 20
        var buffer = UnsafeMutablePointer<UInt8>.allocate(capacity: capacity)
        defer { buffer.deallocate() }
        var filled = 0, eof = false, headerDone = false
        var lastProgress = -1.0
        while !eof || filled > 0 {
            try refill(buffer, capacity: capacity, filled: &filled, eof: &eof, from: stream, lastProgress: &lastProgress, progress: progress)
            var pos = 0
            if !headerDone {
                if let (start, line) = try afterHeader(buffer, 0, filled, final: eof, name: name) {
                    headerDone = true
                    pos = start
                    parser.chunk.firstLine = line
                }
            }
            if headerDone {
                pos = parser.parse(buffer, pos, filled, final: eof)
                if parser.stopped { break }
            }
            if eof && headerDone { pos = filled }
            compactOrGrow(&buffer, capacity: &capacity, filled: &filled, consumed: pos)
        }
        return [parser]
    }

    /// Joins the stretches in file order: numbers their lines, reports their issues (the first
    /// ``errorLimit`` in file order), and hands their rows to the builder with dictionaries
    /// that map each stretch's countries and products to the builder's.
    private func join(_ parsers: [BACIChunkParser], name: String, into builder: inout TradePanelBuilder) throws {
        var issues: [DataIssue] = []
        var line = parsers[0].chunk.firstLine
        for parser in parsers {
            parser.chunk.firstLine = line
            for issue in parser.issues {
                issues.append(DataIssue(file: name, line: line + issue.line, column: issue.column, message: issue.message))
            }
            // A stretch stopped at the limit holds the limit's worth of issues itself: what
            // follows it is never reported, and its line count is incomplete.
            if parser.stopped { break }
            line += parser.lines
        }
        if issues.count >= max(1, errorLimit) {
            throw DataReadError(issues: Array(issues.prefix(max(1, errorLimit))), stoppedAtLimit: true)
        }
        if !issues.isEmpty { throw DataReadError(issues: issues) }
        for parser in parsers where parser.chunk.count > 0 {
            var countryMap: [UInt16] = []
            for code in parser.countries {
                guard let country = countryCodes.byCode[code], let i = builder.index(of: country) else {
                    throw DataReadError(issues: [DataIssue(file: name, message: "more than 65,535 countries in one store")])
                }
                countryMap.append(i)
            }
            parser.chunk.countryMap = countryMap
            parser.chunk.productMap = parser.products.map { k in
                var code = String(k)
                while code.utf8.count < 6 { code = "0" + code }
                return builder.index(of: PanelStoreProduct(code: code, edition: edition))
            }
            builder.add(parser.chunk)
        }
    }
}

/// Reports the progress of stretches read on several threads, one call at a time and in steps
/// of at least 1%.
private final class ProgressSplitter: @unchecked Sendable {
    private let total: Int
    private let progress: ((Double) -> Void)?
    private let state = Mutex<(done: Int, reported: Double)>((0, -1))

    init(total: Int, progress: ((Double) -> Void)?) {
        self.total = max(1, total)
        self.progress = progress
    }

    func add(_ bytes: Int) {
        guard let progress else { return }
        state.withLock { s in
            s.done += bytes
            let f = Double(s.done) / Double(total)
            if f - s.reported >= 0.01 { s.reported = f; progress(f) }
        }
    }
}

/// Parses one stretch of a BACI file into its own ``PanelRowChunk``: country and product
/// numbers are the stretch's own (``countries``, ``products``, in order of first sight), line
/// numbers count from the stretch's first line (0), issues are kept, not thrown, until
/// ``BACIReader/errorLimit`` of them stop the stretch.
///
/// Each line is first tried on a fast path that takes only the plain form (digits, one decimal
/// point, `NA`, no padding, `\n` or `\r\n` endings) and known codes; anything else — padding,
/// a code seen for the first time, an error — goes through the general line parser, which
/// gives the same values for every line both accept. A class holding raw buffers, so that the
/// per-row work pays no copy-on-write or exclusivity checks.
final class BACIChunkParser: @unchecked Sendable {
    /// The fewest bytes a data row can take (`1900,1,1,10121,1,` and a line end).
    static let shortestRow = 18

    struct Issue {
        var line: Int
        var column: Int?
        var message: String
    }

    let reader: BACIReader
    let chunk: PanelRowChunk
    private(set) var issues: [Issue] = []
    /// True once ``BACIReader/errorLimit`` issues were found: the stretch was not read further.
    private(set) var stopped = false
    /// Lines read (data lines, blank or not).
    private(set) var lines = 0
    /// BACI codes of the stretch's countries, by the stretch's number.
    private(set) var countries: [Int] = []
    /// HS6 numbers of the stretch's products, by the stretch's number.
    private(set) var products: [Int] = []
    /// Stretch country number by BACI code; -1 not looked up yet, -2 unknown.
    private let countryIndex: UnsafeMutablePointer<Int32>
    /// Stretch product number by HS6 code, in a small open-addressing table that stays in
    /// cache: slot = (code << 32 | number + 1), 0 = empty. Grown when half full.
    private var productSlots: UnsafeMutablePointer<UInt64>
    private var productSlotMask = (1 << 14) - 1
    /// Field bounds of the current line (general parser).
    private let starts: UnsafeMutablePointer<Int>
    private let ends: UnsafeMutablePointer<Int>
    private let limit: Int

    init(reader: BACIReader, file: UInt16, capacity: Int) {
        self.reader = reader
        limit = max(1, reader.errorLimit)
        chunk = PanelRowChunk(file: file, capacity: capacity)
        countryIndex = .allocate(capacity: 1000)
        countryIndex.initialize(repeating: -1, count: 1000)
        productSlots = .allocate(capacity: 1 << 14)
        productSlots.initialize(repeating: 0, count: 1 << 14)
        starts = .allocate(capacity: 6)
        ends = .allocate(capacity: 6)
    }

    deinit {
        countryIndex.deallocate()
        productSlots.deallocate()
        starts.deallocate()
        ends.deallocate()
    }

    private struct Stop: Error {}

    private func add(line: Int, column: Int?, _ message: String) throws {
        issues.append(Issue(line: line, column: column, message: message))
        if issues.count >= limit {
            stopped = true
            throw Stop()
        }
    }

    /// Parses the whole lines of `p[from..<to]`, and when `final` the unterminated last line too.
    /// - Returns: where the unparsed rest begins (`to` when `final`, or after a stop).
    @discardableResult
    func parse(_ p: UnsafePointer<UInt8>, _ from: Int, _ to: Int, final: Bool) -> Int {
        guard !stopped, from < to else { return final ? to : from }
        // Lines that end before `complete` all end with '\n', so no scan below passes it.
        var complete = to
        while complete > from && p[complete - 1] != 10 { complete -= 1 }
        chunk.reserve(chunk.count + (to - from) / Self.shortestRow + 2)
        var pos = from
        do {
            while pos < complete {
                if let next = fastLine(p, pos) {
                    pos = next
                } else {
                    let nl = UnsafePointer<UInt8>(memchr(p + pos, 10, complete - pos)!.assumingMemoryBound(to: UInt8.self)) - p
                    try parseLine(p, pos, nl)
                    pos = nl + 1
                }
                lines &+= 1
            }
            if final && complete < to {
                try parseLine(p, complete, to)
                lines &+= 1
                pos = to
            }
        } catch {
            return to
        }
        return pos
    }

    /// The plain line at `start`, stored; returns the start of the next line, or nil (nothing
    /// stored) when the line needs the general parser.
    @inline(__always) private func fastLine(_ p: UnsafePointer<UInt8>, _ start: Int) -> Int? {
        var x = start
        @inline(__always) func whole(_ maxDigits: Int) -> Int {
            let s = x
            var v = 0
            while true {
                let d = p[x] &- 48
                if d > 9 { break }
                v = v &* 10 &+ Int(d)
                x &+= 1
            }
            let n = x &- s
            return n == 0 || n > maxDigits ? -1 : v
        }
        @inline(__always) func decimal() -> Double {
            let s = x
            var m: UInt64 = 0
            while true {
                let d = p[x] &- 48
                if d > 9 { break }
                m = m &* 10 &+ UInt64(d)
                x &+= 1
            }
            var digits = x &- s, fraction = 0
            if p[x] == 46 {
                x &+= 1
                let f = x
                while true {
                    let d = p[x] &- 48
                    if d > 9 { break }
                    m = m &* 10 &+ UInt64(d)
                    x &+= 1
                }
                fraction = x &- f
                digits &+= fraction
            }
            if digits == 0 || digits > 15 || fraction > 9 { return -1 }
            return fraction == 0 ? Double(m) : Double(m) / BACIChunkParser.powersOfTen[fraction]
        }
        let year = whole(9)
        guard year >= 1900, year <= 2100, p[x] == 44 else { return nil }
        x &+= 1
        let e = whole(3)
        guard e >= 0, p[x] == 44 else { return nil }
        let exporter = countryIndex[e]
        guard exporter >= 0 else { return nil }
        x &+= 1
        let m = whole(3)
        guard m >= 0, p[x] == 44 else { return nil }
        let importer = countryIndex[m]
        guard importer >= 0 else { return nil }
        x &+= 1
        let kStart = x
        let k = whole(6)
        guard k >= 0, x &- kStart >= 5, p[x] == 44 else { return nil }
        x &+= 1
        let thousands = decimal()
        guard thousands >= 0, p[x] == 44 else { return nil }
        x &+= 1
        var quantity = Double.nan
        if p[x] == 78 {
            guard p[x &+ 1] == 65 else { return nil }
            x &+= 2
        } else if p[x] != 10 && p[x] != 13 {
            quantity = decimal()
            guard quantity >= 0 else { return nil }
        }
        if p[x] == 13 { x &+= 1 }
        guard p[x] == 10 else { return nil }
        chunk.append(year: UInt16(truncatingIfNeeded: year), product: productIndex(k),
                     exporter: UInt16(truncatingIfNeeded: exporter), importer: UInt16(truncatingIfNeeded: importer),
                     basis: PanelFlowBasis.reconciled.rawValue, value: thousands * 1000, quantity: quantity,
                     line: lines)
        return x &+ 1
    }

    @inline(__always) private static func isSpace(_ b: UInt8) -> Bool { b == 32 || b == 9 }

    /// A whole number made of digits only, or -1.
    @inline(__always) private static func digits(_ p: UnsafePointer<UInt8>, _ a: Int, _ b: Int) -> Int {
        if a >= b || b - a > 9 { return -1 }
        var v = 0
        for x in a..<b {
            let d = Int(p[x]) &- 48
            if d < 0 || d > 9 { return -1 }
            v = v &* 10 &+ d
        }
        return v
    }

    private func text(_ p: UnsafePointer<UInt8>, _ a: Int, _ b: Int) -> String {
        String(decoding: UnsafeBufferPointer(start: p + a, count: max(0, b - a)), as: UTF8.self)
    }

    /// The general parser: one line `p[start..<lineEnd]` (without its '\n'), in any form BACI
    /// files take; reports what is wrong with it.
    private func parseLine(_ p: UnsafePointer<UInt8>, _ start: Int, _ lineEnd: Int) throws {
        var end = lineEnd
        if end > start && p[end - 1] == 13 { end -= 1 }
        if end == start { return }
        let line = lines
        // Split into fields, trimming the spaces BACI pads numbers with.
        var f = 0
        var a = start
        var x = start
        while true {
            if x == end || p[x] == 44 {
                if f < 6 { starts[f] = a; ends[f] = x }
                f &+= 1
                if x == end { break }
                a = x &+ 1
            }
            x &+= 1
        }
        for i in 0..<min(f, 6) {
            var s = starts[i], e = ends[i]
            if s < e && (Self.isSpace(p[s]) || Self.isSpace(p[e &- 1])) {
                while s < e && Self.isSpace(p[s]) { s &+= 1 }
                while e > s && Self.isSpace(p[e &- 1]) { e &-= 1 }
                starts[i] = s
                ends[i] = e
            }
        }
        guard f == 6 else {
            try add(line: line, column: nil, "expected 6 fields (t,i,j,k,v,q), found \(f)")
            return
        }
        func column(_ i: Int) -> Int { starts[i] - start + 1 }

        let year = Self.digits(p, starts[0], ends[0])
        guard (1900...2100).contains(year) else {
            try add(line: line, column: column(0), "expected a year (1900–2100), found '\(text(p, starts[0], ends[0]))'")
            return
        }
        guard let exporter = try country(p, 1, line: line, column: column(1)),
              let importer = try country(p, 2, line: line, column: column(2)) else { return }
        let k = Self.digits(p, starts[3], ends[3])
        let kLength = ends[3] - starts[3]
        guard k >= 0, kLength == 6 || kLength == 5 else {
            try add(line: line, column: column(3), "expected an HS6 product code (6 digits), found '\(text(p, starts[3], ends[3]))'")
            return
        }
        let thousands = Self.decimal(p, starts[4], ends[4])
        guard thousands >= 0, (thousands * 1000).isFinite else {
            try add(line: line, column: column(4), "expected a value in thousand US dollars (a number ≥ 0), found '\(text(p, starts[4], ends[4]))'")
            return
        }
        var quantity = Double.nan
        let qLength = ends[5] - starts[5]
        if qLength > 0 && !(qLength == 2 && p[starts[5]] == 78 && p[starts[5] + 1] == 65) {
            let q = Self.decimal(p, starts[5], ends[5])
            guard q >= 0 else {
                try add(line: line, column: column(5), "expected a quantity in tonnes (a number ≥ 0, or NA), found '\(text(p, starts[5], ends[5]))'")
                return
            }
            quantity = q
        }
        chunk.append(year: UInt16(truncatingIfNeeded: year), product: productIndex(k), exporter: exporter, importer: importer,
                     basis: PanelFlowBasis.reconciled.rawValue, value: thousands * 1000, quantity: quantity,
                     line: line)
    }

    /// The stretch's number of product `k` (a valid HS6 number), added on first sight.
    @inline(__always) private func productIndex(_ k: Int) -> UInt32 {
        var slot = (k &* 0x9E37_79B1) >> 7 & productSlotMask
        while true {
            let entry = productSlots[slot]
            if entry == 0 { break }
            if Int(entry >> 32) == k { return UInt32(truncatingIfNeeded: entry & 0xFFFF_FFFF) - 1 }
            slot = (slot + 1) & productSlotMask
        }
        let index = UInt32(products.count)
        products.append(k)
        productSlots[slot] = UInt64(k) << 32 | UInt64(index + 1)
        if products.count * 2 > productSlotMask { growProductSlots() }
        return index
    }

    private func growProductSlots() {
        let oldMask = productSlotMask, old = productSlots
        productSlotMask = (oldMask + 1) * 4 - 1
        productSlots = .allocate(capacity: productSlotMask + 1)
        productSlots.initialize(repeating: 0, count: productSlotMask + 1)
        for i in 0...oldMask where old[i] != 0 {
            var slot = (Int(old[i] >> 32) &* 0x9E37_79B1) >> 7 & productSlotMask
            while productSlots[slot] != 0 { slot = (slot + 1) & productSlotMask }
            productSlots[slot] = old[i]
        }
        old.deallocate()
    }

    fileprivate static let powersOfTen: [Double] = [1, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9]

    /// A non-negative decimal `digits[.digits]`, or -1 when the field is not one. Exact: at most
    /// 15 significant digits and 9 decimals take one correctly rounded division; anything else
    /// (exponents, long mantissas) goes to ``NumberParsing``.
    static func decimal(_ p: UnsafePointer<UInt8>, _ a: Int, _ b: Int) -> Double {
        if a >= b { return -1 }
        var mantissa: UInt64 = 0, digits = 0, fraction = 0, point = -1
        var x = a
        while x < b {
            let c = p[x]
            if c >= 48 && c <= 57 {
                mantissa = mantissa &* 10 &+ UInt64(c &- 48)
                digits += 1
            } else if c == 46 && point < 0 {
                point = x
            } else {
                break
            }
            x += 1
        }
        if x == b && digits > 0 && digits <= 15 {
            if point >= 0 { fraction = b - point - 1 }
            if fraction <= 9 {
                return fraction == 0 ? Double(mantissa) : Double(mantissa) / powersOfTen[fraction]
            }
        }
        guard let v = NumberParsing.decimal(UnsafeBufferPointer(start: p + a, count: b - a)[...]), v.isFinite, v >= 0 else { return -1 }
        return v
    }

    /// The stretch's number of the country in field `i`; nil (and an issue) when it is not a
    /// known BACI code.
    private func country(_ p: UnsafePointer<UInt8>, _ i: Int, line: Int, column: Int) throws -> UInt16? {
        let code = Self.digits(p, starts[i], ends[i])
        guard code >= 0, code < 1000 else {
            try add(line: line, column: column, "expected a BACI country code (a number 0–999), found '\(text(p, starts[i], ends[i]))'")
            return nil
        }
        let known = countryIndex[code]
        if known >= 0 { return UInt16(known) }
        if known == -1, reader.countryCodes.byCode[code] != nil {
            countryIndex[code] = Int32(countries.count)
            countries.append(code)
            return UInt16(countries.count - 1)
        }
        countryIndex[code] = -2
        try add(line: line, column: column, "unknown BACI country code \(code) (not in \(reader.countryCodes.file))")
        return nil
    }
}
