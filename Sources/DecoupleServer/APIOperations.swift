import DecoupleAnalyses
import DecoupleRendering
import Foundation
import Hummingbird

/// Values that come from the data folder (the chains of its taxonomy, its alliances …): the
/// OpenAPI description lists them as enumerations and the server accepts exactly those.
enum APIVocabulary: Sendable {
    case chains, stages, alliances, minerals, icioRegions, icioSectors, scenarioExamples
}

/// What the value of a query parameter must be. One definition serves twice: it is the JSON
/// Schema the OpenAPI description publishes, and the server checks every request against it
/// before reading a value (a value it forbids is a 400 naming the parameter).
enum APIValue: Sendable {
    /// A whole number in a range.
    case integer(ClosedRange<Int>, default: Int?)
    /// One of a few whole numbers.
    case integerChoice([Int], default: Int?)
    /// A finite number in a range.
    case number(ClosedRange<Double>, default: Double?)
    /// `true` or `false`.
    case boolean
    /// An ISO 3166 alpha-3 code; a code the country table does not know is a 404.
    case iso3(default: String?)
    /// Alpha-3 codes separated by commas.
    case iso3List
    /// A calendar day `YYYY-MM-DD` in these years.
    case day(ClosedRange<Int>)
    /// `YYYY`, `YYYY-MM` or `YYYY-MM-DD`, 1900–2200.
    case policyDate
    /// Six digits.
    case hs6
    /// HS codes of one length (2, 4 or 6 digits), separated by commas.
    case hsCodes
    /// One of fixed strings.
    case choice([String], default: String?)
    /// One of the values the data folder holds.
    case vocabulary(APIVocabulary, default: String?)

    static let iso3Pattern = "^[A-Z]{3}$"
    static let iso3ListPattern = "^[A-Z]{3}(,[A-Z]{3}){0,59}$"
    static let hs6Pattern = "^[0-9]{6}$"
    static let hsCodesPattern = "^([0-9]{2}(,[0-9]{2}){0,49}|[0-9]{4}(,[0-9]{4}){0,49}|[0-9]{6}(,[0-9]{6}){0,49})$"

    /// The regular expression a string value must match, when there is one.
    var pattern: String? {
        switch self {
        case .iso3: return Self.iso3Pattern
        case .iso3List: return Self.iso3ListPattern
        case .day(let years): return "^" + Self.dayExpression(years) + "$"
        case .policyDate:
            return "^(((19[0-9]{2}|2[01][0-9]{2}|2200)(-(0[1-9]|1[0-2]))?)|" + Self.dayExpression(CalendarDay.plausibleYears) + ")$"
        case .hs6: return Self.hs6Pattern
        case .hsCodes: return Self.hsCodesPattern
        default: return nil
        }
    }

    /// What the pattern asks for, in words (for error messages).
    var patternMeaning: String? {
        switch self {
        case .iso3: return "an ISO 3166 alpha-3 code in capitals, such as CHN"
        case .iso3List: return "alpha-3 codes in capitals separated by commas, such as AUS,CAN"
        case .day(let years): return "a real calendar day YYYY-MM-DD from \(years.lowerBound) to \(years.upperBound)"
        case .policyDate:
            let y = CalendarDay.plausibleYears
            return "a date YYYY, YYYY-MM or YYYY-MM-DD (a real calendar day) from \(y.lowerBound) to \(y.upperBound)"
        case .hs6: return "an HS6 code of six digits, such as 854143"
        case .hsCodes: return "HS codes of one length (2, 4 or 6 digits) separated by commas, such as 850760,850790"
        default: return nil
        }
    }

    /// Real calendar days in `years` (February 29 in leap years only), as a regular expression.
    static func dayExpression(_ years: ClosedRange<Int>) -> String {
        let common = "-((0[1-9]|1[0-2])-(0[1-9]|1[0-9]|2[0-8])|(0[13-9]|1[0-2])-(29|30)|(0[13578]|1[02])-31)"
        let leap: (Int) -> Bool = { y in y % 4 == 0 && (y % 100 != 0 || y % 400 == 0) }
        if years == CalendarDay.plausibleYears {
            // 1900–2200; leap years 1904–2196 (1900, 2100 and 2200 are not).
            return "((19[0-9]{2}|2[01][0-9]{2}|2200)\(common)|((19|21)(0[48]|[2468][048]|[13579][26])|20(0[048]|[2468][048]|[13579][26]))-02-29)"
        }
        let all = years.map(String.init).joined(separator: "|"), leaps = years.filter(leap).map(String.init).joined(separator: "|")
        return "((\(all))\(common)" + (leaps.isEmpty ? ")" : "|(\(leaps))-02-29)")
    }
}

/// One query parameter of an operation.
struct APIParameter: Sendable {
    let name: String
    let value: APIValue
    let description: String
    var required = false

    init(_ name: String, _ value: APIValue, _ description: String, required: Bool = false) {
        self.name = name
        self.value = value
        self.description = description
        self.required = required
    }
}

/// One operation of the JSON API: what the OpenAPI description says of it, the parameters the
/// server accepts, and example queries (linked from the API index and page, and run to learn
/// the schema of its document).
struct APIOperation: Sendable {
    let path: String
    let method: HTTPRequest.Method
    let summary: String
    let parameters: [APIParameter]
    /// Example queries (without `?`); the first is the one the index links.
    let examples: [String]
    /// When the operation answers 404.
    let notFound: String?

    var parameterNames: Set<String> { Set(parameters.map(\.name)) }
    var operationID: String {
        let words = path.split(separator: "/").dropFirst(2).flatMap { $0.split(separator: "-") }
        return method.rawValue.lowercased() + words.map { $0.prefix(1).uppercased() + $0.dropFirst() }.joined()
    }
}

extension DecoupleApp {
    private static let reporter = APIParameter("reporter", .iso3(default: "USA"), "The reporting economy (ISO 3166 alpha-3).")
    private static let rival = APIParameter("rival", .iso3(default: "CHN"), "The rival economy (ISO 3166 alpha-3).")
    private static let chain = APIParameter("chain", .vocabulary(.chains, default: nil), "A strategic chain of the taxonomy.")

    /// Every operation of the JSON API.
    static let apiOperations: [APIOperation] = [
        APIOperation(
            path: "/api/v1/report", method: .get, summary: "The decoupling report (`decouple report --format json`)",
            parameters: [
                reporter, rival,
                .init("base-year", .integer(1990...2030, default: 2017), "The year changes are measured from."),
                .init("top", .integer(1...200, default: 10), "Rows kept by ranking tables."),
                .init("include-gold", .boolean, "Keep gold (HS 7108, 7118) and chapters 98–99 in partner rankings and \"who gained\"."),
                .init("min-value", .number(0...1e13, default: ReportOptions.defaultMinimumStageValue),
                      "Headline counts of chain stages take only stages with at least this much imports (US dollars)."),
            ],
            examples: ["reporter=USA&rival=CHN", "reporter=FRA&rival=DEU&top=3", "reporter=USA&rival=MEX&include-gold=true&base-year=2019"],
            notFound: "reporter and rival are the same economy (no such pair), or a code the country table does not know"),
        APIOperation(path: "/api/v1/data", method: .get, summary: "The bundled datasets with provenance (`decouple data list --format json`)",
                     parameters: [], examples: [""], notFound: nil),
        APIOperation(
            path: "/api/v1/taxonomy", method: .get, summary: "Strategic chains, stages and HS6 codes (`decouple taxonomy list --format json`)",
            parameters: [
                chain,
                .init("arena", .choice(Arena.allCases.map(\.rawValue), default: nil), "Only the chains of this arena."),
                .init("edition", .choice(HSEdition.allCases.map(\.rawValue), default: nil), "Codes in this HS edition."),
            ],
            examples: ["chain=batteries", "arena=digital&edition=HS2017"], notFound: nil),
        APIOperation(
            path: "/api/v1/taxonomy/lookup", method: .get, summary: "Chain and stage of an HS6 code (`decouple taxonomy lookup CODE --format json`)",
            parameters: [.init("code", .hs6, "An HS6 code (854143).", required: true)],
            examples: ["code=850760", "code=010121"], notFound: nil),
        APIOperation(path: "/api/v1/taxonomy/minerals", method: .get,
                     summary: "The critical-mineral lists (`decouple taxonomy minerals --format json`)", parameters: [], examples: [""], notFound: nil),
        APIOperation(
            path: "/api/v1/minerals", method: .get, summary: "Critical minerals assessed (`decouple minerals --format json`)",
            parameters: [
                .init("edition", .integerChoice(MineralsRequest.editions, default: 2024), "The USGS Mineral Commodity Summaries edition."),
                .init("mineral", .vocabulary(.minerals, default: nil), "One commodity, by name or USGS code (lithium, rare earths, simet)."),
                .init("reporter", .choice(["USA"], default: "USA"), "Must be USA (the USGS data describe the United States)."),
                rival,
                .init("allies", .iso3List, "Alpha-3 codes separated by commas (default: the Minerals Security Partnership members other than the US)."),
                .init("high-reliance", .number(0...100, default: 50), "Net import reliance (%) above which a mineral counts as highly import-dependent."),
                .init("meaningful-reserves", .number(0...100, default: 5), "Share of world reserves (%) that counts as a meaningful endowment."),
                .init("dominance", .number(0...100, default: 50), "Rival's share of world production (%) that counts as dominance."),
                .init("all-commodities", .boolean, "Every commodity with a data file (default: only those that report a mineral of the critical-minerals list)."),
            ],
            examples: ["mineral=lithium", "", "edition=2022&all-commodities=true&allies=AUS,CAN", "mineral=rare earths&edition=2023"],
            notFound: "the mineral is not in this edition, or a code the country table does not know"),
        APIOperation(
            path: "/api/v1/policy", method: .get, summary: "Policy measures (`decouple policy list --format json`)",
            parameters: [
                chain,
                .init("country", .iso3(default: nil), "Measures taken by or aimed at this economy."),
                .init("instrument", .choice(MeasureInstrument.allCases.map(\.rawValue), default: nil), "Only measures of this instrument."),
                .init("from", .policyDate, "Measures announced or in force from this date (YYYY, YYYY-MM or YYYY-MM-DD)."),
                .init("to", .policyDate, "… up to this date. A `to` before `from` selects nothing."),
            ],
            examples: ["chain=semiconductors", "country=CHN&from=2023&to=2024-06", "instrument=export-control"],
            notFound: "a code the country table does not know"),
        APIOperation(
            path: "/api/v1/alliances", method: .get, summary: "Issue-based alliances and members on a day (`decouple alliances --format json`)",
            parameters: [
                .init("at", .day(CalendarDay.plausibleYears), "Members on this day."),
                .init("alliance", .vocabulary(.alliances, default: nil), "An alliance, by id or abbreviation."),
                .init("table4", .boolean, "Only the six initiatives of the paper's Table 4."),
            ],
            examples: ["at=2024-01-01", "alliance=MSP", "table4=true"], notFound: nil),
        APIOperation(
            path: "/api/v1/friendshoring", method: .get,
            summary: "Share of imports from an alliance's members (`decouple friendshoring --format json`)",
            parameters: [
                .init("alliance", .vocabulary(.alliances, default: nil), "The alliance, by id or abbreviation.", required: true),
                chain,
                .init("stage", .vocabulary(.stages, default: nil), "A stage of the chain."),
                .init("codes", .hsCodes, "HS codes of one length, separated by commas (850760,850790 or 85)."),
                .init("dataset", .choice(FriendshoringDataset.allCases.map(\.rawValue), default: nil),
                      "The trade data (default: census-hs6-2024 for codes of 4 or 6 digits and chains, census-hs2-monthly for chapters, imf-dots otherwise)."),
                reporter,
                .init("at", .day(CalendarDay.plausibleYears), "Take membership on this day for every period."),
            ],
            examples: ["alliance=MSP&chain=batteries", "alliance=IPEF&codes=85&dataset=census-hs2-monthly",
                       "alliance=MSP&reporter=DEU&dataset=imf-dots", "alliance=MSP&chain=batteries&stage=cells-packs&at=2023-06-01"],
            notFound: "the data hold nothing for this combination: a stage of another chain, chain and codes together, a dataset without this reporter or these codes"),
        APIOperation(
            path: "/api/v1/framework", method: .get, summary: "The framework applied (`decouple framework --format json`)",
            parameters: [
                .init("leader", .iso3(default: "USA"), "The leading economy."),
                .init("challenger", .iso3(default: "CHN"), "The challenger."),
                .init("year", .integer(1990...2030, default: nil), "Year of the technology indicators (default: the latest)."),
                chain,
            ],
            examples: ["", "chain=batteries", "leader=DEU&challenger=CHN&year=2019"],
            notFound: "leader and challenger are the same economy (no such pair), or a code the country table does not know"),
        APIOperation(
            path: "/api/v1/ira/check", method: .post,
            summary: "Check a battery bill of materials against the §30D rules (`decouple ira check BOM --format json`)",
            parameters: [.init("date", .day(2023...2032), "Assume this placed-in-service day (within the rules' coverage).")],
            examples: [""], notFound: nil),
        APIOperation(path: "/api/v1/ira/rules", method: .get, summary: "The §30D rule schedule (`decouple ira rules --format json`)",
                     parameters: [], examples: [""], notFound: nil),
        APIOperation(
            path: "/api/v1/exposure", method: .get,
            summary: "Face-value vs look-through exposure on the bundled OECD ICIO 2022 block (`decouple exposure --format json`)",
            parameters: [
                .init("importer", .vocabulary(.icioRegions, default: "USA"), "The economy whose sectors are measured (a region of the table)."),
                .init("source", .vocabulary(.icioRegions, default: "CHN"), "The source economy (a region of the table)."),
                .init("sector", .vocabulary(.icioSectors, default: nil), "One sector of the table (C26 …): adds its top foreign suppliers."),
                .init("tiers", .integer(2...20, default: 4), "Tiers of the supply chain shown."),
                .init("top", .integer(1...100, default: 10), "With sector, how many suppliers."),
            ],
            examples: ["importer=USA&source=CHN", "importer=DEU&source=CHN&sector=C26&top=5"],
            notFound: "importer and source are the same region (no such pair)"),
        APIOperation(
            path: "/api/v1/scenario", method: .get,
            summary: "A bundled example scenario run on the bundled data (`decouple scenario run Data/scenarios/NAME.json --format json`)",
            parameters: [.init("example", .vocabulary(.scenarioExamples, default: nil), "The bundled scenario (default: the first).")],
            examples: ["", "example=gallium-export-cut", "example=icio-c26-cut"], notFound: nil),
    ]

    static func operation(_ path: String) -> APIOperation? { apiOperations.first { $0.path == path } }

    /// The values of a vocabulary in this server's data folder.
    func vocabulary(_ v: APIVocabulary) async throws -> [String] {
        switch v {
        case .chains: return try await store.taxonomy().taxonomy.chains.map(\.id)
        case .stages: return Array(Set(try await store.taxonomy().taxonomy.chains.flatMap { $0.stages.map(\.id) })).sorted()
        case .alliances:
            let a = try await store.policy().alliances.alliances
            return Array(Set(a.map(\.id) + a.map(\.abbreviation))).sorted()
        case .minerals:
            var names: Set<String> = []
            for edition in MineralsRequest.editions {
                names.formUnion(MineralsRequest.commodityIdentifiers(try await store.mineralCommoditySummaries(edition)))
            }
            return names.sorted()
        case .icioRegions: return try await Offload.run { try ICIOCache.shared.oecdICIO2022(self.store.catalog).regions }
        case .icioSectors: return try await Offload.run { try ICIOCache.shared.oecdICIO2022(self.store.catalog).sectors }
        case .scenarioExamples: return store.scenarioExamples
        }
    }

    /// The query of an API request, checked against the operation's parameters: unknown or
    /// repeated keys, a missing required parameter and every value the published schema
    /// forbids are 400s naming the parameter; an alpha-3 code the country table does not know
    /// is a 404.
    func validatedQuery(_ request: Request, _ path: String) async throws -> QueryParameters {
        try await validated(query: request.uri.query, Self.operation(path)!)
    }

    func validated(query: String?, _ operation: APIOperation) async throws -> QueryParameters {
        let q = try QueryParameters(query: query, allowed: operation.parameterNames)
        for p in operation.parameters {
            guard let text = q.values[p.name] else {
                if p.required { throw APIError.badRequest("parameter '\(p.name)' is required: \(p.description)", parameter: p.name) }
                continue
            }
            try await check(text, against: p)
        }
        return q
    }

    private func check(_ text: String, against p: APIParameter) async throws {
        func refuse(_ expected: String) -> APIError {
            APIError.badRequest("parameter '\(p.name)': '\(QueryParameters.printable(text))' is not \(expected)", parameter: p.name)
        }
        if let pattern = p.value.pattern, text.range(of: pattern, options: .regularExpression) == nil {
            throw refuse(p.value.patternMeaning ?? "of the form \(pattern)")
        }
        switch p.value {
        case .integer(let range, _):
            guard text.count <= 12, text.allSatisfy({ $0.isASCII && ($0.isNumber || $0 == "-") }), let v = Int(text) else { throw refuse("a whole number") }
            guard range.contains(v) else { throw refuse("between \(range.lowerBound) and \(range.upperBound)") }
        case .integerChoice(let values, _):
            guard let v = Int(text), values.contains(v), String(v) == text else { throw refuse("one of \(values.map(String.init).joined(separator: ", "))") }
        case .number(let range, _):
            guard text.count <= 24, let v = Double(text), v.isFinite, !text.contains(where: { $0.isLetter && $0 != "e" && $0 != "E" }) else {
                throw refuse("a number")
            }
            guard range.contains(v) else { throw refuse("between \(range.lowerBound.formatted()) and \(range.upperBound.formatted())") }
        case .boolean:
            guard text == "true" || text == "false" else { throw refuse("true or false") }
        case .choice(let values, _):
            guard values.contains(text) else { throw refuse("one of \(values.joined(separator: ", "))") }
        case .vocabulary(let v, _):
            let values = try await vocabulary(v)
            guard values.contains(text) else { throw refuse("one of \(values.joined(separator: ", "))") }
        case .iso3:
            try Self.knownCountry(text, p.name)
        case .iso3List:
            for code in text.split(separator: ",") { try Self.knownCountry(String(code), p.name) }
        case .day, .policyDate, .hs6, .hsCodes:
            break
        }
    }

    private static func knownCountry(_ code: String, _ name: String) throws {
        guard (try? CountryTable.standard.resolve(code)) != nil else {
            throw APIError(.notFound, "parameter '\(name)': no economy has the alpha-3 code \(code) in the country table", parameter: name)
        }
    }
}

extension DecoupleApp {
    /// A parameter of an operation, by path and name (its range and default have one home:
    /// ``apiOperations``; the pages that share the API's readers use them too).
    static func parameter(_ path: String, _ name: String) -> APIParameter {
        guard let p = operation(path)?.parameters.first(where: { $0.name == name }) else {
            preconditionFailure("no parameter \(name) of \(path)")
        }
        return p
    }
}

extension QueryParameters {
    /// A whole number in the parameter's range, or its default.
    func int(_ p: APIParameter) throws -> Int? {
        switch p.value {
        case .integer(let range, let fallback): return try int(p.name, in: range) ?? fallback
        case .integerChoice(let values, let fallback): return try int(p.name, in: values.min()!...values.max()!) ?? fallback
        default: preconditionFailure("\(p.name) is not a whole number")
        }
    }

    /// A number in the parameter's range, or its default.
    func double(_ p: APIParameter) throws -> Double? {
        guard case .number(let range, let fallback) = p.value else { preconditionFailure("\(p.name) is not a number") }
        return try double(p.name, in: range) ?? fallback
    }
}
