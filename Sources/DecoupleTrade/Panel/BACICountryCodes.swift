import DecoupleCore
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The country file that ships with every BACI release (`country_codes_V202401b.csv`), which
/// maps BACI's numeric codes to ISO alpha-3 codes.
///
/// BACI's numeric codes follow UN Comtrade, not ISO 3166-1 everywhere: 842 is the United States
/// (ISO 840), 251 France, 579 Norway, 699 India, 757 Switzerland, 490 "Other Asia, nes" (Taiwan).
/// So codes are resolved through this file's alpha-3 column, never as ISO numbers. Two layouts
/// are read:
///
///     country_code,country_name,country_iso2,country_iso3                              (2023 on)
///     country_code,country_name_abbreviation,country_name_full,iso_2digit_alpha,iso_3digit_alpha
///
/// An alpha-3 code that the country table does not know is kept as it is (BACI lists a few
/// historic or residual areas); Comtrade's `S19` ("Other Asia, nes") is read as Taiwan, as
/// UN Comtrade documents it.
public struct BACICountryCodes: Sendable {
    /// Country by BACI numeric code.
    public let byCode: [Int: Country]
    /// The file it was read from.
    public let file: String

    public init(byCode: [Int: Country], file: String) {
        self.byCode = byCode
        self.file = file
    }

    /// Reads a BACI country file.
    public static func read(path: String, displayName: String? = nil, countries: CountryTable = .standard,
                            errorLimit: Int = 20) throws -> BACICountryCodes {
        let reader = DelimitedFileReader(path: path, displayName: displayName)
        var issues = IssueCollector(file: reader.displayName, limit: errorLimit)
        var codeColumn = -1, iso3Column = -1
        var map: [Int: Country] = [:]
        try readWithHeader(reader, progress: nil, header: { header, line in
            codeColumn = header.index(of: "country_code") ?? -1
            iso3Column = header.index(of: "country_iso3") ?? header.index(of: "iso_3digit_alpha") ?? -1
            guard codeColumn >= 0, iso3Column >= 0 else {
                throw DataReadError(issues: [DataIssue(
                    file: reader.displayName, line: line, column: 1,
                    message: "unexpected header '\(header.names.joined(separator: ","))'; expected a BACI country file with columns country_code and country_iso3 (or iso_3digit_alpha)")])
            }
        }, row: { r in
            guard r.count > max(codeColumn, iso3Column) else {
                try issues.add(line: r.line, column: nil, "expected at least \(max(codeColumn, iso3Column) + 1) fields, found \(r.count)")
                return
            }
            guard let code = r.integer(codeColumn), (0...999).contains(code) else {
                try issues.add(line: r.line, column: r.column(codeColumn), "expected a numeric country code (0–999), found '\(r.string(codeColumn))'")
                return
            }
            let iso3 = r.string(iso3Column).trimmedOfSpaces().uppercased()
            if let c = try? countries.resolve(iso3, as: .iso3) {
                map[code] = c
            } else if iso3 == "S19" {
                map[code] = Country("TWN")
            } else if iso3.count == 3, iso3.utf8.allSatisfy({ $0 >= 65 && $0 <= 90 }) {
                map[code] = Country(iso3)
            } else {
                try issues.add(line: r.line, column: r.column(iso3Column), "expected an ISO alpha-3 code for BACI country \(code), found '\(iso3)'")
            }
        })
        try issues.finish()
        return BACICountryCodes(byCode: map, file: reader.displayName)
    }

    /// The country file beside a BACI data file: `country_codes_<release>.csv` when the data
    /// file names its release, else the only `country_codes_*.csv` in the folder.
    public static func locate(near dataFile: String) -> String? {
        let folder: String
        if let slash = dataFile.lastIndex(of: "/") { folder = String(dataFile[..<slash]) } else { folder = "." }
        guard let names = try? listFiles(folder, suffix: ".csv") else { return nil }
        let candidates = names.filter { $0.hasPrefix("country_codes") }
        if let release = BACIFileName(dataFile)?.release,
           let match = candidates.first(where: { $0.contains(release) }) {
            return folder + "/" + match
        }
        return candidates.count == 1 ? folder + "/" + candidates[0] : nil
    }
}

extension String {
    /// The string without leading and trailing spaces, tabs and line breaks.
    func trimmedOfSpaces() -> String {
        var s = Substring(self)
        while let f = s.first, f == " " || f == "\t" || f == "\r" || f == "\n" { s = s.dropFirst() }
        while let l = s.last, l == " " || l == "\t" || l == "\r" || l == "\n" { s = s.dropLast() }
        return String(s)
    }
}
