/// Files of the repository the harnesses use, found from this source file's place.
public enum RepositoryFiles {
    /// The repository root (`Fuzz/..`).
    public static let root: String = {
        var parts = #filePath.split(separator: "/", omittingEmptySubsequences: false)
        parts.removeLast(4)                       // Sources/FuzzSupport/Fixtures.swift, Fuzz
        return parts.joined(separator: "/")
    }()

    /// `policies/certification.yaml`, the default policy.
    public static let certificationPolicy = root + "/policies/certification.yaml"
}
