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
    /// - Returns: the header that was written.
    @discardableResult
    public func write(to path: String, errorLimit: Int = 20, progress: ((Double) -> Void)? = nil) throws -> PanelStoreHeader {
        let n = rowCount
        guard n > 0 else {
            throw DataReadError(issues: [DataIssue(file: inputs.map(\.file).joined(separator: ", "),
                                                   message: "no trade rows to store (every row was skipped or the files are empty)")])
        }
        // Dictionary ranks: years ascending, products by code then edition, countries by code.
        var yearSeen = [Bool](repeating: false, count: 65536)
        for y in year { yearSeen[Int(y)] = true }
        let years = (0..<65536).filter { yearSeen[$0] }
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

        let productCount = products.count
        let blockCount = years.count * productCount
        var offsets = [Int64](repeating: 0, count: blockCount + 1)
        year.withUnsafeBufferPointer { yb in
            product.withUnsafeBufferPointer { pb in
                for r in 0..<n {
                    let key = Int(yearRank[Int(yb[r])]) * productCount + Int(productRank[Int(pb[r])])
                    offsets[key + 1] += 1
                }
            }
        }
        for b in 0..<blockCount { offsets[b + 1] += offsets[b] }
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

        // Temporary file next to the target.
        let url = URL(fileURLWithPath: path)
        let folder = url.deletingLastPathComponent().path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
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
        guard ftruncate(fd, off_t(fileLength)) == 0 else {
            throw DataReadError(issues: [DataIssue(file: path, message: "cannot size the store to \(fileLength) bytes: \(String(cString: strerror(errno)))")])
        }
        guard let mapped = mmap(nil, fileLength, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0), mapped != MAP_FAILED else {
            throw DataReadError(issues: [DataIssue(file: path, message: "cannot map the store for writing: \(String(cString: strerror(errno)))")])
        }
        defer { munmap(mapped, fileLength) }
        let base = mapped.assumingMemoryBound(to: UInt8.self)

        // Prefix and header.
        for (i, b) in PanelStoreLayout.magic.enumerated() { base[i] = b }
        (base + 8).withMemoryRebound(to: UInt32.self, capacity: 2) {
            $0[0] = UInt32(PanelStoreHeader.currentFormatVersion).littleEndian
            $0[1] = 0
        }
        (base + 16).withMemoryRebound(to: UInt64.self, capacity: 3) {
            $0[0] = UInt64(headerBytes.count).littleEndian
            $0[1] = UInt64(dataOffset).littleEndian
            $0[2] = UInt64(fileLength).littleEndian
        }
        headerBytes.withUnsafeBufferPointer { _ = memcpy(base + PanelStoreLayout.prefixSize, $0.baseAddress!, $0.count) }

        func column<T>(_ name: String, _ type: T.Type) -> UnsafeMutablePointer<T> {
            let c = columns.first { $0.name == name }!
            return UnsafeMutableRawPointer(base + dataOffset + c.offset).bindMemory(to: T.self, capacity: c.count)
        }
        let outOffsets = column(PanelStoreLayout.productOffsets, Int64.self)
        let outExporter = column(PanelStoreLayout.exporter, UInt16.self)
        let outImporter = column(PanelStoreLayout.importer, UInt16.self)
        let outBasis = column(PanelStoreLayout.basis, UInt8.self)
        let outValue = column(PanelStoreLayout.value, Double.self)
        let outQuantity = column(PanelStoreLayout.quantity, Double.self)
        offsets.withUnsafeBufferPointer { _ = memcpy(outOffsets, $0.baseAddress!, $0.count * 8) }

        // Scatter the rows into their blocks (stable counting sort).
        func blockKey(_ r: Int) -> Int { Int(yearRank[Int(year[r])]) * productCount + Int(productRank[Int(product[r])]) }
        var next = offsets
        year.withUnsafeBufferPointer { yb in
        product.withUnsafeBufferPointer { pb in
        exporter.withUnsafeBufferPointer { eb in
        importer.withUnsafeBufferPointer { ib in
        basis.withUnsafeBufferPointer { bb in
        value.withUnsafeBufferPointer { vb in
        quantity.withUnsafeBufferPointer { qb in
        yearRank.withUnsafeBufferPointer { yr in
        productRank.withUnsafeBufferPointer { pr in
        countryRank.withUnsafeBufferPointer { cr in
        next.withUnsafeMutableBufferPointer { nx in
            for r in 0..<n {
                let key = Int(yr[Int(yb[r])]) * productCount + Int(pr[Int(pb[r])])
                let at = Int(nx[key])
                nx[key] = Int64(at + 1)
                outExporter[at] = cr[Int(eb[r])]
                outImporter[at] = cr[Int(ib[r])]
                outBasis[at] = bb[r]
                outValue[at] = vb[r]
                outQuantity[at] = qb[r]
            }
        }}}}}}}}}}}
        progress?(0.7)

        // Duplicates: the same exporter, importer and basis twice in one block. The input row of
        // a stored position is only needed for the messages, so it is rebuilt only then.
        let duplicates = findDuplicates(offsets: offsets, exporter: outExporter, importer: outImporter, basis: outBasis,
                                        limit: errorLimit)
        if !duplicates.isEmpty {
            var sourceRow = [Int](repeating: 0, count: n)
            var cursor = offsets
            for r in 0..<n {
                let key = blockKey(r)
                sourceRow[Int(cursor[key])] = r
                cursor[key] += 1
            }
            var issues: [DataIssue] = []
            for (block, at, previous) in duplicates {
                let first = min(sourceRow[at], sourceRow[previous]), second = max(sourceRow[at], sourceRow[previous])
                let prod = products[productOrder[block % productCount]]
                let edition = prod.edition.map { " (\($0.rawValue))" } ?? ""
                let from = countries[countryOrder[Int(outExporter[at])]].code, to = countries[countryOrder[Int(outImporter[at])]].code
                let basisLabel = PanelFlowBasis(rawValue: outBasis[at])?.label ?? "?"
                issues.append(DataIssue(
                    file: inputs[Int(file[second])].file, line: Int(line[second]),
                    message: "duplicate flow: year \(years[block / productCount]), product \(prod.code)\(edition), \(from) → \(to) (\(basisLabel)) already on line \(line[first]) of \(inputs[Int(file[first])].file)"))
            }
            throw DataReadError(issues: issues, stoppedAtLimit: duplicates.count >= errorLimit)
        }
        progress?(0.9)

        guard rename(temp, path) == 0 else {
            throw DataReadError(issues: [DataIssue(file: path, message: "cannot move the finished store into place: \(String(cString: strerror(errno)))")])
        }
        committed = true
        progress?(1)
        return header
    }

    /// Stored positions (block, position, earlier position) of rows that repeat an exporter,
    /// importer and basis within their block; at most `limit`.
    private func findDuplicates(offsets: [Int64], exporter: UnsafeMutablePointer<UInt16>, importer: UnsafeMutablePointer<UInt16>,
                                basis: UnsafeMutablePointer<UInt8>, limit: Int) -> [(Int, Int, Int)] {
        let c = countries.count
        let dense = c <= 1024
        var stamp = [Int32](repeating: -1, count: dense ? 3 * c * c : 0)
        var lastAt = [Int32](repeating: 0, count: dense ? 3 * c * c : 0)
        var found: [(Int, Int, Int)] = []
        for b in 0..<(offsets.count - 1) {
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
