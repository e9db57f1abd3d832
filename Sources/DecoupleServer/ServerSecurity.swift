import Hummingbird

/// What every response says about itself, and which Host names the server answers to.
enum ServerSecurity {
    /// Sent with every response: no MIME sniffing, no framing, no referrer, and a content policy
    /// that allows only the pages' own inline CSS and SVG (no scripts, no remote resources).
    static let headers: HTTPFields = [
        .init("X-Content-Type-Options")!: "nosniff",
        .init("X-Frame-Options")!: "DENY",
        .init("Referrer-Policy")!: "no-referrer",
        .init("Content-Security-Policy")!: "default-src 'none'; style-src 'unsafe-inline'; img-src 'self' data:; form-action 'self'; frame-ancestors 'none'; base-uri 'none'",
    ]

    /// The host names a server bound to `host` answers to: loopback names when it listens on
    /// loopback, any when it listens on every interface; plus `extra` (`--allow-host`).
    static func allowedHosts(boundTo host: String, extra: [String]) -> Set<String>? {
        let loopback: Set<String> = ["localhost", "127.0.0.1", "::1", "[::1]"]
        if loopback.contains(host) { return loopback.union(extra.map { $0.lowercased() }) }
        if host == "0.0.0.0" || host == "::" { return extra.isEmpty ? nil : Set(extra.map { $0.lowercased() } + [host]) }
        return Set([host.lowercased()] + extra.map { $0.lowercased() }).union(loopback)
    }

    /// The Host header's name without its port (`[::1]:8080` → `[::1]`).
    static func hostName(_ authority: String) -> String {
        let a = authority.lowercased()
        if a.hasPrefix("["), let close = a.firstIndex(of: "]") { return String(a[...close]) }
        return String(a.split(separator: ":", maxSplits: 1).first ?? "")
    }
}
