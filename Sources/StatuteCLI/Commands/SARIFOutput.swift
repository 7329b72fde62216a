import Foundation
import Statute

/// `--format sarif` of `check` and `test`: the library renders, this picks the working
/// directory and the source files, and turns missing paths into unreadable files.
enum SARIFOutput {
    /// The paths given that do not exist.
    static func missing(_ paths: [String]) -> [String] {
        paths.filter { !FileManager.default.fileExists(atPath: $0) }
    }

    /// A missing path as a file that could not be read.
    static func missingFiles(_ paths: [String]) -> [SARIFFile] {
        paths.map { SARIFFile(path: $0, diagnostics: [.error(.unreadableFile, "no such file or folder `\($0)`", at: nil)]) }
    }

    /// The SARIF log of `files`, with URIs relative to the current directory.
    static func render(_ files: [SARIFFile]) -> String {
        var renderer = SARIFRenderer(workingDirectory: FileManager.default.currentDirectoryPath, sources: SourceFiles.text(of:))
        return renderer.render(files).rendered(pretty: true) + "\n"
    }
}
