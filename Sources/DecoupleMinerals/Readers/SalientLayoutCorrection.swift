import DecoupleCore

/// A documented fix for a salient-statistics file whose header does not describe its rows.
///
/// Applied only to the named file of the named edition, and only after checking that the
/// file still has the broken header it was written for; the fix names every field from the
/// fourth on (an empty name marks a field that must be blank).
public struct SalientLayoutCorrection: Hashable, Sendable, Codable {
    public let edition: Int
    /// The file name the correction applies to.
    public let fileName: String
    /// The header fields from the fourth on, as the broken file has them (named ones only).
    public let brokenHeader: [String]
    /// The names of the fields from the fourth on, as they should be; "" = must be blank.
    public let columnNames: [String]
    /// Why, and where the right names come from.
    public let reason: String

    /// `mcs2024-fluor_salient.csv` (MCS 2024 ver. 2.0): the header names 13 value columns,
    /// but every data row holds a blank field and then the 14 values of the layout that the
    /// release's own metadata (`mcs2024-fluor_meta.xml`) and the MCS 2023 file describe, so the
    /// header's `NIR_Mine_pct` sits over the mine employment figure and the net import
    /// reliance (100) lies in an unnamed column, two places to the right.
    public static let fluorspar2024 = SalientLayoutCorrection(
        edition: 2024,
        fileName: "mcs2024-fluor_salient.csv",
        brokenHeader: ["USprod_Metallurgical_kt", "USprod_H2SiF6_kt", "Imports_Acid_kt", "Imports_Metallurgical_kt",
                       "Imports_Total_Fl_kt", "Imports_HF_kt", "Imports_AlF3_kt", "Exports_Cryolite_kt", "Consump_All_kt",
                       "Price_dt", "Price_Acid_dt", "Employment_Metallurgical_num", "NIR_Mine_pct"],
        columnNames: ["", "USprod_Metallurgical_kt", "USprod_H2SiF6_kt", "Imports_Acid_kt", "Imports_Metallurgical_kt",
                      "Imports_Total_Fl_kt", "Imports_HF_kt", "Imports_AlF3_kt", "Imports_Cryolite_kt", "Exports_All_kt",
                      "Consump_kt", "Price_Acid_dt", "Price_Metallurgical_dt", "Employment_Mine_num", "NIR_pct"],
        reason: "rows hold a blank field and then the 14 values named in mcs2024-fluor_meta.xml (the MCS 2023 layout); the header's 13 names are shifted, putting NIR 100 in an unnamed column")

    /// Every known correction.
    public static let known: [SalientLayoutCorrection] = [.fluorspar2024]
}
