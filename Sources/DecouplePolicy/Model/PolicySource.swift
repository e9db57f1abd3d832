import DecoupleCore

/// Where a policy fact comes from: a statute, a regulation, a Federal Register document, an
/// executive action, an official web page or speech, and how directly it was read.
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
        /// A speech or remarks by an official, cited from its transcript. Speeches designate
        /// and justify; they are not legal texts.
        case speech
        /// An academic publication (the framework paper itself, for the groupings it names).
        case literature
        /// Press reports, used only where no official text exists (said so in the entry).
        case press
    }

    /// How directly the cited document was read.
    public enum Verification: String, Sendable, Codable, CaseIterable {
        /// The facts were taken from the document itself: the official text on the issuer's or
        /// official publisher's site, or a full-text copy of it (a Federal Register mirror, a
        /// verbatim reproduction of a ministry announcement).
        case primary
        /// The facts and the citation are as a secondary page (law firm, trade press, news,
        /// aggregator) gives them; the document itself was not read.
        case asQuoted = "as-quoted"
    }

    public var kind: Kind
    /// A citation a reader can look up ("Executive Order 14017, 86 FR 11849 (1 March 2021)").
    public var citation: String
    /// Where to read it, when it is online: for an as-quoted source, the secondary page read.
    public var url: String?
    /// How directly the document was read; nil where a data file does not say (alliances, IRA
    /// rules). Required in `measures.json` and `negatives.json`.
    public var verification: Verification?

    public init(kind: Kind, citation: String, url: String? = nil, verification: Verification? = nil) {
        self.kind = kind
        self.citation = citation
        self.url = url
        self.verification = verification
    }

    public var description: String {
        let text = url.map { "\(citation) <\($0)>" } ?? citation
        return verification == .asQuoted ? text + " [as quoted]" : text
    }
}
