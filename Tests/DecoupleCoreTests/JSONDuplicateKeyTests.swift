import Foundation
import Testing
@testable import DecoupleCore

/// Issue #22: JSONSerialization keeps the last of two equal keys without a word; the readers
/// reject them with the position of the second.
@Suite struct JSONDuplicateKeyTests {
    func duplicate(_ text: String) -> (key: String, line: Int, column: Int)? { JSONText.firstDuplicateKey(in: Data(text.utf8)) }

    @Test func findsTheSecondOccurrenceWithItsPosition() throws {
        let d = try #require(duplicate("{\n  \"a\": 1,\n  \"b\": {\"c\": 2},\n  \"a\": 3\n}"))
        #expect(d.key == "a" && d.line == 4 && d.column == 3)
        #expect(duplicate(#"{"x": [{"k": 1}, {"k": 2}], "y": {"k": 3}}"#) == nil)        // same key in different objects
        #expect(duplicate(#"{"s": "a,\"b\": {", "b": 1}"#) == nil)                       // structure inside strings ignored
        #expect(duplicate(#"{"\u0061": 1, "a": 2}"#)?.key == "a")                        // escapes decoded
        #expect(duplicate(#"[{"a": 1, "a": 2}]"#)?.column == 11)
        #expect(duplicate(#"{"é": 1, "ü": 2, "ü": 3}"#)?.column == 18)                  // columns in characters
    }
}
