import Foundation
import DecoupleCore
import DecouplePolicy
import DecoupleTrade

/// The bundled datasets a friend-shoring share can be computed on.
public enum FriendshoringDataset: String, CaseIterable, Sendable {
    /// US imports by HS6 × 50 partners, 2024.
    case censusHS6 = "census-hs6-2024"
    /// US imports by HS2 × 30 partners, monthly 2013–2021 (summed to years).
    case censusHS2 = "census-hs2-monthly"
    /// All reporters' total imports by partner, 2000–2020.
    case dots = "imf-dots"
}

/// What `decouple friendshoring` is asked, already parsed.
public struct FriendshoringRequest: Sendable, Hashable {
    public var alliance: String
    public var chain: String?
    public var stage: String?
    /// `--codes` as typed (comma-separated HS codes).
    public var codes: String?
    public var dataset: FriendshoringDataset?
    public var reporter: Country
    /// Membership taken on this day for every period (`--at`).
    public var at: CalendarDay?

    public init(alliance: String, chain: String? = nil, stage: String? = nil, codes: String? = nil,
                dataset: FriendshoringDataset? = nil, reporter: Country = .usa, at: CalendarDay? = nil) {
        self.alliance = alliance
        self.chain = chain
        self.stage = stage
        self.codes = codes
        self.dataset = dataset
        self.reporter = reporter
        self.at = at
    }
}

/// The friend-shoring share of `decouple friendshoring`, shared with the server.
public enum FriendshoringRun {
    /// Checks the options that need no data and returns the dataset to read and the HS codes.
    public static func plan(_ q: FriendshoringRequest) throws -> (dataset: FriendshoringDataset, codes: [String]) {
        if q.chain != nil && q.codes != nil { throw AnalysisInputError("give --chain or --codes, not both", parameter: "codes") }
        if q.stage != nil && q.chain == nil { throw AnalysisInputError("--stage needs --chain", parameter: "stage") }
        let codeList = try q.codes.map(parseCodes) ?? []
        let data = q.dataset ?? (q.chain != nil || (codeList.first?.count ?? 0) >= 4 ? .censusHS6 : (codeList.isEmpty ? .dots : .censusHS2))
        switch data {
        case .censusHS6:
            if let c = codeList.first, c.count != 6 && c.count != 4 {
                throw AnalysisInputError("census-hs6-2024 needs 4- or 6-digit codes, got \(c)", parameter: "codes")
            }
        case .censusHS2:
            if q.chain != nil {
                throw AnalysisInputError("census-hs2-monthly has HS2 chapters only; a taxonomy chain needs census-hs6-2024", parameter: "dataset")
            }
            if let c = codeList.first, c.count != 2 { throw AnalysisInputError("census-hs2-monthly needs 2-digit chapters, got \(c)", parameter: "codes") }
        case .dots:
            if q.chain != nil || !codeList.isEmpty {
                throw AnalysisInputError("imf-dots has total goods only; drop --chain/--codes or choose a Census dataset", parameter: "dataset")
            }
        }
        if data != .dots && q.reporter != .usa {
            throw AnalysisInputError("\(data.rawValue) has US imports only; use --dataset imf-dots for reporter \(q.reporter)", parameter: "reporter")
        }
        return (data, codeList)
    }

    /// Computes the share series.
    /// - Parameters:
    ///   - taxonomy: called only when a chain is asked for.
    ///   - load: reads the dataset `plan` chose (for imf-dots, at least the reporter's flows).
    public static func run(_ q: FriendshoringRequest, alliances: AllianceCatalog, taxonomy: () throws -> StrategicTaxonomy,
                           load: (FriendshoringDataset) throws -> TradeDataset) throws -> FriendshoringResult {
        let (data, codeList) = try plan(q)
        guard let a = alliances.alliance(named: q.alliance) else {
            throw AnalysisInputError("unknown alliance '\(q.alliance)'; known: \(alliances.alliances.map(\.abbreviation).joined(separator: ", "))",
                                     parameter: "alliance")
        }
        var products: [String: Double] = [:]
        var productLabel = "all goods"
        var taxonomyProvenance: [Provenance] = []
        if let chain = q.chain {
            let t = try taxonomy()
            guard let c = t.chain(chain) else {
                throw AnalysisInputError("unknown chain '\(chain)'; known chains: \(t.chains.map(\.id).joined(separator: ", "))", parameter: "chain")
            }
            if let stage = q.stage, !c.stages.contains(where: { $0.id == stage }) {
                throw AnalysisInputError("chain '\(chain)' has no stage '\(stage)'; its stages: \(c.stages.map(\.id).joined(separator: ", "))",
                                         parameter: "stage")
            }
            products = t.codes(chain: chain, stage: q.stage, edition: .hs2022)
            if products.isEmpty {
                throw AnalysisInputError("chain '\(chain)'\(q.stage.map { " stage '\($0)'" } ?? "") has no HS2022 codes", parameter: "chain")
            }
            productLabel = "\(c.name)\(q.stage.map { " / \($0)" } ?? " (all stages)"), \(products.count) HS2022 lines"
            taxonomyProvenance = t.provenance
        } else if !codeList.isEmpty {
            products = Dictionary(uniqueKeysWithValues: codeList.map { ($0, 1.0) })
            productLabel = "HS \(codeList.joined(separator: ", "))"
        }
        let dataset = try load(data)
        let measure = FriendshoringMeasure(alliance: a, products: products, membership: q.at.map { .fixed($0) } ?? .endOfPeriod)
        let cube = TradeCube(flows: dataset.flows, query: measure.query(reporter: q.reporter, annual: true))
        let partners = Set(dataset.flows.lazy.filter { $0.reporter == q.reporter && $0.direction == .imports }.map(\.partner))
        let series = measure.series(in: cube, partnersInData: partners)
        guard !series.shares.isEmpty else {
            throw AnalysisInputError("\(dataset.id) has no \(q.reporter) imports of \(productLabel)")
        }
        let incomplete = series.shares.filter { !cube.isComplete($0.period) }.map(\.period.description)
        return FriendshoringResult(
            alliance: a.abbreviation, allianceName: a.name, reporter: q.reporter, products: productLabel,
            codes: products.keys.sorted(), membership: q.at.map { "members on \($0)" } ?? "members on each period's last day",
            dataset: dataset.id, shares: series.shares, change: series.change, partialYears: incomplete,
            provenance: [dataset.provenance, alliances.provenance] + taxonomyProvenance, allianceSources: a.sources)
    }

    /// Parses `--codes`: HS codes of 2, 4 or 6 digits, all of one length.
    public static func parseCodes(_ text: String) throws -> [String] {
        let list = text.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        guard !list.isEmpty else { throw AnalysisInputError("--codes: expected HS codes such as 850760,850790", parameter: "codes") }
        for c in list where !([2, 4, 6].contains(c.count) && c.allSatisfy { $0.isASCII && $0.isNumber }) {
            throw AnalysisInputError("--codes: '\(c)' is not an HS code of 2, 4 or 6 digits", parameter: "codes")
        }
        guard Set(list.map(\.count)).count == 1 else {
            throw AnalysisInputError("--codes: give codes of one length (all HS2, HS4 or HS6)", parameter: "codes")
        }
        return list
    }
}
