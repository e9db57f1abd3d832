import Foundation
import Testing
@testable import DecoupleServer
import DecoupleTestSupport

/// The capped log file of `decouple serve --log-file --log-max-mb` (#22 item 5).
@Suite struct LogDestinationTests {
    @Test func theFileStaysUnderItsCapAndKeepsTheNewestLines() throws {
        let f = try Fixtures()
        let path = f.folder.appendingPathComponent("access.log").path
        let log = try LogDestination(file: path, maxBytes: 1024)
        for i in 0..<300 {
            log.write(Data(String(format: "request %04d GET /api/v1/report 200 1.2ms ........\n", i).utf8))  // 50 bytes
        }
        let current = try String(contentsOfFile: path, encoding: .utf8)
        let older = try String(contentsOfFile: path + ".1", encoding: .utf8)
        #expect(current.utf8.count <= 1024 && older.utf8.count <= 1024)
        #expect(current.utf8.count + older.utf8.count >= 1024)  // the older file was full when it was moved
        // The newest lines, in order, with none missing between the two files.
        let numbers = (older + current).split(separator: "\n").map { Int($0.dropFirst(8).prefix(4))! }
        #expect(numbers.last == 299)
        #expect(numbers == Array((300 - numbers.count)..<300))
        #expect(numbers.count == 20 + current.split(separator: "\n").count)
        #expect(try FileManager.default.contentsOfDirectory(atPath: f.folder.path).sorted() == ["access.log", "access.log.1"])
    }

    @Test func aLinkAFolderOrAFIFOIsRefused() throws {
        let f = try Fixtures()
        let target = try f.file("real.log", "")
        let link = f.folder.appendingPathComponent("link.log").path
        try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: target)
        let fifo = f.folder.appendingPathComponent("fifo.log").path
        #expect(mkfifo(fifo, 0o644) == 0)
        #expect(Fixtures.errorText { _ = try LogDestination(file: link, maxBytes: 1 << 20) } == "\(link): cannot write the log there: it is a symbolic link")
        #expect(Fixtures.errorText { _ = try LogDestination(file: fifo, maxBytes: 1 << 20) }?.hasPrefix("\(fifo): cannot write the log there:") == true)
        #expect(Fixtures.errorText { _ = try LogDestination(file: f.folder.path, maxBytes: 1 << 20) }?.hasPrefix("\(f.folder.path): cannot write the log there:") == true)
    }
}
