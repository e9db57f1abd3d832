import DecoupleCore

/// A vertical marker on a time chart: the policy measures that took effect at one x position
/// (`2018-07`, or `2018` on an annual chart), so the trend can be read against the policy.
public struct ChartMarker: Sendable, Equatable, Codable {
    /// The x label the marker sits at (one of the chart's ``LineChart/xLabels``).
    public var at: String
    /// The measures' ids, shown on the chart (`s301-list1`).
    public var ids: [String]
    /// The measures' names, in the marker's tooltip.
    public var names: [String]

    public init(at: String, ids: [String], names: [String]) {
        self.at = at
        self.ids = ids
        self.names = names
    }

    /// Markers for dated measures on a chart's x labels: each measure at the label of its start
    /// (in force, else announced): its month on a monthly chart, its year on an annual one.
    /// Measures outside the labels' range are left out; measures at one label share a marker.
    public static func markers(_ measures: [(id: String, name: String, start: PolicyDate)], xLabels: [String]) -> [ChartMarker] {
        guard let first = xLabels.first else { return [] }
        let monthly = first.count == 7
        var byLabel: [String: ChartMarker] = [:]
        for m in measures.sorted(by: { ($0.start, $0.id) < ($1.start, $1.id) }) {
            let label: String
            if monthly {
                guard let month = m.start.month else { continue }
                label = "\(m.start.year)-\(month < 10 ? "0" : "")\(month)"
            } else {
                label = "\(m.start.year)"
            }
            guard xLabels.contains(label) else { continue }
            byLabel[label, default: ChartMarker(at: label, ids: [], names: [])].ids.append(m.id)
            byLabel[label]!.names.append(m.name)
        }
        return xLabels.compactMap { byLabel[$0] }
    }
}
