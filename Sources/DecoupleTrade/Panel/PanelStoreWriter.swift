import DecoupleCore
import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

extension TradePanelBuilder {
    /// Writes the collected rows as a panel store at `path`, atomically: the bytes go to a
    /// temporary file in the same folder, which is renamed over `path` only when complete.
    ///
    /// Rows are sorted by year, then product (a counting sort on the dictionary ranks); within a
    /// block they keep their input order. Two rows with the same year, product, exporter,
    /// importer and basis are an error (reported with both lines), as is an empty panel.
    /// Nothing is left behind when writing fails.
    ///
    /// The counting, the scatter into blocks and the duplicate search run on `threads` threads
    /// (nil: one per available core): each chunk of rows is counted and scattered by one thread
    /// into the places its rows take in file order, so the bytes written do not depend on the
    /// number of threads (only `createdAt` differs between two writes).
    /// - Returns: the header that was written.
    @discardableResult
    public func write(to path: String, errorLimit: Int = 20, threads: Int? = nil,
                      progress: ((Double) -> Void)? = nil) throws -> PanelStoreHeader {
        let chunks = self.chunks.filter { $0.count > 0 }
        let n = chunks.reduce(0) { $0 + $1.count }
        guard n > 0 else {
            throw DataReadError(issues: [DataIssue(file: inputs.map(\.file).joined(separator: ", "),
                                                   message: "no trade rows to store (every row was skipped or the files are empty)")])
        }
        let threads = max(1, threads ?? ParallelWork.availableCores)
        // Dictionary ranks: years ascending, products by code then edition, countries by code.
        let yearsSeen = UnsafeMutableBufferPointer<UInt64>.allocate(capacity: chunks.count * 1024)
        defer { yearsSeen.deallocate() }
        yearsSeen.initialize(repeating: 0)
        ParallelWork.forEach(chunks.count, threads: threads) { k in
            let chunk = chunks[k], bits = yearsSeen.baseAddress! + k * 1024
            for r in 0..<chunk.count {
                let y = Int(chunk.year[r])
                bits[y >> 6] |= 1 << UInt64(y & 63)
            }
        }
        let years = (0..<65536).filter { y in (0..<chunks.count).contains { yearsSeen[$0 * 1024 + y >> 6] & (1 << UInt64(y & 63)) != 0 } }
        var yearRank = [Int32](repeating: -1, count: 65536)
        for (r, y) in years.enumerated() { yearRank[y] = Int32(r) }

        let productOrder = products.indices.sorted {
            let a = products[$0], b = products[$1]
            return a.code != b.code ? a.code < b.code : (a.edition?.year ?? 0) < (b.edition?.year ?? 0)
        }
        var productRank = [UInt32](repeating: 0, count: products.count)
        for (r, i) in productOrder.enumerated() { productRank[i] = UInt32(r) }
        let countryOrder = countries.indices.sorted { countries[$0].code < countries[$1].code }
        var countryRank = [UInt16](repeating: 0, count: countries.count)
        for (r, i) in countryOrder.enumerated() { countryRank[i] = UInt16(r) }
        // Each chunk's own numbers straight to ranks.
        let chunkProductRank = chunks.map { c in c.productMap.map { $0.map { productRank[Int($0)] } } ?? productRank }
        let chunkCountryRank = chunks.map { c in c.countryMap.map { $0.map { countryRank[Int($0)] } } ?? countryRank }

        let productCount = products.count
        let blockCount = years.count * productCount
        // Rows of each chunk in each block, then where each chunk's rows of a block begin.
        var starts = [[Int]](repeating: [], count: chunks.count)
        starts.withUnsafeMutableBufferPointer { starts in
            let out = UncheckedBox(starts)
            ParallelWork.forEach(chunks.count, threads: threads) { k in
                let chunk = chunks[k]
                var counts = [Int](repeating: 0, count: blockCount)
                yearRank.withUnsafeBufferPointer { yr in
                    chunkProductRank[k].withUnsafeBufferPointer { pr in
                        counts.withUnsafeMutableBufferPointer { c in
                            for r in 0..<chunk.count {
                                c[Int(yr[Int(chunk.year[r])]) &* productCount &+ Int(pr[Int(chunk.product[r])])] &+= 1
                            }
                        }
                    }
                }
                out.value[k] = counts
            }
        }
        var offsets = [Int64](repeating: 0, count: blockCount + 1)
        for b in 0..<blockCount {
            var at = Int(offsets[b])
            for k in chunks.indices {
                let c = starts[k][b]
                starts[k][b] = at
                at += c
            }
            offsets[b + 1] = Int64(at)
        }
        progress?(0.1)

        // Layout.
        var columns: [PanelColumnDescriptor] = []
        var cursor = 0
        func add(_ name: String, _ type: String, _ count: Int, _ width: Int) {
            columns.append(PanelColumnDescriptor(name: name, type: type, offset: cursor, count: count))
            cursor = PanelStoreLayout.aligned(cursor + count * width)
        }
        add(PanelStoreLayout.productOffsets, "i64", blockCount + 1, 8)
        add(PanelStoreLayout.exporter, "u16", n, 2)
        add(PanelStoreLayout.importer, "u16", n, 2)
        add(PanelStoreLayout.basis, "u8", n, 1)
        add(PanelStoreLayout.value, "f64", n, 8)
        add(PanelStoreLayout.quantity, "f64", n, 8)
        let dataSize = cursor

        let formatter = ISO8601DateFormatter()
        let header = PanelStoreHeader(
            formatVersion: PanelStoreHeader.currentFormatVersion, source: source,
            createdAt: formatter.string(from: Date()), rowCount: n,
            valueUnit: "US dollars", quantityUnit: "tonnes",
            provenance: provenance, inputs: inputs,
            countries: countryOrder.map { countries[$0].code },
            products: productOrder.map { products[$0] },
            years: years, columns: columns)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let headerBytes = [UInt8](try encoder.encode(header))
        let dataOffset = PanelStoreLayout.aligned(PanelStoreLayout.prefixSize + headerBytes.count)
        let fileLength = dataOffset + dataSize

        // Temporary file next to the target, written in full (prefix, header, zeros) before
        // it is mapped: the scatter below then finds every page of the mapping in the page
        // cache, instead of faulting in pages of a sparse file that the kernel zero-fills.
        let url = URL(fileURLWithPath: path)
        let folder = url.deletingLastPathComponent().path
        try Self.checkTarget(path)
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        Self.removeStaleTemporaries(of: url.lastPathComponent, in: folder)
        let temp = folder + "/." + url.lastPathComponent + ".\(getpid()).tmp"
        let fd = open(temp, O_RDWR | O_CREAT | O_TRUNC, 0o644)
        guard fd >= 0 else {
            throw DataReadError(issues: [DataIssue(file: path, message: "cannot create the store: \(String(cString: strerror(errno)))")])
        }
        var committed = false
        defer {
            close(fd)
            if !committed { unlink(temp) }
        }
        var front = [UInt8](repeating: 0, count: dataOffset)
        for (i, b) in PanelStoreLayout.magic.enumerated() { front[i] = b }
        front.withUnsafeMutableBytes { raw in
            raw.storeBytes(of: UInt32(PanelStoreHeader.currentFormatVersion).littleEndian, toByteOffset: 8, as: UInt32.self)
            raw.storeBytes(of: UInt64(headerBytes.count).littleEndian, toByteOffset: 16, as: UInt64.self)
            raw.storeBytes(of: UInt64(dataOffset).littleEndian, toByteOffset: 24, as: UInt64.self)
            raw.storeBytes(of: UInt64(fileLength).littleEndian, toByteOffset: 32, as: UInt64.self)
        }
        // The column checksums are filled in once the columns are (same length: 8 hex digits).
        front.replaceSubrange(PanelStoreLayout.prefixSize..<(PanelStoreLayout.prefixSize + headerBytes.count), with: headerBytes)
        try front.withUnsafeBytes { try writeAll(fd, $0.baseAddress!, $0.count, at: 0, path: path) }
        let zeros = UnsafeMutableRawPointer.allocate(byteCount: 1 << 20, alignment: 4096)
        defer { zeros.deallocate() }
        memset(zeros, 0, 1 << 20)
        var written = 0
        while written < dataSize {
            let n = min(1 << 20, dataSize - written)
            try writeAll(fd, zeros, n, at: dataOffset + written, path: path)
            written += n
        }
        guard let mapped = mmap(nil, fileLength, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0), mapped != MAP_FAILED else {
            throw DataReadError(issues: [DataIssue(file: path, message: "cannot map the store for writing: \(String(cString: strerror(errno)))")])
        }
        defer { munmap(mapped, fileLength) }
        let base = mapped.assumingMemoryBound(to: UInt8.self) + dataOffset
        func column<T>(_ name: String, _ type: T.Type) -> UnsafeMutablePointer<T> {
            let c = columns.first { $0.name == name }!
            return UnsafeMutableRawPointer(base + c.offset).bindMemory(to: T.self, capacity: c.count)
        }
        let outOffsets = column(PanelStoreLayout.productOffsets, Int64.self)
        let outExporter = column(PanelStoreLayout.exporter, UInt16.self)
        let outImporter = column(PanelStoreLayout.importer, UInt16.self)
        let outBasis = column(PanelStoreLayout.basis, UInt8.self)
        let outValue = column(PanelStoreLayout.value, Double.self)
        let outQuantity = column(PanelStoreLayout.quantity, Double.self)
        offsets.withUnsafeBufferPointer { _ = memcpy(outOffsets, $0.baseAddress!, $0.count * 8) }

        // Scatter the rows into their blocks (a stable counting sort: each chunk fills the
        // places after those of the chunks before it).
        let out = UncheckedBox((outExporter, outImporter, outBasis, outValue, outQuantity))
        ParallelWork.forEach(chunks.count, threads: threads) { k in
            let chunk = chunks[k]
            let (outExporter, outImporter, outBasis, outValue, outQuantity) = out.value
            var next = starts[k]
            yearRank.withUnsafeBufferPointer { yr in
            chunkProductRank[k].withUnsafeBufferPointer { pr in
            chunkCountryRank[k].withUnsafeBufferPointer { cr in
            next.withUnsafeMutableBufferPointer { nx in
                for r in 0..<chunk.count {
                    let key = Int(yr[Int(chunk.year[r])]) &* productCount &+ Int(pr[Int(chunk.product[r])])
                    let at = nx[key]
                    nx[key] = at &+ 1
                    outExporter[at] = cr[Int(chunk.exporter[r])]
                    outImporter[at] = cr[Int(chunk.importer[r])]
                    outBasis[at] = chunk.basis[r]
                    outValue[at] = chunk.value[r]
                    outQuantity[at] = chunk.quantity[r]
                }
            }}}}
        }
        progress?(0.7)

        // Duplicates: the same exporter, importer and basis twice in one block. The input row of
        // a stored position is only needed for the messages, so it is rebuilt only then.
        let duplicates = findDuplicates(offsets: offsets, exporter: outExporter, importer: outImporter, basis: outBasis,
                                        limit: errorLimit, threads: threads)
        if !duplicates.isEmpty {
            // The chunk and row of each stored position.
            var source = [(chunk: Int, row: Int)](repeating: (0, 0), count: n)
            for (k, chunk) in chunks.enumerated() {
                var next = starts[k]
                for r in 0..<chunk.count {
                    let key = Int(yearRank[Int(chunk.year[r])]) * productCount + Int(chunkProductRank[k][Int(chunk.product[r])])
                    source[next[key]] = (k, r)
                    next[key] += 1
                }
            }
            var issues: [DataIssue] = []
            for (block, at, previous) in duplicates {
                // Chunks are in input order, and rows within a chunk too.
                let (first, second) = [source[at], source[previous]].sorted { $0.chunk != $1.chunk ? $0.chunk < $1.chunk : $0.row < $1.row }
                    .twoElements
                let prod = products[productOrder[block % productCount]]
                let edition = prod.edition.map { " (\($0.rawValue))" } ?? ""
                let from = countries[countryOrder[Int(outExporter[at])]].code, to = countries[countryOrder[Int(outImporter[at])]].code
                let basisLabel = PanelFlowBasis(rawValue: outBasis[at])?.label ?? "?"
                let firstChunk = chunks[first.chunk], secondChunk = chunks[second.chunk]
                issues.append(DataIssue(
                    file: inputs[Int(secondChunk.file)].file, line: secondChunk.fileLine(second.row),
                    message: "duplicate flow: year \(years[block / productCount]), product \(prod.code)\(edition), \(from) → \(to) (\(basisLabel)) already on line \(firstChunk.fileLine(first.row)) of \(inputs[Int(firstChunk.file)].file)"))
            }
            throw DataReadError(issues: issues, stoppedAtLimit: duplicates.count >= errorLimit)
        }
        // Checksums: each column's, then the header's (over the prefix and the header).
        var sums = [UInt32](repeating: 0, count: columns.count)
        sums.withUnsafeMutableBufferPointer { sums in
            let out = UncheckedBox(sums)
            let laidOut = columns
            ParallelWork.forEach(laidOut.count, threads: threads) { i in
                let c = laidOut[i]
                out.value[i] = CRC32.of(UnsafeRawBufferPointer(start: base + c.offset, count: c.count * PanelStoreLayout.width(of: c.type)!))
            }
        }
        var summed = header
        for i in summed.columns.indices { summed.columns[i].crc32 = PanelStoreLayout.hex(sums[i]) }
        let summedBytes = [UInt8](try encoder.encode(summed))
        precondition(summedBytes.count == headerBytes.count, "the header changed length with its checksums")
        front.replaceSubrange(PanelStoreLayout.prefixSize..<(PanelStoreLayout.prefixSize + summedBytes.count), with: summedBytes)
        front.withUnsafeMutableBytes { raw in
            let crc = PanelStoreLayout.headerChecksum(prefix: raw.baseAddress!, header: raw.baseAddress! + PanelStoreLayout.prefixSize,
                                                      headerLength: summedBytes.count)
            raw.storeBytes(of: crc.littleEndian, toByteOffset: PanelStoreLayout.headerChecksumOffset, as: UInt32.self)
        }
        try front.withUnsafeBytes { try writeAll(fd, $0.baseAddress!, $0.count, at: 0, path: path) }
        progress?(0.9)

        guard FileReplacement.move(temp, over: path) else {
            throw DataReadError(issues: [DataIssue(file: path, message: "cannot move the finished store into place: \(String(cString: strerror(errno)))")])
        }
        committed = true
        progress?(1)
        return summed
    }

    /// Refuses to write over anything but a regular file: a symbolic link, folder, FIFO or
    /// device at the target would be replaced by the rename, or worse.
    static func checkTarget(_ path: String) throws {
        if let kind = FileReplacement.nonRegularKind(at: path) {
            throw DataReadError(issues: [DataIssue(file: path, message: "refusing to replace it: it is \(kind), not a store file (choose another --out)")])
        }
    }

    /// Removes `.NAME.PID.tmp` files left in `folder` by imports that were killed (their
    /// process no longer runs).
    static func removeStaleTemporaries(of name: String, in folder: String) {
        guard let entries = try? FileManager.default.contentsOfDirectory(atPath: folder) else { return }
        let prefix = "." + name + "."
        for entry in entries where entry.hasPrefix(prefix) && entry.hasSuffix(".tmp") {
            let pid = entry.dropFirst(prefix.count).dropLast(4)
            guard let p = Int32(pid), p > 0, p != getpid() else { continue }
            if kill(p, 0) != 0 && errno == ESRCH { unlink(folder + "/" + entry) }
        }
    }

    /// Writes `count` bytes at `offset`, in pieces of at most 1 GB, retrying short writes.
    private func writeAll(_ fd: Int32, _ bytes: UnsafeRawPointer, _ count: Int, at offset: Int, path: String) throws {
        var done = 0
        while done < count {
            let n = pwrite(fd, bytes + done, min(count - done, 1 << 30), off_t(offset + done))
            if n < 0 && errno == EINTR { continue }
            guard n > 0 else {
                throw DataReadError(issues: [DataIssue(file: path, message: "cannot write the store: \(String(cString: strerror(errno)))")])
            }
            done += n
        }
    }

    /// Stored positions (block, position, earlier position) of rows that repeat an exporter,
    /// importer and basis within their block; the first `limit` in block order. The blocks are
    /// cut into one stretch a thread, of about as many rows each.
    private func findDuplicates(offsets: [Int64], exporter: UnsafeMutablePointer<UInt16>, importer: UnsafeMutablePointer<UInt16>,
                                basis: UnsafeMutablePointer<UInt8>, limit: Int, threads: Int) -> [(Int, Int, Int)] {
        let blocks = offsets.count - 1, rows = Int(offsets[blocks])
        let parts = max(1, min(threads, rows / 100_000))
        var bounds = [0]
        for k in 1..<parts {
            let target = Int64(rows / parts * k)
            var lo = bounds[k - 1], hi = blocks
            while lo < hi { let mid = (lo + hi) / 2; if offsets[mid] < target { lo = mid + 1 } else { hi = mid } }
            bounds.append(lo)
        }
        bounds.append(blocks)
        var found = [[(Int, Int, Int)]](repeating: [], count: parts)
        let columns = UncheckedBox((exporter, importer, basis))
        found.withUnsafeMutableBufferPointer { found in
            let out = UncheckedBox(found)
            ParallelWork.forEach(parts, threads: threads) { k in
                let (exporter, importer, basis) = columns.value
                out.value[k] = duplicates(in: bounds[k]..<bounds[k + 1], offsets: offsets, exporter: exporter,
                                          importer: importer, basis: basis, limit: limit)
            }
        }
        return Array(found.joined().prefix(max(1, limit)))
    }

    private func duplicates(in blocks: Range<Int>, offsets: [Int64], exporter: UnsafeMutablePointer<UInt16>,
                            importer: UnsafeMutablePointer<UInt16>, basis: UnsafeMutablePointer<UInt8>,
                            limit: Int) -> [(Int, Int, Int)] {
        let c = countries.count
        let dense = c <= 1024
        var stamp = [Int32](repeating: -1, count: dense ? 3 * c * c : 0)
        var lastAt = [Int32](repeating: 0, count: dense ? 3 * c * c : 0)
        var found: [(Int, Int, Int)] = []
        for b in blocks {
            let lo = Int(offsets[b]), hi = Int(offsets[b + 1])
            if hi - lo < 2 { continue }
            var sparse: [Int: Int] = [:]
            for at in lo..<hi {
                let key = (Int(basis[at]) * c + Int(exporter[at])) * c + Int(importer[at])
                var previous: Int? = nil
                if dense {
                    if stamp[key] == Int32(truncatingIfNeeded: b) { previous = Int(lastAt[key]) + lo }
                    stamp[key] = Int32(truncatingIfNeeded: b)
                    lastAt[key] = Int32(at - lo)
                } else {
                    previous = sparse[key]
                    sparse[key] = at
                }
                if let previous {
                    found.append((b, at, previous))
                    if found.count >= max(1, limit) { return found }
                }
            }
        }
        return found
    }
}

/// Carries pointers into buffers that the threads of ``ParallelWork`` fill in disjoint parts.
private struct UncheckedBox<T>: @unchecked Sendable {
    let value: T
    init(_ value: T) { self.value = value }
}

private extension Array {
    /// The first two elements (the array has at least two).
    var twoElements: (Element, Element) { (self[0], self[1]) }
}
