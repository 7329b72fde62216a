#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Statute

/// Moving text across the C boundary: reading the caller's NUL-terminated strings and
/// handing back `malloc`ed copies the caller frees with `statute_string_free`.
enum CStrings {
    /// The bytes of a NUL-terminated string, or `nil` for a NULL pointer.
    static func bytes(_ pointer: UnsafePointer<CChar>?) -> [UInt8]? {
        guard let pointer else { return nil }
        let length = strlen(pointer)
        return pointer.withMemoryRebound(to: UInt8.self, capacity: length) {
            Array(UnsafeBufferPointer(start: $0, count: length))
        }
    }

    /// A `malloc`ed, NUL-terminated copy of `text`, or NULL when memory runs out.
    ///
    /// A NUL inside `text` cannot happen for JSON: the writer escapes it as `\u0000`.
    static func copy(_ text: String) -> UnsafeMutablePointer<CChar>? {
        var text = text
        return text.withUTF8 { utf8 in
            guard let memory = malloc(utf8.count + 1)?.assumingMemoryBound(to: UInt8.self) else { return nil }
            if let base = utf8.baseAddress { memory.initialize(from: base, count: utf8.count) }
            memory[utf8.count] = 0
            return UnsafeMutableRawPointer(memory).assumingMemoryBound(to: CChar.self)
        }
    }

    /// A `malloc`ed copy of a JSON value rendered on one line.
    static func copy(_ json: JSONValue) -> UnsafeMutablePointer<CChar>? {
        copy(json.rendered())
    }
}
