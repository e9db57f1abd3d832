import ArgumentParser
import DecoupleAnalyses
import DecoupleRendering
import Foundation

extension MeasureInstrument: ExpressibleByArgument {}

/// Parses a `--from`/`--to`/`--at` value: `YYYY`, `YYYY-MM` or `YYYY-MM-DD`.
func parsePolicyDate(_ text: String, option: String) throws -> PolicyDate {
    guard let d = PolicyDate(text) else {
        throw ValidationError("\(option) '\(text)': expected a date YYYY-MM-DD (or YYYY-MM, YYYY) between \(CalendarDay.plausibleYears.lowerBound) and \(CalendarDay.plausibleYears.upperBound)")
    }
    return d
}

/// Parses an exact day for `--at`/`--date`.
func parsePolicyDay(_ text: String, option: String) throws -> CalendarDay {
    guard let d = CalendarDay(text) else {
        throw ValidationError("\(option) '\(text)': expected a day YYYY-MM-DD (a real calendar day between \(CalendarDay.plausibleYears.lowerBound) and \(CalendarDay.plausibleYears.upperBound))")
    }
    return d
}

struct PolicyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "policy",
        abstract: "Policy measures actually taken in strategic supply chains (export controls, tariffs, subsidies, ally-sourcing agreements …), with their legal sources.",
        subcommands: [List.self],
        defaultSubcommand: List.self)

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "List measures, optionally by chain, country, instrument and time window.",
            discussion: "Reads Data/policy/measures.json (or --measures FILE, same schema: docs/policy.md). A measure is listed when it started on or before --to and had not ended before --from.")

        @OptionGroup var taxonomy: TaxonomyOptions
        @Option(help: "A measures file in the same JSON schema, instead of the bundled one.") var measures: String?
        @Option(help: "Only measures targeting this taxonomy chain (e.g. batteries, semiconductors).") var chain: String?
        @Option(help: "Only measures taken by or aimed at this country (ISO code or name).") var country: String?
        @Option(help: "Only this instrument: \(MeasureInstrument.allCases.map(\.rawValue).joined(separator: ", ")).") var instrument: MeasureInstrument?
        @Option(help: "Only measures still in effect on or after this date (YYYY, YYYY-MM or YYYY-MM-DD).") var from: String?
        @Option(help: "Only measures started on or before this date.") var to: String?
        @Option(help: "text, json or csv.") var format: OutputFormat = .text

        func run() throws {
            let fromDay = try from.map { try parsePolicyDate($0, option: "--from").firstDay }
            let toDay = try to.map { try parsePolicyDate($0, option: "--to").lastDay }
            if let fromDay, let toDay, toDay < fromDay { throw ValidationError("--to \(toDay) is before --from \(fromDay)") }
            let countryCode: Country?
            do { countryCode = try country.map { try CountryTable.standard.resolve($0) } } catch {
                throw ValidationError("--country '\(country ?? "")': unknown country (expected an ISO 3166 code such as CHN, or a name)")
            }
            let (t, _) = try guarded { try taxonomy.load() }
            if let chain, t.chain(chain) == nil {
                throw ValidationError("unknown chain '\(chain)'; known chains: \(t.chains.map(\.id).joined(separator: ", "))")
            }
            let catalog = try guarded {
                try PolicyData.measures(file: measures, catalog: DataCatalog.locate(explicit: taxonomy.dataDir), taxonomy: t)
            }
            let listing = PolicyAnalyses.measures(catalog, MeasureFilter(chain: chain, country: countryCode, instrument: instrument, from: fromDay, to: toDay))
            let selected = listing.measures
            switch format {
            case .json:
                print(try encodeJSON(listing))
            case .csv:
                print("id,jurisdiction,instrument,announced,in_force,ended,targets,hs_codes,targeted_countries,name,sources")
                for m in selected {
                    print([m.id, m.jurisdiction.code, m.instrument.rawValue, m.announced?.description ?? "", m.inForce?.description ?? "",
                           m.ended?.description ?? "", m.targets.map(\.description).joined(separator: " "), m.hsCodes.joined(separator: " "),
                           m.targetedCountries.map(\.code).joined(separator: " "), m.name,
                           m.sources.map(\.description).joined(separator: " | ")].map(csvQuoted).joined(separator: ","))
                }
            case .text:
                let names = CountryTable.standard
                for m in selected {
                    let when = [m.announced.map { "announced \($0.annotated)" }, m.inForce.map { "in force \($0.annotated)" },
                                m.ended.map { "ended \($0.annotated)" }].compactMap { $0 }.joined(separator: ", ")
                    print("\(m.start?.description ?? "?")  \(m.jurisdiction.code)  [\(m.instrument.label)]  \(m.name)")
                    print("    id: \(m.id); \(when)")
                    if !m.targets.isEmpty { print("    chains: \(m.targets.map(\.description).joined(separator: ", "))") }
                    if !m.hsCodes.isEmpty { print("    HS codes: \(m.hsCodes.joined(separator: " "))") }
                    if !m.targetedCountries.isEmpty {
                        print("    \(m.countriesLabel): \(m.targetedCountries.map { names.name($0) }.joined(separator: ", "))")
                    }
                    print("    \(m.summary)")
                    for s in m.sources { print("    source: \(s)") }
                    if let note = m.note { print("    note: \(note)") }
                }
                print("\n\(selected.count) of \(catalog.measures.count) measures. Source: \(catalog.provenance.retrievedFrom)")
            }
        }
    }
}
