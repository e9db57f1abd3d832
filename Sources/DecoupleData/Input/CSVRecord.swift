/// One record of a delimited file, valid only inside the callback that receives it.
///
/// Fields are kept as bytes; read them with ``string(_:)``, ``integer(_:)`` or
/// ``number(_:)``, which parse straight from the bytes without making strings.
public final class CSVRecord {
    /// 1-based line on which the record starts.
    public internal(set) var line = 0
    var bytes: [UInt8] = []
    var starts: [Int] = []
    var ends: [Int] = []
    var columns: [Int] = []

    init() {
        bytes.reserveCapacity(4096)
        starts.reserveCapacity(64)
        ends.reserveCapacity(64)
        columns.reserveCapacity(64)
    }

    /// The number of fields.
    public var count: Int { starts.count }

    /// The 1-based byte column at which field `i` starts.
    public func column(_ i: Int) -> Int { columns[i] }

    /// Field `i` as text (quotes removed, doubled quotes unescaped).
    public func string(_ i: Int) -> String {
        bytes.withUnsafeBufferPointer { String(decoding: $0[starts[i]..<ends[i]], as: UTF8.self) }
    }

    /// True when field `i` has no bytes.
    public func isEmpty(_ i: Int) -> Bool { starts[i] == ends[i] }

    /// True when field `i` is exactly `text` (ASCII comparison, no allocation).
    public func field(_ i: Int, equals text: StaticString) -> Bool {
        let n = ends[i] - starts[i]
        guard n == text.utf8CodeUnitCount else { return false }
        return bytes.withUnsafeBufferPointer { b in
            let p = text.utf8Start
            for k in 0..<n where b[starts[i] + k] != p[k] { return false }
            return true
        }
    }

    /// Field `i` as a whole number, or nil when it is not one (an optional sign, then digits).
    public func integer(_ i: Int) -> Int? {
        bytes.withUnsafeBufferPointer { NumberParsing.integer($0[starts[i]..<ends[i]]) }
    }

    /// Field `i` as a decimal number, or nil when it is not one. With
    /// `thousandsSeparator`, commas between digits are allowed ("1,187.5").
    public func number(_ i: Int, thousandsSeparator: Bool = false) -> Double? {
        bytes.withUnsafeBufferPointer { NumberParsing.decimal($0[starts[i]..<ends[i]], thousandsSeparator: thousandsSeparator) }
    }

    /// Every field as text (for headers and error messages).
    public var strings: [String] { (0..<count).map(string) }
}
