import DecoupleCore

/// The columns of a bilateral trade panel that aggregations read: rows grouped into blocks by
/// year and product, each row a flow from an exporter to an importer. The buffers are not
/// owned: whoever makes the columns keeps their memory alive (``LocalTradeAggregationEngine``
/// holds an `owner` for that).
public struct PanelColumns: @unchecked Sendable {
    /// The countries the `exporter` and `importer` columns index into.
    public var countries: [Country]
    public var products: [ProductCode]
    /// Ascending.
    public var years: [Int]
    /// `years.count × products.count + 1` row offsets (block `y × products.count + p`).
    public var productOffsets: UnsafeBufferPointer<Int64>
    public var exporter: UnsafeBufferPointer<UInt16>
    public var importer: UnsafeBufferPointer<UInt16>
    /// ``PanelFlowBasis`` raw values.
    public var basis: UnsafeBufferPointer<UInt8>
    /// US dollars.
    public var value: UnsafeBufferPointer<Double>
    /// Metric tonnes, NaN when not reported; nil when the panel has no quantities.
    public var quantity: UnsafeBufferPointer<Double>?

    public init(countries: [Country], products: [ProductCode], years: [Int], productOffsets: UnsafeBufferPointer<Int64>,
                exporter: UnsafeBufferPointer<UInt16>, importer: UnsafeBufferPointer<UInt16>, basis: UnsafeBufferPointer<UInt8>,
                value: UnsafeBufferPointer<Double>, quantity: UnsafeBufferPointer<Double>?) {
        self.countries = countries
        self.products = products
        self.years = years
        self.productOffsets = productOffsets
        self.exporter = exporter
        self.importer = importer
        self.basis = basis
        self.value = value
        self.quantity = quantity
    }

    /// The rows of one year and product.
    @inline(__always) public func rows(yearIndex y: Int, productIndex p: Int) -> Range<Int> {
        let b = y * products.count + p
        return Int(productOffsets[b])..<Int(productOffsets[b + 1])
    }
}

extension TradePanelStore {
    /// True when the store covers every reporter (BACI), so world-level measures make sense.
    public var coversAllReporters: Bool { header.source == "BACI" }

    /// The store's columns (valid while the store is alive).
    public var columns: PanelColumns {
        PanelColumns(countries: countries, products: products, years: years, productOffsets: productOffsets,
                     exporter: exporter, importer: importer, basis: basis, value: value, quantity: quantity)
    }
}

/// Runs trade aggregations on panel columns in this process: a memory-mapped
/// ``TradePanelStore`` (the default engine) or any other ``PanelColumns``.
///
/// One pass over the selected year × product blocks; groups are accumulated in a dense array
/// when the grouped keys have few enough combinations (≤ 2 M cells), otherwise in a hash
/// table. Rows are visited in panel order, so repeated runs give identical sums.
public struct LocalTradeAggregationEngine: TradeAggregationEngine, @unchecked Sendable {
    public let columns: PanelColumns
    public let name: String
    /// What ``describe()`` answers.
    public let description: TradePanelDescription
    /// The most cells (combinations of the grouped keys) summed in a dense array; above it a
    /// hash table holds only the groups that occur.
    public var denseCellLimit = 2_000_000
    /// Keeps the memory of `columns` alive.
    private let owner: AnyObject?

    /// An engine over the columns of an open store.
    public init(store: TradePanelStore) {
        self.init(columns: store.columns, name: "local store \(store.path)",
                  description: TradePanelDescription(years: store.years, coversAllReporters: store.coversAllReporters,
                                                     provenance: store.provenance),
                  owner: store)
    }

    /// An engine over columns that `owner` keeps alive.
    public init(columns: PanelColumns, name: String, description: TradePanelDescription, owner: AnyObject?) {
        self.columns = columns
        self.name = name
        self.description = description
        self.owner = owner
    }

    public func describe() async throws -> TradePanelDescription {
        description
    }

    public func aggregate(_ query: TradeAggregationQuery) async throws -> TradeAggregate {
        run(query)
    }

    /// ``aggregate(_:)`` without the `async`: the store is local, nothing is awaited.
    public func run(_ query: TradeAggregationQuery) -> TradeAggregate {
        let store = columns
        let countries = store.countries
        let nCountries = countries.count
        let grouped = Set(query.groupBy)

        // Filters resolved to indices.
        let yearIndices: [Int] = query.years.map { wanted in
            let set = Set(wanted)
            return store.years.indices.filter { set.contains(store.years[$0]) }
        } ?? Array(store.years.indices)
        // Countries kept on each side, numbered compactly (slot −1: filtered out).
        func slots(_ list: [Country]?) -> (slot: [Int], country: [Int]) {
            guard let list else { return (Array(countries.indices), Array(countries.indices)) }
            let set = Set(list)
            var slot = [Int](repeating: -1, count: nCountries), kept: [Int] = []
            for (i, c) in countries.enumerated() where set.contains(c) { slot[i] = kept.count; kept.append(i) }
            return (slot, kept)
        }
        let reporters = slots(query.reporters), partners = slots(query.partners)

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

        // Mixed-radix cell numbering over the grouped keys, each numbered within the selection.
        let byYear = grouped.contains(.year), byReporter = grouped.contains(.reporter)
        let byPartner = grouped.contains(.partner), byProduct = grouped.contains(.product)
        let nYears = byYear ? yearIndices.count : 1
        let nReporters = byReporter ? reporters.country.count : 1
        let nPartners = byPartner ? partners.country.count : 1
        let nProducts = byProduct ? selectedProducts.count : 1
        let nGroups = max(groupKeys.count, 1)
        let (cells, overflow) = [nReporters, nPartners, nProducts, nGroups].reduce((nYears, false)) { acc, n in
            let (r, o) = acc.0.multipliedReportingOverflow(by: n)
            return (r, acc.1 || o)
        }
        // When year and product are both grouped, no group spans two year × product blocks: a
        // block's groups are summed in a small dense scratch array (reporter × partner × group)
        // and emitted when the block ends, so even flow-level groupings need no hash table.
        let perBlock = nReporters * nPartners * nGroups
        let blockwise = byYear && byProduct && (overflow || cells > denseCellLimit) && perBlock <= denseCellLimit
        var scratch = [GroupAccumulator.Sum](repeating: .init(), count: blockwise ? perBlock : 0)
        var touched: [Int] = []
        // The touched cells as bits too: a block with many groups is emitted in order by scanning
        // the bits, one with few by sorting the list.
        var touchedBits = [UInt64](repeating: 0, count: blockwise ? (perBlock + 63) / 64 : 0)
        var emitted: [(cell: Int, sum: GroupAccumulator.Sum)] = []
        // Otherwise: at most one group per row read; reserve for the rows of the selected blocks (capped).
        var rowsSelected = 0
        if !blockwise { for y in yearIndices { for p in selectedProducts { rowsSelected += store.rows(yearIndex: y, productIndex: p).count } } }
        var accumulator = GroupAccumulator(cells: blockwise ? 0 : (overflow ? Int.max : cells), denseLimit: denseCellLimit,
                                           expectedGroups: min(rowsSelected, 16_000_000))

        let own = query.side == .imports ? store.importer : store.exporter
        let other = query.side == .imports ? store.exporter : store.importer
        let basis = store.basis, value = store.value, quantity = store.quantity
        let rejectedBasis: UInt8 = query.side == .imports ? PanelFlowBasis.exporterReported.rawValue
                                                          : PanelFlowBasis.importerReported.rawValue
        let reporterSlot = reporters.slot, partnerSlot = partners.slot
        for (yearPosition, y) in yearIndices.enumerated() {
            let yearCell = byYear ? yearPosition : 0
            for (productPosition, p) in selectedProducts.enumerated() {
                let members = productMembers[p]
                let productCell = byProduct ? productPosition : 0
                for r in store.rows(yearIndex: y, productIndex: p) where basis[r] != rejectedBasis {
                    let o = reporterSlot[Int(own[r])], k = partnerSlot[Int(other[r])]
                    if o < 0 || k < 0 { continue }
                    let v = value[r], q = quantity?[r] ?? .nan
                    let pair = (byReporter ? o : 0) * nPartners + (byPartner ? k : 0)
                    for m in members {
                        let wq = q.isNaN ? 0 : m.weight * q
                        if blockwise {
                            let local = pair * nGroups + m.group
                            if scratch[local].count == 0 {
                                touched.append(local)
                                touchedBits[local >> 6] |= 1 << UInt64(local & 63)
                            }
                            scratch[local].add(m.weight * v, wq)
                        } else {
                            let cell = ((yearCell * nReporters * nPartners + pair) * nProducts + productCell) * nGroups + m.group
                            accumulator.add(cell: cell, value: m.weight * v, quantity: wq)
                        }
                    }
                }
                if blockwise {
                    // In reporter, partner, group order: rows grouped by year, product, reporter,
                    // partner then come out in key order and need no sorting afterwards.
                    func emit(_ local: Int) {
                        let g = local % nGroups, pair = local / nGroups
                        let cell = ((yearCell * nReporters * nPartners + pair) * nProducts + productCell) * nGroups + g
                        emitted.append((cell, scratch[local]))
                        scratch[local] = .init()
                    }
                    if touched.count * 16 >= touchedBits.count {
                        for w in touchedBits.indices where touchedBits[w] != 0 {
                            var bits = touchedBits[w]
                            while bits != 0 {
                                emit(w << 6 + bits.trailingZeroBitCount)
                                bits &= bits - 1
                            }
                            touchedBits[w] = 0
                        }
                    } else {
                        touched.sort()
                        for local in touched {
                            emit(local)
                            touchedBits[local >> 6] = 0
                        }
                    }
                    touched.removeAll(keepingCapacity: true)
                }
            }
        }
        if !blockwise { accumulator.forEach { emitted.append(($0, $1)) } }

        // Columns: each group's key positions (years, countries and products as the store numbers
        // them, chains and stages by name) and sums; the aggregate keeps the keys used and sorts.
        let chainNames = Array(Set(groupKeys.map(\.chain))).sorted(), stageNames = Array(Set(groupKeys.map(\.stage))).sorted()
        let chainRank = groupKeys.map { Int32(chainNames.firstIndex(of: $0.chain)!) }
        let stageRank = groupKeys.map { Int32(stageNames.firstIndex(of: $0.stage)!) }
        var positions = [[Int32]](repeating: [], count: TradeDimension.allCases.count)
        for d in query.groupBy { positions[d.ordinal].reserveCapacity(emitted.count) }
        var values: [Double] = [], quantities: [Double] = [], counts: [Int] = []
        values.reserveCapacity(emitted.count); quantities.reserveCapacity(emitted.count); counts.reserveCapacity(emitted.count)
        let byChain = grouped.contains(.chain), byStage = grouped.contains(.stage)
        for (cell, sum) in emitted {
            var rest = cell
            let g = rest % nGroups; rest /= nGroups
            let p = rest % nProducts; rest /= nProducts
            let k = rest % nPartners; rest /= nPartners
            let o = rest % nReporters; rest /= nReporters
            if byYear { positions[TradeDimension.year.ordinal].append(Int32(rest)) }
            if byReporter { positions[TradeDimension.reporter.ordinal].append(Int32(reporters.country[o])) }
            if byPartner { positions[TradeDimension.partner.ordinal].append(Int32(partners.country[k])) }
            if byProduct { positions[TradeDimension.product.ordinal].append(Int32(p)) }
            if byChain { positions[TradeDimension.chain.ordinal].append(groupKeys.isEmpty ? 0 : chainRank[g]) }
            if byStage { positions[TradeDimension.stage.ordinal].append(groupKeys.isEmpty ? 0 : stageRank[g]) }
            values.append(sum.value)
            quantities.append(sum.quantity)
            counts.append(sum.count)
        }
        let keys = TradeAggregateKeys(years: yearIndices.map { store.years[$0] }, countries: countries,
                                      products: selectedProducts.map { store.products[$0] },
                                      chains: chainNames.isEmpty ? [""] : chainNames, stages: stageNames.isEmpty ? [""] : stageNames)
        return TradeAggregate(groupBy: query.groupBy, keys: keys, positions: positions, value: values, quantity: quantities,
                              rowCount: counts, provenance: description.provenance)
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

    private var dense: [Sum]
    private var sparse: [Int: Sum] = [:]
    private let isDense: Bool

    init(cells: Int, denseLimit: Int, expectedGroups: Int) {
        isDense = cells <= denseLimit
        dense = isDense ? Array(repeating: Sum(), count: cells) : []
        if !isDense { sparse.reserveCapacity(min(expectedGroups, cells)) }
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
