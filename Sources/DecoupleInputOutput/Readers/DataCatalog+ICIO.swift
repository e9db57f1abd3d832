import DecoupleCore

extension DataCatalog {
    /// Loads the bundled OECD ICIO 2022 intermediate block.
    public func loadOECDICIO2022(progress: ((Double) -> Void)? = nil) throws -> InputOutputTableData {
        let d = BundledDataset.oecdICIO2022
        return try OECDICIOBlockReader().read(folder: path(of: d), displayFolder: displayPath(d.path), progress: progress)
    }

    /// The OECD ICIO sector names by code ("C26" → "Manufacture of computer, electronic and
    /// optical products"), from the bundled code list.
    public func loadOECDICIOSectorNames() throws -> [String: String] {
        let d = BundledDataset.oecdICIO2022
        return try ICIOCodeList.read(path: path(of: d) + "/OECD_ICIO_2025_sector_code_mapping.csv",
                                     displayName: "Data/\(d.path)/OECD_ICIO_2025_sector_code_mapping.csv")
    }
}

/// The OECD ICIO code lists (`code,economic_activity` or `code,country_or_region`).
public enum ICIOCodeList {
    /// A sector name without its "Manufacture of " opening, for labels:
    /// "Manufacture of computer, electronic and optical products" → "computer, electronic and optical products".
    public static func shortName(_ name: String) -> String {
        for prefix in ["Manufacture of ", "Manufacturing of "] where name.hasPrefix(prefix) { return String(name.dropFirst(prefix.count)) }
        return name
    }

    public static func read(path: String, displayName: String? = nil) throws -> [String: String] {
        let reader = DelimitedFileReader(path: path, displayName: displayName)
        var issues = IssueCollector(file: reader.displayName, limit: 20)
        var names: [String: String] = [:]
        try readWithHeader(reader, progress: nil, header: { h, line in
            guard h.names.count == 2, h.names[0] == "code" else {
                throw DataReadError(issues: [DataIssue(file: reader.displayName, line: line, column: 1,
                    message: "unexpected header '\(h.names.joined(separator: ","))'; expected 'code,<name>'")])
            }
        }, row: { r in
            guard r.count == 2, !r.isEmpty(0) else {
                try issues.add(line: r.line, column: nil, "expected 2 fields (code,name), found \(r.count)")
                return
            }
            names[r.string(0)] = r.string(1)
        })
        try issues.finish()
        return names
    }
}
