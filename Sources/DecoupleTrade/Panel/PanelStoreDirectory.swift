#if canImport(Glibc)
import DecoupleCore
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Where imported panel stores live when they are named rather than given as a path:
/// `$DECOUPLE_STORES`, else `$XDG_DATA_HOME/decouple/stores`, else
/// `~/.local/share/decouple/stores`. Store files end in `.dpanel`.
public enum PanelStoreDirectory {
    public static let fileExtension = ".dpanel"

    /// The folder for named stores.
    public static var defaultFolder: String {
        if let v = getenv("DECOUPLE_STORES"), v.pointee != 0 { return String(cString: v) }
        if let v = getenv("XDG_DATA_HOME"), v.pointee != 0 { return String(cString: v) + "/decouple/stores" }
        let home = getenv("HOME").map { String(cString: $0) } ?? "."
        return home + "/.local/share/decouple/stores"
    }

    /// A store path from what a user typed: a path (anything with a `/`, or an existing file)
    /// is used as given; a bare name is a store in ``defaultFolder`` (`.dpanel` added).
    public static func path(for nameOrPath: String, folder: String = defaultFolder) -> String {
        var st = stat()
        if nameOrPath.contains("/") || stat(nameOrPath, &st) == 0 { return nameOrPath }
        let file = nameOrPath.hasSuffix(fileExtension) ? nameOrPath : nameOrPath + fileExtension
        return folder + "/" + file
    }

    /// The store files in a folder (none when it does not exist), sorted by name.
    public static func stores(in folder: String = defaultFolder) -> [String] {
        ((try? listFiles(folder, suffix: fileExtension)) ?? []).map { folder + "/" + $0 }
    }
}
