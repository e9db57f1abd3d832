import DecoupleCore

/// Collects the rows of a trade panel while files are read, then writes them as a panel store
/// (``PanelStoreWriter``). Countries and products are dictionary-encoded as they arrive; the
/// row order is fixed only when the store is written (sorted by year, then product).
///
/// Memory: about 27 bytes a row (the typed columns; the source lines are kept as the places
/// where line numbers jump, to report duplicates with their lines). The rows live in chunks
/// (``PanelRowChunk``, reference types): a copy of a builder shares them, so fill one builder.
public struct TradePanelBuilder: Sendable {
    /// `BACI` or `UN Comtrade`, recorded in the store header.
    public let source: String
    public var provenance: [Provenance] = []
    public private(set) var inputs: [PanelInputSummary] = []
    public private(set) var countries: [Country] = []
    public private(set) var products: [PanelStoreProduct] = []
    private var countryIndex: [Country: UInt16] = [:]
    private var productIndex: [PanelStoreProduct: UInt32] = [:]

    /// The rows, in input order: one chunk per file read on one thread, several for a file
    /// read on several.
    private(set) var chunks: [PanelRowChunk] = []
    /// The chunk ``append`` fills (the current file's, in the builder's numbering).
    private var openChunk: PanelRowChunk?
    private var currentFile: UInt16 = 0

    public init(source: String, expectedRows: Int = 0) {
        self.source = source
        if expectedRows > 0 { reserve(expectedRows) }
    }

    /// The number of rows collected so far.
    public var rowCount: Int { chunks.reduce(0) { $0 + $1.count } }

    /// Makes room for `n` more rows of the current file.
    mutating func reserve(_ n: Int) {
        let chunk = open()
        chunk.reserve(chunk.count + n)
    }

    private mutating func open() -> PanelRowChunk {
        if let openChunk { return openChunk }
        let chunk = PanelRowChunk(file: currentFile)
        chunks.append(chunk)
        openChunk = chunk
        return chunk
    }

    /// Adds rows read apart (on another thread) to the current file; the chunk's country and
    /// product maps take its numbers to the builder's.
    mutating func add(_ chunk: PanelRowChunk) {
        chunks.append(chunk)
        openChunk = nil
    }

    /// The dictionary index of a country, adding it when new; nil past 65,535 countries.
    mutating func index(of country: Country) -> UInt16? {
        if let i = countryIndex[country] { return i }
        guard countries.count < Int(UInt16.max) else { return nil }
        let i = UInt16(countries.count)
        countries.append(country)
        countryIndex[country] = i
        return i
    }

    /// The dictionary index of a product, adding it when new.
    mutating func index(of p: PanelStoreProduct) -> UInt32 {
        if let i = productIndex[p] { return i }
        let i = UInt32(products.count)
        products.append(p)
        productIndex[p] = i
        return i
    }

    /// Starts the rows of a new input file; returns its index in ``inputs``.
    mutating func beginFile(_ summary: PanelInputSummary) -> Int {
        inputs.append(summary)
        currentFile = UInt16(truncatingIfNeeded: inputs.count - 1)
        openChunk = nil
        return inputs.count - 1
    }

    /// Records what the current file contributed.
    mutating func endFile(_ summary: PanelInputSummary) {
        if !inputs.isEmpty { inputs[inputs.count - 1] = summary }
    }

    @inline(__always)
    mutating func append(year y: Int, product p: UInt32, exporter e: UInt16, importer m: UInt16,
                         basis b: PanelFlowBasis, value v: Double, quantity q: Double, line l: Int) {
        open().append(year: UInt16(truncatingIfNeeded: y), product: p, exporter: e, importer: m, basis: b.rawValue,
                      value: v, quantity: q, line: l)
    }
}
