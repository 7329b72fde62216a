"""Diagnostics: exactly `statute check`'s for the text, one broken file per kind of problem."""
import pytest
from lsprotocol import types

from conftest import check_json, diagnostics, open_document, utf16_column, uri

BASE = """\
statute: 1
name: mini
description: "é𝄞漢 — non-ASCII text before every problem"
roles:
  staff: {description: "Équipe 𝄞"}
  admin: {includes: [staff]}
settings:
  notice_days: {type: int, default: 0, min: 0, label: "Notice é"}
facts:
  program.require_approval: {type: bool, default: false}
  completed_on: date?
derive:
  done: "completed_on != null"
statuses:
  open: {label: "Ouvert 漢"}
  closed: {label: Closed, final: true}
events:
  submit: {}
effects:
  notify: {}
transitions:
  - id: submit
    from: start
    to: open
    mode: automatic
    on: submit
    guard: "!program.require_approval || program.require_approval"
    effects: [notify]
  - id: finish
    from: open
    to: closed
    mode: automatic
    when: "done && settings.notice_days >= 0 && completed_on + days(1) > date('2026-01-01')"
  - id: cancel
    from: "*"
    to: closed
    mode: manual
    by: staff
"""

# (case, the code `statute check` reports, what to replace, replacement): each makes the
# base policy report that kind of problem.
BROKEN = [
    ("unknown-status", "unknown-status", "to: closed\n    mode: automatic", "to: clsoed\n    mode: automatic"),
    ("unknown-name-fact", "unknown-name", "done: \"completed_on", "done: \"completd_on"),
    ("unknown-name-setting", "unknown-name", "settings.notice_days", "settings.notice_dys"),
    ("unknown-fact", "unknown-fact", "    effects: [notify]\n", "    effects: [notify]\n    set: {completd_on: today}\n"),
    ("unknown-role", "unknown-role", "by: staff", "by: staf"),
    ("unknown-event", "unknown-event", "on: submit", "on: sumbit"),
    ("unknown-effect", "unknown-effect", "effects: [notify]", "effects: [notfy]"),
    ("unknown-key", "unknown-key", "label: Closed", "lable: Closed"),
    ("unknown-function", "unknown-function", "days(1)", "dayz(1)"),
    ("wrong-argument-count", "wrong-argument-count", "days(1)", "days(1, 2)"),
    ("invalid-date-literal", "invalid-date-literal", "'2026-01-01'", "'2026-02-30'"),
    ("type-mismatch-operator", "type-mismatch", "when: \"done && ", "when: \"settings.notice_days && "),
    ("type-mismatch-set", "type-mismatch", "    effects: [notify]\n", "    effects: [notify]\n    set: {completed_on: 3}\n"),
    ("expression-syntax", "expression-syntax", "when: \"done && ", "when: \"done && && "),
    ("derive-cycle", "derive-cycle", "done: \"completed_on != null\"", "done: \"done\""),
    ("duplicate-transition", "duplicate-transition", "id: cancel", "id: finish"),
    ("duplicate-key", "duplicate-key", "  open: {label: \"Ouvert 漢\"}", "  open: {label: \"Ouvert 漢\", label: x}"),
    ("missing-key", "missing-key", "    mode: manual\n", ""),
    ("missing-roles", "missing-roles", "    by: staff\n", ""),
    ("unsupported-version", "unsupported-version", "statute: 1", "statute: 2"),
    ("yaml-syntax", "yaml-syntax", "  submit: {}", "  submit: {: ["),
    ("yaml-tag", "yaml-tag", "  notify: {}", "  notify: !!python/object {}"),
    ("invalid-identifier", "invalid-identifier", "  closed: {label", "  Closed-X: {label"),
    ("final-status-has-transitions", "final-status-has-transitions", "from: open\n    to: closed", "from: closed\n    to: closed"),
    ("unreachable-status", "unreachable-status", "  closed: {label", "  orphan: {}\n  closed: {label"),
    ("unused-declaration", "unused-declaration", "  completed_on: date?", "  completed_on: date?\n  never_read: int?"),
    ("expression-too-long", "expression-too-long", "done: \"completed_on != null\"",
     "done: \"" + " || ".join(["completed_on != null"] * 300) + "\""),
]


@pytest.mark.parametrize("case,kind,old,new", BROKEN, ids=[b[0] for b in BROKEN])
async def test_diagnostics_equal_statute_check(client, workspace, case, kind, old, new):
    assert old in BASE
    text = BASE.replace(old, new, 1)
    path = workspace / f"broken-{case}.yaml"
    path.write_text(text, encoding="utf-8")
    expected = check_json(path)
    assert any(d["code"] == kind for d in expected), f"{kind}: statute check said {expected}"

    open_document(client, path, text)
    published = await diagnostics(client, path)
    lines = text.split("\n")
    assert len(published) == len(expected)
    for got, want in zip(published, expected):
        assert got.code == want["code"]
        assert got.message == want["message"]
        assert got.severity == (types.DiagnosticSeverity.Error if want["severity"] == "error"
                                else types.DiagnosticSeverity.Warning)
        assert got.source == "statute"
        if "line" in want:
            line, end_line = want["line"] - 1, want["end_line"] - 1
            assert (got.range.start.line, got.range.end.line) == (line, end_line)
            assert got.range.start.character == utf16_column(lines[line], want["column"])
            assert got.range.end.character == utf16_column(lines[end_line], want["end_column"])
        if "help" in want:
            assert got.data["help"] == want["help"]
            assert any(r.message == "help: " + want["help"] for r in got.related_information)


async def test_other_yaml_files_get_no_diagnostics(client, workspace):
    path = workspace / "compose.yaml"
    text = "services:\n  web: {image: é𝄞漢}\n"
    open_document(client, path, text)
    assert list(await diagnostics(client, path)) == []


async def test_a_half_typed_policy_gets_the_yaml_error(client, workspace):
    path = workspace / "draft.yaml"
    text = "statute: 1\nname: [\n"
    path.write_text(text, encoding="utf-8")
    open_document(client, path, text)
    published = await diagnostics(client, path)
    assert [d.code for d in published] == [d["code"] for d in check_json(path)] != []


async def test_base_policy_has_no_diagnostics(client, workspace):
    path = workspace / "mini.yaml"
    path.write_text(BASE, encoding="utf-8")
    assert check_json(path) == []
    open_document(client, path, BASE)
    assert list(await diagnostics(client, path)) == []


async def test_notes_are_related_information(client, workspace):
    text = BASE.replace("id: cancel", "id: finish")
    path = workspace / "notes.yaml"
    path.write_text(text, encoding="utf-8")
    open_document(client, path, text)
    duplicate = [d for d in await diagnostics(client, path) if d.code == "duplicate-transition"][0]
    first = text.index("id: finish")
    notes = [r for r in duplicate.related_information if not r.message.startswith("help: ")]
    assert notes and notes[0].location.uri == uri(path)
    assert notes[0].location.range.start.line == text.count("\n", 0, first)


async def test_warnings_are_warnings(client, workspace):
    text = BASE.replace("  closed: {label", "  orphan: {}\n  closed: {label")
    path = workspace / "warn.yaml"
    open_document(client, path, text)
    published = await diagnostics(client, path)
    assert published and all(d.severity == types.DiagnosticSeverity.Warning for d in published)


async def test_broken_test_file_against_its_policy(client, workspace):
    path = workspace / "certification.test.yaml"
    text = path.read_text(encoding="utf-8").replace("status: applied", "status: aplied", 1) \
        .replace("event: apply", "event: aply", 1)
    path.write_text(text, encoding="utf-8")
    expected = check_json(path)
    assert {d["code"] for d in expected} >= {"unknown-status", "unknown-event"}
    open_document(client, path, text)
    published = await diagnostics(client, path)
    assert [(d.code, d.message, d.range.start.line) for d in published] == \
        [(d["code"], d["message"], d["line"] - 1) for d in expected]


async def test_a_test_file_uses_the_open_policy_buffer(client, workspace):
    tests = workspace / "certification.test.yaml"
    policy = workspace / "certification.yaml"
    open_document(client, tests)
    assert list(await diagnostics(client, tests)) == []
    client.diagnostics.pop(uri(tests), None)
    # Unsaved in the editor: `applied` renamed in the policy's buffer only.
    open_document(client, policy, policy.read_text(encoding="utf-8").replace("applied", "pending"))
    assert any(d.code == "unknown-status" for d in await diagnostics(client, tests))


async def test_incremental_changes_are_checked_again(client, workspace):
    path = workspace / "certification.yaml"
    text = open_document(client, path)
    assert list(await diagnostics(client, path)) == []
    start = text.index("to: expired") + 4
    line = text.count("\n", 0, start)
    character = start - (text.rfind("\n", 0, start) + 1)
    for version, (old_length, new_text) in enumerate([(7, "expird"), (6, "expired")], start=2):
        client.diagnostics.pop(uri(path), None)
        client.text_document_did_change(types.DidChangeTextDocumentParams(
            text_document=types.VersionedTextDocumentIdentifier(uri=uri(path), version=version),
            content_changes=[types.TextDocumentContentChangePartial(
                range=types.Range(start=types.Position(line=line, character=character),
                                  end=types.Position(line=line, character=character + old_length)),
                text=new_text)]))
        published = await diagnostics(client, path)
        if new_text == "expird":
            assert [d.code for d in published if d.severity == types.DiagnosticSeverity.Error] == ["unknown-status"]
        else:
            assert list(published) == []
