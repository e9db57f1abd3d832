import DecoupleAnalyses
import Foundation

extension DecouplingReport {
    /// The report as JSON: sections with findings, tables and figures; every figure names its
    /// source, and `sources` gives each source's full provenance.
    public func json() throws -> String {
        try DecoupleJSON.encode(self)
    }
}
