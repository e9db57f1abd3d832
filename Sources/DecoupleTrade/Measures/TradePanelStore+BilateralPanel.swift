import DecoupleCore


extension TradePanelStore {
    /// The measures' view of the store: the columns stay memory-mapped and the store is kept alive.
    public var bilateralPanel: BilateralPanel {
        BilateralPanel(columns: columns, provenance: provenance, owner: self, coversAllReporters: coversAllReporters)
    }
}
