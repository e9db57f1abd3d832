import Foundation
import Testing

/// Issue #20's CLI items, run through the built `decouple` executable (next to the test bundle)
/// in a fresh working folder.
@Suite struct CLIMannersTests {
    struct Run {
        let status: Int32
        let out: String
        let err: String
    }

    /// The `decouple` executable SwiftPM built beside the test runner.
    static var binary: URL {
        get throws {
            let runner = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
            var folder = runner.deletingLastPathComponent()
            // The runner may sit inside a bundle folder (…/DecouplePackageTests.xctest/…).
            while !FileManager.default.isExecutableFile(atPath: folder.appendingPathComponent("decouple").path), folder.path != "/" {
                folder = folder.deletingLastPathComponent()
            }
            let url = folder.appendingPathComponent("decouple")
            try #require(FileManager.default.isExecutableFile(atPath: url.path), "no decouple executable near \(runner.path)")
            return url
        }
    }

    static func run(_ arguments: [String], in folder: URL, environment extra: [String: String] = [:]) throws -> Run {
        let p = Process()
        p.executableURL = try binary
        p.arguments = arguments
        p.currentDirectoryURL = folder
        var env = ProcessInfo.processInfo.environment
        env["COLUMNS"] = "120"
        env["DECOUPLE_CACHE"] = folder.appendingPathComponent("no-cache").path   // no fetched data
        env.merge(extra) { _, new in new }
        p.environment = env
        let out = Pipe(), err = Pipe()
        p.standardOutput = out
        p.standardError = err
        try p.run()
        let o = out.fileHandleForReading.readDataToEndOfFile(), e = err.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        return Run(status: p.terminationStatus, out: String(decoding: o, as: UTF8.self), err: String(decoding: e, as: UTF8.self))
    }

    static func folder() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("decouple-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    /// Item 15: `report --format json` writes JSON to standard output and no HTML; a bare
    /// `report` writes decouple-report/index.html and says so.
    @Test func reportWritesHTMLOnlyWhenAsked() throws {
        let dir = try Self.folder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let json = try Self.run(["report", "--format", "json", "--section", "annual-shares", "--bundled-only"], in: dir)
        #expect(json.status == 0, "\(json.err)")
        #expect(json.out.hasPrefix("{") && json.out.contains("\"annual-shares\""))
        #expect(!FileManager.default.fileExists(atPath: dir.appendingPathComponent("decouple-report").path))
        // Item 16: a bad section is refused before any data is read (the data folder named by
        // DECOUPLE_DATA does not exist, and the error is about the section).
        let bad = try Self.run(["report", "--section", "headlines"], in: dir, environment: ["DECOUPLE_DATA": dir.appendingPathComponent("none").path])
        #expect(bad.status != 0 && bad.err.contains("--section headlines: no such section") && bad.err.contains("Usage: decouple report"), "\(bad.err)")
    }

    /// Item 18: CSV where it exists, a clear refusal before any work where it does not.
    @Test func csvIsCSVOrRefused() throws {
        let dir = try Self.folder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let lookup = try Self.run(["taxonomy", "lookup", "854140", "--format", "csv"], in: dir)
        #expect(lookup.status == 0 && !lookup.out.hasPrefix("{") && lookup.out.contains("854140,HS2017,"))
        let rules = try Self.run(["ira", "rules", "--format", "csv"], in: dir)
        #expect(rules.status != 0 && rules.err.contains("--format csv is not available for `ira rules`") && rules.out.isEmpty)
    }

    /// Item 19: an unknown edition is an error; item 20: the error shows the subcommand's usage.
    @Test func badArgumentsNameTheSubcommand() throws {
        let dir = try Self.folder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let edition = try Self.run(["taxonomy", "--edition", "HS2007"], in: dir)
        #expect(edition.status != 0 && edition.err.contains("HS2012, HS2017 and HS2022 only"))
        #expect(edition.err.contains("Usage: decouple taxonomy list"))
        let tiers = try Self.run(["exposure", "--tiers", "99"], in: dir)
        #expect(tiers.status != 0 && tiers.err.contains("--tiers must be between 2 and 20") && tiers.err.contains("Usage: decouple exposure"))
    }

    /// Item 17: `minerals` is quiet about the MCS files it cannot read unless --verbose.
    @Test func mineralsWarnsOnlyWhenVerbose() throws {
        let dir = try Self.folder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let quiet = try Self.run(["minerals", "--edition", "2024"], in: dir)
        #expect(quiet.status == 0 && !quiet.err.contains("warning"))
        let verbose = try Self.run(["minerals", "--edition", "2024", "--verbose"], in: dir)
        #expect(verbose.err.contains("warning: 3 file(s) of MCS 2024 not used"))
    }

    /// Item 22: the README describes the dashboard that exists.
    @Test func readmeIsCurrent() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let readme = try String(contentsOf: root.appendingPathComponent("README.md"), encoding: .utf8)
        #expect(readme.contains("decouple serve") && !readme.lowercased().contains("dashboard (later") && !readme.contains("comes later"))
    }
}
