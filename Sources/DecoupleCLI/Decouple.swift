import DecoupleAnalyses
import DecoupleRendering
import ArgumentParser
import Foundation

struct Decouple: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "decouple",
        abstract: "Measure selective decoupling between rival economies in strategic supply chains.",
        discussion: """
        Every figure printed or written names its source and vintage. With no arguments, \
        `decouple report` runs on the bundled public data for the United States and China.
        """,
        version: "0.1.0",
        subcommands: [
            Report.self,
            DataCommand.self,
            MineralsCommand.self,
            ExposureCommand.self,
            TaxonomyCommand.self,
            FrameworkCommand.self,
            PolicyCommand.self,
            AlliancesCommand.self,
            FriendshoringCommand.self,
            IRACommand.self,
            ServeCommand.self,
            OpenAPICommand.self,
            DependenceCommand.self,
            TrendCommand.self,
            DiversionCommand.self,
            ScenarioCommand.self,
        ],
        defaultSubcommand: Report.self)
}

/// The `decouple` command line, for executables: `await DecoupleCLI.main()` parses the process
/// arguments and runs the command. Register extra trade engines (``TradeEngineRegistry``) first.
public enum DecoupleCLI {
    public static func main() async {
        await run(Array(CommandLine.arguments.dropFirst()))
    }

    /// Parses and runs; an error raised while a subcommand runs (a ValidationError from its
    /// checks) is reported with that subcommand's usage, not the root's.
    static func run(_ arguments: [String]) async {
        var command: ParsableCommand
        do { command = try Decouple.parseAsRoot(arguments) } catch { Decouple.exit(withError: error) }
        // The bundled input–output table and its LU factors persist between runs (docs/exposure.md).
        InputOutputTables.useDiskCache()
        do {
            if var c = command as? AsyncParsableCommand { try await c.run() } else { try command.run() }
        } catch {
            let type = type(of: command)
            let code = type.exitCode(for: error)
            guard code != .success, code != .failure || error is ValidationError else { type.exit(withError: error) }
            // The subcommand's usage, with its full path ("decouple ira check", not "check").
            var message = type.fullMessage(for: error)
            if let path = commandPath(to: type, from: Decouple.self, prefix: []), path.count > 1 {
                let name = path.last!, full = path.joined(separator: " ")
                message = message.replacingOccurrences(of: "Usage: \(name) ", with: "Usage: \(full) ")
                    .replacingOccurrences(of: "'\(name) --help'", with: "'\(full) --help'")
            }
            FileHandle.standardError.write(Data((message + "\n").utf8))
            Foundation.exit(code.rawValue)
        }
    }

    /// The command names from the root to `target` ("decouple", "ira", "check").
    static func commandPath(to target: ParsableCommand.Type, from node: ParsableCommand.Type, prefix: [String]) -> [String]? {
        let path = prefix + [node._commandName]
        if node == target { return path }
        for sub in node.configuration.subcommands {
            if let p = commandPath(to: target, from: sub, prefix: path) { return p }
        }
        return nil
    }
}
