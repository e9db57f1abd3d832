import DecoupleData

extension TradePanelStore {
    /// The measures' view of the store: the columns stay memory-mapped and the store is kept alive.
    public var bilateralPanel: BilateralPanel {
        BilateralPanel(countries: countries, products: products, years: years, productOffsets: productOffsets,
                       exporter: exporter, importer: importer, basis: basis, value: value, quantity: quantity,
                       provenance: provenance, owner: self, coversAllReporters: coversAllReporters)
    }

    /// True when the store covers every reporter (BACI), so world-level measures make sense.
    public var coversAllReporters: Bool { header.source == "BACI" }
}
