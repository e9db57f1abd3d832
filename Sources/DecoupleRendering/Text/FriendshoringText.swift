import DecoupleAnalyses
import Foundation

/// Text and CSV of friend-shoring shares (`decouple friendshoring`).
public enum FriendshoringText {
    /// The shares as text (`decouple friendshoring`).
    public static func text(_ r: FriendshoringResult) -> String {
        var out = ""
        func print(_ line: String) { out += line + "\n" }
        let names = CountryTable.standard
        print("Friend-shoring share: \(names.name(r.reporter)) imports of \(r.products) from \(r.alliance) (\(r.allianceName)) members, \(r.membership)")
        print("")
        print("period   from members           total        share   members with imports")
        for s in r.shares {
            let partial = r.partialYears.contains(s.period.description) ? "*" : " "
            print("\(s.period.description.padding(toLength: 7, withPad: " ", startingAt: 0))\(partial) \(rightAligned(usd(s.fromMembers), 14))  \(rightAligned(usd(s.total), 14))  \(rightAligned(NumberText.printf(s.share * 100, decimals: 1) + "%", 7))   \(s.membersWithImports.map(\.code).joined(separator: " "))")
        }
        if !r.partialYears.isEmpty { print("* partial year (fewer than 12 months in the data)") }
        if let change = r.change, let first = r.shares.first, let last = r.shares.last {
            print("\nChange \(first.period.description) → \(last.period.description): \(NumberText.printf(change * 100, decimals: 1, plus: true)) percentage points")
        }
        if let last = r.shares.last {
            if !last.membersNotInData.isEmpty {
                print("\nMembers on \(last.membershipDay) that are not partners in \(r.dataset) (their imports are in no figure above): \(last.membersNotInData.map(\.code).joined(separator: ", "))")
            }
            if last.members.contains(Country("EU")) {
                print("The EU is a member as an institution: an EU aggregate line (such as Census 'European Union') counts, less the member states listed beside it, which count on their own when they are members.")
            }
            print("Denominator: \(last.basis.rawValue).")
        }
        print("\nSources: " + r.provenance.map(\.citation).joined(separator: "; "))
        print("Alliance sources: " + r.allianceSources.map(\.citation).joined(separator: "; "))
        return out
    }

    /// One row per period, with the citation.
    public static func csv(_ result: FriendshoringResult) -> String {
        var rows: [[String]] = [["period", "reporter", "alliance", "membership_day", "from_members", "total", "share", "basis",
                                 "members_with_imports", "members_not_in_data", "products", "source"]]
        for s in result.shares {
            rows.append([s.period.description, result.reporter.code, result.alliance, s.membershipDay.description,
                         NumberText.printf(s.fromMembers, decimals: 0), NumberText.printf(s.total, decimals: 0),
                         NumberText.printf(s.share, decimals: 6), s.basis.rawValue,
                         s.membersWithImports.map(\.code).joined(separator: " "), s.membersNotInData.map(\.code).joined(separator: " "),
                         result.products, result.provenance[0].citation])
        }
        return rows.map { $0.map(csvField).joined(separator: ",") }.joined(separator: "\n") + "\n"
    }

    /// `$1.23 bn`, `$4.5 m`, `$678`.
    static func usd(_ x: Double) -> String {
        if x >= 1e9 { return "$" + NumberText.printf(x / 1e9, decimals: 2) + " bn" }
        if x >= 1e6 { return "$" + NumberText.printf(x / 1e6, decimals: 1) + " m" }
        return "$" + NumberText.printf(x, decimals: 0)
    }

    /// `text` right-aligned in `width` columns.
    static func rightAligned(_ text: String, _ width: Int) -> String {
        text.count >= width ? text : String(repeating: " ", count: width - text.count) + text
    }
}
