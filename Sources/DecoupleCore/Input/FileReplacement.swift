import CSystemCalls
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Puts a finished temporary file in place of `path` in one atomic step: a reader of `path` sees
/// the old file or the new one, never a gap.
///
/// When `path` exists, the two are exchanged (Linux `renameat2` with `RENAME_EXCHANGE`) and the
/// old file, now at the temporary name, is removed. A plain `rename` over an existing file
/// makes ext4 write the new file's data out before the rename returns (its `auto_da_alloc`
/// heuristic for programs that never call fsync): 0.1 s for a 210 MB store on an idle disk,
/// 1.5–3 s measured while the disk was busy. Where the exchange is not available (another
/// system, a file system without it) the plain rename is used.
package enum FileReplacement {
    /// What is at `path` when it is something other than a regular file ("a symbolic link",
    /// "a folder", "a FIFO", "a device", "a socket"); nil for a regular file or nothing. Writers
    /// refuse to replace those (#22).
    package static func nonRegularKind(at path: String) -> String? {
        var st = stat()
        guard lstat(path, &st) == 0 else { return nil }
        switch st.st_mode & S_IFMT {
        case S_IFREG: return nil
        case S_IFLNK: return "a symbolic link"
        case S_IFDIR: return "a folder"
        case S_IFIFO: return "a FIFO"
        case S_IFCHR, S_IFBLK: return "a device"
        case S_IFSOCK: return "a socket"
        default: return "not a regular file"
        }
    }

    /// Moves `temp` to `path`; false (with `errno` set) when neither step worked.
    package static func move(_ temp: String, over path: String) -> Bool {
        var st = stat()
        if lstat(path, &st) == 0, (st.st_mode & S_IFMT) == S_IFREG {
            #if os(Linux)
            if decouple_rename_exchange(temp, path) == 0 {
                unlink(temp)
                return true
            }
            #endif
        }
        return rename(temp, path) == 0
    }
}
