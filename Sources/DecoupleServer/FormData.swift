import DecoupleAnalyses
import DecoupleRendering
import Foundation

/// The fields of an HTML form post: `multipart/form-data` (a file upload) or
/// `application/x-www-form-urlencoded`. Only the fields are kept; uploaded file names are
/// ignored and nothing is written to disk.
struct FormData: Sendable, Equatable {
    var fields: [String: String] = [:]

    static let maxFields = 20

    init(fields: [String: String]) { self.fields = fields }

    /// Parses `body` by its content type; throws a 400/415 ``APIError`` when it is malformed.
    init(body: Data, contentType: String) throws {
        let lower = contentType.lowercased()
        if lower.hasPrefix("application/x-www-form-urlencoded") {
            let text = String(decoding: body, as: UTF8.self)
            for pair in text.split(separator: "&") {
                let kv = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
                guard let k = QueryParameters.decode(kv[0]), let v = QueryParameters.decode(kv.count > 1 ? kv[1] : "") else {
                    throw APIError.badRequest("malformed form data (bad percent-encoding)")
                }
                fields[k] = v
                guard fields.count <= Self.maxFields else { throw APIError.badRequest("too many form fields") }
            }
        } else if lower.hasPrefix("multipart/form-data") {
            guard let b = Self.boundary(contentType) else { throw APIError.badRequest("multipart form data without a boundary") }
            fields = try Self.parseMultipart(Array(body), boundary: Array(("--" + b).utf8))
        } else {
            throw APIError(.unsupportedMediaType, "send the form as multipart/form-data or application/x-www-form-urlencoded")
        }
    }

    static func boundary(_ contentType: String) -> String? {
        for part in contentType.split(separator: ";") {
            let t = part.trimmingCharacters(in: .whitespaces)
            if t.lowercased().hasPrefix("boundary=") {
                var b = String(t.dropFirst("boundary=".count))
                if b.hasPrefix("\""), b.hasSuffix("\""), b.count >= 2 { b = String(b.dropFirst().dropLast()) }
                return (1...70).contains(b.count) ? b : nil
            }
        }
        return nil
    }

    static func parseMultipart(_ bytes: [UInt8], boundary: [UInt8]) throws -> [String: String] {
        var fields: [String: String] = [:]
        var positions: [Int] = []
        var i = 0
        while let p = find(boundary, in: bytes, from: i) {
            positions.append(p)
            i = p + boundary.count
        }
        guard positions.count >= 2 else { throw APIError.badRequest("malformed multipart form data (no closing boundary)") }
        for (a, b) in zip(positions, positions.dropFirst()) {
            var start = a + boundary.count
            // Skip the CRLF after the boundary line.
            if start + 1 < bytes.count, bytes[start] == 13, bytes[start + 1] == 10 { start += 2 }
            var end = b
            if end >= 2, bytes[end - 2] == 13, bytes[end - 1] == 10 { end -= 2 }
            guard start <= end else { continue }
            let part = Array(bytes[start..<end])
            guard let split = find(Array("\r\n\r\n".utf8), in: part, from: 0) else {
                throw APIError.badRequest("malformed multipart form data (part without headers)")
            }
            let headers = String(decoding: part[..<split], as: UTF8.self)
            let content = String(decoding: part[(split + 4)...], as: UTF8.self)
            guard let name = fieldName(headers) else { continue }
            fields[name] = content
            guard fields.count <= maxFields else { throw APIError.badRequest("too many form fields") }
        }
        return fields
    }

    /// `name="…"` of the Content-Disposition header.
    static func fieldName(_ headers: String) -> String? {
        for line in headers.split(separator: "\r\n") where line.lowercased().hasPrefix("content-disposition:") {
            guard let r = line.range(of: "; name=\"") ?? line.range(of: ";name=\"") else { return nil }
            let rest = line[r.upperBound...]
            guard let q = rest.firstIndex(of: "\"") else { return nil }
            return String(rest[..<q])
        }
        return nil
    }

    static func find(_ needle: [UInt8], in hay: [UInt8], from: Int) -> Int? {
        guard !needle.isEmpty, hay.count >= needle.count, from <= hay.count - needle.count else { return nil }
        var i = from
        let first = needle[0]
        while i <= hay.count - needle.count {
            if hay[i] == first, hay[i..<(i + needle.count)].elementsEqual(needle) { return i }
            i += 1
        }
        return nil
    }
}
