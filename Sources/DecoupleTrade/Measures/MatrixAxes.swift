import DecoupleCore

/// The countries and products a country × product matrix indexes, with their positions: the
/// lists a caller gives (a panel's, so that indices line up with it), else the keys of the
/// aggregated rows used, sorted.
struct MatrixAxes {
    let countries: [Country]
    let products: [ProductCode]
    private let countryIndex: [Country: Int]
    private let productIndex: [ProductCode: Int]

    /// - Parameters:
    ///   - rows: for each aggregate, the rows the matrix is built from.
    ///   - countryDimensions: the dimensions whose countries make the country axis when none is given.
    init(countries given: [Country]?, products givenProducts: [ProductCode]?, aggregates: [TradeAggregate], rows: [[Int]],
         countryDimensions: [TradeDimension]) {
        func used<Key>(_ keys: (TradeAggregate) -> [Key], _ dimensions: [TradeDimension]) -> [Key] {
            var out: [Key] = []
            for (aggregate, selected) in zip(aggregates, rows) {
                let list = keys(aggregate)
                var seen = [Bool](repeating: false, count: list.count)
                for d in dimensions {
                    let column = aggregate.positions(d)
                    if column.isEmpty { continue }
                    for i in selected where column[i] >= 0 { seen[Int(column[i])] = true }
                }
                out += list.indices.filter { seen[$0] }.map { list[$0] }
            }
            return out
        }
        countries = given ?? Set(used(\.keys.countries, countryDimensions)).sorted()
        products = givenProducts ?? Set(used(\.keys.products, [.product]))
            .sorted { $0.code != $1.code ? $0.code < $1.code : ($0.edition?.rawValue ?? "") < ($1.edition?.rawValue ?? "") }
        var ci: [Country: Int] = [:]
        for (i, c) in countries.enumerated() { ci[c] = i }
        var pi: [ProductCode: Int] = [:]
        for (i, p) in products.enumerated() { pi[p] = i }
        countryIndex = ci
        productIndex = pi
    }

    /// Calls `body(cell, row)` for each of `rows` of `aggregate` in `year` whose reporter and
    /// product are on the axes; `cell` is the flat position of (reporter, product) in a matrix
    /// stored product by product. Keys are matched to the axes once per aggregate, not per row.
    func forEachCell(of aggregate: TradeAggregate, rows: [Int], year: Int, _ body: (_ cell: Int, _ row: Int) -> Void) {
        guard let yearPosition = aggregate.keys.years.firstIndex(of: year).map(Int32.init) else { return }
        let countryPlace = aggregate.keys.countries.map { countryIndex[$0] ?? -1 }
        let productPlace = aggregate.keys.products.map { productIndex[$0] ?? -1 }
        let years = aggregate.positions(.year), reporters = aggregate.positions(.reporter), products = aggregate.positions(.product)
        let n = countries.count
        for i in rows where years[i] == yearPosition && reporters[i] >= 0 && products[i] >= 0 {
            let c = countryPlace[Int(reporters[i])], p = productPlace[Int(products[i])]
            if c >= 0 && p >= 0 { body(p * n + c, i) }
        }
    }
}

extension TradeAggregate {
    /// The rows whose reporter is a country, not an aggregate such as World (and, with
    /// `positiveValue`, whose value is above zero). Rows without a reporter, year or product
    /// are left out.
    func countryReporterRows(positiveValue: Bool = false) -> [Int] {
        let aggregateCountry = keys.countries.map(PartnerRule.isAggregate)
        let reporters = positions(.reporter), years = positions(.year), products = positions(.product)
        guard !reporters.isEmpty, !years.isEmpty, !products.isEmpty else { return [] }
        return (0..<count).filter { i in
            reporters[i] >= 0 && years[i] >= 0 && products[i] >= 0 && !aggregateCountry[Int(reporters[i])]
                && (!positiveValue || value[i] > 0)
        }
    }
}
