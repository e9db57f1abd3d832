import DecoupleCore

extension BundledDataset {
    /// OECD Inter-Country Input-Output tables, 2025 release, reference year 2022: the
    /// intermediate block of 80 economies × 50 sectors (ROW dropped), with gross output.
    public static let oecdICIO2022 = BundledDataset(
        id: "oecd-icio-2022",
        title: "OECD Inter-Country Input-Output tables (2025 release), 2022: intermediate flows among 80 economies × 50 sectors and gross output",
        path: "oecd-icio-2022",
        format: "dense Z CSV (seller\\buyer, CTY_SECTOR labels, USD million) + nodes.csv (gross output); official ICIO CSVs load with --icio",
        provenance: Provenance(
            source: "OECD (2025), Inter-Country Input-Output Database, 2025 release",
            edition: "reference year 2022, SML variant (CN1/CN2 and MX1/MX2 merged into CHN and MEX), ROW excluded",
            url: "https://www.oecd.org/en/data/datasets/inter-country-input-output-tables.html",
            licence: "OECD terms and conditions: reuse with attribution (cite OECD (2025), Inter-Country Input-Output Database)",
            retrievedFrom: "PyPI sanction-simulator 0.1.4 (data/bench_cache.npz, built from the OECD file 2022_SML.csv); Z recovered to the OECD's 4-decimal values and re-ordered country-major by the data maintainers (Data/oecd-icio-2022/SOURCE.md)"))
}

extension DataCatalog {
    /// Loads the bundled OECD ICIO 2022 intermediate block.
    public func loadOECDICIO2022(progress: ((Double) -> Void)? = nil) throws -> InputOutputTableData {
        let d = BundledDataset.oecdICIO2022
        return try OECDICIOBlockReader().read(folder: path(of: d), displayFolder: "Data/" + d.path, progress: progress)
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
