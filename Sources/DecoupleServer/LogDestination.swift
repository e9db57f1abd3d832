import Foundation
import Logging
import Synchronization
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Where the server's log lines go: standard error, or a file whose size is capped — when a line
/// would take it past `maxBytes`, the file is renamed to `PATH.1` (replacing the previous one)
/// and a new one begun, so the log never takes more than twice the cap on disk
/// (`decouple serve --log-file PATH --log-max-mb N`). Lines are written whole, one at a time.
public final class LogDestination: Sendable {
    private enum Target {
        case standardError
        case file(path: String, maxBytes: Int)
    }

    private let target: Target
    /// The open file and its size (file targets).
    private let state: Mutex<(fd: Int32, size: Int)>

    /// Standard error (the default).
    public static let standardError = LogDestination()

    private init() {
        target = .standardError
        state = Mutex((2, 0))
    }

    /// A capped file. Throws when it cannot be opened, or when `path` is a symbolic link or not
    /// a regular file.
    public init(file path: String, maxBytes: Int) throws {
        target = .file(path: path, maxBytes: max(1024, maxBytes))
        let (fd, size) = try Self.open(path)
        state = Mutex((fd, size))
    }

    deinit {
        state.withLock { s in if case .file = target { close(s.fd) } }
    }

    private static func open(_ path: String) throws -> (Int32, Int) {
        let fd = Glibc.open(path, O_WRONLY | O_CREAT | O_APPEND | O_NOFOLLOW | O_CLOEXEC | O_NONBLOCK, 0o644)
        guard fd >= 0 else {
            throw LogFileError(path: path, reason: errno == ELOOP ? "it is a symbolic link" : String(cString: strerror(errno)))
        }
        var st = stat()
        guard fstat(fd, &st) == 0, (st.st_mode & S_IFMT) == S_IFREG else {
            close(fd)
            throw LogFileError(path: path, reason: "not a regular file")
        }
        return (fd, Int(st.st_size))
    }

    /// Appends one line (`line` ends with a newline).
    public func write(_ line: Data) {
        guard case .file(let path, let maxBytes) = target else {
            FileHandle.standardError.write(line)
            return
        }
        state.withLock { s in
            if s.size > 0 && s.size + line.count > maxBytes {
                close(s.fd)
                _ = rename(path, path + ".1")
                if let (fd, size) = try? Self.open(path) { s = (fd, size) } else { s = (-1, 0) }
            }
            guard s.fd >= 0 else { return }
            let n = line.withUnsafeBytes { Glibc.write(s.fd, $0.baseAddress, $0.count) }
            if n > 0 { s.size += n }
        }
    }
}

/// A log file that cannot be used.
public struct LogFileError: Error, CustomStringConvertible {
    public let path: String
    public let reason: String
    public var description: String { "\(path): cannot write the log there: \(reason)" }
}

/// swift-log lines as text (`2026-12-05T23:10:03Z info decouple.serve: message key=value`), to a
/// ``LogDestination``.
public struct TextLogHandler: LogHandler {
    public var metadata: Logger.Metadata = [:]
    public var logLevel: Logger.Level = .info
    let label: String
    let destination: LogDestination

    public init(label: String, destination: LogDestination) {
        self.label = label
        self.destination = destination
    }

    public subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    public func log(event: LogEvent) {
        let fields = metadata.merging(event.metadata ?? [:], uniquingKeysWith: { $1 })
            .sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: " ")
        let line = "\(ISO8601DateFormatter().string(from: Date())) \(event.level) \(label): \(event.message)"
            + (fields.isEmpty ? "" : " " + fields) + "\n"
        destination.write(Data(line.utf8))
    }
}
