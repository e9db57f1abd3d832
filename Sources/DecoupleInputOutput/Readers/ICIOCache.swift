import DecoupleCore
import Synchronization

/// A process-wide copy of the bundled OECD ICIO 2022 block, read once: the report, the
/// framework, a server and the tests all use the same 4000 × 4000 table, which takes seconds to parse.
public final class ICIOCache: Sendable {
    public static let shared = ICIOCache()
    private let tables = Mutex<[String: InputOutputTableData]>([:])

    /// The block of `catalog`, read on first use.
    public func oecdICIO2022(_ catalog: DataCatalog, progress: ((Double) -> Void)? = nil) throws -> InputOutputTableData {
        if let t = tables.withLock({ $0[catalog.root] }) { return t }
        let t = try catalog.loadOECDICIO2022(progress: progress)
        tables.withLock { $0[catalog.root] = t }
        return t
    }
}
