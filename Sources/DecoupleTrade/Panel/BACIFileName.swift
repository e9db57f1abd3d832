import DecoupleCore
import Foundation

/// What a BACI file name says: `BACI_HS17_Y2022_V202401b.csv` is HS2017, year 2022, release
/// V202401b. BACI keeps each release in one HS edition for every year.
public struct BACIFileName: Sendable, Equatable {
    public var edition: HSEdition
    public var year: Int?
    public var release: String?

    /// Parses the last path component; nil when it does not name an HS edition (`_HS17_`).
    public init?(_ path: String) {
        let name = path.split(separator: "/").last.map(String.init) ?? path
        let parts = name.replacingOccurrences(of: ".csv", with: "").replacingOccurrences(of: ".gz", with: "")
            .split(separator: "_").map(String.init)
        guard let hs = parts.first(where: { $0.hasPrefix("HS") && $0.count == 4 }),
              let edition = Self.editions[String(hs.dropFirst(2))] else { return nil }
        self.edition = edition
        year = parts.first { $0.hasPrefix("Y") && $0.count == 5 }.flatMap { Int($0.dropFirst()) }
        release = parts.first { $0.hasPrefix("V") && $0.count >= 7 && Int($0.dropFirst().prefix(6)) != nil }
    }

    /// BACI's two-digit edition names.
    public static let editions: [String: HSEdition] = [
        "92": .hs1992, "96": .hs1996, "02": .hs2002, "07": .hs2007, "12": .hs2012, "17": .hs2017, "22": .hs2022,
    ]
}
