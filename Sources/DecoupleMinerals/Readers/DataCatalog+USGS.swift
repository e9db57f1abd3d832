import DecoupleCore

extension DataCatalog {
    /// Loads one bundled edition (2022, 2023 or 2024) of the USGS Mineral Commodity Summaries.
    /// - Parameter skipBadFiles: go on without files that cannot be read (see
    ///   ``MineralCommoditySummaries/load(folder:displayPrefix:edition:skipBadFiles:)``);
    ///   nil: the catalog's ``DataCatalog/skipBadFiles``.
    public func loadMineralCommoditySummaries(edition: Int, skipBadFiles: Bool? = nil) throws -> MineralCommoditySummaries {
        guard let d = BundledDataset.usgsMCS.first(where: { $0.id == "usgs-mcs\(edition)" }) else {
            throw DataReadError(issues: [DataIssue(file: root + "/usgs-mcs",
                message: "no bundled USGS MCS edition \(edition); the bundled editions are 2022, 2023 and 2024")])
        }
        return try MineralCommoditySummaries.load(folder: path(of: d), displayPrefix: displayPath(d.path), edition: edition,
                                                  skipBadFiles: skipBadFiles ?? self.skipBadFiles)
    }
}
