import DecoupleCore

/// Resolves the country codes of a file's rows without making a string per row: codes of up
/// to seven bytes are packed into an integer and looked up in a small open-addressing table
/// (a file has a few hundred distinct codes), after the first resolution through the table.
struct CountryCodeCache {
    let table: CountryTable
    let scheme: CountryCodeScheme
    private static let slots = 4096
    private var keys = [UInt64](repeating: 0, count: slots)
    private var values = [Country?](repeating: nil, count: slots)
    private var stored = 0
    private var long: [String: Country] = [:]

    init(table: CountryTable, scheme: CountryCodeScheme) {
        self.table = table
        self.scheme = scheme
    }

    /// The country for field `i`, or the error naming the unknown code.
    mutating func country(_ record: CSVRecord, _ i: Int) -> Result<Country, UnknownCountryCode> {
        let bytes = record.bytes(i)
        guard bytes.count <= 7, stored < Self.slots / 2 else {
            let text = record.string(i)
            if let c = long[text] { return .success(c) }
            let r = resolve(text)
            if case .success(let c) = r { long[text] = c }
            return r
        }
        var key = UInt64(bytes.count + 1) << 56
        for k in 0..<bytes.count { key |= UInt64(bytes[k]) << (UInt64(k) * 8) }
        var slot = Int(truncatingIfNeeded: (key &* 0x9E37_79B9_7F4A_7C15) >> 52)
        while keys[slot] != 0 {
            if keys[slot] == key { return .success(values[slot]!) }
            slot = (slot + 1) & (Self.slots - 1)
        }
        let r = resolve(record.string(i))
        if case .success(let c) = r {
            keys[slot] = key
            values[slot] = c
            stored += 1
        }
        return r
    }

    private func resolve(_ code: String) -> Result<Country, UnknownCountryCode> {
        do { return .success(try table.resolve(code, as: scheme)) } catch let e as UnknownCountryCode {
            return .failure(e)
        } catch { return .failure(UnknownCountryCode(code: code, scheme: scheme)) }
    }
}
