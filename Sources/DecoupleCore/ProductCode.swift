/// A level of detail of a product classification.
public enum ProductLevel: String, Sendable, Codable, CaseIterable, Comparable {
    /// All products together.
    case total
    /// An HS chapter (2 digits).
    case hs2
    /// An HS heading (4 digits).
    case hs4
    /// An HS subheading (6 digits), the finest internationally comparable level.
    case hs6
    /// A US tariff line (HTS, 8 digits).
    case hts8
    /// A US statistical reporting number (HTS, 10 digits).
    case hts10

    /// The number of digits of a code at this level.
    public var digits: Int {
        switch self { case .total: 0; case .hs2: 2; case .hs4: 4; case .hs6: 6; case .hts8: 8; case .hts10: 10 }
    }

    /// The level whose codes have `digits` digits.
    public init?(digits: Int) {
        guard let l = ProductLevel.allCases.first(where: { $0.digits == digits && $0 != .total }) else { return nil }
        self = l
    }

    public static func < (a: ProductLevel, b: ProductLevel) -> Bool { a.digits < b.digits }
}

/// A traded product: a code of the Harmonized System (or the US HTS) at some level,
/// read in one HS edition.
public struct ProductCode: Hashable, Sendable, Codable, CustomStringConvertible {
    /// The digits (`"85"`, `"854143"`, `"8541430010"`), or `"TOTAL"`.
    public let code: String
    /// The level implied by the number of digits.
    public let level: ProductLevel
    /// The HS edition the code belongs to, when known (HS2 chapters are stable across editions).
    public let edition: HSEdition?

    /// All products.
    public static let total = ProductCode(uncheckedCode: "TOTAL", level: .total, edition: nil)

    /// Validates a code: only digits, and 2, 4, 6, 8 or 10 of them.
    public init(_ code: String, edition: HSEdition? = nil) throws {
        guard !code.isEmpty, code.utf8.allSatisfy({ $0 >= 48 && $0 <= 57 }),
              let level = ProductLevel(digits: code.utf8.count) else {
            throw InvalidProductCode(code: code)
        }
        self.init(uncheckedCode: code, level: level, edition: edition)
    }

    init(uncheckedCode: String, level: ProductLevel, edition: HSEdition?) {
        self.code = uncheckedCode
        self.level = level
        self.edition = edition
    }

    /// The code cut to a coarser level (`8541430010` → `854143` at `.hs6`).
    public func truncated(to level: ProductLevel) -> ProductCode {
        guard level < self.level else { return self }
        if level == .total { return .total }
        return ProductCode(uncheckedCode: String(code.prefix(level.digits)), level: level, edition: edition)
    }

    /// The HS chapter (first two digits).
    public var chapter: String { level == .total ? "TOTAL" : String(code.prefix(2)) }

    public var description: String { code }
}

/// A product code that is not 2, 4, 6, 8 or 10 digits.
public struct InvalidProductCode: Error, Equatable, Sendable, CustomStringConvertible {
    public let code: String
    public var description: String {
        "invalid product code '\(code)' (expected 2, 4, 6, 8 or 10 digits)"
    }
}
