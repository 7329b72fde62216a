import Foundation
import Testing

/// Locates test fixtures next to this file (golden files are compared with `GoldenFile`).
enum Fixtures {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures")

    static let repositoryRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// The names (without extension) of the files with `ext` in a fixture folder, sorted.
    static func names(in folder: String, ext: String = "yaml") -> [String] {
        let url = root.appendingPathComponent(folder)
        let files = (try? FileManager.default.contentsOfDirectory(atPath: url.path)) ?? []
        return files.filter { $0.hasSuffix("." + ext) }.map { String($0.dropLast(ext.count + 1)) }.sorted()
    }

    static func url(_ folder: String, _ file: String) -> URL {
        root.appendingPathComponent(folder).appendingPathComponent(file)
    }
}
