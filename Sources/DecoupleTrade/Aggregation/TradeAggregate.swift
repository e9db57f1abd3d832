import DecoupleCore

/// The answer to a ``TradeAggregationQuery``: one group per row, sorted by the group keys (in
/// the order of `groupBy`), with the provenance of the data summed.
///
/// Stored by column: for every grouped dimension, each row's position in that dimension's list
/// of distinct keys (``TradeAggregateKeys``), and the sums. The key lists hold exactly the keys
/// that occur, in key order, so two aggregates with the same rows are equal and comparing
/// positions compares keys. Measures over many groups read the columns (``positions(_:)``,
/// ``value``); others read ``rows``.
public struct TradeAggregate: Sendable, Equatable {
    public let groupBy: [TradeDimension]
    public var provenance: [Provenance]
    /// The distinct keys the position columns index into.
    public let keys: TradeAggregateKeys
    /// Σ weight × value per group, US dollars.
    public let value: [Double]
    /// Σ weight × quantity per group over the rows that report one, metric tonnes.
    public let quantity: [Double]
    /// The number of source rows summed per group (each counted once per member it matched).
    public let rowCount: [Int]
    /// Per dimension (``TradeDimension/ordinal``), each row's position in its key list; −1 when
    /// the engine gave no key (see ``validate(for:engine:)``). Empty for dimensions not grouped.
    private let positionColumns: [[Int32]]

    /// An aggregate from rows in any order; keys of dimensions not in `groupBy` are ignored.
    public init(groupBy: [TradeDimension], rows: [TradeAggregateRow], provenance: [Provenance]) {
        var keys = TradeAggregateKeys()
        var columns = [[Int32]](repeating: [], count: TradeDimension.allCases.count)
        var years: [Int: Int32] = [:], countries: [Country: Int32] = [:], products: [ProductCode: Int32] = [:]
        var chains: [String: Int32] = [:], stages: [String: Int32] = [:]
        func intern<Key: Hashable>(_ key: Key?, _ table: inout [Key: Int32], _ list: inout [Key]) -> Int32 {
            guard let key else { return -1 }
            if let position = table[key] { return position }
            table[key] = Int32(list.count)
            list.append(key)
            return Int32(list.count - 1)
        }
        for dimension in groupBy {
            columns[dimension.ordinal] = rows.map { row in
                switch dimension {
                case .year: intern(row.year, &years, &keys.years)
                case .reporter: intern(row.reporter, &countries, &keys.countries)
                case .partner: intern(row.partner, &countries, &keys.countries)
                case .product: intern(row.product, &products, &keys.products)
                case .chain: intern(row.chain, &chains, &keys.chains)
                case .stage: intern(row.stage, &stages, &keys.stages)
                }
            }
        }
        self.init(groupBy: groupBy, keys: keys, positions: columns, value: rows.map(\.value),
                  quantity: rows.map(\.quantity), rowCount: rows.map(\.rowCount), provenance: provenance)
    }

    /// An aggregate from columns: key lists in any order and possibly with keys no row uses
    /// (an engine's own dictionaries), rows in any order. Keys are reduced to those used and put
    /// in key order, then rows sorted by key.
    /// - Parameter positions: indexed by ``TradeDimension/ordinal``; a column per grouped dimension.
    package init(groupBy: [TradeDimension], keys: TradeAggregateKeys, positions: [[Int32]], value: [Double],
                 quantity: [Double], rowCount: [Int], provenance: [Provenance]) {
        var keys = keys, positions = positions
        keys.canonicalise(&positions)
        let count = value.count
        // Rows in key order: one integer per row, built from the positions in `groupBy` order
        // (mixed radix; −1, a missing key, first), unless it would overflow.
        var radix: [(column: Int, size: Int)] = groupBy.map { ($0.ordinal, keys.count(of: $0) + 1) }
        let overflows = radix.reduce((product: 1, overflow: false)) { acc, r in
            let (p, o) = acc.product.multipliedReportingOverflow(by: r.size)
            return (p, acc.overflow || o)
        }.overflow
        var order: [Int]? = nil
        if !overflows {
            var sortKeys = [Int](repeating: 0, count: count)
            for r in radix {
                let column = positions[r.column]
                for i in 0..<count { sortKeys[i] = sortKeys[i] * r.size + Int(column[i]) + 1 }
            }
            if !sortKeys.indices.dropFirst().allSatisfy({ sortKeys[$0 - 1] <= sortKeys[$0] }) {
                var pairs = (0..<count).map { (key: sortKeys[$0], row: Int32($0)) }
                pairs.sort { $0.key < $1.key }
                order = pairs.map { Int($0.row) }
            }
        } else {
            radix = radix.filter { !positions[$0.column].isEmpty }
            let precedes = { (a: Int, b: Int) -> Bool in
                for r in radix where positions[r.column][a] != positions[r.column][b] {
                    return positions[r.column][a] < positions[r.column][b]
                }
                return false
            }
            if !(0..<count).dropFirst().allSatisfy({ !precedes($0, $0 - 1) }) {
                order = (0..<count).sorted(by: precedes)
            }
        }
        self.groupBy = groupBy
        self.provenance = provenance
        self.keys = keys
        if let order {
            self.positionColumns = positions.map { column in column.isEmpty ? [] : order.map { column[$0] } }
            self.value = order.map { value[$0] }
            self.quantity = order.map { quantity[$0] }
            self.rowCount = order.map { rowCount[$0] }
        } else {
            self.positionColumns = positions
            self.value = value
            self.quantity = quantity
            self.rowCount = rowCount
        }
    }

    /// The number of groups.
    public var count: Int { value.count }

    /// Each row's position in the key list of `dimension` (``TradeAggregateKeys``), −1 where the
    /// engine gave none; empty when the aggregate does not group by `dimension`.
    public func positions(_ dimension: TradeDimension) -> [Int32] {
        positionColumns[dimension.ordinal]
    }

    /// Row `i` with its keys.
    public subscript(i: Int) -> TradeAggregateRow {
        func position(_ d: TradeDimension) -> Int? {
            let column = positionColumns[d.ordinal]
            return column.isEmpty || column[i] < 0 ? nil : Int(column[i])
        }
        return TradeAggregateRow(year: position(.year).map { keys.years[$0] },
                                 reporter: position(.reporter).map { keys.countries[$0] },
                                 partner: position(.partner).map { keys.countries[$0] },
                                 product: position(.product).map { keys.products[$0] },
                                 chain: position(.chain).map { keys.chains[$0] },
                                 stage: position(.stage).map { keys.stages[$0] },
                                 value: value[i], quantity: quantity[i], rowCount: rowCount[i])
    }

    /// Every row with its keys, in key order.
    public var rows: [TradeAggregateRow] { (0..<count).map { self[$0] } }

    /// The sum of `value` over all rows (US dollars).
    public var totalValue: Double { value.reduce(0, +) }
}

/// The distinct keys of a ``TradeAggregate``, each list in key order: years ascending,
/// countries (reporters and partners together) and products by code (then edition), chains and
/// stages by name.
public struct TradeAggregateKeys: Sendable, Equatable {
    public var years: [Int] = []
    public var countries: [Country] = []
    public var products: [ProductCode] = []
    public var chains: [String] = []
    public var stages: [String] = []

    public init(years: [Int] = [], countries: [Country] = [], products: [ProductCode] = [],
                chains: [String] = [], stages: [String] = []) {
        self.years = years
        self.countries = countries
        self.products = products
        self.chains = chains
        self.stages = stages
    }

    /// The length of the key list `dimension` indexes.
    func count(of dimension: TradeDimension) -> Int {
        switch dimension {
        case .year: years.count
        case .reporter, .partner: countries.count
        case .product: products.count
        case .chain: chains.count
        case .stage: stages.count
        }
    }

    /// Drops keys no row uses, sorts the rest into key order and renumbers `positions` to match.
    mutating func canonicalise(_ positions: inout [[Int32]]) {
        func reduce<Key>(_ list: inout [Key], _ dimensions: [TradeDimension], by precedes: (Key, Key) -> Bool) {
            let columns = dimensions.map(\.ordinal).filter { !positions[$0].isEmpty }
            var used = [Bool](repeating: false, count: list.count)
            for c in columns { for p in positions[c] where p >= 0 { used[Int(p)] = true } }
            let kept = list.indices.filter { used[$0] }
            let ordered = kept.count == list.count && kept.dropFirst().allSatisfy { precedes(list[$0 - 1], list[$0]) }
                ? kept : kept.sorted { precedes(list[$0], list[$1]) }
            if ordered.count == list.count && ordered.elementsEqual(list.indices) { return }
            var renumber = [Int32](repeating: -1, count: list.count)
            for (new, old) in ordered.enumerated() { renumber[old] = Int32(new) }
            for c in columns { positions[c] = positions[c].map { $0 < 0 ? -1 : renumber[Int($0)] } }
            list = ordered.map { list[$0] }
        }
        reduce(&years, [.year], by: <)
        reduce(&countries, [.reporter, .partner]) { $0.code < $1.code }
        reduce(&products, [.product]) { $0.code != $1.code ? $0.code < $1.code : ($0.edition?.rawValue ?? "") < ($1.edition?.rawValue ?? "") }
        reduce(&chains, [.chain], by: <)
        reduce(&stages, [.stage], by: <)
    }
}

extension TradeDimension {
    /// The dimension's place in `allCases` (0 year … 5 stage).
    public var ordinal: Int {
        switch self {
        case .year: 0
        case .reporter: 1
        case .partner: 2
        case .product: 3
        case .chain: 4
        case .stage: 5
        }
    }
}

/// One group of a ``TradeAggregate``. Keys not grouped by are nil.
public struct TradeAggregateRow: Sendable, Hashable {
    public var year: Int?
    public var reporter: Country?
    public var partner: Country?
    public var product: ProductCode?
    public var chain: String?
    public var stage: String?
    /// Σ weight × value, US dollars.
    public var value: Double
    /// Σ weight × quantity over the rows that report one, metric tonnes.
    public var quantity: Double
    /// The number of source rows summed (each counted once per member it matched).
    public var rowCount: Int

    public init(year: Int? = nil, reporter: Country? = nil, partner: Country? = nil, product: ProductCode? = nil,
                chain: String? = nil, stage: String? = nil, value: Double, quantity: Double, rowCount: Int) {
        self.year = year
        self.reporter = reporter
        self.partner = partner
        self.product = product
        self.chain = chain
        self.stage = stage
        self.value = value
        self.quantity = quantity
        self.rowCount = rowCount
    }

    /// The key of one dimension as text (`2022`, `USA`, `850760` …), "" when absent.
    public func key(_ dimension: TradeDimension) -> String {
        switch dimension {
        case .year: year.map(String.init) ?? ""
        case .reporter: reporter?.code ?? ""
        case .partner: partner?.code ?? ""
        case .product: product.map { $0.code + ($0.edition.map { "@" + $0.rawValue } ?? "") } ?? ""
        case .chain: chain ?? ""
        case .stage: stage ?? ""
        }
    }

    /// True when the row has a key for `dimension`.
    public func hasKey(_ dimension: TradeDimension) -> Bool {
        switch dimension {
        case .year: year != nil
        case .reporter: reporter != nil
        case .partner: partner != nil
        case .product: product != nil
        case .chain: chain != nil
        case .stage: stage != nil
        }
    }
}

/// An engine answered a query with rows that do not fit it.
public struct TradeAggregateMismatch: Error, CustomStringConvertible {
    public let engine: String
    public let message: String
    public var description: String { "\(engine): \(message)" }
}

extension TradeAggregate {
    /// Checks that every row has a key for every grouped dimension.
    /// - Throws: ``TradeAggregateMismatch`` naming the first row without one.
    public func validate(for query: TradeAggregationQuery, engine: String) throws {
        guard count > 0 else { return }
        var firstMissing: (row: Int, dimension: TradeDimension)? = nil
        for dimension in query.groupBy {
            let column = positions(dimension)
            let row = column.isEmpty ? 0 : column.firstIndex { $0 < 0 }
            if let row, row < (firstMissing?.row ?? Int.max) { firstMissing = (row, dimension) }
        }
        if let (row, dimension) = firstMissing {
            throw TradeAggregateMismatch(engine: engine, message: "result row \(row + 1) has no \(dimension.rawValue) although the query groups by it")
        }
    }
}
