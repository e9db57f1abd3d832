@testable import DecoupleServer
import DecoupleAnalyses
import Foundation
import Testing

@Suite struct QueryParameterTests {
    @Test func decodesPlusAndPercent() throws {
        let q = try QueryParameters(query: "mineral=rare+earths&reporter=United%20States", allowed: ["mineral", "reporter"])
        #expect(q.string("mineral") == "rare earths")
        #expect(try q.country("reporter") == .usa)
    }

    @Test func rejectsUnknownDuplicateAndControl() {
        #expect(throws: APIError.self) { try QueryParameters(query: "x=1", allowed: ["y"]) }
        #expect(throws: APIError.self) { try QueryParameters(query: "y=1&y=2", allowed: ["y"]) }
        #expect(throws: APIError.self) { try QueryParameters(query: "y=%0A", allowed: ["y"]) }
        #expect(throws: APIError.self) { try QueryParameters(query: "y=%E0%A4%A", allowed: ["y"]) }
    }

    @Test func typedValues() throws {
        let q = QueryParameters(["n": "12", "d": "2.5", "f": "", "c": "export-control", "day": "2024-02-29", "bad": "a/b"])
        #expect(try q.int("n", in: 1...20) == 12)
        #expect(throws: APIError.self) { try q.int("n", in: 1...10) }
        #expect(try q.double("d", in: 0...100) == 2.5)
        #expect(try q.flag("f"))
        #expect(try q.choice("c", MeasureInstrument.self) == .exportControl)
        #expect(try q.day("day") == CalendarDay("2024-02-29"))
        #expect(throws: APIError.self) { try q.name("bad") }
        #expect(try q.int("absent", in: 0...1) == nil)
    }
}

@Suite struct FormDataTests {
    @Test func multipartFields() throws {
        let body = "--B\r\nContent-Disposition: form-data; name=\"bom\"\r\n\r\n{\"a\":1}\r\n--B\r\nContent-Disposition: form-data; name=\"file\"; filename=\"x.json\"\r\nContent-Type: application/json\r\n\r\n{}\r\n--B--\r\n"
        let f = try FormData(body: Data(body.utf8), contentType: "multipart/form-data; boundary=B")
        #expect(f.fields["bom"] == "{\"a\":1}")
        #expect(f.fields["file"] == "{}")
    }

    @Test func urlEncoded() throws {
        let f = try FormData(body: Data("bom=%7B%7D&date=2024-01-01".utf8), contentType: "application/x-www-form-urlencoded")
        #expect(f.fields == ["bom": "{}", "date": "2024-01-01"])
    }

    @Test func malformed() {
        #expect(throws: APIError.self) { try FormData(body: Data("--B\r\nno end".utf8), contentType: "multipart/form-data; boundary=B") }
        #expect(throws: APIError.self) { try FormData(body: Data(), contentType: "multipart/form-data") }
        #expect(throws: APIError.self) { try FormData(body: Data(), contentType: "text/plain") }
    }
}

@Suite struct CacheTests {
    @Test func computesOncePerKeyAndEvicts() async throws {
        let cache = SingleFlightCache<Int, Int>(capacity: 2)
        let counter = Counter()
        async let a = cache.value(for: 1) { await counter.bump(); try await Task.sleep(for: .milliseconds(50)); return 10 }
        async let b = cache.value(for: 1) { await counter.bump(); return 11 }
        let (x, y) = try await (a, b)
        #expect(x == 10 && y == 10)
        #expect(await counter.value == 1)
        _ = try await cache.value(for: 2) { 20 }
        _ = try await cache.value(for: 3) { 30 }
        #expect(cache.statistics.count == 2)
        #expect(cache.cached(1) == nil)
    }

    @Test func failuresAreNotStored() async throws {
        let cache = SingleFlightCache<Int, Int>(capacity: 2)
        struct Boom: Error {}
        await #expect(throws: Boom.self) { try await cache.value(for: 1) { throw Boom() } }
        #expect(try await cache.value(for: 1) { 5 } == 5)
    }

    /// The bounded wait: nil at the deadline while the computation goes on and stores its
    /// value; a quick value or error comes back as usual. The computation waits for a gate the
    /// test opens, so nothing depends on timing.
    @Test func boundedWaitLeavesTheComputationRunning() async throws {
        let cache = SingleFlightCache<Int, Int>(capacity: 4)
        let gate = Gate()
        let slow = try await cache.value(for: 1, waitingAtMost: .milliseconds(20)) { await gate.wait(); return 7 }
        #expect(slow == nil)
        #expect(cache.cached(1) == nil)
        await gate.open()
        var stored: Int? = nil
        for _ in 0..<1000 where stored == nil {
            try await Task.sleep(for: .milliseconds(10))
            stored = cache.cached(1)
        }
        #expect(stored == 7)
        #expect(try await cache.value(for: 2, waitingAtMost: .seconds(60)) { 3 } == 3)
        struct Boom: Error {}
        await #expect(throws: Boom.self) { _ = try await cache.value(for: 3, waitingAtMost: .seconds(60)) { throw Boom() } }
        #expect(cache.cached(3) == nil)
    }

    /// Suspends its waiters until opened.
    actor Gate {
        private var isOpen = false
        private var waiters: [CheckedContinuation<Void, Never>] = []
        func wait() async {
            if isOpen { return }
            await withCheckedContinuation { waiters.append($0) }
        }
        func open() {
            isOpen = true
            for w in waiters { w.resume() }
            waiters = []
        }
    }

    actor Counter {
        var value = 0
        func bump() { value += 1 }
    }
}
