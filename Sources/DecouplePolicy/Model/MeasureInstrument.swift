import DecoupleCore

/// The kind of instrument a policy measure is, in the vocabulary of the framework (Zhou 2024,
/// Tables 1–2): restrictions where the leader has the advantage, substitution and subsidies
/// where it lags, and agreements with allies.
public enum MeasureInstrument: String, Sendable, Codable, CaseIterable {
    /// Licence requirements or bans on exports of goods or technology (EAR rules, China's
    /// gallium/germanium/graphite controls, technology export catalogues).
    case exportControl = "export-control"
    /// Screening or blocking of inbound investment (CFIUS/FIRRMA).
    case investmentRestriction = "investment-restriction"
    /// Notification or prohibition of outbound investment in a rival's sectors.
    case outboundInvestmentScreen = "outbound-investment-screen"
    /// Tariffs imposed for policy reasons (Section 301, Section 201 safeguards).
    case importTariff = "import-tariff"
    /// Anti-dumping and countervailing duties.
    case tradeRemedy = "trade-remedy"
    /// Import bans or presumptions of inadmissibility (UFLPA).
    case importRestriction = "import-restriction"
    /// Subsidies for domestic production that replaces imports (CHIPS grants, §45X).
    case importSubstitutionSubsidy = "import-substitution-subsidy"
    /// Subsidies conditioned on excluding a rival's supply chain (the "poison pill": §30D FEOC rules, CHIPS guardrails).
    case restrictiveSubsidy = "restrictive-subsidy"
    /// Agreements that make allies' supplies count as domestic (US–Japan critical minerals agreement).
    case allySourcingAgreement = "ally-sourcing-agreement"
    /// Strategies, reviews, speeches, national-security investigations and laws that designate a
    /// supply chain as a security matter without a direct trade instrument.
    case supplyChainStrategy = "supply-chain-strategy"
    /// Laws and lists for counter-measures against foreign firms and persons, answering a rival's
    /// measures without a product scope (China's Unreliable Entity List, Anti-Foreign Sanctions
    /// Law and their listings).
    case sanctionsCountermeasure = "sanctions-countermeasure"

    /// A short label for tables.
    public var label: String {
        switch self {
        case .exportControl: "export control"
        case .investmentRestriction: "investment restriction"
        case .outboundInvestmentScreen: "outbound investment screen"
        case .importTariff: "import tariff"
        case .tradeRemedy: "trade remedy (AD/CVD)"
        case .importRestriction: "import restriction"
        case .importSubstitutionSubsidy: "import-substitution subsidy"
        case .restrictiveSubsidy: "restrictive subsidy (poison pill)"
        case .allySourcingAgreement: "ally-sourcing agreement"
        case .supplyChainStrategy: "supply-chain strategy / review"
        case .sanctionsCountermeasure: "sanctions counter-measure"
        }
    }
}
