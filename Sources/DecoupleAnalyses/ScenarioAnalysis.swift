import DecoupleCore
import DecoupleScenarios

/// `decouple scenario run`: a scenario file run on the bundled (or given) data.
public enum ScenarioAnalysis {
    /// Reads the scenario at `path` and runs it on `catalog`'s data.
    /// - Throws: `ScenarioFileError` (the file, with line:column), `ScenarioRunError`, data errors.
    public static func run(path: String, catalog: DataCatalog) throws -> ScenarioResult {
        try ScenarioRunner.run(try ScenarioParser.read(path: path), catalog: catalog)
    }
}
