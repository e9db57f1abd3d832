#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A plain (uncompressed) regular file mapped read-only into memory, so that several threads
/// can parse stretches of it without copying. Readers fall back to ``ByteStream`` when
/// ``init(plainFile:)`` returns nil (gzip, a pipe, an empty file). Like any memory-mapped
/// read, it assumes that no other process truncates the file while it is read.
package final class MappedFile: @unchecked Sendable {
    package let path: String
    package let bytes: UnsafePointer<UInt8>
    package let count: Int

    /// Maps `path`; nil when it is not a regular file, is empty or starts with the gzip magic
    /// bytes. Throws when it cannot be opened.
    package init?(plainFile path: String) throws {
        self.path = path
        let fd = open(path, O_RDONLY)
        guard fd >= 0 else {
            throw DataReadError(issues: [DataIssue(file: path, message: "cannot open file: \(String(cString: strerror(errno)))")])
        }
        defer { close(fd) }
        var st = stat()
        guard fstat(fd, &st) == 0, (st.st_mode & S_IFMT) == S_IFREG, st.st_size > 0 else { return nil }
        var magic: (UInt8, UInt8) = (0, 0)
        if pread(fd, &magic, 2, 0) == 2 && magic.0 == 0x1f && magic.1 == 0x8b { return nil }
        count = Int(st.st_size)
        guard let m = mmap(nil, count, PROT_READ, MAP_PRIVATE, fd, 0), m != MAP_FAILED else { return nil }
        _ = madvise(m, count, MADV_WILLNEED)
        bytes = UnsafePointer(m.assumingMemoryBound(to: UInt8.self))
    }

    deinit { munmap(UnsafeMutableRawPointer(mutating: bytes), count) }
}
