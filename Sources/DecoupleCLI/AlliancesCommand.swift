import ArgumentParser
import DecoupleAnalyses
import DecoupleRendering
import Foundation

struct AlliancesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "alliances",
        abstract: "Issue-based alliances (the paper's Table 4 and the other groupings it names) and their members on a date.",
        discussion: "Reads Data/policy/alliances.json (or --file FILE). Membership is a function of date: month- or year-precise join dates count from their first day and are flagged.")

    @Option(help: "Members on this day (YYYY-MM-DD); without it every membership spell is listed with its dates.") var at: String?
    @Option(help: "Only this alliance (id or abbreviation, e.g. MSP).") var alliance: String?
    @Flag(help: "Only the six initiatives of the paper's Table 4.") var table4 = false
    @Option(help: "An alliances file in the same JSON schema, instead of the bundled one.") var file: String?
    @Option(help: "The bundled data folder (default: $DECOUPLE_DATA, else Data/ of the source checkout).") var dataDir: String?
    @Option(help: "text, json or csv.") var format: OutputFormat = .text

    func run() throws {
        let day = try at.map { try parsePolicyDay($0, option: "--at") }
        let catalog = try guarded { try loadAlliances(file: file, dataDir: dataDir) }
        var list = catalog.alliances.filter { !table4 || $0.inTable4 }
        if let alliance {
            guard let a = catalog.alliance(named: alliance) else {
                throw ValidationError("unknown alliance '\(alliance)'; known: \(catalog.alliances.map(\.abbreviation).joined(separator: ", "))")
            }
            list = [a]
        }
        let names = CountryTable.standard
        switch format {
        case .json:
            let rows = list.map { a in AllianceListing(alliance: a, at: day, membersAt: day.map { a.members(on: $0) }) }
            print(try encodeJSON(AllianceListingFile(alliances: rows, provenance: catalog.provenance)))
        case .csv:
            print("alliance,abbreviation,country,joined,left,member_at,source")
            for a in list {
                for m in a.members {
                    print([a.id, a.abbreviation, m.country.code, m.joined.description, m.left?.description ?? "",
                           day.map { m.isMember(on: $0) && a.isMember(m.country, on: $0) ? "true" : "false" } ?? "",
                           a.sources.first?.description ?? ""].map(csvQuoted).joined(separator: ","))
                }
            }
        case .text:
            for a in list {
                let ended = a.ended.map { ", ended \($0.annotated)" } ?? ""
                print("\(a.abbreviation) — \(a.name) [\(a.issue)] founded \(a.founded.annotated)\(ended)\(a.inTable4 ? "; Table 4" : "")")
                if let day {
                    let members = a.members(on: day)
                    print("    members on \(day) (\(members.count)): \(members.isEmpty ? "none" : members.map { names.name($0) }.sorted().joined(separator: ", "))")
                } else {
                    for m in a.members.sorted(by: { ($0.joined, $0.country) < ($1.joined, $1.country) }) {
                        let left = m.left.map { " – left \($0.annotated)" } ?? ""
                        print("    \(names.name(m.country)) (\(m.country.code)): joined \(m.joined.annotated)\(left)\(m.note.map { " — \($0)" } ?? "")")
                    }
                }
                for s in a.sources { print("    source: \(s)") }
                if let note = a.note { print("    note: \(note)") }
            }
            print("\n\(list.count) alliances. Source: \(catalog.provenance.retrievedFrom)")
        }
    }
}

/// Loads the bundled alliances, or a user file.
func loadAlliances(file: String?, dataDir: String?) throws -> AllianceCatalog {
    try PolicyData.alliances(file: file, catalog: DataCatalog.locate(explicit: dataDir))
}
