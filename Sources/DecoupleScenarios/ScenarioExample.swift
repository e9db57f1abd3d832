import DecoupleCore

/// The documented example written by `decouple scenario example`: every key of the schema,
/// with the meaning of each in `description` (JSON has no comments; docs/scenario.md has the rest).
public enum ScenarioExample {
    public static let json = """
    {
      "schema": "decouple-scenario/1",
      "name": "US bans imports of Chinese lithium-ion batteries",
      "description": "shock: supplier = the economy cut off (ISO3), importer = who loses it, cut = fraction of the supplier's sales removed (1 = all), tariff = \\"prohibitive\\" or an ad-valorem rate for the partial-equilibrium model (0.25 = 25 %), startYear = informative. alliance = the economies allowed to substitute (EU = the EU as one Census partner). products = HS6 codes on the bundled Census 2024 US imports; headroom = capacity proxy (each alliance supplier can raise its shipments to the importer by headroom × current shipments). mineral = a USGS MCS world-production file (edition 2022–2024, commodity code such as galli); exportShare = share of the supplier's production lost to the others; redirectableShare = spare share of the others' production when the file has no capacity column. sectors = OECD ICIO 2022 sectors of the supplier whose sales to the importer are extracted. elasticities = importDemand (ε ≥ 0), substitution between sources (σ > 0; > 1 for a prohibitive tariff), exportSupply (η ≥ 0 or \\"infinite\\"). capacityGrowthPerYear = growth of the alliance's capacity for the time-to-cover. deadlock = stylised U-shaped sanctions-deadlock reading, thresholds low/high on the target's import dependence on the sanctioner.",
      "shock": { "supplier": "CHN", "importer": "USA", "cut": 1.0, "tariff": "prohibitive", "startYear": 2025 },
      "alliance": ["EU", "KOR", "JPN", "MEX", "CAN", "TWN", "VNM", "MYS"],
      "products": { "dataset": "census-hs6-2024", "hs6": ["850760"], "headroom": 0.5 },
      "sectors": { "dataset": "oecd-icio-2022", "codes": ["C26", "C27"], "top": 10 },
      "elasticities": { "importDemand": 1.0, "substitution": 3.0, "exportSupply": "infinite" },
      "capacityGrowthPerYear": 0.2,
      "deadlock": { "target": "CHN", "sanctioner": "USA", "low": 0.05, "high": 0.2 }
    }

    """
}
