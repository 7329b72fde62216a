import ArgumentParser
import Foundation
import Statute

/// `--color auto|always|never`: whether text output is coloured.
enum ColorChoice: String, ExpressibleByArgument, CaseIterable, Sendable {
    case auto, always, never
}

/// The `--color` option, shared by the commands that print text diagnostics or reports.
struct ColorOptions: ParsableArguments {
    @Option(name: .customLong("color"),
            help: ArgumentHelp("Colour text output: auto (only on a terminal, and not when NO_COLOR is set), always or never.",
                               valueName: "when"))
    var choice: ColorChoice = .auto

    /// The style for output written to `stream` (`STDOUT_FILENO` or `STDERR_FILENO`).
    func style(for stream: Int32) -> TextStyle {
        TextStyle(colored: Colors.enabled(choice, stream: stream, environment: ProcessInfo.processInfo.environment))
    }
}

/// Deciding on colour: `never` and `always` say so; `auto` colours only a terminal, and
/// not when `NO_COLOR` is set to anything non-empty (https://no-color.org) or `TERM` is `dumb`.
enum Colors {
    static func enabled(_ choice: ColorChoice, stream: Int32, environment: [String: String]) -> Bool {
        switch choice {
        case .never: return false
        case .always: return true
        case .auto:
            if let noColor = environment["NO_COLOR"], !noColor.isEmpty { return false }
            if environment["TERM"] == "dumb" { return false }
            return isatty(stream) == 1
        }
    }
}
