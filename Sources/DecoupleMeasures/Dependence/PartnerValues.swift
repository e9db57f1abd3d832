import DecoupleCore
import DecoupleData

/// One country's trade in one year, summed over a product selection, by partner: the table
/// every share, concentration and asymmetry measure starts from.
///
/// For each product, the country's total is the `World` partner row when the source has one
/// (UN Comtrade), else the sum over partners that are not aggregates (BACI). Weighted products
/// count `w_p × value`.
struct PartnerValues {
    /// Value by partner index (aggregates excluded), US dollars.
    var byPartner: [Double]
    /// Σ_p w_p · total_p, where total_p is the World row or the partner sum.
    var total: Double
    /// True when every product with trade had a World row.
    var totalFromWorldRows: Bool
    /// True when at least one row of the side was found.
    var hasRows: Bool
}

extension BilateralPanel {
    /// Sums `country`'s trade on `side` in year index `y` over the products with weight > 0.
    func partnerValues(country c: Int, side: TradeSide, yearIndex y: Int, weights: [Double]) -> PartnerValues {
        var byPartner = [Double](repeating: 0, count: countries.count)
        var total = 0.0
        var allWorld = true
        var any = false
        let own = side == .imports ? importer : exporter
        let other = side == .imports ? exporter : importer
        let c16 = UInt16(c)
        for p in 0..<products.count where weights[p] > 0 {
            let w = weights[p]
            var sum = 0.0
            var world: Double? = nil
            for r in rows(yearIndex: y, productIndex: p) where own[r] == c16 && side.accepts(basisCode: basis[r]) {
                let k = Int(other[r])
                any = true
                if isAggregate[k] {
                    if countries[k] == .world { world = (world ?? 0) + value[r] }
                    continue
                }
                byPartner[k] += w * value[r]
                sum += value[r]
            }
            if world == nil && sum > 0 { allWorld = false }
            total += w * (world ?? sum)
        }
        return PartnerValues(byPartner: byPartner, total: total, totalFromWorldRows: any && allWorld, hasRows: any)
    }
}
