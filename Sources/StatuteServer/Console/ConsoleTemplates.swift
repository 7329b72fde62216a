import Mustache

/// The console's Mustache templates, style sheet and script: the files of
/// `Sources/StatuteServer/Resources`, embedded in the binary by SwiftPM so that a copied
/// `statute` executable serves its pages with nothing beside it. Values are HTML-escaped by
/// Mustache (`{{x}}`); only HTML the console built itself goes through `{{{x}}}`.
enum ConsoleTemplates {
    /// The templates by name, parsed once.
    static func library() throws -> MustacheLibrary {
        var library = MustacheLibrary()
        let templates: [(String, [UInt8])] = [
            ("layout", PackageResources.layout_mustache), ("policies", PackageResources.policies_mustache),
            ("policy", PackageResources.policy_mustache), ("decide", PackageResources.decide_mustache),
            ("field", PackageResources.field_mustache), ("login", PackageResources.login_mustache),
            ("message", PackageResources.message_mustache), ("record", PackageResources.record_mustache),
        ]
        for (name, bytes) in templates {
            try library.register(String(decoding: bytes, as: UTF8.self), named: name)
        }
        return library
    }

    /// The style sheet, inlined in every page's `<style>`.
    static let style = String(decoding: PackageResources.console_css, as: UTF8.self)

    /// The one script: it only improves the form (shows the fields of the request chosen,
    /// and brings the answer or the problems into view); everything works without it.
    static let script = String(decoding: PackageResources.console_js, as: UTF8.self)
}
