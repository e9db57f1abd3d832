import DecoupleCore

/// Display names of the MCS commodity codes used in file names (`lithi` → "Lithium"), as the
/// salient files print them in their `Commodity` column, plus the commodities that have only
/// a world file.
public enum MineralCommodityNames {
    public static let byCode: [String: String] = [
        "abras": "Abrasives (Manufactured)", "alumi": "Aluminum", "antim": "Antimony", "arsen": "Arsenic",
        "asbes": "Asbestos", "barit": "Barite", "bauxi": "Bauxite and Alumina", "beryl": "Beryllium",
        "bismu": "Bismuth", "boron": "Boron", "bromi": "Bromine", "cadmi": "Cadmium", "cemen": "Cement",
        "chrom": "Chromium", "clays": "Clays", "cobal": "Cobalt", "coppe": "Copper", "diamo": "Diamond (Industrial)",
        "diato": "Diatomite", "felds": "Feldspar and Nepheline Syenite", "feore": "Iron Ore", "fepig": "Iron Oxide Pigments",
        "fescr": "Iron and Steel Scrap", "fesla": "Iron and Steel Slag", "feste": "Iron and Steel", "fluor": "Fluorspar",
        "galli": "Gallium", "garne": "Garnet (Industrial)", "gemst": "Gemstones", "germa": "Germanium", "gold": "Gold",
        "graph": "Graphite (Natural)", "gypsu": "Gypsum", "heliu": "Helium", "indiu": "Indium", "iodin": "Iodine",
        "kyani": "Kyanite and Related Minerals", "lead": "Lead", "lime": "Lime", "lithi": "Lithium", "manga": "Manganese",
        "mercu": "Mercury", "mgcomp": "Magnesium Compounds", "mgmet": "Magnesium Metal", "mica": "Mica",
        "molyb": "Molybdenum", "nicke": "Nickel", "niobi": "Niobium (Columbium)", "nitro": "Nitrogen (Fixed)--Ammonia",
        "peat": "Peat", "perli": "Perlite", "phosp": "Phosphate Rock", "plati": "Platinum-Group Metals", "potas": "Potash",
        "pumic": "Pumice and Pumicite", "quartz": "Quartz Crystal (Industrial)", "raree": "Rare Earths", "rheni": "Rhenium",
        "salt": "Salt", "sandc": "Sand and Gravel (Construction)", "sandi": "Sand and Gravel (Industrial)",
        "scand": "Scandium", "selen": "Selenium", "silve": "Silver", "simet": "Silicon", "sodaa": "Soda Ash",
        "stond": "Stone (Dimension)", "stonec": "Stone (Crushed)", "stron": "Strontium", "sulfu": "Sulfur",
        "talc": "Talc and Pyrophyllite", "tanta": "Tantalum", "tellu": "Tellurium", "thall": "Thallium", "thori": "Thorium",
        "timin": "Titanium Mineral Concentrates", "tin": "Tin", "titan": "Titanium and Titanium Dioxide",
        "tungs": "Tungsten", "vanad": "Vanadium", "vermi": "Vermiculite", "wolla": "Wollastonite", "yttri": "Yttrium",
        "zeoli": "Zeolites (Natural)", "zinc": "Zinc", "zirco": "Zirconium and Hafnium",
    ]

    /// The label of the MCS "net import reliance" figure for a code, where the figure's first
    /// word differs from the commodity name ("SILICON, metal and ferrosilicon" is `simet`).
    public static let relianceLabelByCode: [String: [String]] = [
        "raree": ["RARE EARTHS"], "simet": ["SILICON"], "graph": ["GRAPHITE (NATURAL)"], "titan": ["TITANIUM, sponge"],
        "timin": ["TITANIUM MINERAL CONCENTRATES"], "plati": ["PLATINUM", "PALLADIUM"], "bauxi": ["BAUXITE", "ALUMINA"],
        "felds": ["FELDSPAR", "NEPHELINE SYENITE"], "diamo": ["DIAMOND (INDUSTRIAL)"], "fepig": ["IRON OXIDE PIGMENTS"],
        "mgcomp": ["MAGNESIUM COMPOUNDS"], "mgmet": ["MAGNESIUM METAL"], "stond": ["STONE (DIMENSION)"],
        "garne": ["GARNET (INDUSTRIAL)"], "niobi": ["NIOBIUM (COLUMBIUM)"], "zirco": ["ZIRCONIUM"], "abras": ["ABRASIVES"],
        "mica": ["MICA (NATURAL)"], "alumi": ["ALUMINUM"],
    ]

    /// The name of a code, or the code itself.
    public static func name(_ code: String) -> String { byCode[code] ?? code }

    /// True when a reliance-figure label (`"COPPER, refined"`) belongs to the commodity `code`.
    public static func relianceLabel(_ label: String, matches code: String) -> Bool {
        let upper = label.uppercased()
        if let prefixes = relianceLabelByCode[code] { return prefixes.contains { upper.hasPrefix($0.uppercased()) } }
        let head = upper.split(separator: ",").first.map { String($0).trimmedUSGS } ?? upper
        return head == name(code).uppercased()
    }
}
