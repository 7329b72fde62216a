/// Keeps text from a policy file from turning into HTML in generated Markdown.
///
/// Labels, descriptions and reasons are the policy author's words; a `<script>` or
/// `<img onerror=…>` in a label must show as text wherever the Markdown is rendered.
/// `&`, `<` and `>` are written as entities outside code spans (inside a code span
/// Markdown shows them literally already), which renders the same for ordinary text.
enum MarkdownSafety {
    /// `text` with `&`, `<`, `>` escaped outside backtick code spans.
    static func escapingHTML(_ text: String) -> String {
        var output = ""
        output.unicodeScalars.reserveCapacity(text.unicodeScalars.count)
        var inCode = false
        for scalar in text.unicodeScalars {
            if scalar == "`" { inCode.toggle() }
            if inCode {
                output.unicodeScalars.append(scalar)
                continue
            }
            switch scalar {
            case "&": output += "&amp;"
            case "<": output += "&lt;"
            case ">": output += "&gt;"
            default: output.unicodeScalars.append(scalar)
            }
        }
        return output
    }
}
