extension ImpactLineError {
    /// The error in words for text output: `error: line 10 (record "E-2010"): message [code]`,
    /// with control characters from the input escaped.
    package var readable: String {
        let record = id == .null ? "" : " (record \(Escaping.controlCharacters(id.rendered())))"
        return "error: line \(line)\(record): \(Escaping.controlCharacters(message)) [\(Escaping.controlCharacters(code))]"
    }
}
