/// What went wrong talking to a Spark Connect server, as a Decouple error with a message a
/// user can act on.
public enum SparkConnectError: Error, Equatable, CustomStringConvertible {
    /// The connection string is not `sc://host[:port][/;key=value…]`.
    case invalidConnectionString(String, reason: String)
    /// No server answered at the address (refused, unresolvable, timed out).
    case unreachable(endpoint: String, detail: String)
    /// The server ran the request and reported an error (a Spark SQL error among them):
    /// Spark's own message.
    case server(message: String)
    /// The server's answer could not be decoded.
    case malformedResult(String)

    public var description: String {
        switch self {
        case .invalidConnectionString(let s, let reason):
            "invalid Spark Connect connection string '\(s)': \(reason) (expected sc://host[:port][/;token=…;use_ssl=true])"
        case .unreachable(let endpoint, let detail):
            "cannot reach the Spark Connect server at \(endpoint): \(detail)"
        case .server(let message):
            "Spark: \(message)"
        case .malformedResult(let message):
            "unexpected answer from Spark: \(message)"
        }
    }
}
