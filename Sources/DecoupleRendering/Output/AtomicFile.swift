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
        var info = stat()
        if lstat(path, &info) == 0 {
            let type = info.st_mode & S_IFMT
            if type != S_IFREG {
                let kind: String
                switch type {
                case S_IFLNK: kind = "a symbolic link"
                case S_IFDIR: kind = "a folder"
                case S_IFIFO: kind = "a FIFO"
                case S_IFCHR, S_IFBLK: kind = "a device"
                case S_IFSOCK: kind = "a socket"
                default: kind = "not a regular file"
                }
                throw NotAFileError(path: path, kind: kind)
            }
        }
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
