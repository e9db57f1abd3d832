import Foundation
import Testing

/// The package's layering, checked on its sources (docs/architecture.md):
/// feature modules → DecoupleAnalyses → DecoupleRendering → DecoupleServer / DecoupleCLI.
/// The CLI, the server and the rendering layer reach the features only through the analyses
/// layer: they import no feature module and construct no feature type (no measure, reader,
/// engine or loader), so every number is computed in a feature or an analysis, once.
@Suite struct LayeringTests {
    /// `Sources/`, located from this file's path.
    static let sources: URL = {
        var url = URL(fileURLWithPath: "\(#filePath)")
        for _ in 0..<3 { url.deleteLastPathComponent() }
        return url.appendingPathComponent("Sources")
    }()

    /// The modules that own readers, types and measures.
    static let featureModules = ["DecoupleTrade", "DecoupleInputOutput", "DecoupleMinerals", "DecouplePolicy",
                                 "DecoupleInstrumentChoice", "DecoupleScenarios", "DecoupleFetch"]
    /// Core plus the features: what the presentation modules may not import directly.
    static let belowAnalyses = ["DecoupleCore"] + featureModules
    /// The modules that only parse, call an analysis and render.
    static let presentationModules = ["DecoupleRendering", "DecoupleServer", "DecoupleCLI"]

    /// Swift files of a module, with their text (comments and string literals removed).
    static func files(of module: String) throws -> [(path: String, code: String)] {
        let root = sources.appendingPathComponent(module)
        guard let e = FileManager.default.enumerator(atPath: root.path) else { return [] }
        var out: [(String, String)] = []
        for case let rel as String in e where rel.hasSuffix(".swift") {
            let text = try String(contentsOfFile: root.appendingPathComponent(rel).path, encoding: .utf8)
            out.append(("\(module)/\(rel)", stripCommentsAndStrings(text)))
        }
        return out.sorted { $0.0 < $1.0 }
    }

    /// The text with `//` and `/* */` comments and string literals blanked (interpolations too).
    static func stripCommentsAndStrings(_ text: String) -> String {
        var out = ""
        var i = text.startIndex
        func at(_ s: String) -> Bool { text[i...].hasPrefix(s) }
        while i < text.endIndex {
            if at("//") {
                while i < text.endIndex && text[i] != "\n" { i = text.index(after: i) }
            } else if at("/*") {
                while i < text.endIndex && !at("*/") { i = text.index(after: i) }
                if i < text.endIndex { i = text.index(i, offsetBy: 2) }
            } else if at("\"\"\"") || at("#\"") || text[i] == "\"" {
                let close = at("\"\"\"") ? "\"\"\"" : (at("#\"") ? "\"#" : "\"")
                i = text.index(i, offsetBy: close == "\"#" ? 2 : close.count)
                while i < text.endIndex && !at(close) {
                    if text[i] == "\\" { i = text.index(after: i) }
                    if i < text.endIndex { i = text.index(after: i) }
                }
                if i < text.endIndex { i = text.index(i, offsetBy: close.count) }
                out += "\"\""
            } else {
                out.append(text[i])
                i = text.index(after: i)
            }
        }
        return out
    }

    /// Public types declared in the feature modules.
    static func featureTypes() throws -> Set<String> {
        let decl = try Regex(#"public\s+(?:final\s+)?(?:struct|enum|class|actor)\s+(\w+)"#)
        var names: Set<String> = []
        for m in featureModules {
            for f in try files(of: m) {
                for match in f.code.matches(of: decl) { if let n = match.output[1].substring { names.insert(String(n)) } }
            }
        }
        return names
    }

    @Test func presentationModulesImportOnlyTheAnalysesAndRenderingLayers() throws {
        let importLine = try Regex(#"(?m)^\s*(?:@testable\s+|@_exported\s+)?import\s+(\w+)"#)
        var violations: [String] = []
        for m in Self.presentationModules {
            for f in try Self.files(of: m) {
                for match in f.code.matches(of: importLine) {
                    let module = String(match.output[1].substring!)
                    if Self.belowAnalyses.contains(module) { violations.append("\(f.path) imports \(module)") }
                }
            }
        }
        #expect(violations.isEmpty, "\(violations.joined(separator: "\n"))")
    }

    @Test func presentationModulesConstructNoFeatureType() throws {
        let types = try Self.featureTypes()
        #expect(types.count > 100, "found only \(types.count) feature types: the scan is broken")
        #expect(types.contains("TradeCube") && types.contains("LeontiefModel") && types.contains("CleanVehicleCreditEngine"))
        // `T(` is a construction, `T.f(` a static call (a loader, a measure's factory); `T.x` without
        // parentheses (an enum case, a constant) reads a value and is allowed.
        // Plain query values a presentation module may build from what the user typed; they
        // compute nothing (the analysis that takes them does).
        let queryValues: Set = ["MeasureFilter"]
        let use = try Regex(#"([A-Z]\w*)(?:\s*\(|\.\w+\s*\()"#)
        var violations: [String] = []
        for m in Self.presentationModules {
            for f in try Self.files(of: m) {
                for match in f.code.matches(of: use) {
                    let start = match.range.lowerBound
                    if start > f.code.startIndex {
                        let before = f.code[f.code.index(before: start)]
                        if before.isLetter || before.isNumber || before == "_" || before == "." { continue }
                    }
                    let name = String(match.output[1].substring!)
                    if types.contains(name) && !queryValues.contains(name) { violations.append("\(f.path): \(name)") }
                }
            }
        }
        let unique = Array(Set(violations)).sorted()
        #expect(unique.isEmpty, "\(unique.count) constructions of feature types outside the features and the analyses layer:\n\(unique.joined(separator: "\n"))")
    }

    @Test func featureModulesDoNotReachUp() throws {
        let importLine = try Regex(#"(?m)^\s*(?:@testable\s+|@_exported\s+)?import\s+(\w+)"#)
        let above = ["DecoupleAnalyses"] + Self.presentationModules
        var violations: [String] = []
        for m in Self.belowAnalyses {
            for f in try Self.files(of: m) {
                for match in f.code.matches(of: importLine) where above.contains(String(match.output[1].substring!)) {
                    violations.append("\(f.path) imports \(match.output[1].substring!)")
                }
            }
        }
        #expect(violations.isEmpty, "\(violations.joined(separator: "\n"))")
    }

    /// The scanner itself: a comment or a string naming a type is not a use.
    @Test func commentsAndStringsAreNotCode() {
        let code = Self.stripCommentsAndStrings("let a = TradeCube(x) // TradeCube(y)\nlet s = \"TradeCube(z)\" /* LeontiefModel() */")
        #expect(code.contains("TradeCube(x)"))
        #expect(!code.contains("TradeCube(y)") && !code.contains("TradeCube(z)") && !code.contains("LeontiefModel"))
    }
}
