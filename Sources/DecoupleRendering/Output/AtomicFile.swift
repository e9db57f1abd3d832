import DecoupleAnalyses
import Foundation

/// Writes files so that a reader never sees half of one: the bytes go to a temporary file
/// in the same folder, which is then renamed over the target. Only a regular file (or nothing)
/// is replaced: a symbolic link, folder, FIFO or device at the path is refused, never renamed
/// over (issue #22).
public enum AtomicFile {
    /// Why a path cannot be written.
    public struct NotAFileError: Error, CustomStringConvertible {
        public let path: String
        public let kind: String
        public var description: String { "\(path) is \(kind), not a regular file: refusing to replace it (choose another --out path)" }
    }

    public static func write(_ text: String, to path: String) throws {
        if let kind = FileReplacement.nonRegularKind(at: path) { throw NotAFileError(path: path, kind: kind) }
        let url = URL(fileURLWithPath: path)
        let folder = url.deletingLastPathComponent()
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let temp = folder.appendingPathComponent(".\(url.lastPathComponent).\(ProcessInfo.processInfo.processIdentifier).tmp")
        do {
            try Data(text.utf8).write(to: temp)
            if rename(temp.path, url.path) != 0 {
                throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: path])
            }
        } catch {
            try? FileManager.default.removeItem(at: temp)
            throw error
        }
    }
}
