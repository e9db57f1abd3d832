import DecoupleCore
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
/// A purpose-built byte parser (BACI has no quoted fields): lines are found with `memchr`,
/// fields split in one pass, numbers parsed from the bytes. Constant memory apart from the rows
/// it hands to the builder. Every bad field is reported as `file:line:column: expected …`, up to
/// ``errorLimit``, and then the read fails.
public struct BACIReader: Sendable {
    public static let header = ["t", "i", "j", "k", "v", "q"]

    public var countryCodes: BACICountryCodes
    /// The HS edition of the release (BACI uses one for all years of a release).
    public var edition: HSEdition
    /// The release (`V202401b`), recorded in the provenance.
    public var release: String?
    public var errorLimit: Int

    public init(countryCodes: BACICountryCodes, edition: HSEdition, release: String? = nil, errorLimit: Int = 20) {
        self.countryCodes = countryCodes
        self.edition = edition
        self.release = release
        self.errorLimit = errorLimit
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
        let stream = try ByteStream(path: path)
        var summary = PanelInputSummary(file: name, edition: edition, release: release)
        _ = builder.beginFile(summary)
        let firstRow = builder.rowCount
        builder.reserve(stream.fileSize / 28)

        let parser = BACILineParser(reader: self, file: name)
        var capacity = 4 << 20
        var buffer = UnsafeMutablePointer<UInt8>.allocate(capacity: capacity)
        defer { buffer.deallocate() }
        var filled = 0, eof = false, line = 1
        var lastProgress = -1.0
        while !eof || filled > 0 {
            try refill(buffer, capacity: capacity, filled: &filled, eof: &eof, from: stream, lastProgress: &lastProgress, progress: progress)
            var pos = 0
            while pos < filled {
                guard let nl = memchr(buffer + pos, 10, filled - pos) else { break }
                let end = UnsafeMutablePointer<UInt8>(nl.assumingMemoryBound(to: UInt8.self)) - buffer
                try parser.parse(buffer, pos, end, line: line, into: &builder)
                line += 1
                pos = end + 1
            }
            if eof && pos < filled {
                try parser.parse(buffer, pos, filled, line: line, into: &builder)
                line += 1
                pos = filled
            }
            compactOrGrow(&buffer, capacity: &capacity, filled: &filled, consumed: pos)
        }
        if !parser.sawHeader {
            throw DataReadError(issues: [DataIssue(file: name, message: "empty file: expected the header t,i,j,k,v,q and data")])
        }
        try parser.issues.finish()
        summary.rows = builder.rowCount - firstRow
        builder.endFile(summary)
        progress?(1)
        return summary
    }
}

/// The per-line state of a BACI read: country and product lookups, collected issues. A class
/// holding raw buffers, so that the per-row work pays no copy-on-write or exclusivity checks.
final class BACILineParser {
    let reader: BACIReader
    let file: String
    var issues: IssueCollector
    var sawHeader = false
    /// Builder country index by BACI code; -1 not looked up yet, -2 unknown.
    let countryIndex: UnsafeMutablePointer<Int32>
    /// Builder product index by HS6 code, in a small open-addressing table that stays in
    /// cache: slot = (code << 32 | index + 1), 0 = empty. Grown when half full.
    private var productSlots: UnsafeMutablePointer<UInt64>
    private var productSlotMask = (1 << 14) - 1
    private var productsStored = 0
    /// Field bounds of the current line.
    private let starts: UnsafeMutablePointer<Int>
    private let ends: UnsafeMutablePointer<Int>

    init(reader: BACIReader, file: String) {
        self.reader = reader
        self.file = file
        issues = IssueCollector(file: file, limit: reader.errorLimit)
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

    @inline(__always) private static func isSpace(_ b: UInt8) -> Bool { b == 32 || b == 9 }

    /// A whole number made of digits only, or -1.
    @inline(__always) private static func digits(_ p: UnsafeMutablePointer<UInt8>, _ a: Int, _ b: Int) -> Int {
        if a >= b || b - a > 9 { return -1 }
        var v = 0
        for x in a..<b {
            let d = Int(p[x]) &- 48
            if d < 0 || d > 9 { return -1 }
            v = v &* 10 &+ d
        }
        return v
    }

    private func text(_ p: UnsafeMutablePointer<UInt8>, _ a: Int, _ b: Int) -> String {
        String(decoding: UnsafeBufferPointer(start: p + a, count: max(0, b - a)), as: UTF8.self)
    }

    func parse(_ p: UnsafeMutablePointer<UInt8>, _ start: Int, _ lineEnd: Int, line: Int,
                        into builder: inout TradePanelBuilder) throws {
        var end = lineEnd
        if end > start && p[end - 1] == 13 { end -= 1 }
        if end == start { return }
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
        if !sawHeader {
            sawHeader = true
            var names = (0..<min(f, 6)).map { text(p, starts[$0], ends[$0]) }
            if let first = names.first, first.hasPrefix("\u{FEFF}") { names[0] = String(first.dropFirst()) }
            guard f == 6, names == BACIReader.header else {
                let found = (0..<f).map { i -> String in i < 6 ? names[i] : "…" }.joined(separator: ",")
                throw DataReadError(issues: [DataIssue(file: file, line: line, column: 1,
                                                       message: "unexpected header '\(found)'; expected 't,i,j,k,v,q' (a BACI trade file)")])
            }
            return
        }
        guard f == 6 else {
            try issues.add(line: line, column: nil, "expected 6 fields (t,i,j,k,v,q), found \(f)")
            return
        }
        func column(_ i: Int) -> Int { starts[i] - start + 1 }

        let year = Self.digits(p, starts[0], ends[0])
        guard (1900...2100).contains(year) else {
            try issues.add(line: line, column: column(0), "expected a year (1900–2100), found '\(text(p, starts[0], ends[0]))'")
            return
        }
        let e = Self.digits(p, starts[1], ends[1]), m = Self.digits(p, starts[2], ends[2])
        let exporter: UInt16, importer: UInt16
        if e >= 0 && e < 1000 && countryIndex[e] >= 0 { exporter = UInt16(countryIndex[e]) } else {
            guard let c = try country(p, 1, line: line, column: column(1), into: &builder) else { return }
            exporter = c
        }
        if m >= 0 && m < 1000 && countryIndex[m] >= 0 { importer = UInt16(countryIndex[m]) } else {
            guard let c = try country(p, 2, line: line, column: column(2), into: &builder) else { return }
            importer = c
        }
        let k = Self.digits(p, starts[3], ends[3])
        let kLength = ends[3] - starts[3]
        guard k >= 0, kLength == 6 || kLength == 5 else {
            try issues.add(line: line, column: column(3), "expected an HS6 product code (6 digits), found '\(text(p, starts[3], ends[3]))'")
            return
        }
        let product = productIndex(k, into: &builder)
        let thousands = Self.decimal(p, starts[4], ends[4])
        guard thousands >= 0 else {
            try issues.add(line: line, column: column(4), "expected a value in thousand US dollars (a number ≥ 0), found '\(text(p, starts[4], ends[4]))'")
            return
        }
        var quantity = Double.nan
        let qLength = ends[5] - starts[5]
        if qLength > 0 && !(qLength == 2 && p[starts[5]] == 78 && p[starts[5] + 1] == 65) {
            let q = Self.decimal(p, starts[5], ends[5])
            guard q >= 0 else {
                try issues.add(line: line, column: column(5), "expected a quantity in tonnes (a number ≥ 0, or NA), found '\(text(p, starts[5], ends[5]))'")
                return
            }
            quantity = q
        }
        builder.append(year: year, product: UInt32(product), exporter: exporter, importer: importer,
                       basis: .reconciled, value: thousands * 1000, quantity: quantity, line: line)
    }

    /// The builder index of product `k` (a valid HS6 number), added on first sight.
    @inline(__always) private func productIndex(_ k: Int, into builder: inout TradePanelBuilder) -> UInt32 {
        var slot = (k &* 0x9E37_79B1) >> 7 & productSlotMask
        while true {
            let entry = productSlots[slot]
            if entry == 0 { break }
            if Int(entry >> 32) == k { return UInt32(truncatingIfNeeded: entry & 0xFFFF_FFFF) - 1 }
            slot = (slot + 1) & productSlotMask
        }
        var code = String(k)
        while code.utf8.count < 6 { code = "0" + code }
        let index = builder.index(of: PanelStoreProduct(code: code, edition: reader.edition))
        productSlots[slot] = UInt64(k) << 32 | UInt64(index + 1)
        productsStored += 1
        if productsStored * 2 > productSlotMask { growProductSlots() }
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

    private static let powersOfTen: (Double, Double, Double, Double, Double, Double, Double, Double, Double, Double) =
        (1, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9)

    /// A non-negative decimal `digits[.digits]`, or -1 when the field is not one. Exact: at most
    /// 15 significant digits and 9 decimals take one correctly rounded division; anything else
    /// (exponents, long mantissas) goes to ``NumberParsing``.
    @inline(__always) static func decimal(_ p: UnsafeMutablePointer<UInt8>, _ a: Int, _ b: Int) -> Double {
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
                let divisor: Double
                switch fraction {
                case 0: return Double(mantissa)
                case 1: divisor = powersOfTen.1
                case 2: divisor = powersOfTen.2
                case 3: divisor = powersOfTen.3
                case 4: divisor = powersOfTen.4
                case 5: divisor = powersOfTen.5
                case 6: divisor = powersOfTen.6
                case 7: divisor = powersOfTen.7
                case 8: divisor = powersOfTen.8
                default: divisor = powersOfTen.9
                }
                return Double(mantissa) / divisor
            }
        }
        guard let v = NumberParsing.decimal(UnsafeBufferPointer(start: p + a, count: b - a)[...]), v.isFinite, v >= 0 else { return -1 }
        return v
    }

    private func country(_ p: UnsafeMutablePointer<UInt8>, _ i: Int, line: Int, column: Int,
                                  into builder: inout TradePanelBuilder) throws -> UInt16? {
        let code = Self.digits(p, starts[i], ends[i])
        guard code >= 0, code < 1000 else {
            try issues.add(line: line, column: column, "expected a BACI country code (a number 0–999), found '\(text(p, starts[i], ends[i]))'")
            return nil
        }
        let known = countryIndex[code]
        if known >= 0 { return UInt16(known) }
        if known == -1, let c = reader.countryCodes.byCode[code], let index = builder.index(of: c) {
            countryIndex[code] = Int32(index)
            return index
        }
        countryIndex[code] = -2
        try issues.add(line: line, column: column, "unknown BACI country code \(code) (not in \(reader.countryCodes.file))")
        return nil
    }
}
