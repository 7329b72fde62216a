import Foundation
import Testing
@testable import Statute

/// The editor schemas are checked by a real validator: Python's `jsonschema`
/// (`Draft202012Validator`), loading YAML with the YAML core schema that Statute uses
/// (`yes`/`on` are strings, dates stay text).
@Suite struct SchemaValidationTests {
    static let script = #"""
    import json, sys
    try:
        import yaml, jsonschema
    except ImportError as error:
        print("missing: %s" % error)
        sys.exit(3)

    class CoreLoader(yaml.SafeLoader):
        pass

    # The YAML core schema: only true/false are booleans, and there are no timestamps.
    CoreLoader.yaml_implicit_resolvers = {
        key: [(tag, regexp) for tag, regexp in resolvers
              if tag not in ("tag:yaml.org,2002:bool", "tag:yaml.org,2002:timestamp")]
        for key, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
    }
    import re
    CoreLoader.add_implicit_resolver("tag:yaml.org,2002:bool",
                                     re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF"))

    with open(sys.argv[1]) as handle:
        schema = json.load(handle)
    jsonschema.Draft202012Validator.check_schema(schema)
    validator = jsonschema.Draft202012Validator(schema)
    failed = False
    for path in sys.argv[2:]:
        with open(path) as handle:
            document = yaml.load(handle, Loader=CoreLoader)
        errors = sorted(validator.iter_errors(document), key=lambda e: list(e.path))
        for error in errors:
            failed = True
            print("%s: %s: %s" % (path, "/".join(str(p) for p in error.path), error.message))
        if not errors:
            print("%s: valid" % path)
    sys.exit(1 if failed else 0)
    """#

    struct Validation {
        let status: Int32
        let output: String
    }

    /// Validates `files` against `schema`; `nil` (with a recorded issue) when python3 or
    /// jsonschema is missing.
    static func validate(_ files: [String], against schema: String) throws -> Validation? {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("statute-schema-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let schemaURL = folder.appendingPathComponent("schema.json")
        let scriptURL = folder.appendingPathComponent("validate.py")
        try schema.write(to: schemaURL, atomically: true, encoding: .utf8)
        try script.write(to: scriptURL, atomically: true, encoding: .utf8)

        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", scriptURL.path, schemaURL.path] + files
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        do {
            try process.run()
        } catch {
            Issue.record("python3 could not be started (\(error)); the schema was not validated")
            return nil
        }
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        let output = String(decoding: data, as: UTF8.self)
        if process.terminationStatus == 3 || process.terminationStatus == 127 {
            Issue.record("python3 with jsonschema and PyYAML is needed to validate the schema: \(output)")
            return nil
        }
        return Validation(status: process.terminationStatus, output: output)
    }

    static func files(in folder: URL, where include: (String) -> Bool) -> [String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        return names.filter(include).sorted().map { folder.appendingPathComponent($0).path }
    }

    static let policiesFolder = Fixtures.repositoryRoot.appendingPathComponent("policies")

    static let sampleTestFile = """
        policy: certification.yaml
        description: A sample test file using every key.
        today: 2026-03-01
        settings: {expiring_notice_days: 30}
        facts: {program.require_approval: false}
        tests:
          - name: Applying without approval starts the certification
            description: the plain case
            event: apply
            expect:
              outcome: changed
              status: in_progress
              steps: [apply]
              effects: []
              next: null
          - name: Staff decline an application
            today: 2026-04-01
            status: applied
            facts: {program.require_approval: true, completed_on: null}
            settings: {expiring_notice_days: 0}
            set: declined
            as: staff
            transition: decline-application
            expect: {outcome: changed, status: declined, set: {}}
          - name: Completion sets the date
            status: in_progress
            facts: {components.required: 1, components.completed: 1}
            expect:
              set: {completed_on: 2026-03-01}
              next: {transition: expire, to: expired, date: 2027-03-01}
        """

    @Test func shippedPoliciesAndFixturesMatchThePolicySchema() throws {
        var files = Self.files(in: Self.policiesFolder) { $0.hasSuffix(".yaml") && !$0.hasSuffix(".test.yaml") }
        #expect(!files.isEmpty)
        // Every analysis fixture but the one whose point is an unknown acknowledged code.
        files += Self.files(in: Fixtures.root.appendingPathComponent("analysis")) {
            $0.hasSuffix(".yaml") && $0 != "unknown-warning-code-fires.yaml"
        }
        for schema in [StatuteSchema.policySchema(), StatuteSchema.combined()] {
            guard let result = try Self.validate(files, against: schema) else { return }
            #expect(result.status == 0, "\(result.output)")
        }
    }

    @Test func testFilesMatchTheTestFileSchema() throws {
        let sample = FileManager.default.temporaryDirectory.appendingPathComponent("statute-sample-\(UUID().uuidString).test.yaml")
        try Self.sampleTestFile.write(to: sample, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: sample) }
        let files = Self.files(in: Self.policiesFolder) { $0.hasSuffix(".test.yaml") } + [sample.path]
        for schema in [StatuteSchema.testFileSchema(), StatuteSchema.combined()] {
            guard let result = try Self.validate(files, against: schema) else { return }
            #expect(result.status == 0, "\(result.output)")
        }
    }

    @Test(arguments: [
        ("unknown top-level key", "statute: 1\nname: x\nstatuses: {a: {}}\ntransitions: []\nsettigns: {}\n", "settigns"),
        ("manual transition with a trigger", """
            statute: 1
            name: x
            statuses: {a: {}}
            transitions:
              - {id: t, from: start, to: a, mode: manual, by: staff, on: go}
            """, "transitions/0"),
        ("automatic transition with two triggers", """
            statute: 1
            name: x
            statuses: {a: {}}
            transitions:
              - {id: t, from: start, to: a, mode: automatic, on: go, when: "true"}
            """, "transitions/0"),
        ("bad identifier and type", "statute: 1\nname: x\nsettings: {Days: intt}\nstatuses: {a: {}}\ntransitions: []\n", "settings"),
        ("unknown acknowledged code", "statute: 1\nname: x\nstatuses: {a: {}}\ntransitions: []\nacknowledge: {never-fire: why}\n", "acknowledge"),
        ("test with a bad outcome", "policy: p.yaml\ntests:\n  - name: t\n    expect: {outcome: done}\n", "tests/0/expect/outcome"),
        ("test without expect", "policy: p.yaml\ntests:\n  - name: t\n    event: go\n", "tests/0"),
        ("test with an empty expect", "policy: p.yaml\ntests:\n  - name: t\n    expect: {}\n", "tests/0/expect"),
    ])
    func invalidFilesAreRejected(_ what: String, _ text: String, _ path: String) throws {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("statute-invalid-\(UUID().uuidString).yaml")
        try text.write(to: file, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: file) }
        guard let result = try Self.validate([file.path], against: StatuteSchema.combined()) else { return }
        #expect(result.status == 1, "\(what) should be invalid: \(result.output)")
        #expect(result.output.contains(path) || path.isEmpty, "\(what): \(result.output)")
    }

    @Test func schemasAreDeterministicJSON() throws {
        for schema in [StatuteSchema.policySchema(), StatuteSchema.testFileSchema(), StatuteSchema.combined()] {
            #expect(schema == schema)
            let object = try JSONSerialization.jsonObject(with: Data(schema.utf8)) as? [String: Any]
            #expect(object?["$schema"] as? String == "https://json-schema.org/draft/2020-12/schema")
        }
    }
}
