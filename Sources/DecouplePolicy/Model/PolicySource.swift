import DecoupleCore

/// Where a policy fact comes from: a statute, a regulation, a Federal Register document, an
/// executive action or an official web page.
///
/// Every measure, alliance and IRA rule carries at least one; the loaders reject an entry
/// without one.
public struct PolicySource: Hashable, Sendable, Codable, CustomStringConvertible {
    /// What kind of document the source is.
    public enum Kind: String, Sendable, Codable, CaseIterable {
        /// An act of a legislature (Public Law, U.S. Code section).
        case statute
        /// A codified regulation (CFR section, Treasury Decision).
        case regulation
        /// A Federal Register document (rule, notice, proclamation, executive order).
        case federalRegister = "federal-register"
        /// An executive order, proclamation or official announcement of another government.
        case executiveAction = "executive-action"
        /// An official web page or statement (white house, state.gov, ministry sites).
        case officialPage = "official-page"
        /// A report of a legislature's research service or a government agency.
        case officialReport = "official-report"
        /// An academic publication (the framework paper itself, for the groupings it names).
        case literature
        /// Press reports, used only where no official text exists (said so in the entry).
        case press
    }

    public var kind: Kind
    /// A citation a reader can look up ("Executive Order 14017, 86 FR 11849 (1 March 2021)").
    public var citation: String
    /// Where to read it, when it is online.
    public var url: String?

    public init(kind: Kind, citation: String, url: String? = nil) {
        self.kind = kind
        self.citation = citation
        self.url = url
    }

    public var description: String {
        url.map { "\(citation) <\($0)>" } ?? citation
    }
}
