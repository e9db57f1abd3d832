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
