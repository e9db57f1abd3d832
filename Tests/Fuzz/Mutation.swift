import DecoupleCore
import Foundation

/// One way of damaging an input, with what the reader must then do.
struct Mutation: Sendable {
    enum Expectation { case same, refused, free }

    let name: String
    let expectation: Expectation
    let apply: @Sendable (Data, inout SplitMix64) -> Data

    func apply(to data: Data, _ rng: inout SplitMix64) -> Data { apply(data, &rng) }

    /// A mutation drawn at random: mostly free damage, some that must keep the answer, some
    /// that must be refused.
    static func pick(_ rng: inout SplitMix64, json: Bool, numericFields: [Int]) -> Mutation {
        var pool = free
        pool += json ? jsonRefused : (numericFields.isEmpty ? [] : csvRefused(numericFields))
        pool += json ? [] : same
        return pool[rng.below(pool.count)]
    }

    static let same: [Mutation] = [
        // CRLF for LF (a file already in CRLF is unchanged: "\r\r\n" is another text).
        Mutation(name: "CRLF line ends", expectation: .same) { d, _ in
            var out = Data()
            var previous: UInt8 = 0
            for b in d {
                if b == 10 && previous != 13 { out.append(13) }
                out.append(b)
                previous = b
            }
            return out
        },
        // A byte-order mark added, or taken away when the file has one.
        Mutation(name: "UTF-8 byte-order mark", expectation: .same) { d, _ in
            d.starts(with: [0xEF, 0xBB, 0xBF]) ? d.dropFirst(3) : Data([0xEF, 0xBB, 0xBF]) + d
        },
    ]

    static let free: [Mutation] = [
        Mutation(name: "truncated", expectation: .free) { d, r in d.prefix(r.below(d.count + 1)) },
        Mutation(name: "byte flipped", expectation: .free) { d, r in
            var d = d
            if !d.isEmpty { let i = d.startIndex + r.below(d.count); d[i] ^= UInt8(1 + r.below(255)) }
            return d
        },
        Mutation(name: "bytes inserted", expectation: .free) { d, r in
            var d = d
            let junk = (0..<(1 + r.below(8))).map { _ in UInt8(r.below(256)) }
            d.insert(contentsOf: junk, at: d.startIndex + r.below(d.count + 1))
            return d
        },
        Mutation(name: "line deleted", expectation: .free) { d, r in
            var lines = lines(d)
            if !lines.isEmpty { lines.remove(at: r.below(lines.count)) }
            return join(lines)
        },
        Mutation(name: "line repeated", expectation: .free) { d, r in
            var lines = lines(d)
            if !lines.isEmpty { let i = r.below(lines.count); lines.insert(lines[i], at: i) }
            return join(lines)
        },
        Mutation(name: "1 MB line", expectation: .free) { d, r in
            var lines = lines(d)
            lines.insert(Data(repeating: UInt8(ascii: "9"), count: 1 << 20), at: r.below(lines.count + 1))
            return join(lines)
        },
        Mutation(name: "invalid UTF-8", expectation: .free) { d, r in
            var d = d
            d.insert(contentsOf: [0xFF, 0xFE, 0xC3], at: d.startIndex + r.below(d.count + 1))
            return d
        },
        Mutation(name: "delimiter changed", expectation: .free) { d, r in
            var lines = lines(d)
            if !lines.isEmpty {
                let i = r.below(lines.count)
                lines[i] = Data(lines[i].map { $0 == UInt8(ascii: ",") ? UInt8(ascii: ";") : $0 })
            }
            return join(lines)
        },
    ]

    /// A number field of a data line (not the header) replaced by something that is not a
    /// usable number, or by two fields.
    static func csvRefused(_ fields: [Int]) -> [Mutation] {
        ["NaN", "inf", "-inf", "1e999", "abc", "1,5"].map { bad in
            Mutation(name: "number field → '\(bad)'", expectation: .refused) { d, r in
                var lines = lines(d)
                let data = lines.indices.dropFirst().filter { !lines[$0].isEmpty }
                guard !data.isEmpty else { return d }
                let i = data[r.below(data.count)]
                var parts = split(lines[i])
                let f = fields[r.below(fields.count)]
                guard f < parts.count else { return d }
                parts[f] = Data(bad.utf8)
                lines[i] = Data(parts.joined(separator: [UInt8(ascii: ",")]))
                return join(lines)
            }
        }
    }

    static let jsonRefused: [Mutation] = [
        Mutation(name: "JSON key written twice", expectation: .refused) { d, r in
            // The first member `"key": value` whose value is a number or a string, repeated.
            let text = String(decoding: d, as: UTF8.self)
            guard let m = text.firstMatch(of: /"([A-Za-z0-9_]+)"\s*:\s*("[^"\\]*"|-?[0-9][0-9.eE+-]*)\s*([,}])/) else { return d }
            let member = String(text[m.range].dropLast())
            var out = text
            out.replaceSubrange(m.range, with: member + ", " + member + String(m.output.3))
            return Data(out.utf8)
        },
        Mutation(name: "JSON trailing comma", expectation: .refused) { d, _ in
            var text = String(decoding: d, as: UTF8.self)
            guard let close = text.lastIndex(where: { $0 == "}" || $0 == "]" }) else { return d }
            text.insert(",", at: close)
            return Data(text.utf8)
        },
    ]

    static func lines(_ d: Data) -> [Data] { d.split(separator: 10, omittingEmptySubsequences: false).map { Data($0) } }
    static func join(_ lines: [Data]) -> Data { Data(lines.joined(separator: [10])) }
    static func split(_ line: Data) -> [Data] { line.split(separator: UInt8(ascii: ","), omittingEmptySubsequences: false).map { Data($0) } }
}
