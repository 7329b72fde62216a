import StatuteCore

/// The version of this build of Statute and of the policy language it reads.
///
/// `statute --version` prints ``description``; an embedder can show the same.
public enum StatuteVersion {
    /// The release version, `MAJOR.MINOR.PATCH` (semantic versioning; 0.x while the
    /// command line may still change).
    public static let release = "0.1.0"

    /// The policy language version: the `statute:` value a policy file must declare.
    public static let language = StatuteLanguage.version

    /// `statute 0.1.0 (policy language 1)`.
    public static var description: String {
        "statute \(release) (policy language \(language))"
    }
}
