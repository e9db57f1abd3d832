import DecoupleCore

/// Every country's exports of every product in one year — the matrix behind revealed
/// comparative advantage, world market shares and the concentration of world supply. Needs
/// all-reporter data (BACI, or Comtrade downloads of every exporter).
///
/// X_cp is exporter c's exports of product p: its World row when the source has one, else the
/// sum over its partners. X_c = Σ_p X_cp, X_wp = Σ_c X_cp, X_w = Σ_c Σ_p X_cp.
public struct WorldExportMatrix: Sendable {
    public let year: Int
    public let countries: [Country]
    public let products: [ProductCode]
    /// X_cp at `p × countries.count + c`.
    public let exports: [Double]
    /// X_c.
    public let countryTotals: [Double]
    /// X_wp.
    public let productTotals: [Double]
    /// X_w.
    public let worldTotal: Double

    @inline(__always) public func value(country c: Int, product p: Int) -> Double { exports[p * countries.count + c] }

    /// Balassa's revealed comparative advantage of country index `c` in product index `p`:
    ///
    ///     RCA_cp = (X_cp / X_c) / (X_wp / X_w)
    ///
    /// 1 when the product weighs as much in c's exports as in world exports; nil when c or
    /// the product has no exports.
    public func rca(country c: Int, product p: Int) -> Double? {
        let xc = countryTotals[c], xwp = productTotals[p]
        guard xc > 0, xwp > 0, worldTotal > 0 else { return nil }
        return (value(country: c, product: p) / xc) / (xwp / worldTotal)
    }

    /// RCA over a weighted product selection S: (X_cS / X_c) / (X_wS / X_w), X_cS = Σ_p w_p X_cp.
    public func rca(country c: Int, weights: [Double]) -> Double? {
        let xc = countryTotals[c]
        let (xcs, xws) = selectionTotals(country: c, weights: weights)
        guard xc > 0, xws > 0, worldTotal > 0 else { return nil }
        return (xcs / xc) / (xws / worldTotal)
    }

    /// World market share of country c in product p: X_cp / X_wp (nil when nobody exports p).
    public func worldMarketShare(country c: Int, product p: Int) -> Double? {
        productTotals[p] > 0 ? value(country: c, product: p) / productTotals[p] : nil
    }

    /// World market share over a selection: X_cS / X_wS.
    public func worldMarketShare(country c: Int, weights: [Double]) -> Double? {
        let (xcs, xws) = selectionTotals(country: c, weights: weights)
        return xws > 0 ? xcs / xws : nil
    }

    /// Concentration of world exports of product p (CEPII GeoDep's criterion 2):
    /// HHI_p = Σ_c (X_cp / X_wp)²; nil when nobody exports p.
    public func exportHHI(product p: Int) -> Double? {
        guard productTotals[p] > 0 else { return nil }
        let n = countries.count, base = p * n
        var squares = 0.0
        for c in 0..<n { let x = exports[base + c]; squares += x * x }
        return squares / (productTotals[p] * productTotals[p])
    }

    /// The largest exporter of product p and its world market share.
    public func leadingExporter(product p: Int) -> (country: Country, share: Double)? {
        guard productTotals[p] > 0 else { return nil }
        let n = countries.count, base = p * n
        var best = 0
        for c in 1..<max(1, n) where exports[base + c] > exports[base + best] { best = c }
        return (countries[best], exports[base + best] / productTotals[p])
    }

    private func selectionTotals(country c: Int, weights: [Double]) -> (Double, Double) {
        var xcs = 0.0, xws = 0.0
        for p in 0..<products.count where weights[p] > 0 {
            xcs += weights[p] * value(country: c, product: p)
            xws += weights[p] * productTotals[p]
        }
        return (xcs, xws)
    }
}

extension BilateralPanel {
    /// The world export matrix of `year` (nil when the panel does not have the year).
    public func worldExports(year: Int) -> WorldExportMatrix? {
        guard let y = yearIndex(year) else { return nil }
        return worldExports(yearIndex: y)
    }

    /// The world export matrix of year index `y`, in one pass over the year's rows.
    public func worldExports(yearIndex y: Int) -> WorldExportMatrix {
        let n = countries.count, pCount = products.count
        var partnerSum = [Double](repeating: 0, count: n * pCount)
        var worldRow = [Double](repeating: -1, count: n * pCount)
        var hasWorldRows = false
        let worldIndex = index(of: .world) ?? -1
        partnerSum.withUnsafeMutableBufferPointer { sum in
            worldRow.withUnsafeMutableBufferPointer { world in
                for p in 0..<pCount {
                    let base = p * n
                    for r in rows(yearIndex: y, productIndex: p) {
                        let b = basis[r]
                        if b == 1 { continue }                   // importer-reported: not an export declaration
                        let e = Int(exporter[r]), m = Int(importer[r])
                        if isAggregate[e] { continue }
                        if isAggregate[m] {
                            if m == worldIndex { world[base + e] = max(0, world[base + e]) + value[r]; hasWorldRows = true }
                            continue
                        }
                        sum[base + e] += value[r]
                    }
                }
            }
        }
        if hasWorldRows {
            for i in 0..<partnerSum.count where worldRow[i] >= 0 { partnerSum[i] = worldRow[i] }
        }
        var countryTotals = [Double](repeating: 0, count: n)
        var productTotals = [Double](repeating: 0, count: pCount)
        var world = 0.0
        for p in 0..<pCount {
            let base = p * n
            var t = 0.0
            for c in 0..<n { let x = partnerSum[base + c]; t += x; countryTotals[c] += x }
            productTotals[p] = t
            world += t
        }
        return WorldExportMatrix(year: years[y], countries: countries, products: products, exports: partnerSum,
                                 countryTotals: countryTotals, productTotals: productTotals, worldTotal: world)
    }
}
