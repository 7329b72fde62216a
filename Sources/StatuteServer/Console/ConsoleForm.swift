import Hummingbird
import Statute

/// A console form — a query string or an `application/x-www-form-urlencoded` body — read
/// by Hummingbird's `URLEncodedFormDecoder` into its fields by name, within limits, so that
/// nothing a browser (or anyone) sends can make the console misbehave: bad percent-escapes,
/// bad UTF-8, NUL characters, repeated or bracketed names are errors, not guesses.
struct ConsoleForm: Sendable, Equatable {
    /// The fields by name (each name given once).
    var fields: [String: String]

    /// The most bytes a console form may have (query string or body).
    static let maxBytes = 64 * 1024
    /// The most fields a console form may have.
    static let maxFields = 512

    /// A reason the form cannot be read: one readable line.
    struct ReadError: Error, Sendable, Equatable {
        var message: String
    }

    /// Reads urlencoded bytes (`a=1&b=two+words&c=%C3%A9`).
    static func read(_ bytes: [UInt8]) -> Result<ConsoleForm, ReadError> {
        guard bytes.count <= maxBytes else {
            return .failure(ReadError(message: "the form is too large (\(bytes.count) bytes; at most \(maxBytes))"))
        }
        guard let text = String(validating: bytes, as: UTF8.self) else {
            return .failure(ReadError(message: "the form is not valid urlencoded UTF-8 text"))
        }
        return read(text)
    }

    /// Reads a query string (the part after `?`); no fields when there is none.
    static func read(query: String?) -> Result<ConsoleForm, ReadError> {
        guard let query, !query.isEmpty else { return .success(ConsoleForm(fields: [:])) }
        return read(Array(query.utf8))
    }

    private static func read(_ text: String) -> Result<ConsoleForm, ReadError> {
        guard text.utf8.split(separator: UInt8(ascii: "&")).count <= maxFields else {
            return .failure(ReadError(message: "the form has too many fields (at most \(maxFields))"))
        }
        // The decoder reads a bad escape or bad UTF-8 as a replacement character: refuse them first.
        guard text.utf8.split(separator: UInt8(ascii: "&")).allSatisfy(isStrictlyEncoded) else {
            return .failure(ReadError(message: "the form is not valid urlencoded UTF-8 text"))
        }
        let fields: [String: String]
        do {
            fields = try URLEncodedFormDecoder().decode([String: String].self, from: text)
        } catch let error as URLEncodedFormError where error.code == .duplicateKeys {
            return .failure(ReadError(message: "`\(String(error.value.prefix(80)))` is given more than once"))
        } catch {
            return .failure(ReadError(message: "the form is not valid urlencoded UTF-8 text"))
        }
        guard !fields.contains(where: { $0.key.contains("\0") || $0.value.contains("\0") }) else {
            return .failure(ReadError(message: "the form is not valid urlencoded UTF-8 text"))
        }
        return .success(ConsoleForm(fields: fields))
    }

    /// Whether every `%XX` of `piece` is two hex digits and the bytes they stand for are UTF-8.
    private static func isStrictlyEncoded(_ piece: Substring.UTF8View.SubSequence) -> Bool {
        PercentDecoding.decode(piece) != nil
    }

    /// The value given for `name`.
    subscript(name: String) -> String? { fields[name] }

    var isEmpty: Bool { fields.isEmpty }
}
