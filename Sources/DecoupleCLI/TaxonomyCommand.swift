import ArgumentParser
import DecoupleAnalyses
import DecoupleRendering
import Foundation

/// Options shared by the commands that use the strategic-product taxonomy.
struct TaxonomyOptions: ParsableArguments {
    @Option(name: .customLong("taxonomy"),
            help: ArgumentHelp("A taxonomy file (JSON, same schema as Data/taxonomy/strategic-products.json) that extends or overrides the bundled one; repeatable.", valueName: "file"))
    var files: [String] = []

    @Option(help: "The bundled data folder (default: $DECOUPLE_DATA, else Data/ of the source checkout).")
    var dataDir: String?

    /// Files are checked before any data is read: a missing one fails at once.
    func validate() throws {
        for f in files where !FileManager.default.isReadableFile(atPath: f) {
            throw ValidationError("--taxonomy \(f): no such readable file")
        }
        if let dataDir, !FileManager.default.fileExists(atPath: dataDir) {
            throw ValidationError("--data-dir \(dataDir): no such folder")
        }
    }

    /// The bundled taxonomy merged with the user's files, and the HS concordance.
    func load() throws -> (StrategicTaxonomy, HSConcordance) {
        try TaxonomyData.load(catalog: DataCatalog.locate(explicit: dataDir), files: files)
    }
}

extension HSEdition: ExpressibleByArgument {}
extension Arena: ExpressibleByArgument {}

struct TaxonomyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "taxonomy",
        abstract: "The strategic-product taxonomy: supply chains, their stages and HS6 codes by edition.",
        subcommands: [List.self, Lookup.self, Minerals.self],
        defaultSubcommand: List.self)

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List chains, stages and codes.")

        @OptionGroup var taxonomy: TaxonomyOptions
        @Option(help: "Only this chain (id, e.g. solar-pv).") var chain: String?
        @Option(help: "Only this arena: green, digital or critical-minerals.") var arena: Arena?
        @Option(help: "Only the codes of this HS edition (HS2012, HS2017, HS2022).") var edition: HSEdition?
        @Option(help: "text, json or csv.") var format: OutputFormat = .text

        func validate() throws {
            if let edition, ![.hs2012, .hs2017, .hs2022].contains(edition) {
                throw ValidationError("--edition \(edition.rawValue): the taxonomy lists codes of HS2012, HS2017 and HS2022 only")
            }
        }

        func run() throws {
            let (t, _) = try guarded { try taxonomy.load() }
            var chains = t.chains.filter { (arena == nil || $0.arena == arena) && (chain == nil || $0.id == chain) }
            if let chain, chains.isEmpty {
                throw ValidationError("unknown chain '\(chain)'; known chains: \(t.chains.map(\.id).joined(separator: ", "))")
            }
            if let edition { chains = chains.map { $0.restricted(to: edition) } }
            let editions = edition.map { [$0] } ?? [.hs2012, .hs2017, .hs2022]
            switch format {
            case .json:
                print(try encodeJSON(TaxonomyListing(chains: chains, provenance: t.provenance)))
            case .csv:
                var out = "chain,arena,stage,level,edition,code,weight,shared,description,source\n"
                for c in chains { for s in c.stages { for p in s.products { for e in editions {
                    for code in p.codes[e] ?? [] {
                        out += [c.id, c.arena.rawValue, s.id, s.level.rawValue, e.rawValue, code,
                                p.weight?[e].map { "\($0)" } ?? "", p.shared ? "true" : "false", p.description, p.source]
                            .map(csvQuoted).joined(separator: ",") + "\n"
                    }
                } } } }
                print(out, terminator: "")
            case .text:
                for c in chains {
                    print("\(c.id)  \(c.name) [\(c.arena.rawValue)]")
                    for s in c.stages {
                        print("  \(s.level.rawValue.padding(toLength: 10, withPad: " ", startingAt: 0)) \(s.id): \(s.name)")
                        for p in s.products {
                            let codes = editions.map { e -> String in
                                let list = (p.codes[e] ?? []).joined(separator: " ")
                                let w = p.weight?[e].map { String(format: " ×%.3f", $0) } ?? ""
                                return "\(e.rawValue) \(list.isEmpty ? "–" : list)\(w)"
                            }.joined(separator: " | ")
                            print("      \(codes)\(p.shared ? " (shared line)" : "")  — \(p.description)")
                            print("        source: \(p.source)")
                        }
                    }
                }
                print("\nSources: " + t.provenance.map(\.retrievedFrom).joined(separator: "; ") + ". HS lists: \(HSConcordance.provenance.citation).")
            }
        }
    }

    struct Lookup: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Which chain and stage an HS6 code belongs to, in which editions, and its successors across editions.")

        @Argument(help: "An HS6 code (e.g. 854143).") var code: String
        @OptionGroup var taxonomy: TaxonomyOptions
        @Option(help: "text, json or csv (one row per match and conversion).") var format: OutputFormat = .text

        func run() throws {
            guard code.count == 6, code.allSatisfy(\.isASCII), code.allSatisfy(\.isNumber) else {
                throw ValidationError("'\(code)' is not an HS6 code: expected 6 digits, such as 854143")
            }
            let (t, concordance) = try guarded { try taxonomy.load() }
            let result = TaxonomyData.lookup(code: code, taxonomy: t, concordance: concordance)
            switch format {
            case .json: print(try encodeJSON(result))
            case .csv: print(TaxonomyLookupCSV.csv(result), terminator: "")
            case .text: print(result.text(), terminator: "")
            }
        }
    }

    struct Minerals: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "The critical minerals (USGS 2022 list of 50, 2018 list of 35) and their HS lines.")

        @OptionGroup var taxonomy: TaxonomyOptions
        @Option(help: "text, json or csv.") var format: OutputFormat = .text

        func run() throws {
            let (t, _) = try guarded { try taxonomy.load() }
            let minerals = t.criticalMinerals.sorted { $0.name < $1.name }
            switch format {
            case .json: print(try encodeJSON(minerals))
            case .csv:
                print("name,list2022,list2018,list2018_entry,chain,hs_available,reason")
                for m in minerals {
                    print([m.name, "\(m.list2022)", "\(m.list2018)", m.list2018Entry ?? "", m.chain ?? "",
                           m.hsAvailable.map { "\($0)" } ?? "", m.reason ?? ""].map(csvQuoted).joined(separator: ","))
                }
            case .text:
                for m in minerals {
                    let lists = [m.list2022 ? "2022" : nil, m.list2018 ? "2018" : nil].compactMap { $0 }.joined(separator: "+")
                    let hs = m.hsAvailable == true ? "own HS line in \(m.chain ?? "?")" : (m.chain.map { "shares lines of \($0)" } ?? "no HS line")
                    print("\(m.name.padding(toLength: 14, withPad: " ", startingAt: 0)) \(lists.padding(toLength: 10, withPad: " ", startingAt: 0)) \(hs)\(m.reason.map { " — \($0)" } ?? "")")
                }
                let n22 = minerals.filter(\.list2022).count, own = minerals.filter { $0.list2022 && $0.hsAvailable == true }.count
                print("\n\(n22) minerals on the 2022 list; \(own) with an HS6 line of their own.")
            }
        }
    }
}

/// Runs `body`, turning data errors into a clear message and a failure exit code.
func guarded<T>(_ body: () throws -> T) throws -> T {
    do { return try body() } catch let e as DataReadError {
        printError("error:\n\(e)")
        throw ExitCode.failure
    } catch let e as AnalysisInputError {
        throw ValidationError(e.message)
    }
}

/// The same for async bodies.
func guardedAsync<T>(_ body: () async throws -> T) async throws -> T {
    do { return try await body() } catch let e as DataReadError {
        printError("error:\n\(e)")
        throw ExitCode.failure
    } catch let e as AnalysisInputError {
        throw ValidationError(e.message)
    }
}

func encodeJSON<T: Encodable>(_ value: T) throws -> String {
    try DecoupleJSON.encode(value)
}

func csvQuoted(_ s: String) -> String { PanelOutput.csvField(s) }
