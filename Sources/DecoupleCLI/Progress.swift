import DecoupleAnalyses
import DecoupleRendering
import Foundation

/// A one-line progress bar on standard error, drawn only when standard error is a terminal.
struct Progress {
    let title: String
    let enabled: Bool

    init(_ title: String, enabled: Bool = isatty(STDERR_FILENO) == 1) {
        self.title = title
        self.enabled = enabled
    }

    func draw(_ fraction: Double) {
        guard enabled else { return }
        let width = 28
        let f = max(0, min(1, fraction))
        let n = Int(f * Double(width))
        let bar = String(repeating: "█", count: n) + String(repeating: "░", count: width - n)
        let pct = Int((f * 100).rounded())
        var line = "\r\(title.padding(toLength: 30, withPad: " ", startingAt: 0)) \(bar) \(pct)%"
        if f >= 1 { line += "\n" }
        FileHandle.standardError.write(Data(line.utf8))
    }

    /// Runs `body`, which reports progress through the closure it is given.
    func run<T>(_ body: (@escaping (Double) -> Void) throws -> T) rethrows -> T {
        draw(0)
        let result = try body { draw($0) }
        draw(1)
        return result
    }

    /// A progress observer for ``AnalysisData``: one bar per titled read, drawn when standard
    /// error is a terminal (nil otherwise).
    static func reporter() -> (@Sendable (String, Double) -> Void)? {
        guard isatty(STDERR_FILENO) == 1 else { return nil }
        return { title, fraction in Progress(title).draw(fraction) }
    }
}

/// Writes a line to standard error.
func printError(_ message: String) {
    FileHandle.standardError.write(Data((message + "\n").utf8))
}

/// Writes a command's output to `path` atomically (and says so on standard error), or to
/// standard output when `path` is nil.
func emit(_ output: String, to path: String?) throws {
    if let path {
        try AtomicFile.write(output, to: path)
        printError("Wrote \(path)")
    } else {
        print(output, terminator: "")
    }
}

/// The terminal's width for tables: `$COLUMNS`, else the terminal's own (ioctl) when standard
/// output is one; nil when writing to a file or pipe (every chosen column is kept).
enum TerminalWidth {
    static func current() -> Int? {
        if let c = ProcessInfo.processInfo.environment["COLUMNS"].flatMap(Int.init), c >= 40 { return c }
        guard isatty(STDOUT_FILENO) == 1 else { return nil }
        var size = winsize()
        guard ioctl(STDOUT_FILENO, UInt(TIOCGWINSZ), &size) == 0, size.ws_col >= 40 else { return nil }
        return Int(size.ws_col)
    }
}
