import DecoupleCore

/// An input–output table as read from a file: labels and plain arrays, ready to be handed to
/// ``InputOutputSystem``.
///
/// Nodes are `region_sector` pairs in matrix order; `intermediate` is Z (seller = row,
/// buyer = column) in column-major order.
public struct InputOutputTableData: Sendable {
    /// What the table is ("OECD ICIO 2022 (SML)", "WIOD 2013 release, 2011").
    public var name: String
    /// The region of each node.
    public var nodeRegions: [String]
    /// The sector of each node.
    public var nodeSectors: [String]
    /// Z, n × n, column-major: element (i, j) at `intermediate[j * n + i]`.
    public var intermediate: [Double]
    /// Gross output x (n).
    public var grossOutput: [Double]
    /// Final demand Y, n × k column-major, when the file has it.
    public var finalDemand: [Double]?
    /// Labels of the k final-demand columns ("USA_HFCE").
    public var finalDemandLabels: [String]
    /// The value-added row (n), when the file has it.
    public var valueAdded: [Double]?
    /// Taxes less subsidies on intermediate and final products (the OECD `TLS` row), when given.
    public var taxesLessSubsidies: [Double]?
    /// What the reader did to the file's numbers (merges, derived rows), for provenance.
    public var notes: [String]

    public init(name: String, nodeRegions: [String], nodeSectors: [String], intermediate: [Double],
                grossOutput: [Double], finalDemand: [Double]? = nil, finalDemandLabels: [String] = [],
                valueAdded: [Double]? = nil, taxesLessSubsidies: [Double]? = nil, notes: [String] = []) {
        self.name = name
        self.nodeRegions = nodeRegions
        self.nodeSectors = nodeSectors
        self.intermediate = intermediate
        self.grossOutput = grossOutput
        self.finalDemand = finalDemand
        self.finalDemandLabels = finalDemandLabels
        self.valueAdded = valueAdded
        self.taxesLessSubsidies = taxesLessSubsidies
        self.notes = notes
    }

    /// The number of nodes.
    public var n: Int { nodeRegions.count }

    /// `region_sector` of node i.
    public func label(_ i: Int) -> String { nodeRegions[i] + "_" + nodeSectors[i] }

    /// The distinct regions in order of first appearance.
    public var regions: [String] {
        var seen = Set<String>()
        return nodeRegions.filter { seen.insert($0).inserted }
    }

    /// The distinct sectors in order of first appearance.
    public var sectors: [String] {
        var seen = Set<String>()
        return nodeSectors.filter { seen.insert($0).inserted }
    }
}

/// Splits a node label `CTY_SECTOR` at its first underscore (sectors may hold underscores:
/// `USA_C17_18`). Nil when there is no underscore or either part is empty.
func splitNodeLabel(_ label: String) -> (region: String, sector: String)? {
    guard let u = label.firstIndex(of: "_") else { return nil }
    let region = String(label[..<u]), sector = String(label[label.index(after: u)...])
    guard !region.isEmpty, !sector.isEmpty else { return nil }
    return (region, sector)
}

/// The first position where two label lists differ (the shorter length when one is a prefix of the other).
func firstMismatch(_ a: [String], _ b: [String]) -> Int {
    for i in 0..<min(a.count, b.count) where a[i] != b[i] { return i }
    return min(a.count, b.count)
}
