import DecoupleCore
import Foundation
import Synchronization

/// A process-wide copy of the bundled OECD ICIO 2022 block and of its Leontief model, made
/// once: the report, the framework, a server and the tests all use the same 4000 × 4000 table,
/// which takes seconds to parse and to factorise. With a ``diskFolder`` the table and the LU
/// factors of `I − A` also persist between processes (``IOTableCache``).
public final class ICIOCache: Sendable {
    public static let shared = ICIOCache()
    private let tables = Mutex<[String: InputOutputTableData]>([:])
    private let models = Mutex<[String: LeontiefModel]>([:])
    private let multipliers = Mutex<[String: RegionMultipliers]>([:])
    private let folder = Mutex<String?>(nil)
    private let outcomes = Mutex<[String: IOTableCache.Outcome]>([:])
    /// One build at a time: concurrent first requests wait for it instead of repeating it.
    private let building = NSLock()

    /// The folder of the on-disk cache (nil: none, the default; `decouple` sets
    /// `<cache>/io-tables`, the same root as the fetch cache).
    public var diskFolder: String? {
        get { folder.withLock { $0 } }
        set { folder.withLock { $0 = newValue } }
    }

    /// How the table of `catalog` was obtained in this process (reused from disk or built, and why).
    public func outcome(_ catalog: DataCatalog) -> IOTableCache.Outcome? { outcomes.withLock { $0[catalog.root] } }

    /// The block of `catalog`, read on first use (from the disk cache when there is one).
    public func oecdICIO2022(_ catalog: DataCatalog, progress: ((Double) -> Void)? = nil) throws -> InputOutputTableData {
        if let t = tables.withLock({ $0[catalog.root] }) { return t }
        if diskFolder != nil {
            _ = try oecdICIO2022Model(catalog, progress: progress)
            if let t = tables.withLock({ $0[catalog.root] }) { return t }
        }
        building.lock()
        defer { building.unlock() }
        if let t = tables.withLock({ $0[catalog.root] }) { return t }
        let t = try catalog.loadOECDICIO2022(progress: progress)
        tables.withLock { $0[catalog.root] = t }
        return t
    }

    /// The Leontief model of the block of `catalog` (`I − A` factorised once per process, or
    /// read with its factors from the disk cache). One factorisation serves every importer,
    /// source and tier count: each query is a solve.
    public func oecdICIO2022Model(_ catalog: DataCatalog, progress: ((Double) -> Void)? = nil,
                                  note: (String) -> Void = { _ in }) throws -> LeontiefModel {
        if let m = models.withLock({ $0[catalog.root] }) { return m }
        building.lock()
        defer { building.unlock() }
        if let m = models.withLock({ $0[catalog.root] }) { return m }
        let table: InputOutputTableData, model: LeontiefModel
        if let diskFolder {
            let d = BundledDataset.oecdICIO2022
            let sources = [OECDICIOBlockReader.matrixFile, OECDICIOBlockReader.nodesFile].map { catalog.path(of: d) + "/" + $0 }
            // One file per data folder (two checkouts do not overwrite each other's).
            let key = d.id + "-" + String(SHA256.hex(of: Data(catalog.root.utf8)).prefix(12))
            let loaded = try IOTableCache(folder: diskFolder).load(name: key, sources: sources, note: note) {
                if let t = tables.withLock({ $0[catalog.root] }) { return t }
                return try catalog.loadOECDICIO2022(progress: progress)
            }
            (table, model) = (loaded.table, loaded.model)
            multipliers.withLock { $0[catalog.root] = loaded.multipliers }
            outcomes.withLock { $0[catalog.root] = loaded.outcome }
        } else {
            table = try tables.withLock({ $0[catalog.root] }) ?? catalog.loadOECDICIO2022(progress: progress)
            model = try LeontiefModel(try InputOutputSystem(table: table))
            outcomes.withLock { $0[catalog.root] = .built("no disk cache") }
        }
        tables.withLock { $0[catalog.root] = table }
        models.withLock { $0[catalog.root] = model }
        return model
    }

    /// The region multipliers of the block's model with at least `tiers` powers of A (built
    /// once, read from the disk cache, extended when more tiers are asked).
    public func oecdICIO2022Multipliers(_ catalog: DataCatalog, tiers: Int, progress: ((Double) -> Void)? = nil,
                                        note: (String) -> Void = { _ in }) throws -> RegionMultipliers {
        let model = try oecdICIO2022Model(catalog, progress: progress, note: note)
        if let m = multipliers.withLock({ $0[catalog.root] }), m.tiers >= tiers { return m }
        building.lock()
        defer { building.unlock() }
        let current = multipliers.withLock { $0[catalog.root] }
        if let m = current, m.tiers >= tiers { return m }
        let m = try current?.extended(to: tiers, system: model.system)
            ?? RegionMultipliers(model: model, tiers: max(tiers, IOTableCache.multiplierTiers))
        multipliers.withLock { $0[catalog.root] = m }
        return m
    }

    /// `importer`'s exposure in the block with `tiers` tiers: columns of the shared region
    /// multipliers (no solve per importer).
    public func oecdICIO2022Exposure(_ catalog: DataCatalog, importer: String, tiers: Int, progress: ((Double) -> Void)? = nil,
                                     note: (String) -> Void = { _ in }) throws -> ImporterExposure {
        let model = try oecdICIO2022Model(catalog, progress: progress, note: note)
        let m = try oecdICIO2022Multipliers(catalog, tiers: max(1, tiers - 1), note: note)
        return try ImporterExposure(multipliers: m, system: model.system, importer: importer, tiers: tiers)
    }
}
