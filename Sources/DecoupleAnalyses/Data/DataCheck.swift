import DecoupleCore
import DecoupleInputOutput
import DecoupleInstrumentChoice
import DecoupleMinerals
import DecouplePolicy
import DecoupleScenarios
import DecoupleTrade
import Foundation

/// One input of the data folder read in full by `decouple data list --check`: what was read and
/// what the reader said about it.
public struct DatasetCheck: Codable, Sendable {
    /// How the input fared.
    public enum Status: String, Codable, Sendable {
        /// Read; nothing to report.
        case ok
        /// Read, but some files were not used or were read with a note (listed in `problems`).
        case warnings
        /// Not readable: the commands that need it fail (the reader's error in `problems`).
        case error
    }

    /// A bundled dataset id (`imf-dots`, `usgs-mcs2024` …) or the data file's role (`policy-measures` …).
    public let id: String
    /// The file or folder below the data folder.
    public let path: String
    public let status: Status
    /// What was read ("226,531 flows", "80 economies × 50 sectors").
    public let summary: String
    /// Warnings or the error, each naming the file (and line and column where the reader knows them).
    public let problems: [String]
    /// Seconds the read took.
    public let seconds: Double
}

/// `decouple data list --check`: every bundled input read by the reader the commands use, so
/// that a damaged or half-copied data folder is found before a report is built on it.
public enum DataCheck {
    /// The inputs in the order they are checked (ids of ``DatasetCheck``).
    public static let inputs: [String] = BundledDataset.all.map(\.id)
        + ["ncses-patents", "taxonomy", "policy-measures", "alliances", "ira-30d-rules", "policy-negatives",
           "framework", "stage-figures", "scenarios"]

    /// Reads every input of `catalog`; `progress` is told each id before it is read.
    public static func run(catalog: DataCatalog, progress: (String) -> Void = { _ in }) -> [DatasetCheck] {
        inputs.map { id in
            progress(id)
            return check(id, catalog: catalog)
        }
    }

    /// Reads one input (an id of ``inputs``).
    public static func check(_ id: String, catalog: DataCatalog) -> DatasetCheck {
        let start = ContinuousClock.now
        var path = BundledDataset.all.first { $0.id == id }.map { catalog.displayPath($0.path) } ?? catalog.root
        var summary = "", warnings: [String] = []
        func flows(_ d: TradeDataset) -> String { "\(NumberText.fixed(Double(d.flows.count), decimals: 0, grouping: true)) flows" }
        do {
            switch id {
            case BundledDataset.imfDOTS.id: summary = flows(try catalog.loadDOTS())
            case BundledDataset.censusHS2Monthly.id: summary = flows(try catalog.loadCensusHS2Monthly())
            case BundledDataset.censusHS6_2024.id: summary = flows(try catalog.loadCensusHS6_2024())
            case BundledDataset.censusUSChinaMonthly.id: summary = flows(try catalog.loadCensusUSChinaMonthly())
            case BundledDataset.usitcDataWebExports.id: summary = flows(try catalog.loadUSITCDataWebExports())
            case _ where id.hasPrefix("usgs-mcs"):
                let mcs = try catalog.loadMineralCommoditySummaries(edition: Int(id.dropFirst("usgs-mcs".count)) ?? 0)
                summary = "\(mcs.codes.count) commodities (\(mcs.salient.count) salient, \(mcs.world.count) world files)"
                let unread = Set(mcs.unreadFiles.map(\.file)).sorted()
                if !unread.isEmpty {
                    warnings.append("\(unread.count) file(s) not used (unrecognised layout): \(unread.joined(separator: ", "))")
                    warnings += mcs.unreadFiles.map(\.description)
                }
                warnings += mcs.fileNotes.map { "note: \($0)" }
            case BundledDataset.oecdICIO2022.id:
                let t = try ICIOCache.shared.oecdICIO2022(catalog)
                let names = try catalog.loadOECDICIOSectorNames()
                let sectors = Set(t.nodeSectors)
                summary = "\(t.regions.count) economies × \(sectors.count) sectors, \(names.count) sector names"
                let unnamed = sectors.filter { names[$0] == nil }.sorted()
                if !unnamed.isEmpty { warnings.append("sectors without a name in the code list: \(unnamed.joined(separator: ", "))") }
            case "ncses-patents":
                path = catalog.displayPath(BundledDataset.ncsesPatents.path)
                let ids = try catalog.ncsesTableIDs()
                let tables = try ids.map { try catalog.loadNCSESTable($0) }
                summary = "\(tables.count) tables, \(tables.map(\.years.lowerBound).min() ?? 0)–\(tables.map(\.years.upperBound).max() ?? 0)"
            case "taxonomy":
                path = "Data/taxonomy"
                let (t, _) = try TaxonomyData.load(catalog: catalog)
                summary = "\(t.chains.count) chains, \(t.chains.reduce(0) { $0 + $1.stages.count }) stages"
            case "policy-measures":
                path = catalog.displayPath(PolicyMeasuresLoader.bundledPath)
                let (t, _) = try TaxonomyData.load(catalog: catalog)
                summary = "\(try PolicyData.measures(file: nil, catalog: catalog, taxonomy: t).measures.count) measures"
            case "alliances":
                path = "Data/policy/alliances.json"
                summary = "\(try PolicyData.alliances(file: nil, catalog: catalog).alliances.count) alliances"
            case "ira-30d-rules":
                path = "Data/policy/ira-30d-rules.json"
                let rules = try PolicyData.cleanVehicleRules(catalog: catalog)
                summary = "rule set \(rules.id)"
            case "policy-negatives":
                path = catalog.displayPath(PolicyNegativesLoader.bundledPath)
                summary = "\(try PolicyNegativesLoader.bundled(catalog: catalog).negatives.count) negative findings"
            case "framework":
                path = "Data/framework/framework.json"
                _ = try FrameworkConfiguration.bundled(catalog: catalog)
                summary = "configuration read"
            case "stage-figures":
                path = catalog.displayPath(StageFigures.path)
                summary = "\(try StageFigures.bundled(catalog: catalog).figures.count) published stage figures"
            case "scenarios":
                path = "Data/scenarios"
                let folder = catalog.root + "/scenarios"
                let files = ((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []).filter { $0.hasSuffix(".json") }.sorted()
                for f in files { _ = try ScenarioParser.read(path: folder + "/" + f) }
                summary = "\(files.count) scenario files"
            default:
                return DatasetCheck(id: id, path: path, status: .error, summary: "", problems: ["not an input of the data folder"], seconds: 0)
            }
        } catch {
            return DatasetCheck(id: id, path: path, status: .error, summary: "", problems: ["\(error)"],
                                seconds: (ContinuousClock.now - start).seconds)
        }
        return DatasetCheck(id: id, path: path, status: warnings.isEmpty ? .ok : .warnings, summary: summary, problems: warnings,
                            seconds: (ContinuousClock.now - start).seconds)
    }
}

extension Duration {
    /// The duration in seconds.
    fileprivate var seconds: Double { Double(components.seconds) + Double(components.attoseconds) / 1e18 }
}
