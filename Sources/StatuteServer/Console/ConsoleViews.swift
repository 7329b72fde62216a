import Statute

/// What the templates show: plain values, already in words. Only the properties named
/// `…HTML`, `docs`, `content` and `errors` hold HTML, built by the console itself.
/// (Mustache reads stored properties only, so the `has…` flags are stored, set by the builders.)
struct LayoutView {
    struct Crumb { var href: String; var text: String }
    var title: String
    var content: String
    var crumb: Crumb?
    var signedIn: Bool
    /// The style sheet (inlined).
    var style: String
    var script: String?
    var version: String
}

struct PoliciesView {
    struct Row {
        var name: String
        var title: String
        var serving: Bool
        var state: String
        var isOK: Bool
        var isStale: Bool
        var file: String
        var digest: String?
        var digestShort: String
        var loadedAt: String
        var hasDiagnostics: Bool
        var diagnostics: String
    }
    var count: Int
    var policies: [Row]
}

struct PolicyView {
    struct Setting { var name: String; var label: String; var type: String; var value: String; var defaultText: String }
    var name: String
    var title: String
    var state: String
    var isStale: Bool
    var file: String
    var digest: String
    var digestShort: String
    var loadedAt: String
    var hasSettings: Bool
    var settings: [Setting]
    var docs: String
    /// Whether the server keeps records (`--store`): the page offers a look-up by id.
    var hasRecords = false
}

/// One form field, whatever its kind.
struct FieldView {
    struct Option { var value: String; var text: String; var selected: Bool }
    var name: String
    var id: String
    var label: String
    var hint: String
    var value: String
    var required: Bool
    var isCheckbox = false
    var isSelect = false
    var isDate = false
    var isNumber = false
    var isText = false
    var checked = false
    var min: String?
    var max: String?
    var options: [Option] = []
    /// Messages as HTML (escaped, backticks as <code>).
    var errors: [String]
    // Stored, not computed: Mustache sees stored properties only.
    var hasError: Bool
    var describedBy: String

    init(name: String, label: String, hint: String, value: String, required: Bool, errors: [String]) {
        self.name = name
        self.id = "f-" + String(name.map { $0.isLetter || $0.isNumber ? $0 : "-" })
        self.label = label
        self.hint = hint
        self.value = value
        self.required = required
        self.errors = errors.map { DocHTML.message($0) }
        self.hasError = !errors.isEmpty
        self.describedBy = id + "-hint" + (errors.isEmpty ? "" : " \(id)-error")
    }
}

struct DecideView {
    struct Choice { var value: String; var text: String; var id: String; var checked: Bool }
    var name: String
    var title: String
    var formErrors: [String]
    /// "1 field below needs attention." / "2 fields below need attention.", when any do.
    var fieldErrorSummary: String?
    var hasProblems: Bool
    var statusField: FieldView
    var factFields: [FieldView]
    var hasSettings: Bool
    var settingFields: [FieldView]
    var todayField: FieldView
    var requestChoices: [Choice]
    var requestErrors: [String]
    var requestHasError: Bool
    var eventField: FieldView?
    var setField: FieldView
    var transitionField: FieldView
    var roleField: FieldView
    var answer: AnswerView?
}

struct AnswerView {
    struct Next { var to: String; var date: String; var transition: String }
    struct Effect { var name: String; var description: String? }
    struct Option { var target: String; var transition: String; var allowed: Bool; var reason: String }
    struct SettingUsed { var name: String; var label: String?; var value: String }
    var statusLabel: String
    var statusID: String?
    var outcome: String
    var reason: String?
    var next: Next?
    var steps: [String]
    var hasSteps: Bool
    var effects: [Effect]
    var hasEffects: Bool
    var assignments: [String]
    var hasAssignments: Bool
    var role: String
    /// Whether a role was given: its options are listed only then.
    var hasRole: Bool
    var optionsFrom: String
    var options: [Option]
    var hasOptions: Bool
    var settingsUsed: [SettingUsed]
    var words: String
    var command: String
    /// `statute timeline`'s entries for the year after `today`, in words.
    var timeline: [String] = []
    var hasTimeline = false
    var timelineUntil = ""
}

struct LoginView {
    var next: String
    var error: String?
}

struct MessageView {
    var heading: String
    var text: String
}
