"""Positions are UTF-16 code units: é (one unit), 𝄞 (two) and 漢 (one, three UTF-8 bytes)
written before a name on the same line — in labels, descriptions and string literals —
move every range exactly as the protocol counts, in diagnostics, quick fixes, hover,
definition, completion and rename."""
import subprocess

from lsprotocol import types

from conftest import STATUTE, apply_edits, check_json, diagnostics, open_document, position, uri, utf16_column

POLICY = """\
statute: 1
name: unicode
roles: {staff: {description: "Équipe 𝄞 漢"}}
settings:
  notice_days: {label: "Délai 𝄞 漢", type: int, default: 3, min: 0}
facts:
  completed_on: {label: "é𝄞漢", type: date?}
derive:
  done: "completed_on != null"
statuses:
  open: {label: "Ouvert é𝄞漢"}
  closed: {label: "Fermé 𝄞", final: true}
events:
  submit: {description: "Envoi é𝄞漢"}
transitions:
  - {id: submit, from: start, to: open, mode: automatic, on: submit}
  - {id: finish, from: open, to: closed, mode: automatic, when: "'é𝄞漢' != '' && done && settings.notice_days >= 0"}
  - {id: cancel, from: "*", to: closed, mode: manual, by: staff}
"""

TESTS = """\
policy: unicode.yaml
today: 2026-03-01
tests:
  - {name: "é𝄞漢 submitting opens", event: submit, expect: {status: open, steps: [submit]}}
  - {name: "é𝄞漢 done closes", status: open, facts: {completed_on: 2026-01-01}, expect: {status: closed}}
"""


def doc(path):
    return types.TextDocumentIdentifier(uri=uri(path))


def write(workspace):
    (workspace / "unicode.yaml").write_text(POLICY, encoding="utf-8")
    (workspace / "unicode.test.yaml").write_text(TESTS, encoding="utf-8")
    for command in (["check", "--strict"], ["test"]):
        run = subprocess.run([STATUTE, *command, str(workspace / "unicode.test.yaml" if command == ["test"]
                                                      else workspace / "unicode.yaml")], capture_output=True, text=True)
        assert run.returncode == 0, run.stdout + run.stderr
    return workspace / "unicode.yaml", workspace / "unicode.test.yaml"


def assert_same_range(got, want, text):
    lines = text.split("\n")
    assert got.start == types.Position(line=want["line"] - 1, character=utf16_column(lines[want["line"] - 1], want["column"]))
    assert got.end == types.Position(line=want["end_line"] - 1,
                                     character=utf16_column(lines[want["end_line"] - 1], want["end_column"]))


async def test_diagnostics_and_quick_fixes_after_non_ascii_text(client, workspace):
    policy, tests = write(workspace)
    cases = [
        (policy, POLICY.replace("&& settings.notice_days", "&& settings.notice_dys"), "settings.notice_days"),
        (policy, POLICY.replace("&& done &&", "&& dones &&"), "done"),
        (tests, TESTS.replace("event: submit", "event: sumbit"), "submit"),
        (tests, TESTS.replace("status: open, facts", "status: openn, facts"), "open"),
    ]
    for path, text, fixed_name in cases:
        path.write_text(text, encoding="utf-8")
        expected = [d for d in check_json(path) if d["severity"] == "error"]
        assert expected, text
        open_document(client, path, text)
        published = [d for d in await diagnostics(client, path) if d.severity == types.DiagnosticSeverity.Error]
        assert [(d.code, d.message) for d in published] == [(d["code"], d["message"]) for d in expected]
        assert_same_range(published[0].range, expected[0], text)
        actions = await client.text_document_code_action_async(types.CodeActionParams(
            text_document=doc(path), range=published[0].range, context=types.CodeActionContext(diagnostics=published)))
        assert actions, f"no quick fix for {expected[0]}"
        assert apply_edits(text, actions[0].edit.changes[uri(path)]) == (POLICY if path == policy else TESTS)
        assert actions[0].edit.changes[uri(path)][0].new_text == fixed_name
        path.write_text(POLICY if path == policy else TESTS, encoding="utf-8")
        client.diagnostics.pop(uri(path), None)
        client.text_document_did_close(types.DidCloseTextDocumentParams(text_document=doc(path)))
        assert list(await diagnostics(client, path)) == []  # cleared on close


async def test_hover_definition_and_completion_after_non_ascii_text(client, workspace):
    policy, tests = write(workspace)
    open_document(client, policy, POLICY)
    line = POLICY.split("\n")[16]
    assert line.startswith("  - {id: finish")
    done = position(POLICY, "&& done &&", 3)
    # 'é𝄞漢' is 5 UTF-16 units but 4 scalars and 10 UTF-8 bytes: a count in any other unit misses `done`.
    assert done.character == len(line[: line.index("&& done") + 3].encode("utf-16-le")) // 2
    hover = await client.text_document_hover_async(types.HoverParams(text_document=doc(policy), position=done))
    assert "**derived value** `done`" in hover.contents.value
    assert hover.range.start == done and hover.range.end.character == done.character + 4

    found = await client.text_document_definition_async(types.DefinitionParams(
        text_document=doc(policy), position=position(POLICY, "settings.notice_days >=", 10)))
    assert found[0].range.start == position(POLICY, "  notice_days:", 2)

    tests_text = open_document(client, tests, TESTS)
    at = position(tests_text, "status: open, facts", 8)
    hover = await client.text_document_hover_async(types.HoverParams(text_document=doc(tests), position=at))
    assert "**status** `open`" in hover.contents.value and hover.range.start == at

    # Typing in the editor: the policy was read before it was half-typed (which does not parse).
    draft = workspace / "draft.yaml"
    open_document(client, draft, POLICY)
    await diagnostics(client, draft)
    typed = POLICY.replace("&& settings.notice_days >= 0\"}", "&& settings.no", 1)
    client.text_document_did_change(types.DidChangeTextDocumentParams(
        text_document=types.VersionedTextDocumentIdentifier(uri=uri(draft), version=2),
        content_changes=[types.TextDocumentContentChangeWholeDocument(text=typed)]))
    end = position(typed, "&& settings.no", len("&& settings.no"))
    result = await client.text_document_completion_async(types.CompletionParams(text_document=doc(draft), position=end))
    items = {i.label: i for i in (result.items if hasattr(result, "items") else result)}
    edit = items["settings.notice_days"].text_edit
    assert edit.range.end == end and edit.range.start.character == end.character - len("settings.no")


async def test_rename_after_non_ascii_text(client, workspace):
    policy, tests = write(workspace)
    for version, (source, needle, offset, new_name) in enumerate([
            (policy, "&& done &&", 3, "finished"),
            (tests, "status: open, facts", 8, "opened"),
            (tests, "event: submit", 7, "send")], start=2):
        # The editor's buffers hold what the last rename wrote.
        policy_text = open_document(client, policy, version=version)
        tests_text = open_document(client, tests, version=version)
        text = policy_text if source == policy else tests_text
        edit = await client.text_document_rename_async(types.RenameParams(
            text_document=doc(source), position=position(text, needle, offset), new_name=new_name))
        policy.write_text(apply_edits(policy_text, edit.changes[uri(policy)]), encoding="utf-8")
        if uri(tests) in edit.changes:
            tests.write_text(apply_edits(tests_text, edit.changes[uri(tests)]), encoding="utf-8")
        for command in (["check", "--strict", str(policy)], ["test", str(tests)]):
            run = subprocess.run([STATUTE, *command], capture_output=True, text=True)
            assert run.returncode == 0, f"after renaming to {new_name}: " + run.stdout + run.stderr
        assert new_name in policy.read_text(encoding="utf-8")
    renamed = tests.read_text(encoding="utf-8")
    assert "é𝄞漢" in renamed and "status: opened" in renamed and "event: send" in renamed
