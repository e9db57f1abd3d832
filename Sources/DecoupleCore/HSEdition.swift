/// An edition of the Harmonized System (or of a national extension of it).
///
/// HS codes are only comparable inside one edition: HS2022 split the HS2017 line
/// 854140 (photosensitive devices incl. solar cells) into 854141–854149, for example.
public enum HSEdition: String, CaseIterable, Sendable, Codable, Comparable {
    case hs1992 = "HS1992"
    case hs1996 = "HS1996"
    case hs2002 = "HS2002"
    case hs2007 = "HS2007"
    case hs2012 = "HS2012"
    case hs2017 = "HS2017"
    case hs2022 = "HS2022"

    /// The year the edition entered into force.
    public var year: Int { Int(rawValue.dropFirst(2))! }

    /// The edition in force in a calendar year (HS2022 from 2022, HS2017 in 2017–2021 …).
    public static func inForce(in year: Int) -> HSEdition {
        allCases.last { $0.year <= year } ?? .hs1992
    }

    /// The UN Comtrade classification code of the edition (`H0` … `H6`).
    public var comtradeCode: String {
        "H\(HSEdition.allCases.firstIndex(of: self)!)"
    }

    public static func < (lhs: HSEdition, rhs: HSEdition) -> Bool { lhs.year < rhs.year }
}
extension HSEdition: CodingKeyRepresentable {}
