import Testing
@testable import DecoupleSpark

@Suite struct SparkConnectionStringTests {
    @Test func parsesHostPortAndParameters() throws {
        let c = try SparkConnectionString("sc://spark.example.org:443/;token=abc%3D%3D;use_ssl=true;user_id=ana")
        #expect(c.host == "spark.example.org")
        #expect(c.port == 443)
        #expect(c.token == "abc==")
        #expect(c.userID == "ana")
        #expect(c.usesTLS)
        #expect(c.description == "sc://spark.example.org:443/;token=***;use_ssl=true;user_id=ana")
    }

    @Test func defaultsAndTLSRules() throws {
        let plain = try SparkConnectionString("sc://localhost")
        #expect(plain.port == 15002)
        #expect(!plain.usesTLS)
        #expect(try SparkConnectionString("sc://cluster:15002/;token=t").usesTLS)          // a token implies TLS
        #expect(!(try SparkConnectionString("sc://127.0.0.1:15002/;token=t").usesTLS))    // except on loopback
        #expect(!(try SparkConnectionString("sc://cluster/;use_ssl=false").usesTLS))
        let v6 = try SparkConnectionString("sc://[::1]:15003")
        #expect(v6.host == "::1")
        #expect(v6.port == 15003)
        #expect(v6.endpoint == "[::1]:15003")
        #expect(try SparkConnectionString("sc://h:1/").parameters.isEmpty)
    }

    @Test(arguments: [
        ("http://localhost:15002", "the scheme must be sc://"),
        ("localhost:15002", "it must start with sc://"),
        ("sc://", "the host is missing"),
        ("sc://:15002", "the host is missing"),
        ("sc://host:99999", "the port '99999' is not a number 1–65535"),
        ("sc://host:abc", "the port 'abc' is not a number 1–65535"),
        ("sc://host:15002/db", "the path '/db' must be empty; parameters follow '/;'"),
        ("sc://host/;token", "the parameter 'token' is not key=value"),
        ("sc://host/;use_ssl=yes", "use_ssl must be true or false, found 'yes'"),
        ("sc://[::1:15002", "an IPv6 address lacks its closing ']'"),
    ])
    func rejectsMalformedStrings(text: String, reason: String) {
        #expect(throws: SparkConnectError.invalidConnectionString(text, reason: reason)) { try SparkConnectionString(text) }
    }

    @Test func errorMessageShowsTheExpectedForm() {
        let e = SparkConnectError.invalidConnectionString("sc://", reason: "the host is missing")
        #expect(e.description == "invalid Spark Connect connection string 'sc://': the host is missing (expected sc://host[:port][/;token=…;use_ssl=true])")
    }
}
