import DecoupleCore
import DecoupleData

/// The concentration of every importer's suppliers in every product of one year, computed in
/// one pass over the year's rows (import side: reconciled and importer-reported rows; World and
/// other aggregate rows left out).
///
/// For importer m and product p, with v_e the imports from exporter e:
///
///     M_mp = Σ_e v_e,   HHI_mp = Σ_e v_e² / M_mp²,   s_e = v_e / M_mp
public struct ImportConcentrationTable: Sendable {
    public let year: Int
    public let countries: [Country]
    public let products: [ProductCode]
    /// M_mp at `p × countries.count + m`.
    public let totals: [Double]
    /// Σ_e v_e² at `p × countries.count + m`.
    public let sumOfSquares: [Double]
    /// The number of suppliers with a positive value, at `p × countries.count + m`.
    public let supplierCounts: [Int32]

    /// HHI_mp, nil when m imports nothing of p.
    public func hhi(importer m: Int, product p: Int) -> Double? {
        let i = p * countries.count + m
        return totals[i] > 0 ? sumOfSquares[i] / (totals[i] * totals[i]) : nil
    }

    /// (HHI − 1/N)/(1 − 1/N), nil when m imports nothing of p.
    public func normalizedHHI(importer m: Int, product p: Int) -> Double? {
        hhi(importer: m, product: p).map {
            ConcentrationIndex.normalizedHHI($0, partners: Int(supplierCounts[p * countries.count + m]))
        }
    }
}

extension BilateralPanel {
    /// Supplier concentration of every importer and product in year index `y`.
    public func importConcentration(yearIndex y: Int) -> ImportConcentrationTable {
        let n = countries.count, pCount = products.count
        var totals = [Double](repeating: 0, count: n * pCount)
        var squares = [Double](repeating: 0, count: n * pCount)
        var counts = [Int32](repeating: 0, count: n * pCount)
        totals.withUnsafeMutableBufferPointer { t in
        squares.withUnsafeMutableBufferPointer { s in
        counts.withUnsafeMutableBufferPointer { k in
            for p in 0..<pCount {
                let base = p * n
                for r in rows(yearIndex: y, productIndex: p) {
                    if basis[r] == 2 { continue }
                    let e = Int(exporter[r]), m = Int(importer[r])
                    if isAggregate[e] || isAggregate[m] { continue }
                    let v = value[r]
                    if v <= 0 { continue }
                    t[base + m] += v
                    s[base + m] += v * v
                    k[base + m] += 1
                }
            }
        }}}
        return ImportConcentrationTable(year: years[y], countries: countries, products: products, totals: totals,
                                        sumOfSquares: squares, supplierCounts: counts)
    }

    /// Each row's share of its importer's imports of the product in that year,
    /// s = v / M_mp, for the rows of year index `y` in row order (NaN for rows that are not
    /// import-side or not between partner economies).
    public func importShares(yearIndex y: Int, concentration: ImportConcentrationTable) -> [Double] {
        let n = countries.count
        let yearRows = Int(productOffsets[y * products.count])..<Int(productOffsets[(y + 1) * products.count])
        var out = [Double](repeating: .nan, count: yearRows.count)
        out.withUnsafeMutableBufferPointer { o in
            for p in 0..<products.count {
                let base = p * n
                for r in rows(yearIndex: y, productIndex: p) {
                    let e = Int(exporter[r]), m = Int(importer[r])
                    if basis[r] == 2 || isAggregate[e] || isAggregate[m] { continue }
                    let t = concentration.totals[base + m]
                    if t > 0 { o[r - yearRows.lowerBound] = value[r] / t }
                }
            }
        }
        return out
    }
}
