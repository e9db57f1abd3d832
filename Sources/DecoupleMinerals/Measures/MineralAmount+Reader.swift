import DecoupleCore

extension ReportedAmount {
    /// A USGS cell as the measures read it: exact values and estimates as exact, bounds as
    /// bounds, and every code (NA, XX, W, a word) as unavailable with its text.
    public init(_ v: MineralValue) {
        switch v {
        case .value(let x), .estimated(let x): self = .exact(x)
        case .greaterThan(let x): self = .above(x)
        case .lessThan(let x): self = .below(x)
        case .range(let a, let b): self = .range(a, b)
        case .netExporter: self = .netExporter
        case .withheld: self = .withheld
        case .notAvailable: self = .unavailable("NA")
        case .notApplicable: self = .unavailable("XX")
        case .qualitative(let s): self = .unavailable(s)
        case .empty: self = .unavailable("")
        }
    }
}

extension MineralAmount {
    /// A USGS cell with its unit and where it was read (edition, file, line, column).
    public init(_ v: SourcedMineralValue) {
        self.init(ReportedAmount(v.value), unit: v.unit.code,
                  source: MineralProvenance(edition: v.source.edition, file: v.source.file, line: v.source.line, column: v.source.column))
    }
}
