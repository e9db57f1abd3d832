import DecoupleAnalyses
import DecoupleTestSupport
import Foundation
import Testing
import ZIPFoundation

/// Release zips (BACI, OECD ICIO) and UN Comtrade answers from a loopback server, with the
/// faults of real downloads; plus the checksum and table parser they rely on.
@Suite(.serialized) struct ReleaseFetchTests {
    /// A zip of named text files.
    static func zip(_ files: [(String, String)]) throws -> Data {
        try zip(bytes: files.map { ($0.0, Data($0.1.utf8)) })
    }

    static func zip(bytes files: [(String, Data)]) throws -> Data {
        let archive = try Archive(accessMode: .create)
        for (name, data) in files {
            try archive.addEntry(with: name, type: .file, uncompressedSize: Int64(data.count), compressionMethod: .deflate) { position, size in
                data.subdata(in: Int(position)..<Int(position) + size)
            }
        }
        return archive.data!
    }

    static func baciZip() throws -> Data {
        try zip([("country_codes_V202401b.csv", BACIFixtureText.countryFile)]
            + BACIFixtureText.twoYears.keys.sorted().map { ("BACI_HS17_Y\($0)_V202401b.csv", "t,i,j,k,v,q\n" + BACIFixtureText.twoYears[$0]!) })
    }

    /// A connection cut mid-body is resumed with Range; the zip enters the cache whole, and
    /// `data import baci` of the zip gives the same store as the plain files.
    @Test func baciResumesAndImportsFromTheZip() async throws {
        let zip = try Self.baciZip()
        let server = try FixtureServer { r, n in FixtureReply.file(zip, etag: "\"v1\"", request: r, cutAfter: n == 0 ? zip.count / 3 : nil) }
        defer { server.stop() }
        let f = try Fixtures()
        let waits = Waits()
        let fetcher = waits.fetcher()
        let request = FileFetchRequest(source: "baci", url: server.baseURL + "/BACI_HS17_V202401b.zip", fileName: "BACI_HS17_V202401b.zip",
                                       release: "HS17 V202401b", expectedSHA256: SHA256.hex(of: zip), requiredEntries: ["BACI_"])
        let s = try await FileFetch.run(request, cache: FetchCache(root: f.folder.path), fetcher: fetcher, command: "test")
        await fetcher.shutdown()
        #expect(s.fetched == ["BACI_HS17_V202401b.zip"])
        #expect(server.requests.count == 2 && server.requests[1].headers["range"] == "bytes=\(zip.count / 3)-")
        #expect(waits.events.contains(.resumed(url: request.url, from: Int64(zip.count / 3))))
        let cached = f.folder.path + "/baci/BACI_HS17_V202401b.zip"
        #expect(try Data(contentsOf: URL(fileURLWithPath: cached)) == zip)
        #expect(!FileManager.default.fileExists(atPath: f.folder.path + "/baci/.partial/BACI_HS17_V202401b.zip.part"))

        // Import from the zip and from the plain files: the same store.
        let fromZip = f.folder.path + "/zip.store", fromFiles = f.folder.path + "/files.store"
        let headerZip = try StoreImport.baci(files: [cached], countryCodes: nil, edition: nil, to: fromZip)
        let plain = try BACIFixtureText.write(f)
        let headerFiles = try StoreImport.baci(files: plain, countryCodes: nil, edition: nil, to: fromFiles)
        #expect(headerZip.rowCount == headerFiles.rowCount && headerZip.rowCount == 22)
        // The same columns; the zip store's provenance names the zip.
        let a = try TradePanelStore(path: fromZip), b = try TradePanelStore(path: fromFiles)
        #expect(a.years == b.years && a.countries == b.countries && a.products == b.products)
        #expect(Array(a.value) == Array(b.value) && Array(a.exporter) == Array(b.exporter) && Array(a.importer) == Array(b.importer))
        #expect(a.provenance[0].retrievedFrom.hasPrefix("decouple data fetch baci, run \(s.runID): BACI_HS17_V202401b.zip from \(request.url)"))
        #expect(a.provenance[0].retrievedFrom.contains(SHA256.hex(of: zip)))
        #expect(try FileManager.default.contentsOfDirectory(atPath: f.folder.path).allSatisfy { !$0.hasPrefix(".unzip-") })

        // Again with --refresh: the server says 304 and the cached copy stays.
        let fetcher2 = Waits().fetcher()
        var again = request
        again.refresh = true
        let s2 = try await FileFetch.run(again, cache: FetchCache(root: f.folder.path), fetcher: fetcher2, command: "test")
        await fetcher2.shutdown()
        #expect(s2.kept == ["BACI_HS17_V202401b.zip"] && s2.fetched.isEmpty && server.requests.last?.headers["if-none-match"] == "\"v1\"")
    }

    /// A run that ends with the transfer cut (one attempt allowed) leaves the partial file and
    /// its validators in `.partial/` — nothing in the cache — and the next run resumes it.
    @Test func nextRunResumesAPartialDownload() async throws {
        let zip = try Self.baciZip()
        let server = try FixtureServer { r, n in FixtureReply.file(zip, etag: "\"v2\"", request: r, cutAfter: n == 0 ? zip.count / 2 : nil) }
        defer { server.stop() }
        let f = try Fixtures()
        let request = FileFetchRequest(source: "baci", url: server.baseURL + "/BACI_HS17_V202401b.zip", fileName: "BACI_HS17_V202401b.zip",
                                       release: "HS17 V202401b", requiredEntries: ["BACI_"])
        let first = Waits().fetcher(attempts: 1)
        await #expect(throws: FetchError.self) { try await FileFetch.run(request, cache: FetchCache(root: f.folder.path), fetcher: first, command: "t") }
        await first.shutdown()
        #expect(!FileManager.default.fileExists(atPath: f.folder.path + "/baci/BACI_HS17_V202401b.zip"))
        let part = f.folder.path + "/baci/.partial/BACI_HS17_V202401b.zip.part"
        #expect((try FileManager.default.attributesOfItem(atPath: part)[.size] as? Int) == zip.count / 2)
        let second = Waits().fetcher()
        let s = try await FileFetch.run(request, cache: FetchCache(root: f.folder.path), fetcher: second, command: "t")
        await second.shutdown()
        #expect(s.fetched == ["BACI_HS17_V202401b.zip"] && server.requests.count == 2)
        #expect(server.requests[1].headers["range"] == "bytes=\(zip.count / 2)-" && server.requests[1].headers["if-range"] == "\"v2\"")
        #expect(try Data(contentsOf: URL(fileURLWithPath: f.folder.path + "/baci/BACI_HS17_V202401b.zip")) == zip)
    }

    /// A truncated zip (the server's copy ends early) and a wrong checksum: nothing enters the cache.
    @Test func truncatedZipAndWrongChecksumLeaveNothing() async throws {
        let zip = try Self.baciZip()
        let truncated = zip.prefix(zip.count - 40)
        let server = try FixtureServer { r, _ in
            r.path.hasSuffix("truncated.zip") ? FixtureReply.file(Data(truncated), etag: "\"t\"", request: r) : FixtureReply.file(zip, etag: "\"z\"", request: r)
        }
        defer { server.stop() }
        let f = try Fixtures()
        let fetcher = Waits().fetcher()
        let bad = FileFetchRequest(source: "baci", url: server.baseURL + "/truncated.zip", fileName: "truncated.zip", release: "x", requiredEntries: ["BACI_"])
        let e1 = await #expect(throws: FetchError.self) { try await FileFetch.run(bad, cache: FetchCache(root: f.folder.path), fetcher: fetcher, command: "t") }
        #expect(e1.map { "\($0)" }?.contains("not a readable zip") == true)
        let wrong = FileFetchRequest(source: "baci", url: server.baseURL + "/good.zip", fileName: "good.zip", release: "x",
                                     expectedSHA256: String(repeating: "0", count: 64))
        let e2 = await #expect(throws: FetchError.self) { try await FileFetch.run(wrong, cache: FetchCache(root: f.folder.path), fetcher: fetcher, command: "t") }
        await fetcher.shutdown()
        #expect(e2.map { "\($0)" }?.contains("SHA-256") == true)
        let left = (try? FileManager.default.contentsOfDirectory(atPath: f.folder.path + "/baci")) ?? []
        #expect(left.filter { !$0.hasPrefix(".") }.isEmpty, "\(left)")
        #expect(((try? FileManager.default.contentsOfDirectory(atPath: f.folder.path + "/baci/.partial")) ?? []).isEmpty)
    }

    /// An ICIO release zip: its CSV files are unpacked into the cache, byte for byte.
    @Test func icioZipIsUnpacked() async throws {
        let csv = "V1,AUS_A01,AUS_A02\nAUS_A01,1.5,2\nAUS_A02,0,3.25\n"
        let zip = try Self.zip([("2022_SML.csv", csv), ("2021_SML.csv", "other year"), ("ReadMe.txt", "x")])
        let server = try FixtureServer { r, _ in FixtureReply.file(zip, etag: "\"i\"", request: r) }
        defer { server.stop() }
        let f = try Fixtures()
        let o = FetchRunOptions(cacheRoot: f.folder.path)
        let s = try await DataFetchRun.releaseFile(source: "oecd-icio", url: server.baseURL + "/icio.zip", fileName: "icio.zip", release: "2022",
                                                   sha256: nil, requiredEntries: [], unpack: [".csv"], years: [2022], options: o)
        #expect(s.fetched == ["icio.zip", "2022/2022_SML.csv"])
        #expect(try String(contentsOfFile: f.folder.path + "/oecd-icio/2022/2022_SML.csv", encoding: .utf8) == csv)
        #expect(!FileManager.default.fileExists(atPath: f.folder.path + "/oecd-icio/2022/ReadMe.txt"))
    }

    /// UN Comtrade: the key is required; the envelope is checked; the CSV it writes imports
    /// into a store with the fixture's values.
    @Test func comtradeEnvelopeToStore() async throws {
        let record = #"{"typeCode":"C","freqCode":"A","refPeriodId":20230101,"refYear":2023,"refMonth":52,"period":"2023","reporterCode":842,"reporterISO":"USA","reporterDesc":"USA","flowCode":"M","flowDesc":"Import","partnerCode":156,"partnerISO":"CHN","partnerDesc":"China","partner2Code":0,"partner2ISO":"W00","partner2Desc":"World","classificationCode":"H6","classificationSearchCode":"HS","isOriginalClassification":true,"cmdCode":"850760","cmdDesc":"Lithium-ion accumulators","aggrLevel":6,"isLeaf":true,"customsCode":"C00","customsDesc":"TOTAL CPC","mosCode":"0","motCode":0,"motDesc":"TOTAL MOT","qtyUnitCode":5,"qtyUnitAbbr":"u","qty":1000,"isQtyEstimated":false,"altQtyUnitCode":8,"altQtyUnitAbbr":"kg","altQty":500,"isAltQtyEstimated":false,"netWgt":500,"isNetWgtEstimated":false,"grossWgt":0,"isGrossWgtEstimated":false,"cifvalue":13140000000.5,"fobvalue":null,"primaryValue":13140000000.5,"legacyEstimationFlag":0,"isReported":true,"isAggregate":false}"#
        let envelope = #"{"elapsedTime":"0.1 secs","count":1,"data":["# + record + #"],"error":""}"#
        let server = try FixtureServer { r, _ in
            r.headers["ocp-apim-subscription-key"] == "k" ? .json(envelope) : FixtureReply(status: 401, body: Data("Access denied".utf8))
        }
        defer { server.stop() }
        let f = try Fixtures()
        let o = FetchRunOptions(cacheRoot: f.folder.path)
        let noKey = await #expect(throws: FetchError.self) {
            _ = try await DataFetchRun.comtrade(frequency: "A", reporters: ["USA"], partners: ["CHN"], periods: ["2023"], flows: ["M"],
                                                commodities: ["850760"], baseURL: server.baseURL, key: nil, interval: 0, options: o)
        }
        #expect(noKey.map { "\($0)" }?.contains("COMTRADE_API_KEY") == true && server.requests.isEmpty)
        let s = try await DataFetchRun.comtrade(frequency: "A", reporters: ["USA"], partners: ["CHN"], periods: ["2023"], flows: ["M"],
                                                commodities: ["850760"], baseURL: server.baseURL, key: "k", interval: 0, options: o)
        #expect(s.fetched == ["A/842/2023-M.json", "A/842/2023-M.csv"] && s.rows == 1)
        let q = try #require(server.requests.first)
        #expect(q.path == "/C/A/HS" && q.value("reporterCode") == "842" && q.value("partnerCode") == "156" && q.value("cmdCode") == "850760")
        let store = f.folder.path + "/c.store"
        let header = try StoreImport.comtrade(files: [f.folder.path + "/comtrade/A/842/2023-M.csv"], valuation: "primary", productDigits: [6],
                                              defaultEdition: nil, to: store)
        #expect(header.rowCount == 1)
        let opened = try TradePanelStore(path: store)
        #expect(opened.years == [2023] && Array(opened.value) == [13_140_000_000.5])
        #expect(opened.provenance[0].retrievedFrom.hasPrefix("decouple data fetch comtrade, run \(s.runID): A/842/2023-M.csv"))

        // A record without its value is refused with its position.
        let broken = #"{"count":1,"data":[{"reporterCode":842,"partnerCode":156,"flowCode":"M","cmdCode":"850760","period":"2023"}],"error":""}"#
        #expect(throws: FetchError.self) { _ = try ComtradeFetch.records(Data(broken.utf8), file: "answer", maxRecords: 100) }
        let text = (try? ComtradeFetch.records(Data(broken.utf8), file: "answer", maxRecords: 100)).map { _ in "" } ?? {
            do { _ = try ComtradeFetch.records(Data(broken.utf8), file: "answer", maxRecords: 100); return "" } catch { return "\(error)" }
        }()
        #expect(text.contains("data[0] has no 'primaryValue'"))
    }

    @Test func sha256KnownAnswers() throws {
        #expect(SHA256.hex(of: Data()) == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        #expect(SHA256.hex(of: Data("abc".utf8)) == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        #expect(SHA256.hex(of: Data("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq".utf8))
            == "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1")
        var h = SHA256()
        let a = Data(repeating: UInt8(ascii: "a"), count: 1000)
        for _ in 0..<1000 { h.update(a) }
        #expect(h.finalize() == "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0")
    }

    @Test func jsonTablePositions() throws {
        let t = try JSONTable(data: Data("[[\"A\",\"B\"],\n [\"1\", null],\n [\"x\\u00e9\", \"3\"]]".utf8), file: "t.json")
        #expect(t.header == ["A", "B"] && t.rows.count == 2 && t.rows[0].cells == ["1", nil] && t.rows[1].cells[0] == "xé")
        #expect(t.rows[1].line == 3 && t.rows[1].column == 2)
        for (text, message) in [("[[\"A\"],[\"1\",]]", "1:13: expected a string, number or null, found ']'"),
                                ("{\"a\":1}", "1:1: expected '[', found '{'"),
                                ("[[\"A\"],\n[\"1\"] x", "2:7: expected ',' or ']' after a row, found 'x'")] {
            do { _ = try JSONTable(data: Data(text.utf8), file: "t.json"); Issue.record("accepted \(text)") } catch {
                #expect("\(error)".contains(message), "\(error)")
            }
        }
    }

    @Test func retryAfterForms() {
        #expect(RetryPolicy.retryAfterSeconds("7") == 7)
        let now = Date(timeIntervalSince1970: 1_700_000_000)
        #expect(RetryPolicy.retryAfterSeconds("Tue, 14 Nov 2023 22:13:40 GMT", now: now) == 20)
        #expect(RetryPolicy.retryAfterSeconds("soon") == nil)
        let p = RetryPolicy(baseDelay: 1, maxDelay: 30)
        #expect(p.delay(afterAttempt: 3, retryAfter: nil, random: 1) == 4 && p.delay(afterAttempt: 9, retryAfter: nil, random: 1) == 30)
        #expect(p.delay(afterAttempt: 1, retryAfter: 90) == 30)
    }
}

/// A USGS MCS data release zip (the bundled MCS 2024 files, flattened as a release ships them):
/// fetched, unpacked into the layout `decouple minerals` reads, and read with the fetch as its
/// provenance — the same figures as the bundled edition.
@Suite struct MCSReleaseFetchTests {
    @Test func mcsReleaseReadsLikeTheBundledEdition() async throws {
        let root = DataCatalog.sourceCheckoutDataFolder + "/usgs-mcs/mcs2024"
        var files: [(String, Data)] = []
        for sub in ["salient", "world", "industry-trends"] {
            for name in try FileManager.default.contentsOfDirectory(atPath: root + "/" + sub) where name.hasSuffix(".csv") {
                files.append((name, try Data(contentsOf: URL(fileURLWithPath: root + "/" + sub + "/" + name))))
            }
        }
        let zip = try ReleaseFetchTests.zip(bytes: files)
        let server = try FixtureServer { r, _ in FixtureReply.file(zip, etag: "\"m\"", request: r) }
        defer { server.stop() }
        let f = try Fixtures()
        let s = try await DataFetchRun.releaseFile(source: "usgs-mcs", url: server.baseURL + "/MCS2024_data_release.zip", fileName: "MCS2024_data_release.zip",
                                                   release: "mcs2024", sha256: nil, requiredEntries: [], unpack: [".csv"],
                                                   options: FetchRunOptions(cacheRoot: f.folder.path))
        #expect(s.fetched.contains("mcs2024/industry-trends/MCS2024_T5_Critical_Minerals_Salient.csv"))
        let (fetched, provenance) = try MineralsRun.summaries(folder: f.folder.path + "/usgs-mcs/mcs2024", edition: 2024)
        let bundled = try Bundled.catalog.loadMineralCommoditySummaries(edition: 2024)
        #expect(fetched.codes == bundled.codes && fetched.codes.count > 80)
        #expect(fetched.criticalMinerals?.entries.count == bundled.criticalMinerals?.entries.count)
        #expect(fetched.netImportReliance?.entries.count == bundled.netImportReliance?.entries.count)
        #expect(provenance.retrievedFrom.hasPrefix("decouple data fetch usgs-mcs, run \(s.runID): MCS2024_data_release.zip (SHA-256 \(SHA256.hex(of: zip)))"))
        #expect(provenance.url == server.baseURL + "/MCS2024_data_release.zip")
        let request = MineralsRequest(edition: 2024, allies: [])
        let a = try MineralsRun.document(request, mcs: fetched, source: provenance)
        let b = try MineralsRun.document(request, mcs: bundled)
        #expect(a.minerals.count == b.minerals.count && a.source.retrievedFrom == provenance.retrievedFrom)
        #expect(a.criticalMinerals?.fullyImportReliant == b.criticalMinerals?.fullyImportReliant && a.criticalMinerals?.fullyImportReliant == 12)
    }
}
