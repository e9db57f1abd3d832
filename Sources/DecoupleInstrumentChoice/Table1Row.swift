import DecoupleCore
import DecoupleTrade

/// One row of the paper's Table 1 rebuilt from data: an arena and a country, the pluses the
/// data give per dimension next to the paper's.
public struct Table1Row: Sendable, Codable, Hashable {
    public struct Cell: Sendable, Codable, Hashable {
        public var dimension: AdvantageDimension
        /// Pluses from the data (nil when the dimension has no data).
        public var data: Int?
        public var paper: Int?
        public var value: Double?
        public var indicator: String?
        public var year: Int?
        public var source: String?
        /// nil when either side is missing.
        public var agrees: Bool? { data.flatMap { d in paper.map { $0 == d } } }
    }
    public var arena: Arena
    public var country: Country
    public var cells: [Cell]
}
