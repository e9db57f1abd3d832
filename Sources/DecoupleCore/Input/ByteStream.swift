import CSystemZlib
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Reads a file in chunks, inflating it on the fly when it is gzip-compressed
/// (detected from the magic bytes, not the file name). Concatenated gzip members are read
/// one after the other; a truncated or corrupt stream is an error, never a short read.
package final class ByteStream {
    package let path: String
    private let fd: Int32
    private var raw: [UInt8]
    private var rawCount = 0
    private var rawOffset = 0
    private(set) var compressedBytesRead: Int = 0
    package let fileSize: Int
    private var stream = z_stream()
    private let isGzip: Bool
    private var inflating = false
    private var finished = false

    package static let chunkSize = 1 << 20

    package init(path: String) throws {
        self.path = path
        fd = open(path, O_RDONLY)
        guard fd >= 0 else {
            throw DataReadError(issues: [DataIssue(file: path, message: "cannot open file: \(String(cString: strerror(errno)))")])
        }
        var st = stat()
        fileSize = fstat(fd, &st) == 0 ? Int(st.st_size) : 0
        if (st.st_mode & S_IFMT) == S_IFDIR {
            close(fd)
            throw DataReadError(issues: [DataIssue(file: path, message: "is a directory, expected a data file")])
        }
        raw = [UInt8](repeating: 0, count: Self.chunkSize)
        var magic = [UInt8](repeating: 0, count: 2)
        let n = pread(fd, &magic, 2, 0)
        isGzip = n == 2 && magic[0] == 0x1f && magic[1] == 0x8b
        if isGzip {
            let rc = inflateInit2_(&stream, 15 + 16, zlibVersion(), Int32(MemoryLayout<z_stream>.size))
            guard rc == Z_OK else {
                close(fd)
                throw DataReadError(issues: [DataIssue(file: path, message: "cannot initialise gzip decoder (zlib error \(rc))")])
            }
            inflating = true
        }
    }

    deinit {
        if isGzip { inflateEnd(&stream) }
        close(fd)
    }

    /// Fraction of the file consumed so far (by compressed bytes), for progress bars.
    package var fractionRead: Double { fileSize > 0 ? min(1, Double(compressedBytesRead) / Double(fileSize)) : 0 }

    private func fillRaw() throws {
        let n = raw.withUnsafeMutableBytes { Glibc.read(fd, $0.baseAddress, Self.chunkSize) }
        guard n >= 0 else {
            throw DataReadError(issues: [DataIssue(file: path, message: "read failed: \(String(cString: strerror(errno)))")])
        }
        rawCount = n
        rawOffset = 0
        compressedBytesRead += n
    }

    /// Reads up to `buffer.count` bytes into `buffer`; returns 0 at the end of the data.
    package func read(into buffer: inout [UInt8]) throws -> Int {
        try buffer.withUnsafeMutableBufferPointer { try read(into: $0) }
    }

    /// Reads up to `buffer.count` bytes into `buffer`; returns 0 at the end of the data.
    package func read(into buffer: UnsafeMutableBufferPointer<UInt8>) throws -> Int {
        if finished || buffer.isEmpty { return 0 }
        if !isGzip {
            if rawOffset >= rawCount { try fillRaw() }
            if rawCount == 0 { finished = true; return 0 }
            let n = min(buffer.count, rawCount - rawOffset)
            raw.withUnsafeBufferPointer { src in
                _ = memcpy(buffer.baseAddress!, src.baseAddress! + rawOffset, n)
            }
            rawOffset += n
            return n
        }
        while true {
            if rawOffset >= rawCount {
                try fillRaw()
                if rawCount == 0 {
                    finished = true
                    if inflating {
                        throw DataReadError(issues: [DataIssue(file: path, message: "truncated gzip stream: the file ends before the compressed data does")])
                    }
                    return 0
                }
            }
            if !inflating {
                // Another gzip member follows the previous one.
                guard inflateReset(&stream) == Z_OK else {
                    throw DataReadError(issues: [DataIssue(file: path, message: "cannot reset gzip decoder")])
                }
                inflating = true
            }
            let produced: Int
            let rc: Int32
            (produced, rc) = raw.withUnsafeMutableBufferPointer { src in
                stream.next_in = src.baseAddress! + rawOffset
                stream.avail_in = UInt32(rawCount - rawOffset)
                stream.next_out = buffer.baseAddress!
                stream.avail_out = UInt32(buffer.count)
                let rc = inflate(&stream, Z_NO_FLUSH)
                rawOffset = rawCount - Int(stream.avail_in)
                return (buffer.count - Int(stream.avail_out), rc)
            }
            switch rc {
            case Z_STREAM_END:
                inflating = false
            case Z_OK, Z_BUF_ERROR:
                break
            default:
                let detail = stream.msg.map { String(cString: $0) } ?? "zlib error \(rc)"
                throw DataReadError(issues: [DataIssue(file: path, message: "corrupt gzip data (\(detail))")])
            }
            if produced > 0 { return produced }
        }
    }
}
