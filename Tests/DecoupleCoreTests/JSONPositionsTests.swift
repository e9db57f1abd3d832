import Foundation
import Testing
@testable import DecoupleCore

/// Issue #22 item 6: an error found after parsing names the line and column of its value.
@Suite struct JSONPositionsTests {
    let text = """
    {
      "title": "t",
      "alliances": [
        {"id": "msp", "members": [{"country": "USA"}, {"country": "IND", "joined": "2021-01-01"}]},
        {"id": "a/b~c", "n": -1.5e3, "ok": true, "none": null}
      ],
      "k\\u00e9y": {"x": [1, [2, 3]]}
    }
    """

    func at(_ path: String) -> (Int, Int)? {
        JSONPositions(Data(text.utf8)).position(path: path).map { ($0.line, $0.column) }
    }

    @Test func valuesAreFoundByTheReadersPaths() {
        #expect(at("") ?? (0, 0) == (1, 1))
        #expect(at("title") ?? (0, 0) == (2, 12))
        #expect(at("alliances[0]") ?? (0, 0) == (4, 5))
        #expect(at("alliances[0] (msp) › members[1] › joined") ?? (0, 0) == (4, 80))
        #expect(at("$.alliances[1].n") ?? (0, 0) == (5, 26))
        #expect(at("alliances[1].ok") ?? (0, 0) == (5, 40))
        #expect(at("alliances[1].none") ?? (0, 0) == (5, 54))
        #expect(at("kéy.x[1][0]") ?? (0, 0) == (7, 26))     // an escaped key, nested lists
    }

    /// A field that is missing resolves to the object it is missing from.
    @Test func aMissingFieldPointsAtItsObject() {
        #expect(at("alliances[0] › members[0] › joined") ?? (0, 0) == (4, 31))
        #expect(at("alliances[7]") ?? (0, 0) == (3, 16))
    }

    @Test func pointersEscapeSlashAndTilde() {
        #expect(JSONPositions.pointer(["a/b", "c~d", "0"]) == "/a~1b/c~0d/0")
        #expect(JSONPositions.components(ofPath: "figures[3] (stage-shares:1).share") == ["figures", "3", "share"])
        #expect(JSONPositions.components(ofPath: "$.shock.cut") == ["shock", "cut"])
    }

    /// A key a `Decodable` type ignored is found by comparing the user's JSON with the decoded
    /// value encoded back.
    @Test func unknownKeysAreFoundAtAnyDepth() {
        let user: [String: Any] = ["a": 1, "list": [["x": 1], ["x": 2, "typo": 3]], "note": "n", "opt": NSNull()]
        let decoded: [String: Any] = ["a": 1, "list": [["x": 1], ["x": 2]]]
        let hit = JSONText.firstUnknownKey(in: user, comparedWith: decoded, ignoring: ["note"])
        #expect(hit?.key == "typo" && hit?.path == "list[1]")
        #expect(JSONText.firstUnknownKey(in: ["a": 1], comparedWith: decoded) == nil)
    }

    /// A column is shown only after its line: "file:7: …" would read as line 7 (#22).
    @Test func aColumnWithoutALineIsNotShown() {
        #expect(DataIssue(file: "f.csv", column: 7, message: "m").description == "f.csv: m")
        #expect(DataIssue(file: "f.csv", line: 2, column: 7, message: "m").description == "f.csv:2:7: m")
    }
}
