import DecoupleCore
import DecoupleInstrumentChoice
import DecoupleScenarios
import DecoupleTestSupport
import DecoupleTrade
import Dispatch
import Foundation
import Synchronization

/// A seeded mutation fuzzer over Decouple's readers (#22 item 1). Each reader starts from real
/// or made inputs; every case mutates one of them and reads the result in this process. The
/// oracle, beyond "no crash, no hang":
/// - **same**: mutations that must not change the answer (CRLF line ends, a UTF-8 byte-order
///   mark) must be read to the identical result;
/// - **refused**: mutations that make the input wrong (a number field replaced by NaN, inf,
///   1e999, text or two fields; a JSON key written twice) must be refused — accepting them is an
///   "exit 0 with changed numbers";
/// - **free**: any other damage (truncation, flipped, inserted and deleted bytes, deleted and
///   repeated lines, a 1 MB line, invalid UTF-8) may be read or refused; a refusal should say
///   where (the report counts those that do not).
/// A case that runs longer than `--timeout` seconds is a hang: the harness prints it and exits 3.
/// Every failing case is printed with its reader, seed and mutation, to become a regression test.
///
///     decouple-fuzz [--cases N] [--seed S] [--only READER] [--shard I/N] [--timeout SECONDS]
@main
struct Fuzz {
    static func main() throws {
        var cases = 1000, seed: UInt64 = 22, only: String? = nil, timeout = 10.0, shard = (0, 1)
        var args = CommandLine.arguments.dropFirst().makeIterator()
        while let a = args.next() {
            switch a {
            case "--cases": cases = Int(args.next() ?? "") ?? cases
            case "--seed": seed = UInt64(args.next() ?? "") ?? seed
            case "--only": only = args.next()
            case "--timeout": timeout = Double(args.next() ?? "") ?? timeout
            case "--shard":
                // `--shard I/N`: only the readers whose index modulo N is I (to use several cores).
                let parts = (args.next() ?? "").split(separator: "/").compactMap { Int($0) }
                if parts.count == 2, parts[1] > 0, (0..<parts[1]).contains(parts[0]) { shard = (parts[0], parts[1]) }
            default:
                print("usage: decouple-fuzz [--cases N] [--seed S] [--only READER] [--shard I/N] [--timeout SECONDS]")
                exit(2)
            }
        }
        let work = FileManager.default.temporaryDirectory.appendingPathComponent("decouple-fuzz-\(getpid())").path
        try FileManager.default.createDirectory(atPath: work, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: work) }
        let targets = try FuzzTargets.all(work: work).enumerated()
            .filter { (only == nil || $0.element.name == only) && $0.offset % shard.1 == shard.0 }.map(\.element)
        let watchdog = Watchdog(timeout: timeout)
        var failures = 0
        print("decouple-fuzz: \(targets.count) readers × \(cases) cases, seed \(seed), timeout \(timeout) s"
              + (shard.1 > 1 ? ", shard \(shard.0)/\(shard.1)" : ""))
        print("reader                 cases  read  refused  refused-without-line  same-ok  refused-ok  failures  seconds")
        for target in targets {
            var report = Report()
            let started = Date()
            var rng = SplitMix64(seed: seed ^ stableHash(target.name))
            let baselines = try target.seeds.map { try target.read($0, work) }
            // The oracle compares digests: reading the same input twice must give the same one.
            for (k, seed) in target.seeds.enumerated() where try target.read(seed, work) != baselines[k] {
                print("decouple-fuzz: \(target.name): two reads of the same input differ (the digest is not deterministic)")
                exit(4)
            }
            for n in 0..<cases {
                let k = rng.below(target.seeds.count)
                let mutation = target.isBinary ? Mutation.free[rng.below(3)]
                    : Mutation.pick(&rng, json: target.isJSON, numericFields: target.numericFields)
                let input = mutation.apply(to: target.seeds[k], &rng)
                // A mutation that found nothing to change (no JSON key in a list of lists) must
                // read the same.
                let expectation: Mutation.Expectation = input == target.seeds[k] ? .same : mutation.expectation
                let label = "\(target.name) case \(n) (seed \(seed), input \(k), \(mutation.name))"
                watchdog.start(label)
                let outcome = Result { try target.read(input, work) }
                watchdog.stop()
                report.cases += 1
                switch outcome {
                case .success(let digest):
                    report.read += 1
                    if expectation == .same {
                        if digest == baselines[k] { report.sameOK += 1 } else { report.fail("\(label): read to a different result", &failures) }
                    }
                    if expectation == .refused { report.fail("\(label): accepted, expected a refusal", &failures) }
                    if target.mustMatchWhenRead && digest != baselines[k] { report.fail("\(label): read to a different result", &failures) }
                case .failure(let error):
                    report.refused += 1
                    if !target.isBinary && !Self.isLocated(error) {
                        report.withoutLine += 1
                        if report.unlocatedExamples.count < 2 { report.unlocatedExamples.append("\(label): \(String("\(error)".prefix(200)))") }
                    }
                    if expectation == .same { report.fail("\(label): refused, expected the same result: \(String("\(error)".prefix(300)))", &failures) }
                    if expectation == .refused { report.refusedOK += 1 }
                }
            }
            print(target.name.padding(toLength: 22, withPad: " ", startingAt: 0)
                  + String(format: "%6d %5d %8d %21d %8d %11d %9d %8.1f", report.cases, report.read, report.refused, report.withoutLine,
                           report.sameOK, report.refusedOK, report.failures.count, Date().timeIntervalSince(started)))
            for f in report.failures.prefix(5) { print("  FAIL " + f) }
            for u in report.unlocatedExamples { print("  refused without a line: " + u) }
        }
        print(failures == 0 ? "decouple-fuzz: 0 crashes, 0 hangs, 0 oracle mismatches" : "decouple-fuzz: \(failures) oracle mismatches")
        exit(failures == 0 ? 0 : 1)
    }

    /// True when every message of the error names a line (`file:line[:column]: …`).
    static func isLocated(_ error: Error) -> Bool {
        if let e = error as? DataReadError { return !e.issues.isEmpty && e.issues.allSatisfy { $0.line != nil } }
        return "\(error)".contains(/:[0-9]+(:[0-9]+)?:[ ]/)
    }

    static func stableHash(_ s: String) -> UInt64 {
        s.utf8.reduce(1469598103934665603) { ($0 ^ UInt64($1)) &* 1099511628211 }
    }
}

struct Report {
    var cases = 0, read = 0, refused = 0, withoutLine = 0, sameOK = 0, refusedOK = 0
    var failures: [String] = []
    var unlocatedExamples: [String] = []
    mutating func fail(_ s: String, _ total: inout Int) {
        failures.append(s)
        total += 1
    }
}

/// Exits the process when one case runs longer than the timeout (a hang), naming the case.
final class Watchdog: @unchecked Sendable {
    private let state = Mutex<(label: String, started: Double?)>(("", nil))
    private var timer: DispatchSourceTimer?

    init(timeout: Double) {
        let timer = DispatchSource.makeTimerSource(queue: DispatchQueue(label: "watchdog"))
        timer.schedule(deadline: .now() + 1, repeating: 0.5)
        timer.setEventHandler { [unowned self] in
            self.state.withLock { s in
                if let t = s.started, Date().timeIntervalSince1970 - t > timeout {
                    print("HANG: \(s.label) ran longer than \(timeout) s")
                    exit(3)
                }
            }
        }
        timer.resume()
        self.timer = timer
    }

    func start(_ label: String) { state.withLock { $0 = (label, Date().timeIntervalSince1970) } }
    func stop() { state.withLock { $0.started = nil } }
}
