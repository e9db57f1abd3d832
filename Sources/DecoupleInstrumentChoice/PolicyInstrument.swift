import DecoupleCore

/// The instruments of selective decoupling named by the framework (Zhou 2024, Tables 1–2).
public enum PolicyInstrument: String, Sendable, Codable, CaseIterable {
    case exportControls = "export controls"
    case investmentRestrictions = "investment restrictions"
    case allyRestrictions = "ally restrictions"
    case importSubstitution = "import substitution"
    case restrictiveSubsidies = "restrictive subsidies"
    case allySubstitution = "ally substitution"
}

/// The leader's position in a sector or stage (Table 2 of the framework).
public enum CompetitivePosition: String, Sendable, Codable {
    /// Low vulnerability, can weaponise the rival's dependence (the digital chain).
    case advantage
    /// High vulnerability, high adjustment cost (the green chain).
    case disadvantage

    /// The instruments the framework predicts for this position.
    public var predictedInstruments: [PolicyInstrument] {
        switch self {
        case .advantage: [.exportControls, .investmentRestrictions, .allyRestrictions]
        case .disadvantage: [.importSubstitution, .restrictiveSubsidies, .allySubstitution]
        }
    }
}
