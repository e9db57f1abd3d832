/// A small OECD ICIO table in the layout of the OECD's `*.csv` downloads: three regions (CN1 and
/// CN2 are China's two parts) × two sectors, with final demand, TLS, VA and OUT rows and an OUT
/// column (the reader tests and the fuzzer's seed).
public enum ICIOFixture {
    public static let official = """
    V1,AUS_A01,AUS_C17_18,CN1_A01,CN1_C17_18,CN2_A01,CN2_C17_18,AUS_HFCE,AUS_GFCF,CHN_HFCE,CN1_DPABR,OUT
    AUS_A01,1,2,3,4,5,6,10,1,2,0,34
    AUS_C17_18,1,1,1,1,1,1,1,1,1,1,10
    CN1_A01,2,0,1,0,0,0,0,0,5,0,8
    CN1_C17_18,0,0,0,1,,0,0,0,1,0,2
    CN2_A01,1,1,1,1,1,1,1,1,1,1,10
    CN2_C17_18,0,0,0,0,0,2,0,0,3,0,5
    TLS,0.5,0.5,0.5,0.5,0.5,0.5,1,1,1,0,
    VA,20,5,3,1,1,2,0,0,0,0,
    OUT,25.5,9.5,9.5,8.5,8.5,12.5,0,0,0,0,

    """
}
