import Foundation

/// Helpers the JSON readers share: where a `JSONSerialization` error is, in words and as
/// line:column, and telling a JSON boolean from a number.
package enum JSONText {
    /// The parser's own description of the error.
    package static func detail(of error: Error) -> String {
        ((error as NSError).userInfo[NSDebugDescriptionErrorKey] as? String) ?? "\(error)"
    }

    /// Line and column of "around character N" in a JSONSerialization error.
    package static func location(of error: Error, in data: Data) -> (Int?, Int?) {
        let text = detail(of: error)
        guard let r = text.range(of: "character "), let offset = Int(text[r.upperBound...].prefix { $0.isNumber }) else { return (nil, nil) }
        var line = 1, column = 1
        for (i, b) in data.enumerated() {
            if i >= offset { break }
            if b == UInt8(ascii: "\n") { line += 1; column = 1 } else if b & 0xC0 != 0x80 { column += 1 }
        }
        return (line, column)
    }
}

/// True when the number came from a JSON `true`/`false` (Foundation types those as `char`).
package func isJSONBool(_ n: NSNumber) -> Bool { String(cString: n.objCType) == "c" }
