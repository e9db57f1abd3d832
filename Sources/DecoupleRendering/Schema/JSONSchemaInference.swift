import Foundation

/// The JSON Schema of documents, read off their Swift types by encoding samples of them.
///
/// Each sample goes through an `Encoder` that records, instead of bytes, what the type's
/// `Encodable` conformance writes: object members and their types (`String` → string, `Int` →
/// integer, `Double` → number, …), which members are optional (written with `encodeIfPresent`,
/// as synthesised conformances do for `Optional` properties) and which are present in every
/// sample, array items, dictionaries (`additionalProperties`), and the values of enumerations
/// (`CaseIterable` types with `String` raw values). Every Swift type with members becomes one
/// named component, shared by every place it occurs, so the schema has the shape of the code.
///
/// What a sample cannot show stays open: an array that was empty in every sample has items of
/// any type. A non-finite `Double` is written by ``DecoupleJSON`` as "inf", "-inf" or "nan";
/// a member where a sample held one accepts those strings too.
public final class JSONSchemaInference {
    final class Shape {
        enum Kind: Int, Comparable {
            case null, boolean, integer, number, string, array, object
            static func < (a: Kind, b: Kind) -> Bool { a.rawValue < b.rawValue }
        }
        var kinds: Set<Kind> = []
        var references: Set<String> = []
        var enumValues: [String]?
        var nonFinite = false
        var properties: [String: Shape] = [:]
        var present: [String: Int] = [:]
        var optional: Set<String> = []
        var objects = 0
        var isMap = false
        var mapValues: Shape?
        var items: Shape?
    }

    private var slots: [String: Shape] = [:]
    private var components: [String: Shape] = [:]

    public init() {}

    /// Records one sample of the document named `slot` (samples of a slot are merged).
    public func add<T: Encodable>(_ value: T, as slot: String) throws {
        let node = slots[slot] ?? Shape()
        slots[slot] = node
        try encode(value, into: node)
    }

    /// The names of the recorded slots.
    public var slotNames: [String] { slots.keys.sorted() }

    /// The schema of a slot (`{}` when nothing was recorded under that name).
    public func schema(of slot: String) -> OrderedJSON {
        guard let node = slots[slot] else { return [:] }
        return schema(node, names: componentNames())
    }

    /// The named schemas that slot schemas refer to (`#/components/schemas/NAME`), by name.
    public func componentSchemas() -> [(name: String, schema: OrderedJSON)] {
        let names = componentNames()
        return components.keys.filter { !inlined($0) }.map { (names[$0]!, schema(components[$0]!, names: names, expand: true)) }
            .sorted { $0.name < $1.name }
    }

    // MARK: Recording

    func encode<T: Encodable>(_ value: T, into node: Shape) throws {
        switch value {
        case is String, is URL, is Data: node.kinds.insert(.string); return
        case is Bool: node.kinds.insert(.boolean); return
        case is Int, is Int8, is Int16, is Int32, is Int64, is UInt, is UInt8, is UInt16, is UInt32, is UInt64:
            node.kinds.insert(.integer); return
        case let d as Double: if d.isFinite { node.kinds.insert(.number) } else { node.nonFinite = true }; return
        case let f as Float: if f.isFinite { node.kinds.insert(.number) } else { node.nonFinite = true }; return
        case is Decimal, is Date: node.kinds.insert(.number); return
        default: break
        }
        let typeName = String(reflecting: T.self)
        if typeName.hasPrefix("Swift.") || typeName.hasPrefix("Foundation.") {
            // Optional, Array, Set, Dictionary …: their shape, written in place.
            try value.encode(to: InferenceEncoder(inference: self, node: node, isMap: typeName.hasPrefix("Swift.Dictionary<")))
            return
        }
        let component = components[typeName] ?? Shape()
        components[typeName] = component
        node.references.insert(typeName)
        try value.encode(to: InferenceEncoder(inference: self, node: component, isMap: false))
        if let cases = Self.caseNames(T.self) {
            component.enumValues = cases
        }
    }

    /// The member named `key` of an object node, created on first use.
    func property(_ key: String, of node: Shape) -> Shape {
        if let p = node.properties[key] { return p }
        let p = Shape()
        node.properties[key] = p
        return p
    }

    /// What an absent optional value of type `T` would have been.
    func declare<T>(_ type: T.Type, into node: Shape) {
        switch type {
        case is String.Type, is URL.Type, is Data.Type: node.kinds.insert(.string)
        case is Bool.Type: node.kinds.insert(.boolean)
        case is Int.Type, is Int64.Type, is Int32.Type, is UInt.Type, is UInt64.Type, is UInt32.Type: node.kinds.insert(.integer)
        case is Double.Type, is Float.Type, is Decimal.Type, is Date.Type: node.kinds.insert(.number)
        default:
            let name = String(reflecting: type)
            if !name.hasPrefix("Swift."), !name.hasPrefix("Foundation.") {
                if components[name] == nil { components[name] = Shape() }
                node.references.insert(name)
            }
        }
    }

    static func caseNames<T>(_ type: T.Type) -> [String]? {
        guard let iterable = type as? any CaseIterable.Type else { return nil }
        return names(of: iterable)
    }

    private static func names<C: CaseIterable>(of type: C.Type) -> [String]? {
        var out: [String] = []
        for c in C.allCases {
            guard let r = c as? any RawRepresentable, let s = r.rawValue as? String else { return nil }
            out.append(s)
        }
        return out
    }

    // MARK: Writing

    /// A component written in place: no members, items or map values (a code, an enumeration).
    private func inlined(_ key: String) -> Bool {
        guard let c = components[key] else { return true }
        return !c.kinds.contains(.object) && !c.kinds.contains(.array) && c.references.isEmpty
    }

    /// Readable, unique component names: the Swift type without its module
    /// (`MineralsDocument`, `Dated_Double`, `ReportTable.Column`).
    private func componentNames() -> [String: String] {
        var out: [String: String] = [:], used: Set<String> = []
        for key in components.keys.sorted() {
            var name = key.replacingOccurrences(of: #"\(unknown context at [^)]*\)\."#, with: "", options: .regularExpression)
            name = name.replacingOccurrences(of: #"\b(Decouple[A-Za-z]*|Swift|Foundation)\."#, with: "", options: .regularExpression)
            name = name.replacingOccurrences(of: "<", with: "_").replacingOccurrences(of: ">", with: "")
            name = String(name.map { $0.isLetter || $0.isNumber || $0 == "." || $0 == "_" ? $0 : "_" })
            var unique = name, n = 2
            while used.contains(unique) { unique = "\(name)_\(n)"; n += 1 }
            used.insert(unique)
            out[key] = unique
        }
        return out
    }

    private func schema(_ node: Shape, names: [String: String], expand: Bool = false) -> OrderedJSON {
        var parts: [OrderedJSON] = []
        for ref in node.references.sorted() {
            if inlined(ref), let c = components[ref] {
                parts.append(schema(c, names: names))
            } else {
                parts.append(["$ref": .string("#/components/schemas/\(names[ref]!)")])
            }
        }
        let kinds = node.kinds.sorted()
        for kind in kinds {
            switch kind {
            case .null: parts.append(["type": "null"])
            case .boolean: parts.append(["type": "boolean"])
            case .integer: if !node.kinds.contains(.number) { parts.append(["type": "integer"]) }
            case .number: parts.append(["type": "number"])
            case .string:
                if let values = node.enumValues { parts.append(["type": "string", "enum": .strings(values)]) } else { parts.append(["type": "string"]) }
            case .array:
                let items = node.items.map { schema($0, names: names) } ?? [:]
                parts.append(["type": "array", "items": items])
            case .object:
                if node.isMap {
                    parts.append(["type": "object", "additionalProperties": node.mapValues.map { schema($0, names: names) } ?? [:]])
                } else {
                    let keys = node.properties.keys.sorted()
                    let required = keys.filter { node.present[$0, default: 0] == node.objects && !node.optional.contains($0) }
                    parts.append(.members([
                        ("type", "object"),
                        ("required", required.isEmpty ? nil : .strings(required)),
                        ("properties", .object(keys.map { .init($0, schema(node.properties[$0]!, names: names)) })),
                    ]))
                }
            }
        }
        if node.nonFinite {
            if !node.kinds.contains(.number) { parts.append(["type": "number"]) }
            parts.append(["type": "string", "enum": ["inf", "-inf", "nan"], "description": "A number that is not finite."])
        }
        switch parts.count {
        case 0: return [:]
        case 1: return parts[0]
        default:
            // `type: [string, "null"]` for a nullable scalar; anyOf otherwise.
            let simple = parts.compactMap { p -> String? in
                guard case .object(let m) = p, m.count == 1, m[0].key == "type", case .string(let t) = m[0].value else { return nil }
                return t
            }
            if simple.count == parts.count { return ["type": .strings(simple)] }
            return ["anyOf": .array(parts)]
        }
    }
}

// MARK: - The encoder

private struct InferenceEncoder: Encoder {
    let inference: JSONSchemaInference
    let node: JSONSchemaInference.Shape
    let isMap: Bool
    var codingPath: [any CodingKey] = []
    var userInfo: [CodingUserInfoKey: Any] { [:] }

    init(inference: JSONSchemaInference, node: JSONSchemaInference.Shape, isMap: Bool) {
        self.inference = inference
        self.node = node
        self.isMap = isMap
    }

    func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedEncodingContainer<Key> {
        node.kinds.insert(.object)
        if isMap {
            node.isMap = true
            if node.mapValues == nil { node.mapValues = .init() }
        } else {
            node.objects += 1
        }
        return KeyedEncodingContainer(KeyedInference<Key>(encoder: self))
    }

    func unkeyedContainer() -> any UnkeyedEncodingContainer {
        node.kinds.insert(.array)
        if node.items == nil { node.items = .init() }
        return UnkeyedInference(encoder: self)
    }

    func singleValueContainer() -> any SingleValueEncodingContainer { SingleInference(encoder: self) }
}

private struct KeyedInference<Key: CodingKey>: KeyedEncodingContainerProtocol {
    let encoder: InferenceEncoder
    var codingPath: [any CodingKey] { encoder.codingPath }

    private func slot(_ key: Key, present: Bool = true) -> JSONSchemaInference.Shape {
        if encoder.isMap { return encoder.node.mapValues! }
        let node = encoder.inference.property(key.stringValue, of: encoder.node)
        if present { encoder.node.present[key.stringValue, default: 0] += 1 }
        return node
    }

    private func markOptional(_ key: Key) {
        if !encoder.isMap { encoder.node.optional.insert(key.stringValue) }
    }

    mutating func encodeNil(forKey key: Key) throws { slot(key).kinds.insert(.null) }
    mutating func encode<T: Encodable>(_ value: T, forKey key: Key) throws { try encoder.inference.encode(value, into: slot(key)) }
    mutating func encode(_ value: Bool, forKey key: Key) throws { slot(key).kinds.insert(.boolean) }
    mutating func encode(_ value: String, forKey key: Key) throws { slot(key).kinds.insert(.string) }
    mutating func encode(_ value: Double, forKey key: Key) throws { try encoder.inference.encode(value, into: slot(key)) }
    mutating func encode(_ value: Float, forKey key: Key) throws { try encoder.inference.encode(value, into: slot(key)) }
    mutating func encode(_ value: Int, forKey key: Key) throws { slot(key).kinds.insert(.integer) }
    mutating func encode(_ value: Int8, forKey key: Key) throws { slot(key).kinds.insert(.integer) }
    mutating func encode(_ value: Int16, forKey key: Key) throws { slot(key).kinds.insert(.integer) }
    mutating func encode(_ value: Int32, forKey key: Key) throws { slot(key).kinds.insert(.integer) }
    mutating func encode(_ value: Int64, forKey key: Key) throws { slot(key).kinds.insert(.integer) }
    mutating func encode(_ value: UInt, forKey key: Key) throws { slot(key).kinds.insert(.integer) }
    mutating func encode(_ value: UInt8, forKey key: Key) throws { slot(key).kinds.insert(.integer) }
    mutating func encode(_ value: UInt16, forKey key: Key) throws { slot(key).kinds.insert(.integer) }
    mutating func encode(_ value: UInt32, forKey key: Key) throws { slot(key).kinds.insert(.integer) }
    mutating func encode(_ value: UInt64, forKey key: Key) throws { slot(key).kinds.insert(.integer) }

    private mutating func present<T: Encodable>(_ value: T?, _ key: Key) throws {
        markOptional(key)
        if let value { try encoder.inference.encode(value, into: slot(key)) } else { encoder.inference.declare(T.self, into: slot(key, present: false)) }
    }
    mutating func encodeIfPresent<T: Encodable>(_ value: T?, forKey key: Key) throws { try present(value, key) }
    mutating func encodeIfPresent(_ value: Bool?, forKey key: Key) throws { try present(value, key) }
    mutating func encodeIfPresent(_ value: String?, forKey key: Key) throws { try present(value, key) }
    mutating func encodeIfPresent(_ value: Double?, forKey key: Key) throws { try present(value, key) }
    mutating func encodeIfPresent(_ value: Float?, forKey key: Key) throws { try present(value, key) }
    mutating func encodeIfPresent(_ value: Int?, forKey key: Key) throws { try present(value, key) }
    mutating func encodeIfPresent(_ value: Int8?, forKey key: Key) throws { try present(value, key) }
    mutating func encodeIfPresent(_ value: Int16?, forKey key: Key) throws { try present(value, key) }
    mutating func encodeIfPresent(_ value: Int32?, forKey key: Key) throws { try present(value, key) }
    mutating func encodeIfPresent(_ value: Int64?, forKey key: Key) throws { try present(value, key) }
    mutating func encodeIfPresent(_ value: UInt?, forKey key: Key) throws { try present(value, key) }
    mutating func encodeIfPresent(_ value: UInt8?, forKey key: Key) throws { try present(value, key) }
    mutating func encodeIfPresent(_ value: UInt16?, forKey key: Key) throws { try present(value, key) }
    mutating func encodeIfPresent(_ value: UInt32?, forKey key: Key) throws { try present(value, key) }
    mutating func encodeIfPresent(_ value: UInt64?, forKey key: Key) throws { try present(value, key) }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type, forKey key: Key) -> KeyedEncodingContainer<NestedKey> {
        InferenceEncoder(inference: encoder.inference, node: slot(key), isMap: false).container(keyedBy: keyType)
    }
    mutating func nestedUnkeyedContainer(forKey key: Key) -> any UnkeyedEncodingContainer {
        InferenceEncoder(inference: encoder.inference, node: slot(key), isMap: false).unkeyedContainer()
    }
    mutating func superEncoder() -> any Encoder { InferenceEncoder(inference: encoder.inference, node: encoder.node, isMap: false) }
    mutating func superEncoder(forKey key: Key) -> any Encoder { InferenceEncoder(inference: encoder.inference, node: slot(key), isMap: false) }
}

private struct UnkeyedInference: UnkeyedEncodingContainer {
    let encoder: InferenceEncoder
    var codingPath: [any CodingKey] { encoder.codingPath }
    var count = 0
    private var items: JSONSchemaInference.Shape { encoder.node.items! }

    mutating func encodeNil() throws { items.kinds.insert(.null); count += 1 }
    mutating func encode<T: Encodable>(_ value: T) throws { try encoder.inference.encode(value, into: items); count += 1 }
    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type) -> KeyedEncodingContainer<NestedKey> {
        count += 1
        return InferenceEncoder(inference: encoder.inference, node: items, isMap: false).container(keyedBy: keyType)
    }
    mutating func nestedUnkeyedContainer() -> any UnkeyedEncodingContainer {
        count += 1
        return InferenceEncoder(inference: encoder.inference, node: items, isMap: false).unkeyedContainer()
    }
    mutating func superEncoder() -> any Encoder { InferenceEncoder(inference: encoder.inference, node: items, isMap: false) }
}

private struct SingleInference: SingleValueEncodingContainer {
    let encoder: InferenceEncoder
    var codingPath: [any CodingKey] { encoder.codingPath }
    mutating func encodeNil() throws { encoder.node.kinds.insert(.null) }
    mutating func encode<T: Encodable>(_ value: T) throws { try encoder.inference.encode(value, into: encoder.node) }
}
