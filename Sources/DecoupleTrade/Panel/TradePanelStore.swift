import DecoupleCore
import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A panel store opened by memory-mapping: the columns are read in place, so reopening costs
/// the header (a few hundred kilobytes of JSON) and one pass to check the integer columns,
/// not a load. See `docs/store-format.md` for the layout.
///
/// Rows are grouped into blocks by year and product: the rows of year `years[y]` and product
/// `products[p]` are `rows(yearIndex: y, productIndex: p)`. The store is immutable and may be
/// shared between threads.
public final class TradePanelStore: @unchecked Sendable {
    public let path: String
    public let header: PanelStoreHeader
    /// The countries the `exporter` and `importer` columns index into, sorted by code.
    public let countries: [Country]
    /// The products, sorted by code then edition.
    public let products: [ProductCode]
    /// The years, ascending.
    public let years: [Int]
    /// `years.count × products.count + 1` row offsets: block `y × products.count + p` is
    /// `productOffsets[b] ..< productOffsets[b + 1]`.
    public let productOffsets: UnsafeBufferPointer<Int64>
    public let exporter: UnsafeBufferPointer<UInt16>
    public let importer: UnsafeBufferPointer<UInt16>
    /// ``PanelFlowBasis`` raw values.
    public let basis: UnsafeBufferPointer<UInt8>
    /// US dollars.
    public let value: UnsafeBufferPointer<Double>
    /// Metric tonnes; NaN when not reported.
    public let quantity: UnsafeBufferPointer<Double>

    private let mapping: UnsafeMutableRawPointer
    private let mappedLength: Int

    /// The number of rows.
    public var rowCount: Int { header.rowCount }
    public var provenance: [Provenance] { header.provenance }

    /// Opens a store, checking its prefix, header, column bounds and every dictionary index.
    /// - Throws: ``DataReadError`` naming the file and what is wrong with it.
    public init(path: String) throws {
        func fail(_ message: String) -> DataReadError {
            DataReadError(issues: [DataIssue(file: path, message: message)])
        }
        let fd = open(path, O_RDONLY)
        guard fd >= 0 else { throw fail("cannot open the store: \(String(cString: strerror(errno)))") }
        defer { close(fd) }
        var st = stat()
        guard fstat(fd, &st) == 0 else { throw fail("cannot stat the store: \(String(cString: strerror(errno)))") }
        guard (st.st_mode & S_IFMT) != S_IFDIR else { throw fail("is a folder, expected a panel store file") }
        let length = Int(st.st_size)
        guard length >= PanelStoreLayout.prefixSize else { throw fail("too short to be a panel store (\(length) bytes)") }
        guard let m = mmap(nil, length, PROT_READ, MAP_SHARED, fd, 0), m != MAP_FAILED else {
            throw fail("cannot map the store: \(String(cString: strerror(errno)))")
        }
        var ok = false
        defer { if !ok { munmap(m, length) } }
        let base = UnsafeRawPointer(m)
        let bytes = base.assumingMemoryBound(to: UInt8.self)
        guard (0..<8).allSatisfy({ bytes[$0] == PanelStoreLayout.magic[$0] }) else {
            throw fail("not a Decouple panel store (expected the magic bytes DECPANEL)")
        }
        let version = Int(UInt32(littleEndian: base.loadUnaligned(fromByteOffset: 8, as: UInt32.self)))
        guard version == PanelStoreHeader.currentFormatVersion else {
            throw fail("store format version \(version); this build reads version \(PanelStoreHeader.currentFormatVersion) (re-import the data)")
        }
        // Lengths and offsets are read as UInt64 and converted only if they fit an Int (a corrupt
        // prefix can hold anything up to 2^64 − 1; a trapping conversion would crash the reader).
        func prefixField(_ at: Int) -> UInt64 { UInt64(littleEndian: base.loadUnaligned(fromByteOffset: at, as: UInt64.self)) }
        let rawHeaderLength = prefixField(16), rawDataOffset = prefixField(24), rawLength = prefixField(32)
        guard let declaredLength = Int(exactly: rawLength), declaredLength == length else {
            throw fail("truncated or extended store: the header says \(rawLength) bytes, the file has \(length)")
        }
        guard let headerLength = Int(exactly: rawHeaderLength), let dataOffset = Int(exactly: rawDataOffset),
              headerLength <= length, dataOffset <= length,
              PanelStoreLayout.prefixSize + headerLength <= dataOffset,
              dataOffset % PanelStoreLayout.alignment == 0 else {
            throw fail("corrupt store prefix (header length \(rawHeaderLength), data offset \(rawDataOffset))")
        }
        let flags = UInt32(littleEndian: base.loadUnaligned(fromByteOffset: 12, as: UInt32.self))
        guard flags == 0 else { throw fail("store corrupted: unknown flags \(flags) in the prefix (re-import the data)") }
        guard (PanelStoreLayout.headerChecksumOffset + 4 ..< PanelStoreLayout.prefixSize).allSatisfy({ bytes[$0] == 0 }) else {
            throw fail("store corrupted: the prefix's reserved bytes 44–63 are not zero (re-import the data)")
        }
        let storedSum = UInt32(littleEndian: base.loadUnaligned(fromByteOffset: PanelStoreLayout.headerChecksumOffset, as: UInt32.self))
        let headerSum = PanelStoreLayout.headerChecksum(prefix: base, header: base + PanelStoreLayout.prefixSize, headerLength: headerLength)
        guard storedSum == headerSum else {
            throw fail("store corrupted: the prefix and header do not match their checksum (re-import the data)")
        }
        let header: PanelStoreHeader
        do {
            let json = Data(bytes: bytes + PanelStoreLayout.prefixSize, count: headerLength)
            header = try JSONDecoder().decode(PanelStoreHeader.self, from: json)
        } catch {
            throw fail("corrupt store header: \(error)")
        }
        guard header.formatVersion == version else {
            throw fail("corrupt store header: format version \(header.formatVersion), the prefix says \(version)")
        }
        let n = header.rowCount
        let (blockCount, blockOverflow) = header.years.count.multipliedReportingOverflow(by: header.products.count)
        guard n >= 0, !blockOverflow, blockCount < length else {
            throw fail("corrupt store header (\(n) rows, \(header.years.count) years × \(header.products.count) products)")
        }
        func column<T>(_ name: String, _ type: String, _ count: Int, as: T.Type) throws -> UnsafeBufferPointer<T> {
            guard let c = header.column(name) else { throw fail("the store has no '\(name)' column") }
            // Checked arithmetic: offsets and counts come from the file and may be anything.
            let (bytes, o1) = count.multipliedReportingOverflow(by: MemoryLayout<T>.stride)
            let (start, o2) = dataOffset.addingReportingOverflow(c.offset)
            let (end, o3) = start.addingReportingOverflow(bytes)
            guard c.type == type, count >= 0, c.count == count, c.offset >= 0, c.offset % PanelStoreLayout.alignment == 0,
                  !o1, !o2, !o3, end <= length else {
                throw fail("corrupt column '\(name)' (type \(c.type), \(c.count) elements at offset \(c.offset); expected \(type) × \(count))")
            }
            let p = (base + dataOffset + c.offset).bindMemory(to: T.self, capacity: count)
            return UnsafeBufferPointer(start: p, count: count)
        }
        let offsets = try column(PanelStoreLayout.productOffsets, "i64", blockCount + 1, as: Int64.self)
        let exporter = try column(PanelStoreLayout.exporter, "u16", n, as: UInt16.self)
        let importer = try column(PanelStoreLayout.importer, "u16", n, as: UInt16.self)
        let basis = try column(PanelStoreLayout.basis, "u8", n, as: UInt8.self)
        let value = try column(PanelStoreLayout.value, "f64", n, as: Double.self)
        let quantity = try column(PanelStoreLayout.quantity, "f64", n, as: Double.self)

        // Every column against its checksum (one thread a column); the six are checked above to
        // lie inside the file, and there are no others.
        let known = [PanelStoreLayout.productOffsets, PanelStoreLayout.exporter, PanelStoreLayout.importer,
                     PanelStoreLayout.basis, PanelStoreLayout.value, PanelStoreLayout.quantity]
        guard header.columns.count == known.count, Set(header.columns.map(\.name)) == Set(known) else {
            throw fail("corrupt store header: columns \(header.columns.map(\.name).joined(separator: ", ")); expected \(known.joined(separator: ", "))")
        }
        let described = header.columns
        var mismatch = [String?](repeating: nil, count: described.count)
        mismatch.withUnsafeMutableBufferPointer { mismatch in
            nonisolated(unsafe) let out = mismatch
            ParallelWork.forEach(described.count, threads: ParallelWork.availableCores) { i in
                let c = described[i]
                guard let width = PanelStoreLayout.width(of: c.type) else { return }
                let sum = PanelStoreLayout.hex(CRC32.of(UnsafeRawBufferPointer(start: base + dataOffset + c.offset, count: c.count * width)))
                if sum != c.crc32 { out[i] = "column '\(c.name)' (checksum \(sum), the header says \(c.crc32))" }
            }
        }
        if let bad = mismatch.compactMap({ $0 }).first {
            throw fail("store corrupted: \(bad) (re-import the data)")
        }

        // Never trust an index: check the offsets and the dictionary-coded columns once.
        guard offsets[0] == 0, offsets[blockCount] == Int64(n) else { throw fail("corrupt product offsets (they do not span the \(n) rows)") }
        for b in 0..<blockCount where offsets[b] > offsets[b + 1] { throw fail("corrupt product offsets (decreasing at block \(b))") }
        let countryLimit = UInt16(truncatingIfNeeded: header.countries.count)
        if header.countries.count <= Int(UInt16.max) {
            var maxCode: UInt16 = 0
            for x in exporter { maxCode = max(maxCode, x) }
            for x in importer { maxCode = max(maxCode, x) }
            guard n == 0 || maxCode < countryLimit else { throw fail("corrupt country column (index \(maxCode) of \(header.countries.count) countries)") }
        }
        var maxBasis: UInt8 = 0
        for x in basis { maxBasis = max(maxBasis, x) }
        guard n == 0 || PanelFlowBasis(rawValue: maxBasis) != nil else { throw fail("corrupt basis column (code \(maxBasis))") }
        let products: [ProductCode]
        do { products = try header.products.map { try ProductCode($0.code, edition: $0.edition) } } catch {
            throw fail("corrupt product dictionary: \(error)")
        }
        guard header.years.sorted() == header.years, Set(header.years).count == header.years.count else {
            throw fail("corrupt year list (not strictly ascending)")
        }

        self.path = path
        self.header = header
        self.countries = header.countries.map(Country.init)
        self.products = products
        self.years = header.years
        self.productOffsets = offsets
        self.exporter = exporter
        self.importer = importer
        self.basis = basis
        self.value = value
        self.quantity = quantity
        self.mapping = m
        self.mappedLength = length
        ok = true
    }

    deinit { munmap(mapping, mappedLength) }

    /// The rows of one year and product.
    public func rows(yearIndex y: Int, productIndex p: Int) -> Range<Int> {
        let b = y * products.count + p
        return Int(productOffsets[b])..<Int(productOffsets[b + 1])
    }

    /// The rows of one year.
    public func rows(yearIndex y: Int) -> Range<Int> {
        let p = products.count
        return Int(productOffsets[y * p])..<Int(productOffsets[(y + 1) * p])
    }
}
