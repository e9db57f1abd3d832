import ArgumentParser
import DecoupleCore
import DecoupleData
import DecoupleMeasures
import Foundation

/// The options shared by `dependence`, `trend` and `diversion`: which store, which countries,
/// which products and which years.
struct PanelOptions: ParsableArguments {
    @Option(help: "The panel store: a name in the store folder or a path (default: the only store there; see `decouple data list`).")
    var store: String?

    @Option(help: "The reporting (importing) economy (ISO3, ISO2, ISO numeric or name).")
    var reporter: String = "USA"

    @Option(help: "The rival economy (ISO3, ISO2, ISO numeric or name).")
    var rival: String = "CHN"

    @Option(help: "A supply chain of the strategic taxonomy (see `decouple taxonomy`).")
    var chain: String?

    @Option(help: "A stage of --chain.")
    var stage: String?

    @Option(help: "HS codes or code prefixes, comma-separated (8507 takes every HS6 line of heading 8507).")
    var codes: String?

    @Option(help: "First year.")
    var from: Int?

    @Option(help: "Last year.")
    var to: Int?

    @Option(help: "text, json or csv.")
    var format: OutputFormat = .text

    @Option(help: "The bundled data folder, for the taxonomy (default: $DECOUPLE_DATA, else Data/ of the source checkout).")
    var dataDir: String?

    func validate() throws {
        if stage != nil && chain == nil { throw ValidationError("--stage needs --chain") }
        if codes != nil && chain != nil { throw ValidationError("give either --codes or --chain, not both") }
        if let from, let to, from > to { throw ValidationError("--from must not be after --to") }
    }

    var years: ClosedRange<Int>? {
        if from == nil && to == nil { return nil }
        return (from ?? 1900)...(to ?? 2100)
    }

    /// The reporter and the rival, resolved.
    func countries() throws -> (reporter: Country, rival: Country) {
        do {
            let r = try CountryTable.standard.resolve(reporter), v = try CountryTable.standard.resolve(rival)
            guard r != v else { throw ValidationError("--reporter and --rival must differ") }
            return (r, v)
        } catch let e as UnknownCountryCode {
            throw ValidationError(e.description)
        }
    }

    /// Opens the store named by --store (or the only one in the store folder).
    func openStore() throws -> TradePanelStore {
        let path: String
        if let store {
            path = PanelStoreDirectory.path(for: store)
        } else {
            let all = PanelStoreDirectory.stores()
            guard all.count == 1 else {
                throw ValidationError(all.isEmpty
                    ? "no panel store in \(PanelStoreDirectory.defaultFolder): import one with `decouple data import baci FILE... --out NAME`, or give --store PATH"
                    : "several panel stores; choose one with --store: \(all.map { ($0 as NSString).lastPathComponent }.joined(separator: ", "))")
            }
            path = all[0]
        }
        return try TradePanelStore(path: path)
    }

    /// The product selection: --codes, --chain/--stage (from the bundled taxonomy), else all products.
    func selection() throws -> ProductSelection {
        if let codes {
            let list = codes.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
            guard !list.isEmpty, list.allSatisfy({ $0.allSatisfy(\.isNumber) }) else {
                throw ValidationError("--codes expects HS codes such as 850760,8541")
            }
            return .codes(list)
        }
        if let chain {
            let taxonomy = try TaxonomyLoader.bundled(catalog: DataCatalog.locate(explicit: dataDir))
            return try Self.selection(chain: chain, stage: stage, taxonomy: taxonomy)
        }
        return .all
    }

    /// A chain (or one of its stages) of a taxonomy as a weighted product selection, every edition.
    static func selection(chain: String, stage: String?, taxonomy: StrategicTaxonomy) throws -> ProductSelection {
        guard let c = taxonomy.chain(chain) else {
            throw ValidationError("unknown chain '\(chain)'; the taxonomy has: \(taxonomy.chains.map(\.id).joined(separator: ", "))")
        }
        if let stage, !c.stages.contains(where: { $0.id == stage }) {
            throw ValidationError("chain '\(chain)' has no stage '\(stage)'; its stages: \(c.stages.map(\.id).joined(separator: ", "))")
        }
        var byEdition: [HSEdition: [String: Double]] = [:]
        for e in HSEdition.allCases {
            let codes = taxonomy.codes(chain: chain, stage: stage, edition: e)
            if !codes.isEmpty { byEdition[e] = codes }
        }
        return .weighted(byEdition, name: stage.map { "\(chain)/\($0)" } ?? chain)
    }
}



/// Runs a command body, turning data errors into a message and a failing exit code.
func reportingDataErrors(_ body: () throws -> Void) throws {
    do { try body() } catch let e as DataReadError {
        printError("error: \(e)")
        throw ExitCode.failure
    }
}
