/// How reports for CI name files: relative to the working directory when the file is
/// inside it (as code-scanning and coverage services expect, since they resolve names
/// against the repository's root), absolute otherwise. Purely by name: `.` and `..` are
/// resolved, symbolic links are not followed, and nothing is read from the disk.
package struct ReportPaths: Sendable {
    /// The absolute working directory, without a trailing slash (`/` for the root).
    package let workingDirectory: String

    /// `workingDirectory` must be absolute (the CLI passes the process's current directory).
    package init(workingDirectory: String) {
        self.workingDirectory = Self.normalized(workingDirectory, in: "/")
    }

    /// A file named as the user named it (`./policies/x.yaml`, `/tmp/p.yaml`, `../p.yaml`).
    package struct Name: Hashable, Sendable {
        /// The path relative to the working directory (no `./`), or the absolute path.
        package let path: String
        /// Whether the file is inside the working directory, so that `path` is relative.
        package let isRelative: Bool
    }

    /// `file` relative to the working directory when inside it, else absolute.
    package func name(of file: String) -> Name {
        let absolute = Self.normalized(file, in: workingDirectory)
        let base = workingDirectory == "/" ? "/" : workingDirectory + "/"
        if absolute.hasPrefix(base), absolute.count > base.count {
            return Name(path: String(absolute.dropFirst(base.count)), isRelative: true)
        }
        return Name(path: absolute, isRelative: false)
    }

    /// The URI of `file`: a relative reference (each segment percent-encoded) when it is
    /// inside the working directory, else a `file:` URI.
    package func uri(of file: String) -> (uri: String, isRelative: Bool) {
        let name = name(of: file)
        return name.isRelative ? (Self.percentEncoded(name.path), true) : ("file://" + Self.percentEncoded(name.path), false)
    }

    /// The working directory as a `file:` URI ending in `/` (SARIF's base for relative URIs).
    package var workingDirectoryURI: String {
        "file://" + Self.percentEncoded(workingDirectory == "/" ? "/" : workingDirectory + "/")
    }

    /// `path` made absolute against `directory`, with empty segments, `.` and `..` resolved by name.
    static func normalized(_ path: String, in directory: String) -> String {
        let absolute = path.hasPrefix("/") ? path : directory + "/" + path
        var parts: [Substring] = []
        for part in absolute.split(separator: "/", omittingEmptySubsequences: true) {
            switch part {
            case ".": continue
            case "..": if !parts.isEmpty { parts.removeLast() }
            default: parts.append(part)
            }
        }
        return "/" + parts.joined(separator: "/")
    }

    /// A path as the path of a URI (RFC 3986): every UTF-8 byte other than an unreserved
    /// character (`A–Z a–z 0–9 - . _ ~`) or `/` is written `%XX`, so spaces, `#`, `?`, `%`,
    /// `:`, control characters and non-ASCII names are all safe.
    package static func percentEncoded(_ path: String) -> String {
        var output = ""
        for byte in path.utf8 {
            switch byte {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"),
                 UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"),
                 UInt8(ascii: "~"), UInt8(ascii: "/"):
                output.unicodeScalars.append(Unicode.Scalar(byte))
            default:
                let hex = String(byte, radix: 16, uppercase: true)
                output += "%" + (hex.count == 1 ? "0" + hex : hex)
            }
        }
        return output
    }
}
