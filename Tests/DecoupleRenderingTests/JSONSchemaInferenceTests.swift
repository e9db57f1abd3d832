import Foundation
import Testing
@testable import DecoupleRendering

/// Issue #23: the response schemas of the OpenAPI description are read off the Swift types.
@Suite struct JSONSchemaInferenceTests {
    enum Colour: String, Codable, CaseIterable { case red, green }
    struct Leaf: Codable { let name: String; let count: Int }
    struct Document: Codable {
        let title: String
        let share: Double
        let colour: Colour
        let note: String?
        let leaves: [Leaf]
        let byCountry: [String: Double]
        let flags: [Bool]
        let later: Leaf?
    }

    @Test func schemaFollowsTheTypes() throws {
        let inference = JSONSchemaInference()
        try inference.add(Document(title: "a", share: .nan, colour: .red, note: nil, leaves: [Leaf(name: "x", count: 1)],
                                   byCountry: ["USA": 1], flags: [], later: nil), as: "doc")
        try inference.add(Document(title: "b", share: 0.5, colour: .green, note: "n", leaves: [], byCountry: [:],
                                   flags: [true], later: Leaf(name: "y", count: 2)), as: "doc")
        #expect(inference.schema(of: "doc") == ["$ref": "#/components/schemas/JSONSchemaInferenceTests.Document"])
        let components = Dictionary(uniqueKeysWithValues: inference.componentSchemas().map { ($0.name, $0.schema) })
        #expect(components.keys.sorted() == ["JSONSchemaInferenceTests.Document", "JSONSchemaInferenceTests.Leaf"])
        let document = try #require(components["JSONSchemaInferenceTests.Document"])
        // Optional members are not required, even when present in a sample.
        #expect(document["required"] == .strings(["byCountry", "colour", "flags", "leaves", "share", "title"]))
        let properties = try #require(document["properties"])
        #expect(properties["title"] == ["type": "string"])
        #expect(properties["note"] == ["type": "string"])
        #expect(properties["colour"] == ["type": "string", "enum": ["red", "green"]])
        // A sample held NaN: DecoupleJSON writes it as a string.
        #expect(properties["share"] == ["anyOf": [["type": "number"], ["type": "string", "enum": ["inf", "-inf", "nan"], "description": "A number that is not finite."]]])
        #expect(properties["leaves"] == ["type": "array", "items": ["$ref": "#/components/schemas/JSONSchemaInferenceTests.Leaf"]])
        #expect(properties["byCountry"] == ["type": "object", "additionalProperties": ["type": "number"]])
        #expect(properties["flags"] == ["type": "array", "items": ["type": "boolean"]])
        #expect(properties["later"] == ["$ref": "#/components/schemas/JSONSchemaInferenceTests.Leaf"])
        #expect(components["JSONSchemaInferenceTests.Leaf"] == [
            "type": "object", "required": ["count", "name"], "properties": ["count": ["type": "integer"], "name": ["type": "string"]],
        ])
    }

    @Test func yamlQuotesWhatAReaderCouldMisread() {
        let value: OrderedJSON = [
            "plain": "batteries", "yes": "yes", "number": "1.0", "date": "2024-01-01", "hash": "#/components/x",
            "colon": "a: b", "empty": "", "list": ["USA", "no", "50"], "200": 1, "fraction": 0.25, "big": 1e13,
            "multi": "line one\nline two\n", "nested": ["k": []],
        ]
        #expect(value.yaml() == """
            plain: batteries
            "yes": "yes"
            number: "1.0"
            date: "2024-01-01"
            hash: "#/components/x"
            colon: "a: b"
            empty: ""
            list: [USA, "no", "50"]
            "200": 1
            fraction: 0.25
            big: 10000000000000
            multi: |
              line one
              line two
            nested:
              k: []

            """)
        #expect(OrderedJSON.array([["a": 1, "b": ["c": true]]]).yaml() == "- a: 1\n  b:\n    c: true\n")
        #expect(OrderedJSON.object([.init("k", "x\"y")]).json() == "{\n  \"k\": \"x\\\"y\"\n}\n")
        // Read back from JSON (the request-body example): members in key order, types kept.
        let read = try? JSONDecoder().decode(OrderedJSON.self, from: Data(#"{"b": [1, 2.5, true, null, "x"], "a": {}}"#.utf8))
        #expect(read == ["a": [:], "b": [1, 2.5, true, .null, "x"]])
    }
}
