import DecoupleCore
import DecoupleTrade

/// The strategic taxonomy and the HS concordance, as every analysis reads them.
public enum TaxonomyData {
    /// The bundled taxonomy merged with the user's `files` (same schema), and the HS concordance.
    public static func load(catalog: DataCatalog, files: [String] = []) throws -> (StrategicTaxonomy, HSConcordance) {
        let concordance = try HSConcordance.load(folder: catalog.root + "/hs")
        let loader = TaxonomyLoader(concordance: concordance)
        var taxonomy = try loader.load(path: catalog.root + "/" + TaxonomyLoader.bundledPath,
                                       displayName: catalog.displayPath(TaxonomyLoader.bundledPath))
        for file in files { taxonomy = try loader.merge(taxonomy, withFileAt: file) }
        return (taxonomy, concordance)
    }

    /// Where an HS6 code sits: its chains and stages, in every edition (`decouple taxonomy lookup`).
    public static func lookup(code: String, taxonomy: StrategicTaxonomy, concordance: HSConcordance) -> TaxonomyLookup {
        TaxonomyLookup(code: code, taxonomy: taxonomy, concordance: concordance)
    }
}
