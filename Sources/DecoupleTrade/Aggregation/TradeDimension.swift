import DecoupleCore

/// A key a trade aggregation can group by.
///
/// `reporter` and `partner` are relative to the query's ``TradeSide``: for imports the
/// reporter is the importer and the partner the exporter. `chain` and `stage` come from the
/// query's ``ProductFilter/groups(_:)`` (a taxonomy selection); they are empty for other filters.
public enum TradeDimension: String, Sendable, Codable, CaseIterable, Hashable {
    case year
    case reporter
    case partner
    case product
    case chain
    case stage
}
