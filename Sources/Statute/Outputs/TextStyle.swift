/// How text output is decorated: plain, or coloured with ANSI escape sequences.
///
/// The library never decides whether the output is a terminal; the caller (the CLI's
/// `--color auto|always|never`, honouring `NO_COLOR`) picks the style and the
/// renderers paint with it. ``plain`` leaves every string as it is.
public struct TextStyle: Hashable, Sendable {
    /// Whether to emit ANSI colour sequences.
    public var colored: Bool

    /// Creates a style; `colored: false` is ``plain``.
    public init(colored: Bool) {
        self.colored = colored
    }

    /// No decoration.
    public static let plain = TextStyle(colored: false)
    /// ANSI colours.
    public static let ansi = TextStyle(colored: true)

    private func paint(_ text: String, _ code: String) -> String {
        colored && !text.isEmpty ? "\u{1B}[\(code)m\(text)\u{1B}[0m" : text
    }

    /// Bold red: `error[code]`, a failed test's mark, failure counts.
    package func error(_ text: String) -> String { paint(text, "1;31") }
    /// Bold yellow: `warning[code]`.
    package func warning(_ text: String) -> String { paint(text, "1;33") }
    /// Bold cyan: `help:`.
    package func help(_ text: String) -> String { paint(text, "1;36") }
    /// Bold green: `note:`, a passed test's mark.
    package func success(_ text: String) -> String { paint(text, "1;32") }
    /// Bold: a diagnostic's message.
    package func bold(_ text: String) -> String { paint(text, "1") }
    /// Blue: the gutter beside source lines.
    package func gutter(_ text: String) -> String { paint(text, "34") }
    /// The colour of a severity.
    package func severity(_ severity: Severity, _ text: String) -> String {
        severity == .error ? error(text) : warning(text)
    }
}
