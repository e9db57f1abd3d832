import DecoupleCore

/// Runs trade aggregations on a memory-mapped ``TradePanelStore`` in this process.
///
/// One pass over the selected year × product blocks of the store; groups are accumulated in a
/// dense array when the grouped keys have few enough combinations (≤ 2 M cells), otherwise in
/// a hash table. Rows are visited in store order, so repeated runs give identical sums.
public struct LocalTradeAggregationEngine: TradeAggregationEngine {
    public let store: TradePanelStore

    public init(store: TradePanelStore) {
        self.store = store
    }

    public var name: String { "local store \(store.path)" }

    public func describe() async throws -> TradePanelDescription {
        description
    }

    /// ``describe()`` without the `async`.
    public var description: TradePanelDescription {
        TradePanelDescription(years: store.years, coversAllReporters: store.header.source == "BACI",
                              provenance: store.provenance)
    }

    public func aggregate(_ query: TradeAggregationQuery) async throws -> TradeAggregate {
        run(query)
    }

    /// ``aggregate(_:)`` without the `async`: the store is local, nothing is awaited.
    public func run(_ query: TradeAggregationQuery) -> TradeAggregate {
        let countries = store.countries
        let nCountries = countries.count
        let grouped = Set(query.groupBy)

        // Filters resolved to indices.
        let yearIndices: [Int] = query.years.map { wanted in
            let set = Set(wanted)
            return store.years.indices.filter { set.contains(store.years[$0]) }
        } ?? Array(store.years.indices)
        func mask(_ list: [Country]?) -> [Bool]? {
            guard let list else { return nil }
            let set = Set(list)
            return countries.map { set.contains($0) }
        }
        let reporterMask = mask(query.reporters)
        let partnerMask = mask(query.partners)

        // Product memberships, with (chain, stage) interned to group ids.
        var groupIds: [ProductGroupKey: Int] = [:]
        var groupKeys: [ProductGroupKey] = []
        var productMembers: [[(group: Int, weight: Double)]] = Array(repeating: [], count: store.products.count)
        var selectedProducts: [Int] = []
        for (p, product) in store.products.enumerated() {
            let memberships = query.products.memberships(of: product)
            guard !memberships.isEmpty else { continue }
            selectedProducts.append(p)
            productMembers[p] = memberships.map { m in
                let key = ProductGroupKey(chain: grouped.contains(.chain) ? m.chain : "",
                                          stage: grouped.contains(.stage) ? m.stage : "")
                if let id = groupIds[key] { return (id, m.weight) }
                groupIds[key] = groupKeys.count
                groupKeys.append(key)
                return (groupKeys.count - 1, m.weight)
            }
        }

        // Mixed-radix cell numbering over the grouped keys.
        let byYear = grouped.contains(.year), byReporter = grouped.contains(.reporter)
        let byPartner = grouped.contains(.partner), byProduct = grouped.contains(.product)
        let nYears = byYear ? store.years.count : 1
        let nReporters = byReporter ? nCountries : 1
        let nPartners = byPartner ? nCountries : 1
        let nProducts = byProduct ? store.products.count : 1
        let nGroups = max(groupKeys.count, 1)
        let cellCount = nYears.multipliedReportingOverflow(by: nReporters).partialValue
        let (cells, overflow) = [nPartners, nProducts, nGroups].reduce((cellCount, false)) { acc, n in
            let (r, o) = acc.0.multipliedReportingOverflow(by: n)
            return (r, acc.1 || o)
        }
        var accumulator = GroupAccumulator(cells: overflow ? Int.max : cells)

        let own = query.side == .imports ? store.importer : store.exporter
        let other = query.side == .imports ? store.exporter : store.importer
        let basis = store.basis, value = store.value, quantity = store.quantity
        let rejectedBasis: UInt8 = query.side == .imports ? PanelFlowBasis.exporterReported.rawValue
                                                          : PanelFlowBasis.importerReported.rawValue
        for y in yearIndices {
            let yearCell = byYear ? y : 0
            for p in selectedProducts {
                let members = productMembers[p]
                let productCell = byProduct ? p : 0
                for r in store.rows(yearIndex: y, productIndex: p) where basis[r] != rejectedBasis {
                    let o = Int(own[r]), k = Int(other[r])
                    if let reporterMask, !reporterMask[o] { continue }
                    if let partnerMask, !partnerMask[k] { continue }
                    let v = value[r], q = quantity[r]
                    var cell = yearCell
                    cell = cell * nReporters + (byReporter ? o : 0)
                    cell = cell * nPartners + (byPartner ? k : 0)
                    cell = cell * nProducts + productCell
                    for m in members {
                        accumulator.add(cell: cell * nGroups + m.group, value: m.weight * v,
                                        quantity: q.isNaN ? 0 : m.weight * q)
                    }
                }
            }
        }

        var rows: [TradeAggregateRow] = []
        accumulator.forEach { cell, sum in
            var rest = cell
            let g = rest % nGroups; rest /= nGroups
            let p = rest % nProducts; rest /= nProducts
            let k = rest % nPartners; rest /= nPartners
            let o = rest % nReporters; rest /= nReporters
            let y = rest
            let group = groupKeys.isEmpty ? ProductGroupKey(chain: "", stage: "") : groupKeys[g]
            rows.append(TradeAggregateRow(
                year: byYear ? store.years[y] : nil,
                reporter: byReporter ? countries[o] : nil,
                partner: byPartner ? countries[k] : nil,
                product: byProduct ? store.products[p] : nil,
                chain: grouped.contains(.chain) ? group.chain : nil,
                stage: grouped.contains(.stage) ? group.stage : nil,
                value: sum.value, quantity: sum.quantity, rowCount: sum.count))
        }
        return TradeAggregate(groupBy: query.groupBy, rows: rows, provenance: store.provenance)
    }
}

struct ProductGroupKey: Hashable {
    var chain: String
    var stage: String
}

/// Sums per cell: a dense array for small key spaces, a hash table otherwise.
struct GroupAccumulator {
    struct Sum {
        var value = 0.0
        var quantity = 0.0
        var count = 0

        @inline(__always) mutating func add(_ v: Double, _ q: Double) {
            value += v
            quantity += q
            count += 1
        }
    }

    static let denseLimit = 2_000_000
    private var dense: [Sum]
    private var sparse: [Int: Sum] = [:]
    private let isDense: Bool

    init(cells: Int) {
        isDense = cells <= Self.denseLimit
        dense = isDense ? Array(repeating: Sum(), count: cells) : []
    }

    @inline(__always) mutating func add(cell: Int, value: Double, quantity: Double) {
        if isDense {
            dense[cell].add(value, quantity)
        } else {
            sparse[cell, default: Sum()].add(value, quantity)
        }
    }

    /// Every cell that received a row.
    func forEach(_ body: (Int, Sum) -> Void) {
        if isDense {
            for (cell, sum) in dense.enumerated() where sum.count > 0 { body(cell, sum) }
        } else {
            for (cell, sum) in sparse { body(cell, sum) }
        }
    }
}
