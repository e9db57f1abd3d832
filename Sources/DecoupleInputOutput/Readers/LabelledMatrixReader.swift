import DecoupleCore

/// A dense table of numbers with a label on every row and column, as input–output files hold
/// them: the first line is `corner,col_1,…,col_m`, every other line `row_label,v_1,…,v_m`.
public struct LabelledMatrix: Sendable {
    /// The first field of the header line (`seller\buyer`, `row`, `V1` …).
    public var corner: String
    public var rowLabels: [String]
    public var columnLabels: [String]
    /// Values in column-major order: element (i, j) at `values[j * rowLabels.count + i]`.
    public var values: [Double]
    /// The 1-based line of each row, for error messages.
    public var rowLines: [Int]
    /// The 1-based byte column of each column label in the header line.
    public var headerColumns: [Int]

    public var rowCount: Int { rowLabels.count }
    public var columnCount: Int { columnLabels.count }

    public subscript(i: Int, j: Int) -> Double { values[j * rowLabels.count + i] }

    /// Column j.
    public func column(_ j: Int) -> [Double] {
        Array(values[(j * rowLabels.count)..<((j + 1) * rowLabels.count)])
    }
}

/// Reads a ``LabelledMatrix`` from a CSV file (gzip or plain). Every value must be a number;
/// an empty field is read as 0 (the OECD and pymrio convention for blank cells). Problems are
/// collected (up to ``errorLimit``) as `file:line:column: what was expected`.
public struct LabelledMatrixReader: Sendable {
    public var errorLimit: Int

    public init(errorLimit: Int = 20) { self.errorLimit = errorLimit }

    public func read(path: String, displayName: String? = nil,
                     progress: ((Double) -> Void)? = nil) throws -> LabelledMatrix {
        let reader = DelimitedFileReader(path: path, displayName: displayName)
        var issues = IssueCollector(file: reader.displayName, limit: errorLimit)
        var corner = ""
        var columnLabels: [String] = []
        var headerColumns: [Int] = []
        var rowLabels: [String] = []
        var rowLines: [Int] = []
        var rowMajor: [Double] = []
        var width = 0
        var row = UnsafeMutablePointer<Double>.allocate(capacity: 1)
        defer { row.deallocate() }
        var sawHeader = false
        try reader.forEachRecord(progress: progress) { r in
            guard sawHeader else {
                sawHeader = true
                let names = Header(r).names
                corner = names.first ?? ""
                columnLabels = Array(names.dropFirst())
                headerColumns = (1..<max(1, r.count)).map { r.column($0) }
                width = columnLabels.count
                rowMajor.reserveCapacity(width * width)
                row = .allocate(capacity: max(1, width))
                return
            }
            guard width > 0 else { return }
            guard r.count == width + 1 else {
                try issues.add(line: r.line, column: nil,
                               "expected \(width + 1) fields (a row label and \(width) numbers, as in the header), found \(r.count)")
                return
            }
            rowLabels.append(r.string(0))
            rowLines.append(r.line)
            // Hot loop (16 M numbers for the ICIO): parse plain decimals straight from the
            // record's bytes into a row buffer; anything else goes through CSVRecord.number.
            let st = r.state.pointee
            let base = st.base!
            for k in 1...width {
                let start = st.starts[k]
                if let v = Self.plainDecimal(base + start, st.ends[k] - start) {
                    row[k - 1] = v
                } else if let v = r.number(k), v.isFinite {
                    row[k - 1] = v
                } else {
                    row[k - 1] = 0
                    if !r.isEmpty(k) {
                        try issues.add(line: r.line, column: r.column(k),
                                       "expected a number for column '\(columnLabels[k - 1])', found '\(r.string(k))'")
                    }
                }
            }
            rowMajor.append(contentsOf: UnsafeBufferPointer(start: row, count: width))
        }
        try issues.finish()
        guard sawHeader else {
            throw DataReadError(issues: [DataIssue(file: reader.displayName, line: 1, message: "empty file: expected a header line of column labels and data rows")])
        }
        if width == 0 {
            throw DataReadError(issues: [DataIssue(file: reader.displayName, line: 1, column: 1,
                                                   message: "expected column labels after the first header field, found none")])
        }
        if rowLabels.isEmpty {
            throw DataReadError(issues: [DataIssue(file: reader.displayName, line: 2,
                                                   message: "expected data rows after the header, found none")])
        }
        return LabelledMatrix(corner: corner, rowLabels: rowLabels, columnLabels: columnLabels,
                              values: Self.transpose(rowMajor, rows: rowLabels.count, columns: width),
                              rowLines: rowLines, headerColumns: headerColumns)
    }

    /// `[-]digits[.digits]` with at most 18 digits, exactly (correctly rounded); nil for
    /// anything else (exponents, signs like `+`, empty fields), which the caller hands to
    /// the general parser.
    @inline(__always)
    static func plainDecimal(_ p: UnsafePointer<UInt8>, _ count: Int) -> Double? {
        var i = 0
        var negative = false
        if count > 0 && p[0] == 45 { negative = true; i = 1 }
        var mantissa: UInt64 = 0
        var digits = 0, fraction = 0
        var point = false
        while i < count {
            let d = p[i] &- 48
            if d < 10 {
                mantissa = mantissa &* 10 &+ UInt64(d)
                digits += 1
                if point { fraction += 1 }
            } else if d == 254 && !point {   // "."
                point = true
            } else {
                return nil
            }
            i += 1
        }
        guard digits > 0, digits <= 15 else { return nil }
        let v = fraction == 0 ? Double(mantissa) : Double(mantissa) / powersOfTen[fraction]
        return negative ? -v : v
    }

    private static let powersOfTen: [Double] = (0...22).map { var p = 1.0; for _ in 0..<$0 { p *= 10 }; return p }

    /// Row-major → column-major, in cache-sized blocks.
    static func transpose(_ a: [Double], rows: Int, columns: Int) -> [Double] {
        var out = [Double](repeating: 0, count: a.count)
        let block = 64
        a.withUnsafeBufferPointer { src in
            out.withUnsafeMutableBufferPointer { dst in
                var ib = 0
                while ib < rows {
                    var jb = 0
                    while jb < columns {
                        for i in ib..<min(ib + block, rows) {
                            for j in jb..<min(jb + block, columns) { dst[j * rows + i] = src[i * columns + j] }
                        }
                        jb += block
                    }
                    ib += block
                }
            }
        }
        return out
    }
}
