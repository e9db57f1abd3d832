import DecoupleCore
import DecoupleData

/// Who took the rival's place: in the products where the rival's share of the reporter's imports
/// fell between two years, every partner's share change, and whether the partners that gained
/// imported more from the rival themselves ("connector" countries, which may be re-routing or
/// assembling the rival's goods).
///
/// With L the products (HS codes, matched across editions) where the rival's share fell:
///
///     share_k(t)  = M_t(reporter ← k, L) / M_t(reporter, L)
///     change_k    = share_k(to) − share_k(from)
///     connector_k = change_k > 0  and  M_to(k ← rival, L) > M_from(k ← rival, L)
///
/// The connector test needs the gainer's own imports (all-reporter data such as BACI); it is
/// nil when the panel has no import rows for the gainer.
public struct TradeDiversion: Sendable, Codable {
    public struct Partner: Sendable, Codable, Equatable {
        public let partner: Country
        public let valueFrom: Double
        public let valueTo: Double
        public let shareFrom: Double
        public let shareTo: Double
        public var change: Double { shareTo - shareFrom }
        /// The partner's imports from the rival of the same products; nil without data.
        public let importsFromRivalFrom: Double?
        public let importsFromRivalTo: Double?
        /// Gained share and imported more from the rival; nil without data.
        public let isConnector: Bool?
    }

    public let reporter: Country
    public let rival: Country
    public let products: String
    public let fromYear: Int
    public let toYear: Int
    /// The rival's share over the whole selection in the two years.
    public let rivalShareFrom: Double
    public let rivalShareTo: Double
    /// Products compared (imported in both years) and those among them where the rival lost share.
    public let productsCompared: Int
    public let productsWhereRivalLost: Int
    /// The rival's share over the products where it lost, in the two years.
    public let rivalShareFromInLost: Double
    public let rivalShareToInLost: Double
    /// Partners other than the rival, largest gain first.
    public let partners: [Partner]

    /// The partners that gained share.
    public var gainers: [Partner] { partners.filter { $0.change > 0 } }
}

extension BilateralPanel {
    /// Trade diversion away from `rival` in the reporter's imports of `products`, `from` → `to`;
    /// nil when either year is missing or the reporter imports nothing of the selection.
    public func tradeDiversion(reporter: Country, rival: Country, products: ProductSelection,
                               from: Int, to: Int) -> TradeDiversion? {
        guard let c = index(of: reporter), let y0 = yearIndex(from), let y1 = yearIndex(to) else { return nil }
        let r = index(of: rival)
        let weights = products.weights(in: self)
        let worldIndex = index(of: .world)
        // Per product code: rival value and total, both years (weighted).
        func byCode(_ y: Int) -> [String: (rival: Double, total: Double)] {
            var out: [String: (Double, Double)] = [:]
            let c16 = UInt16(c)
            for p in 0..<self.products.count where weights[p] > 0 {
                var rv = 0.0, sum = 0.0
                var world: Double? = nil
                for row in rows(yearIndex: y, productIndex: p) where importer[row] == c16 && basis[row] != 2 {
                    let e = Int(exporter[row])
                    if e == worldIndex { world = (world ?? 0) + value[row]; continue }
                    if isAggregate[e] { continue }
                    sum += value[row]
                    if e == r { rv += value[row] }
                }
                let total = (world ?? sum) * weights[p]
                guard total > 0 else { continue }
                let old = out[self.products[p].code] ?? (0, 0)
                out[self.products[p].code] = (old.0 + rv * weights[p], old.1 + total)
            }
            return out.mapValues { (rival: $0.0, total: $0.1) }
        }
        let a = byCode(y0), b = byCode(y1)
        let compared = Set(a.keys).intersection(b.keys)
        guard !compared.isEmpty else { return nil }
        let lost = compared.filter { b[$0]!.rival / b[$0]!.total < a[$0]!.rival / a[$0]!.total }
        let allA = a.values.reduce((0.0, 0.0)) { ($0.0 + $1.rival, $0.1 + $1.total) }
        let allB = b.values.reduce((0.0, 0.0)) { ($0.0 + $1.rival, $0.1 + $1.total) }

        let lostWeights = self.products.indices.map { lost.contains(self.products[$0].code) ? weights[$0] : 0 }
        let pv0 = partnerValues(country: c, side: .imports, yearIndex: y0, weights: lostWeights)
        let pv1 = partnerValues(country: c, side: .imports, yearIndex: y1, weights: lostWeights)
        var partners: [TradeDiversion.Partner] = []
        if !lost.isEmpty, pv0.total > 0, pv1.total > 0 {
            let rivalSupply0 = r.map { importsFrom($0, yearIndex: y0, weights: lostWeights) }
            let rivalSupply1 = r.map { importsFrom($0, yearIndex: y1, weights: lostWeights) }
            for k in countries.indices where k != c && k != r && (pv0.byPartner[k] > 0 || pv1.byPartner[k] > 0) {
                let s0 = pv0.byPartner[k] / pv0.total, s1 = pv1.byPartner[k] / pv1.total
                var from: Double? = nil, to: Double? = nil, connector: Bool? = nil
                if let rivalSupply0, let rivalSupply1, rivalSupply0.importsAnything[k] || rivalSupply1.importsAnything[k] {
                    from = rivalSupply0.values[k]
                    to = rivalSupply1.values[k]
                    connector = s1 > s0 && to! > from!
                }
                partners.append(TradeDiversion.Partner(partner: countries[k], valueFrom: pv0.byPartner[k], valueTo: pv1.byPartner[k],
                                                       shareFrom: s0, shareTo: s1, importsFromRivalFrom: from,
                                                       importsFromRivalTo: to, isConnector: connector))
            }
        }
        partners.sort { $0.change != $1.change ? $0.change > $1.change : $0.partner < $1.partner }
        let lostA = lost.reduce((0.0, 0.0)) { ($0.0 + a[$1]!.rival, $0.1 + a[$1]!.total) }
        let lostB = lost.reduce((0.0, 0.0)) { ($0.0 + b[$1]!.rival, $0.1 + b[$1]!.total) }
        return TradeDiversion(
            reporter: reporter, rival: rival, products: products.name, fromYear: from, toYear: to,
            rivalShareFrom: allA.1 > 0 ? allA.0 / allA.1 : 0, rivalShareTo: allB.1 > 0 ? allB.0 / allB.1 : 0,
            productsCompared: compared.count, productsWhereRivalLost: lost.count,
            rivalShareFromInLost: lostA.1 > 0 ? lostA.0 / lostA.1 : 0, rivalShareToInLost: lostB.1 > 0 ? lostB.0 / lostB.1 : 0,
            partners: partners)
    }
}

extension BilateralPanel {
    /// Every country's imports from exporter index `r` over the weighted products in one year,
    /// and whether the country has any import rows of those products at all (data availability).
    func importsFrom(_ r: Int, yearIndex y: Int, weights: [Double]) -> (values: [Double], importsAnything: [Bool]) {
        var values = [Double](repeating: 0, count: countries.count)
        var any = [Bool](repeating: false, count: countries.count)
        let r16 = UInt16(r)
        for p in 0..<products.count where weights[p] > 0 {
            for row in rows(yearIndex: y, productIndex: p) where basis[row] != 2 {
                let m = Int(importer[row])
                any[m] = true
                if exporter[row] == r16 { values[m] += weights[p] * value[row] }
            }
        }
        return (values, any)
    }
}
