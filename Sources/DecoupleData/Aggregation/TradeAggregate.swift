import DecoupleCore

/// The answer to a ``TradeAggregationQuery``: one row per group, sorted by the group keys
/// (in the order of `groupBy`), with the provenance of the data summed.
public struct TradeAggregate: Sendable, Equatable {
    public var groupBy: [TradeDimension]
    public var rows: [TradeAggregateRow]
    public var provenance: [Provenance]

    public init(groupBy: [TradeDimension], rows: [TradeAggregateRow], provenance: [Provenance]) {
        self.groupBy = groupBy
        // Engines often return rows in key order already: check before sorting.
        var ordered = true
        for i in rows.indices.dropFirst() where rows[i].precedes(rows[i - 1], by: groupBy) { ordered = false; break }
        self.rows = ordered ? rows : rows.sorted { $0.precedes($1, by: groupBy) }
        self.provenance = provenance
    }

    /// Rows the caller has put in key order (checked in debug builds).
    init(groupBy: [TradeDimension], sortedRows rows: [TradeAggregateRow], provenance: [Provenance]) {
        assert(rows.indices.dropFirst().allSatisfy { !rows[$0].precedes(rows[$0 - 1], by: groupBy) }, "rows out of key order")
        self.groupBy = groupBy
        self.rows = rows
        self.provenance = provenance
    }

    /// The sum of `value` over all rows (US dollars).
    public var totalValue: Double { rows.reduce(0) { $0 + $1.value } }
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

    /// Key order, dimension by dimension in `keys` order: years numerically, the others by
    /// their text (a product by code, then edition). No strings are built.
    func precedes(_ other: TradeAggregateRow, by keys: [TradeDimension]) -> Bool {
        for k in keys {
            switch k {
            case .year:
                let a = year ?? Int.min, b = other.year ?? Int.min
                if a != b { return a < b }
            case .reporter:
                let a = reporter?.code ?? "", b = other.reporter?.code ?? ""
                if a != b { return a < b }
            case .partner:
                let a = partner?.code ?? "", b = other.partner?.code ?? ""
                if a != b { return a < b }
            case .product:
                let a = product?.code ?? "", b = other.product?.code ?? ""
                if a != b { return a < b }
                let e = product?.edition?.rawValue ?? "", f = other.product?.edition?.rawValue ?? ""
                if e != f { return e < f }
            case .chain:
                let a = chain ?? "", b = other.chain ?? ""
                if a != b { return a < b }
            case .stage:
                let a = stage ?? "", b = other.stage ?? ""
                if a != b { return a < b }
            }
        }
        return false
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
        for (i, row) in rows.enumerated() {
            if let missing = query.groupBy.first(where: { !row.hasKey($0) }) {
                throw TradeAggregateMismatch(engine: engine, message: "result row \(i + 1) has no \(missing.rawValue) although the query groups by it")
            }
        }
    }
}
