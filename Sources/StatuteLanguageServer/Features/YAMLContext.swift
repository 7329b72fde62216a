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
        // or, inside a flow mapping (`{a: 1, b|`), in a key of it.
        var valueKey: String?
        if let key = current.key, let value = current.value {
            valueKey = key
            if let flow = Self.flow(value) {
                switch flow {
                case .list: break
                case .mapping(let innerKey):
                    path.append(key)
                    valueKey = innerKey
                }
            }
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

    private enum Flow { case list, mapping(key: String?) }

    /// Whether the position, at the end of `value`, is inside an unclosed `[…` or `{…`, and
    /// for a mapping the key it is in the value of (`nil` when in a key).
    private static func flow(_ value: String) -> Flow? {
        var stack: [Character] = []
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
            case "[", "{": stack.append(character); segment = ""
            case "]", "}": _ = stack.popLast(); segment = ""
            case ",": segment = ""
            default: segment.append(character)
            }
        }
        guard let innermost = stack.last else { return nil }
        if innermost == "[" { return .list }
        guard let colon = segment.firstIndex(of: ":") else { return .mapping(key: nil) }
        return .mapping(key: segment[..<colon].trimming(" \t\"'"))
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
