import Foundation

/// A Spark Connect connection string, `sc://host[:port][/;key=value;…]`, parsed as the Spark
/// Connect client specification describes it.
///
/// - The scheme must be `sc`; the host is required; the port defaults to 15002.
/// - The path must be empty; parameters follow `/;` as `key=value` pairs separated by `;`,
///   percent-encoded values decoded.
/// - Known parameters: `token` (sent as `Authorization: Bearer …`), `use_ssl` (`true` for
///   TLS), `user_id`, `user_agent`, `session_id`. Unknown ones are kept in ``parameters``.
/// - A token implies TLS, except to a loopback host (a local server started with a token).
public struct SparkConnectionString: Sendable, Equatable, CustomStringConvertible {
    public static let defaultPort = 15002

    public var host: String
    public var port: Int
    /// Every `key=value` parameter, decoded.
    public var parameters: [String: String]

    public var token: String? { parameters["token"] }
    public var userID: String? { parameters["user_id"] }
    public var userAgent: String? { parameters["user_agent"] }
    public var sessionID: String? { parameters["session_id"] }

    /// True when the connection uses TLS: `use_ssl=true`, or a token to a non-loopback host.
    public var usesTLS: Bool {
        parameters["use_ssl"]?.lowercased() == "true" || (token != nil && !isLoopback)
    }

    /// True for `localhost`, `127.x.x.x` and `::1`.
    public var isLoopback: Bool {
        host == "localhost" || host.hasPrefix("127.") || host == "::1"
    }

    /// `host:port` (IPv6 addresses in brackets).
    public var endpoint: String { host.contains(":") ? "[\(host)]:\(port)" : "\(host):\(port)" }

    /// The string without the token's value.
    public var description: String {
        let params = parameters.keys.sorted().map { "\($0)=\($0 == "token" ? "***" : parameters[$0]!)" }
        return "sc://\(endpoint)" + (params.isEmpty ? "" : "/;" + params.joined(separator: ";"))
    }

    /// Parses a connection string.
    /// - Throws: ``SparkConnectError/invalidConnectionString(_:reason:)`` saying what is wrong.
    public init(_ text: String) throws {
        func fail(_ reason: String) -> SparkConnectError { .invalidConnectionString(text, reason: reason) }
        guard text.hasPrefix("sc://") else {
            throw fail(text.contains("://") ? "the scheme must be sc://" : "it must start with sc://")
        }
        var rest = Substring(text.dropFirst(5))
        var paramText: Substring = ""
        if let slash = rest.firstIndex(of: "/") {
            let path = rest[rest.index(after: slash)...]
            rest = rest[..<slash]
            if !path.isEmpty {
                guard path.first == ";" else { throw fail("the path '/\(path)' must be empty; parameters follow '/;'") }
                paramText = path.dropFirst()
            }
        }
        var host: Substring
        var portText: Substring?
        if rest.first == "[" {
            guard let close = rest.firstIndex(of: "]") else { throw fail("an IPv6 address lacks its closing ']'") }
            host = rest[rest.index(after: rest.startIndex)..<close]
            let after = rest[rest.index(after: close)...]
            if !after.isEmpty {
                guard after.first == ":" else { throw fail("unexpected '\(after)' after the IPv6 address") }
                portText = after.dropFirst()
            }
        } else if let colon = rest.firstIndex(of: ":") {
            host = rest[..<colon]
            portText = rest[rest.index(after: colon)...]
        } else {
            host = rest
        }
        guard !host.isEmpty else { throw fail("the host is missing") }
        guard !host.contains(where: { $0 == " " || $0 == "@" || $0 == "?" || $0 == "#" || $0 == ";" }) else {
            throw fail("the host '\(host)' is not a host name or address")
        }
        var port = Self.defaultPort
        if let portText {
            guard let p = Int(portText), (1...65535).contains(p) else { throw fail("the port '\(portText)' is not a number 1–65535") }
            port = p
        }
        var parameters: [String: String] = [:]
        for part in paramText.split(separator: ";", omittingEmptySubsequences: true) {
            let kv = part.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            guard kv.count == 2, !kv[0].isEmpty, !kv[1].contains("=") else {
                throw fail("the parameter '\(part)' is not key=value")
            }
            guard let value = String(kv[1]).removingPercentEncoding else {
                throw fail("the value of '\(kv[0])' is not valid percent-encoding")
            }
            parameters[String(kv[0])] = value
        }
        if let ssl = parameters["use_ssl"], !["true", "false"].contains(ssl.lowercased()) {
            throw fail("use_ssl must be true or false, found '\(ssl)'")
        }
        self.host = String(host)
        self.port = port
        self.parameters = parameters
    }
}
