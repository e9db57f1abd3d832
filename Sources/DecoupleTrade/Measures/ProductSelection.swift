import DecoupleCore

/// The products a measure covers, each with the share of its trade that counts (1 for whole
/// codes; less for a code split between stages, as the taxonomy's weights say).
public struct ProductSelection: Sendable {
    /// A label for outputs (`codes 850760`, `solar-pv/cells`, `all products`).
    public var name: String
    enum Rule: Sendable {
        case all
        case prefixes([String])
        case weighted([HSEdition: [String: Double]])
    }
    let rule: Rule

    /// Every product.
    public static let all = ProductSelection(name: "all products", rule: .all)

    /// Products whose code starts with one of `codes` (`8507` takes every HS6 line of heading 8507), any edition.
    public static func codes(_ codes: [String], name: String? = nil) -> ProductSelection {
        ProductSelection(name: name ?? "codes " + codes.joined(separator: ","), rule: .prefixes(codes))
    }

    /// HS6 codes with weights, per edition (from `StrategicTaxonomy.codes(chain:stage:edition:)`):
    /// a product counts with the weight its code has in the product's own edition.
    public static func weighted(_ byEdition: [HSEdition: [String: Double]], name: String) -> ProductSelection {
        ProductSelection(name: name, rule: .weighted(byEdition))
    }

    /// The same selection as an aggregation filter (a weighted selection becomes taxonomy members
    /// of one group named after the selection).
    public var filter: ProductFilter {
        switch rule {
        case .all:
            return .all
        case .prefixes(let prefixes):
            return .prefixes(prefixes)
        case .weighted(let byEdition):
            var members: [ProductGroupMember] = []
            for edition in byEdition.keys.sorted(by: { $0.rawValue < $1.rawValue }) {
                for (code, weight) in byEdition[edition]!.sorted(by: { $0.key < $1.key }) where weight > 0 {
                    members.append(ProductGroupMember(code: code, edition: edition, chain: name, stage: "", weight: weight))
                }
            }
            return .groups(members)
        }
    }

    /// The same products with weight 1 (for measures that report unweighted values per product).
    public var unweightedFilter: ProductFilter {
        guard case .groups(let members) = filter else { return filter }
        return .groups(members.map { var m = $0; m.weight = 1; return m })
    }

    /// The weight of every product of `panel` (0: not selected).
    public func weights(in panel: BilateralPanel) -> [Double] {
        panel.products.map(weight)
    }

    /// The weight of one product.
    public func weight(of product: ProductCode) -> Double {
        switch rule {
        case .all:
            return 1
        case .prefixes(let prefixes):
            return prefixes.contains { product.code.hasPrefix($0) } ? 1 : 0
        case .weighted(let byEdition):
            if let e = product.edition { return byEdition[e]?[product.code] ?? 0 }
            return byEdition.values.compactMap { $0[product.code] }.max() ?? 0
        }
    }
}
