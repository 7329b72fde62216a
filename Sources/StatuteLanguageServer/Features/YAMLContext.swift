/// Where a position is in a policy or test file, read from the indentation of the lines
/// above it rather than from a YAML tree, so that it works on half-typed text that does not
/// parse: the keys from the top down to the mapping that holds the position (`-` for a list
/// item), and whether the position is in a key or in the value of one.
package struct YAMLContext: Hashable, Sendable {
    /// The keys from the top of the file, `-` for a list item: `["transitions", "-", "set"]`.
    package var path: [String]
    /// The key whose value the position is in (`to` in `to: exp|`, `from` in `from: [a, |`,
    /// and in `- |` under `from:`); `nil` when the position is where a key is written.
    package var valueKey: String?

    /// The context of the end of `prefix` (a line up to the position), given the lines above it.
    package init(linesAbove: [String], prefix: String) {
        let current = Line(prefix)
        var path: [String] = []
        var threshold = current.contentColumn
        for dash in current.dashes.reversed() where dash < threshold {
            path.insert("-", at: 0)
            threshold = dash
        }
        for text in linesAbove.reversed() where threshold > 0 {
            let line = Line(text)
            guard !line.isBlank else { continue }
            if let key = line.key, line.contentColumn < threshold {
                path.insert(key, at: 0)
                threshold = line.contentColumn
            }
            for dash in line.dashes.reversed() where dash < threshold {
                path.insert("-", at: 0)
                threshold = dash
            }
        }
        // On the position's own line: after `key:` the position is in that key's value —
        // or, inside flow collections (`{a: 1, b: [x, |`), in the innermost one's.
        var valueKey: String?
        if let key = current.key, let value = current.value {
            valueKey = key
            // `key: [a, |` is in the value of `key` itself; anything nested deeper is below it.
            if let flow = Self.flow(value), flow != Flow(keys: [], valueKey: nil, inMapping: false) {
                path += [key] + flow.keys
                valueKey = flow.valueKey
            }
        } else if current.key == nil, current.content.hasPrefix("{"), let flow = Self.flow(current.content) {
            // `- {id: x, to: |`: a list item written as a flow mapping.
            path += flow.keys
            valueKey = flow.valueKey
        } else if !current.dashes.isEmpty, path.last == "-", path.count >= 2,
                  Self.scalarListKeys.contains(path[path.count - 2]) {
            // `- item` under `from:` (a list of names) is a value of that key.
            valueKey = path[path.count - 2]
            path.removeLast(2)
        }
        self.path = path
        self.valueKey = valueKey
    }

    /// Keys whose value is a list of names (the other lists hold mappings: transitions, tests).
    static let scalarListKeys: Set<String> = ["from", "by", "effects", "includes", "steps", "values"]

    /// Where the end of a flow text is: the keys of the mappings it is nested in (`-` for
    /// a list item), the key whose value it is in (`nil` in a mapping's key), and whether
    /// the innermost collection is a mapping.
    struct Flow: Equatable {
        var keys: [String]
        var valueKey: String?
        var inMapping: Bool
    }

    /// Whether the end of `value` is inside an unclosed `[…` or `{…`, and where: in
    /// `{next: {to: x` the keys `next` and the value of `to`; in `{steps: [a, b` the value
    /// of `steps`; in `[a, b` (a list that is the line key's value) no key of its own.
    static func flow(_ value: String) -> Flow? {
        // Each open collection, with the key of the entry it is the value of.
        var stack: [(bracket: Character, key: String?)] = []
        var segment = ""
        var quote: Character?
        for character in value {
            if let open = quote {
                if character == open { quote = nil }
                segment.append(character)
                continue
            }
            switch character {
            case "\"", "'": quote = character; segment.append(character)
            case "[", "{":
                stack.append((character, key(in: segment)))
                segment = ""
            case "]", "}": _ = stack.popLast(); segment = ""
            case ",": segment = ""
            default: segment.append(character)
            }
        }
        guard let innermost = stack.last else { return nil }
        // The keys of the enclosing entries; the outermost collection is the line key's value.
        var keys = stack.dropFirst().dropLast().map { $0.key ?? "-" }
        if innermost.bracket == "[" {
            // In a list: the value of the key the list belongs to.
            return Flow(keys: keys, valueKey: stack.count > 1 ? innermost.key : nil, inMapping: false)
        }
        if stack.count > 1 { keys.append(innermost.key ?? "-") }
        return Flow(keys: keys, valueKey: key(in: segment), inMapping: true)
    }

    /// `k` in a flow segment `k: …` (quotes around it dropped); `nil` without a colon.
    private static func key(in segment: String) -> String? {
        guard let colon = segment.firstIndex(of: ":") else { return nil }
        return segment[..<colon].trimming(" \t\"'")
    }

    /// One line of YAML, roughly: its indentation, list dashes, key and value.
    struct Line {
        /// Columns (0-based) of the `- ` list markers before the content.
        var dashes: [Int] = []
        /// The column of the first character after indentation and dashes.
        var contentColumn = 0
        var key: String?
        /// The text after `key:` (`nil` without a key).
        var value: String?
        /// The text after indentation and dashes.
        var content = ""
        var isBlank = false

        init(_ text: String) {
            let characters = Array(text)
            var column = 0
            while column < characters.count {
                if characters[column] == " " {
                    column += 1
                } else if characters[column] == "-", column + 1 == characters.count || characters[column + 1] == " " {
                    dashes.append(column)
                    column += 1
                } else {
                    break
                }
            }
            contentColumn = column
            let content = String(characters[column...])
            self.content = content
            if content.isEmpty || content.hasPrefix("#") {
                isBlank = dashes.isEmpty
                return
            }
            // `key:` then a space or the end of the line; quotes around the key allowed.
            var quote: Character?
            var index = content.startIndex
            while index < content.endIndex {
                let character = content[index]
                if let open = quote {
                    if character == open { quote = nil }
                } else if character == "\"" || character == "'", index == content.startIndex {
                    quote = character
                } else if character == "{" || character == "[" || character == "#" {
                    return
                } else if character == ":" {
                    let next = content.index(after: index)
                    if next == content.endIndex || content[next] == " " || content[next] == "\t" {
                        key = content[..<index].trimming(" \t\"'")
                        value = String(content[next...])
                        return
                    }
                }
                index = content.index(after: index)
            }
        }
    }
}

extension StringProtocol {
    /// Without the characters of `set` at either end.
    func trimming(_ set: String) -> String {
        let characters = Set(set)
        return String(drop { characters.contains($0) }.reversed().drop { characters.contains($0) }.reversed())
    }
}
