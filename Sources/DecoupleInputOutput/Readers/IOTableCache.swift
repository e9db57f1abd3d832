import DecoupleCore
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A binary cache of an input–output table together with the LU factors of its `I − A`, so that
/// a process that needs the bundled OECD ICIO neither parses the 19 MB gzip CSV nor factorises
/// the 4000 × 4000 matrix again (docs/exposure.md, "The factorisation cache").
///
/// One file per table: `<name>.iocache` in ``folder``.
///
///     bytes 0–7    magic "DCPLIOC1"
///     8–11         format version (UInt32, little-endian) — ``formatVersion``
///     12–15        header length h (UInt32)
///     16–19        CRC-32 of every byte from 24 to the end (header and payload), then of bytes 8–15
///     20–23        zero
///     24 …         header: JSON (sources with size, mtime and SHA-256; labels; counts)
///     … (8-aligned) payload: Z (n² doubles, column-major), x (n), Y (n·k) if any, value added (n)
///                  if any, taxes less subsidies (n) if any, LU factors (n²), pivots (n Int32), zero padding,
///                  then the region multipliers S L, S v̂ L and S A^k, k = 1 … K (R × n doubles each)
///
/// On reuse the file is memory-mapped, its CRC checked over every byte and its sources compared
/// with the header (size and modification time, else their SHA-256); a file that is stale (other
/// sources or another format version) or damaged (magic, CRC, lengths) is never read: it is
/// rebuilt from the sources and replaced atomically (temporary file, then rename).
public struct IOTableCache: Sendable {
    /// Bumped whenever the layout or the numbers stored change, or the reader checks more
    /// (2: duplicate nodes and coefficients above 1 are errors, so older caches are read again).
    public static let formatVersion: UInt32 = 2
    /// The powers of A whose region sums are stored (exposures with up to 4 tiers, the default,
    /// need no product).
    public static let multiplierTiers = 3
    static let magic = Array("DCPLIOC1".utf8)
    static let prefixLength = 24

    /// The folder holding the cache files (created when first written).
    public let folder: String

    public init(folder: String) {
        self.folder = folder
    }

    /// How a table was obtained.
    public enum Outcome: Sendable, Equatable {
        /// Read from the cache file.
        case reused
        /// Built from the sources (and written to the cache), with the reason.
        case built(String)
    }

    /// One source file as the header records it.
    struct SourceFile: Codable, Equatable {
        var name: String
        var size: Int
        var modified: Int   // nanoseconds since 1970
    }

    struct Header: Codable {
        var formatVersion: Int
        var byteOrder: String
        var sources: [SourceFile]
        var sourceSHA256: String
        var name: String
        var notes: [String]
        var nodeRegions: [String]
        var nodeSectors: [String]
        var finalDemandLabels: [String]
        var finalDemandColumns: Int?
        var hasValueAdded: Bool
        var hasTaxesLessSubsidies: Bool
        var multiplierTiers: Int
        var payloadBytes: Int
        var createdAt: String
    }

    /// The path of the cache file for `name`.
    public func path(for name: String) -> String { folder + "/" + name + ".iocache" }

    /// The table `name` built from `sources` and its Leontief model: from the cache when it is
    /// intact and its sources have not changed, else by `build` (the table's reader), factorised
    /// and written to the cache. A cache that cannot be written is reported through `note` and
    /// the result is returned all the same.
    public func load(name: String, sources: [String], note: (String) -> Void = { _ in },
                     build: () throws -> InputOutputTableData)
        throws -> (table: InputOutputTableData, model: LeontiefModel, multipliers: RegionMultipliers, outcome: Outcome) {
        let file = path(for: name)
        let stats = try sources.map(Self.sourceFile)
        var reason = "no cache file yet"
        if FileManager.default.fileExists(atPath: file) {
            switch Self.read(file, sources: sources, stats: stats) {
            case .success(let (table, model, multipliers)): return (table, model, multipliers, .reused)
            case .failure(let why):
                reason = why.message
                note("input–output cache \(file): \(why.message); rebuilding it")
            }
        }
        let table = try build()
        let model = try LeontiefModel(try InputOutputSystem(table: table))
        let multipliers = try RegionMultipliers(model: model, tiers: Self.multiplierTiers)
        do {
            try Self.write(table: table, model: model, multipliers: multipliers, to: file, sources: stats, sourceSHA256: try Self.sha256(sources))
        } catch {
            note("input–output cache \(file) not written: \(error)")
        }
        return (table, model, multipliers, .built(reason))
    }

    struct Rejected: Error { let message: String }

    // MARK: Reading

    static func read(_ file: String, sources: [String], stats: [SourceFile]) -> Result<(InputOutputTableData, LeontiefModel, RegionMultipliers), Rejected> {
        let fd = open(file, O_RDONLY)
        guard fd >= 0 else { return .failure(Rejected(message: "cannot be opened")) }
        defer { close(fd) }
        var st = Glibc.stat()
        guard fstat(fd, &st) == 0 else { return .failure(Rejected(message: "cannot be read")) }
        let size = Int(st.st_size)
        guard size >= prefixLength else { return .failure(Rejected(message: "is truncated (\(size) bytes)")) }
        guard let base = mmap(nil, size, PROT_READ, MAP_PRIVATE | MAP_POPULATE, fd, 0), base != MAP_FAILED else {
            return .failure(Rejected(message: "cannot be mapped"))
        }
        defer { munmap(base, size) }
        let bytes = UnsafeRawBufferPointer(start: base, count: size)
        guard Array(bytes[0..<8]) == magic else { return .failure(Rejected(message: "is not an input–output cache (bad magic)")) }
        let version = bytes.loadUnaligned(fromByteOffset: 8, as: UInt32.self).littleEndian
        guard version == formatVersion else {
            return .failure(Rejected(message: "has format version \(version), this build writes \(formatVersion)"))
        }
        let headerLength = Int(bytes.loadUnaligned(fromByteOffset: 12, as: UInt32.self).littleEndian)
        let crc = bytes.loadUnaligned(fromByteOffset: 16, as: UInt32.self).littleEndian
        guard headerLength > 0, headerLength <= size - prefixLength else {
            return .failure(Rejected(message: "is truncated or damaged (header length \(headerLength) of \(size) bytes)"))
        }
        var check = CRC32()
        check.update(UnsafeRawBufferPointer(rebasing: bytes[prefixLength...]))
        check.update(UnsafeRawBufferPointer(rebasing: bytes[8..<16]))
        guard check.value == crc, bytes[20..<24].allSatisfy({ $0 == 0 }) else {
            return .failure(Rejected(message: "is damaged (CRC-32 mismatch)"))
        }
        let header: Header
        do {
            header = try JSONDecoder().decode(Header.self, from: Data(bytes[prefixLength..<(prefixLength + headerLength)]))
        } catch {
            return .failure(Rejected(message: "has an unreadable header"))
        }
        guard header.byteOrder == "little" else { return .failure(Rejected(message: "was written on a big-endian machine")) }
        if header.sources.map(\.name) != stats.map(\.name) {
            return .failure(Rejected(message: "was built from other files (\(header.sources.map(\.name).joined(separator: ", ")))"))
        }
        if header.sources != stats {
            // Touched or copied: the content decides.
            guard let sha = try? sha256(sources), sha == header.sourceSHA256 else {
                return .failure(Rejected(message: "is stale (its source files changed)"))
            }
        }
        let n = header.nodeRegions.count
        let k = header.finalDemandColumns ?? 0
        var seen = Set<String>()
        let R = header.nodeRegions.filter { seen.insert($0).inserted }.count
        let doubles = n * n * 2 + n + n * k + (header.hasValueAdded ? n : 0) + (header.hasTaxesLessSubsidies ? n : 0)
        let multiplierDoubles = R * n * (2 + header.multiplierTiers)
        let payloadStart = align8(prefixLength + headerLength)
        let expected = doubles * 8 + align8(n * 4) + multiplierDoubles * 8
        guard header.nodeSectors.count == n, header.multiplierTiers >= 1, header.payloadBytes == expected, size == payloadStart + expected else {
            return .failure(Rejected(message: "is truncated or damaged (payload of \(size - payloadStart) bytes, expected \(expected))"))
        }
        var offset = payloadStart
        func doublesAt(_ count: Int) -> [Double] {
            defer { offset += count * 8 }
            return [Double](unsafeUninitializedCapacity: count) { out, initialized in
                if count > 0 { memcpy(out.baseAddress!, base + offset, count * 8) }
                initialized = count
            }
        }
        let Z = doublesAt(n * n), x = doublesAt(n)
        let Y = header.finalDemandColumns.map { doublesAt(n * $0) }
        let w = header.hasValueAdded ? doublesAt(n) : nil
        let tls = header.hasTaxesLessSubsidies ? doublesAt(n) : nil
        let factors = doublesAt(n * n)
        let pivots = [Int32](unsafeUninitializedCapacity: n) { out, initialized in
            if n > 0 { memcpy(out.baseAddress!, base + offset, n * 4) }
            initialized = n
        }
        offset += align8(n * 4)
        func matrix() -> DenseMatrix { DenseMatrix(rows: R, columns: n, columnMajor: doublesAt(R * n))! }
        let SL = matrix(), SvL = matrix()
        let SA = (0..<header.multiplierTiers).map { _ in matrix() }
        let table = InputOutputTableData(name: header.name, nodeRegions: header.nodeRegions, nodeSectors: header.nodeSectors,
                                         intermediate: Z, grossOutput: x, finalDemand: Y, finalDemandLabels: header.finalDemandLabels,
                                         valueAdded: w, taxesLessSubsidies: tls, notes: header.notes)
        do {
            let system = try InputOutputSystem(table: table)
            let model = try LeontiefModel(system: system, factorization: LUFactorization(factors: factors, pivots: pivots, n: n))
            return .success((table, model, RegionMultipliers(regions: system.regions, SL: SL, SvL: SvL, SA: SA)))
        } catch {
            return .failure(Rejected(message: "holds a table that does not build (\(error))"))
        }
    }

    // MARK: Writing

    static func write(table: InputOutputTableData, model: LeontiefModel, multipliers: RegionMultipliers, to file: String,
                      sources: [SourceFile], sourceSHA256: String) throws {
        let n = table.n
        let k = table.finalDemand.map { n > 0 ? $0.count / n : 0 }
        let arrays: [[Double]] = [table.intermediate, table.grossOutput] + [table.finalDemand, table.valueAdded, table.taxesLessSubsidies].compactMap { $0 }
            + [model.factorization.factors]
        let multiplierArrays = [multipliers.SL.values, multipliers.SvL.values] + multipliers.SA.map(\.values)
        let payloadBytes = arrays.reduce(0) { $0 + $1.count * 8 } + align8(n * 4) + multiplierArrays.reduce(0) { $0 + $1.count * 8 }
        let header = Header(formatVersion: Int(formatVersion), byteOrder: "little", sources: sources, sourceSHA256: sourceSHA256,
                            name: table.name, notes: table.notes, nodeRegions: table.nodeRegions, nodeSectors: table.nodeSectors,
                            finalDemandLabels: table.finalDemandLabels, finalDemandColumns: k, hasValueAdded: table.valueAdded != nil,
                            hasTaxesLessSubsidies: table.taxesLessSubsidies != nil, multiplierTiers: multipliers.tiers, payloadBytes: payloadBytes,
                            createdAt: ISO8601DateFormatter().string(from: Date()))
        var headerBytes = [UInt8](try JSONEncoder().encode(header))
        let padding = align8(prefixLength + headerBytes.count) - (prefixLength + headerBytes.count)
        try FileManager.default.createDirectory(atPath: (file as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        let temp = file + ".tmp-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
        guard FileManager.default.createFile(atPath: temp, contents: nil), let handle = FileHandle(forWritingAtPath: temp) else {
            throw InputOutputError("cannot create \(temp)")
        }
        var ok = false
        defer {
            try? handle.close()
            if !ok { unlink(temp) }
        }
        // The prefix is written last (its CRC covers everything after it).
        try handle.write(contentsOf: [UInt8](repeating: 0, count: prefixLength))
        var crc = CRC32()
        headerBytes += [UInt8](repeating: 0x20, count: padding)   // JSON may end in spaces
        headerBytes.withUnsafeBytes { crc.update($0) }
        try handle.write(contentsOf: headerBytes)
        for a in arrays {
            try a.withUnsafeBytes { raw in
                crc.update(raw)
                try handle.write(contentsOf: Data(bytesNoCopy: UnsafeMutableRawPointer(mutating: raw.baseAddress ?? UnsafeRawPointer(bitPattern: 8)!), count: raw.count, deallocator: .none))
            }
        }
        var pivotBytes = [UInt8](repeating: 0, count: align8(n * 4))
        model.factorization.pivots.withUnsafeBytes { p in pivotBytes.withUnsafeMutableBytes { $0.copyMemory(from: p) } }
        pivotBytes.withUnsafeBytes { crc.update($0) }
        try handle.write(contentsOf: pivotBytes)
        for a in multiplierArrays {
            try a.withUnsafeBytes { raw in
                crc.update(raw)
                try handle.write(contentsOf: Data(raw))
            }
        }
        var prefix = magic
        withUnsafeBytes(of: formatVersion.littleEndian) { prefix += $0 }
        withUnsafeBytes(of: UInt32(headerBytes.count).littleEndian) { prefix += $0 }
        prefix[8..<16].withUnsafeBytes { crc.update($0) }
        withUnsafeBytes(of: crc.value.littleEndian) { prefix += $0 }
        prefix += [0, 0, 0, 0]
        try handle.seek(toOffset: 0)
        try handle.write(contentsOf: prefix)
        try handle.synchronize()
        try handle.close()
        guard rename(temp, file) == 0 else { throw InputOutputError("cannot rename \(temp) to \(file): errno \(errno)") }
        ok = true
    }

    // MARK: Sources

    static func sourceFile(_ path: String) throws -> SourceFile {
        var st = Glibc.stat()
        guard stat(path, &st) == 0 else { throw InputOutputError("cannot read \(path) (the input–output table's source)") }
        let modified = Int(st.st_mtim.tv_sec) * 1_000_000_000 + Int(st.st_mtim.tv_nsec)
        return SourceFile(name: (path as NSString).lastPathComponent, size: Int(st.st_size), modified: modified)
    }

    /// SHA-256 over each source's name and SHA-256, in order.
    static func sha256(_ sources: [String]) throws -> String {
        var h = SHA256()
        for s in sources {
            h.update(Array(((s as NSString).lastPathComponent + "\n" + (try SHA256.hex(ofFile: s)) + "\n").utf8))
        }
        return h.finalize()
    }
}

@inline(__always) func align8(_ x: Int) -> Int { (x + 7) & ~7 }
