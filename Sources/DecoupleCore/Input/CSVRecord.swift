/// One record of a delimited file, valid only inside the callback that receives it.
///
/// Fields are kept as byte ranges of the reader's buffer; read them with ``string(_:)``,
/// ``integer(_:)`` or ``number(_:)``, which parse straight from the bytes.
public final class CSVRecord {
    /// The record's fields live behind one pointer, so that the hot loop pays no dynamic
    /// exclusivity checks on class properties.
    /// Readers' hot loops (the input–output matrix reader) read the field bounds directly.
    package struct State {
        package var line = 0
        package var count = 0
        package var capacity = 64
        package var base: UnsafePointer<UInt8>? = nil
        package var starts: UnsafeMutablePointer<Int>
        package var ends: UnsafeMutablePointer<Int>
        package var columns: UnsafeMutablePointer<Int>
    }
    package let state: UnsafeMutablePointer<State>

    /// 1-based line on which the record starts.
    public var line: Int { state.pointee.line }
    /// The number of fields.
    public var count: Int { state.pointee.count }

    init() {
        state = .allocate(capacity: 1)
        state.initialize(to: State(starts: .allocate(capacity: 64), ends: .allocate(capacity: 64),
                                   columns: .allocate(capacity: 64)))
    }

    deinit {
        state.pointee.starts.deallocate()
        state.pointee.ends.deallocate()
        state.pointee.columns.deallocate()
        state.deinitialize(count: 1)
        state.deallocate()
    }

    @inline(__always) func reset(base: UnsafePointer<UInt8>, line: Int) {
        state.pointee.base = base
        state.pointee.line = line
        state.pointee.count = 0
    }

    @inline(__always) func append(start: Int, end: Int, column: Int) {
        if state.pointee.count == state.pointee.capacity { grow() }
        let n = state.pointee.count
        state.pointee.starts[n] = start
        state.pointee.ends[n] = end
        state.pointee.columns[n] = column
        state.pointee.count = n + 1
    }

    private func grow() {
        let old = state.pointee.capacity, n = old * 2
        func moved(_ p: UnsafeMutablePointer<Int>) -> UnsafeMutablePointer<Int> {
            let q = UnsafeMutablePointer<Int>.allocate(capacity: n)
            q.update(from: p, count: old)
            p.deallocate()
            return q
        }
        state.pointee.starts = moved(state.pointee.starts)
        state.pointee.ends = moved(state.pointee.ends)
        state.pointee.columns = moved(state.pointee.columns)
        state.pointee.capacity = n
    }

    @inline(__always) package func bytes(_ i: Int) -> UnsafeBufferPointer<UInt8> {
        let s = state.pointee.starts[i]
        return UnsafeBufferPointer(start: state.pointee.base! + s, count: state.pointee.ends[i] - s)
    }

    /// The 1-based byte column at which field `i` starts.
    public func column(_ i: Int) -> Int { state.pointee.columns[i] }

    /// Field `i` as text (quotes removed, doubled quotes unescaped).
    public func string(_ i: Int) -> String { String(decoding: bytes(i), as: UTF8.self) }

    /// True when field `i` has no bytes.
    public func isEmpty(_ i: Int) -> Bool { state.pointee.starts[i] == state.pointee.ends[i] }

    /// True when field `i` is exactly `text` (byte comparison, no allocation).
    public func field(_ i: Int, equals text: StaticString) -> Bool {
        let b = bytes(i)
        guard b.count == text.utf8CodeUnitCount else { return false }
        return b.count == 0 || memcmp(b.baseAddress!, text.utf8Start, b.count) == 0
    }

    /// Field `i` as a whole number, or nil when it is not one (an optional sign, then digits).
    public func integer(_ i: Int) -> Int? { NumberParsing.integer(bytes(i)[...]) }

    /// Field `i` as a decimal number, or nil when it is not one. With
    /// `thousandsSeparator`, commas between digits are allowed ("1,187.5").
    public func number(_ i: Int, thousandsSeparator: Bool = false) -> Double? {
        NumberParsing.decimal(bytes(i)[...], thousandsSeparator: thousandsSeparator)
    }

    /// Every field as text (for headers and error messages).
    public var strings: [String] { (0..<count).map(string) }
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
