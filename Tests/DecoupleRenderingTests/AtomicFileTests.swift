import Foundation
import Testing
@testable import DecoupleRendering

/// Issue #22: `--out` never replaces a symbolic link, folder or FIFO by rename.
@Suite struct AtomicFileTests {
    @Test func onlyRegularFilesAreReplaced() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("decouple-atomic-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        // A regular file is replaced, and nothing else is left behind.
        let file = folder + "/out.txt"
        try "old".write(toFile: file, atomically: false, encoding: .utf8)
        try AtomicFile.write("new", to: file)
        #expect(try String(contentsOfFile: file, encoding: .utf8) == "new")
        // A symbolic link (to a file elsewhere), a folder and a FIFO are refused and left as they were.
        let target = folder + "/target.txt"
        try "keep".write(toFile: target, atomically: false, encoding: .utf8)
        try FileManager.default.createSymbolicLink(atPath: folder + "/link", withDestinationPath: target)
        try FileManager.default.createDirectory(atPath: folder + "/dir", withIntermediateDirectories: false)
        #expect(mkfifo(folder + "/fifo", 0o600) == 0)
        for (name, kind) in [("link", "a symbolic link"), ("dir", "a folder"), ("fifo", "a FIFO")] {
            #expect(throws: AtomicFile.NotAFileError.self) { try AtomicFile.write("x", to: folder + "/" + name) }
            do { try AtomicFile.write("x", to: folder + "/" + name) } catch let e as AtomicFile.NotAFileError {
                #expect(e.description.contains(kind))
            }
        }
        #expect(try String(contentsOfFile: target, encoding: .utf8) == "keep")
        #expect(try FileManager.default.destinationOfSymbolicLink(atPath: folder + "/link") == target)
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder).sorted() == ["dir", "fifo", "link", "out.txt", "target.txt"])
    }
}
