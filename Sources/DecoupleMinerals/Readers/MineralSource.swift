import DecoupleCore

/// Where one value of a USGS release comes from: the edition, the file and the cell.
///
/// Carried by every value Decouple reads from the Mineral Commodity Summaries, so that any
/// number printed (terminal, JSON, CSV) can be traced to its cell.
public struct MineralSource: Hashable, Sendable, Codable, CustomStringConvertible {
    /// The MCS edition (publication year), e.g. 2024.
    public let edition: Int
    /// The file, relative to the bundled `Data/` folder (`usgs-mcs/mcs2024/world/mcs2024-lithi_world.csv`).
    public let file: String
    /// 1-based line of the value, when it comes from one cell.
    public let line: Int?
    /// The column name as written in the file.
    public let column: String?

    public init(edition: Int, file: String, line: Int? = nil, column: String? = nil) {
        self.edition = edition
        self.file = file
        self.line = line
        self.column = column
    }

    /// "USGS MCS 2024, usgs-mcs/mcs2024/world/mcs2024-lithi_world.csv:12 (Prod_t_2022)".
    public var description: String {
        var s = "USGS MCS \(edition), \(file)"
        if let line { s += ":\(line)" }
        if let column { s += " (\(column))" }
        return s
    }
}

/// A value of a USGS table with its unit and source.
public struct SourcedMineralValue: Hashable, Sendable, Codable {
    public let value: MineralValue
    public let unit: MineralUnit
    public let source: MineralSource

    public init(value: MineralValue, unit: MineralUnit, source: MineralSource) {
        self.value = value
        self.unit = unit
        self.source = source
    }
}

extension MineralSource {
    /// The unit the value's column names, in words (`Prod_kt_est_2023` → "thousand metric
    /// tons"), or nil when the column names no known unit.
    public var columnUnit: String? {
        guard let parts = column?.split(separator: "_"), parts.count >= 2 else { return nil }
        let u = MineralUnit(code: String(parts[1]))
        return u.isKnown ? u.meaning : nil
    }
}
