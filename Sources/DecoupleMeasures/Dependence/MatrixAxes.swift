import DecoupleCore
import DecoupleData

/// The countries and products a country × product matrix indexes, with their positions: the
/// lists a caller gives (a panel's, so that indices line up with it), else those that occur in
/// the aggregated rows, sorted.
struct MatrixAxes {
    let countries: [Country]
    let products: [ProductCode]
    let countryIndex: [Country: Int]
    let productIndex: [ProductCode: Int]

    init(countries given: [Country]?, products givenProducts: [ProductCode]?, rows: [TradeAggregateRow],
         countriesOf: (TradeAggregateRow) -> [Country]) {
        countries = given ?? Set(rows.flatMap(countriesOf)).sorted()
        products = givenProducts ?? Set(rows.compactMap(\.product))
            .sorted { $0.code != $1.code ? $0.code < $1.code : ($0.edition?.rawValue ?? "") < ($1.edition?.rawValue ?? "") }
        var ci: [Country: Int] = [:]
        for (i, c) in countries.enumerated() { ci[c] = i }
        var pi: [ProductCode: Int] = [:]
        for (i, p) in products.enumerated() { pi[p] = i }
        countryIndex = ci
        productIndex = pi
    }

    /// The flat position of (country, product) in a matrix stored product by product.
    func cell(_ country: Country?, _ product: ProductCode?) -> Int? {
        guard let country, let product, let c = countryIndex[country], let p = productIndex[product] else { return nil }
        return p * countries.count + c
    }
}
