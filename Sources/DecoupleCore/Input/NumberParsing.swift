#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Number parsing straight from bytes: exact for the decimal numbers trade files hold.
package enum NumberParsing {
    private static let powersOfTen: [Double] = (0...22).map { pow(10.0, Double($0)) }

    package static func integer(_ b: Slice<UnsafeBufferPointer<UInt8>>) -> Int? {
        var i = b.startIndex
        guard i < b.endIndex else { return nil }
        var negative = false
        if b[i] == UInt8(ascii: "-") || b[i] == UInt8(ascii: "+") {
            negative = b[i] == UInt8(ascii: "-")
            i += 1
        }
        guard i < b.endIndex else { return nil }
        var v = 0
        while i < b.endIndex {
            let d = Int(b[i]) &- 48
            guard d >= 0, d <= 9 else { return nil }
            let (m, o1) = v.multipliedReportingOverflow(by: 10)
            let (s, o2) = m.addingReportingOverflow(d)
            if o1 || o2 { return nil }
            v = s
            i += 1
        }
        return negative ? -v : v
    }

    /// Parses `[sign] digits [. digits] [e|E [sign] digits]`. Uses the exact fast path
    /// (mantissa below 2^53 and power of ten at most 22) and falls back to `strtod`.
    package static func decimal(_ b: Slice<UnsafeBufferPointer<UInt8>>, thousandsSeparator: Bool = false) -> Double? {
        var i = b.startIndex
        let end = b.endIndex
        guard i < end else { return nil }
        var negative = false
        if b[i] == UInt8(ascii: "-") || b[i] == UInt8(ascii: "+") {
            negative = b[i] == UInt8(ascii: "-")
            i += 1
        }
        var mantissa: UInt64 = 0
        var digits = 0, significant = 0, fractionDigits = 0
        var exact = true
        var sawPoint = false
        var previousWasDigit = false
        while i < end {
            let c = b[i]
            if c >= 48 && c <= 57 {
                digits += 1
                if mantissa == 0 && c == 48 && !sawPoint {
                    // leading zero
                } else if significant < 19 {
                    mantissa = mantissa &* 10 &+ UInt64(c - 48)
                    significant += 1
                } else {
                    exact = false
                }
                if sawPoint { fractionDigits += 1 }
                previousWasDigit = true
            } else if c == UInt8(ascii: ".") && !sawPoint {
                sawPoint = true
                previousWasDigit = false
            } else if c == UInt8(ascii: ",") && thousandsSeparator && !sawPoint && previousWasDigit {
                previousWasDigit = false
            } else {
                break
            }
            i += 1
        }
        guard digits > 0 else { return nil }
        var exponent = 0
        if i < end {
            guard b[i] == UInt8(ascii: "e") || b[i] == UInt8(ascii: "E") else { return nil }
            i += 1
            guard let e = integer(b[i..<end]) else { return nil }
            exponent = e
            i = end
        }
        exponent -= fractionDigits
        if exact && mantissa < (1 << 53) && abs(exponent) <= 22 {
            var v = Double(mantissa)
            v = exponent < 0 ? v / powersOfTen[-exponent] : v * powersOfTen[exponent]
            return negative ? -v : v
        }
        // Slow path: hand the cleaned text to strtod.
        var text = [CChar]()
        text.reserveCapacity(b.count + 1)
        for c in b where c != UInt8(ascii: ",") { text.append(CChar(bitPattern: c)) }
        text.append(0)
        return text.withUnsafeBufferPointer { p -> Double? in
            var endPtr: UnsafeMutablePointer<CChar>?
            let v = strtod(p.baseAddress!, &endPtr)
            guard let endPtr, endPtr - UnsafeMutablePointer(mutating: p.baseAddress!) == text.count - 1 else { return nil }
            return v.isFinite ? v : nil
        }
    }
}
