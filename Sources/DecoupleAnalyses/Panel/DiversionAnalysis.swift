import DecoupleCore
import DecoupleTrade

/// Who gained the share the rival lost between two years (`decouple diversion --format json`).
public struct DiversionDocument: Encodable, Sendable {
    /// The engine and its data (the store's path for the local engine).
    public let source: String
    public let provenance: [Provenance]
    public let diversion: TradeDiversion
}

/// `decouple diversion`: trade diversion from the rival and connector countries.
public enum DiversionAnalysis {
    /// Compares `panel.from` and `panel.to` (default: the first and last years of the data).
    public static func run(_ q: TradePanelRequest) async throws -> DiversionDocument {
        let engine = try await q.openEngine()
        let panel = try await engine.describe()
        let selection = try q.selection()
        let from = q.from ?? panel.years.first ?? 0, to = q.to ?? panel.years.last ?? 0
        guard panel.years.contains(from), panel.years.contains(to), from < to else {
            throw AnalysisInputError("--from and --to must be two years of the store (\(panel.years.map(String.init).joined(separator: ", ")))")
        }
        guard let d = try await engine.measure(TradeDiversionRequest(reporter: q.reporter, rival: q.rival, products: selection,
                                                                     from: from, to: to)) else {
            throw AnalysisInputError("no imports of \(selection.name) by \(q.reporter) in both \(from) and \(to)")
        }
        return DiversionDocument(source: engine.name, provenance: panel.provenance, diversion: d)
    }
}
