/// Spark SQL literals and identifiers written safely from Swift values.
enum SparkSQLText {
    /// A string literal: backslashes and single quotes escaped as Spark SQL reads them.
    static func string(_ s: String) -> String {
        var out = "'"
        for c in s.unicodeScalars {
            switch c {
            case "\\": out += "\\\\"
            case "'": out += "\\'"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            default: out.unicodeScalars.append(c)
            }
        }
        return out + "'"
    }

    /// A quoted identifier (a column name as the file spells it).
    static func identifier(_ name: String) -> String {
        "`" + name.replacingOccurrences(of: "`", with: "``") + "`"
    }

    /// A DOUBLE literal with the exact value of `x` (Swift prints the shortest text that reads
    /// back as the same double; Spark parses it the same way).
    static func double(_ x: Double) -> String {
        "CAST(\(string("\(x)")) AS DOUBLE)"
    }

    /// `expr IN ('a', 'b')`, or a false condition for an empty list.
    static func isIn(_ expr: String, _ values: [String]) -> String {
        values.isEmpty ? "1 = 0" : "\(expr) IN (\(values.map(string).joined(separator: ", ")))"
    }

    /// `expr IN (1, 2)`, or a false condition for an empty list.
    static func isIn(_ expr: String, _ values: [Int]) -> String {
        values.isEmpty ? "1 = 0" : "\(expr) IN (\(values.map(String.init).joined(separator: ", ")))"
    }
}
