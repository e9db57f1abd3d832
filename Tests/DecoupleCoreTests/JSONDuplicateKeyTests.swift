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

    /// Found by the fuzzer (decouple-fuzz, seed 22: scenario-json and framework-json cases 4,
    /// 21 …): Foundation's parsers accept a trailing comma; strict JSON does not.
    @Test func trailingCommasAreFaultsWithTheirPosition() throws {
        func comma(_ text: String) -> (line: Int, column: Int)? { JSONText.firstTrailingComma(in: Data(text.utf8)) }
        #expect(comma("{\n  \"a\": 1,\n}")! == (2, 9))
        #expect(comma("[1, 2,  ]")! == (1, 6))
        #expect(comma(#"{"s": "a,}", "t": [",]"]}"#) == nil)                             // inside strings
        #expect(comma(#"{"a": [1, 2], "b": {"c": 3}}"#) == nil)
        let fault = try #require(JSONText.firstStrictnessFault(in: Data(#"{"a": 1, "a": 2,}"#.utf8)))
        #expect(fault.message.hasPrefix("duplicate key \"a\"") && fault.column == 10)    // the earlier of the two faults
        #expect(JSONText.firstStrictnessFault(in: Data(#"{"a": [1,], "a": 2}"#.utf8))?.message == "a trailing comma before the closing bracket")
    }
}
