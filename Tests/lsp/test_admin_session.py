"""An admin's session on the default policy, as an editor would drive it: a misspelt fact
shows `statute check`'s error under it and a quick fix that clears it; hovering a setting
shows its label, default and bounds; renaming a status — from the policy or from the test
file — edits the policy and its test file, which still pass `statute check` and `statute test`."""
import re
import subprocess

from lsprotocol import types

from conftest import STATUTE, apply_edits, check_json, diagnostics, open_document, position, uri, utf16_column


def doc(path):
    return types.TextDocumentIdentifier(uri=uri(path))


def text_in(text, range_):
    """The text a protocol range covers (single line)."""
    line = text.split("\n")[range_.start.line].encode("utf-16-le")
    return line[range_.start.character * 2: range_.end.character * 2].decode("utf-16-le")


def change(client, path, version, edits):
    """Sends `edits` (protocol text edits) as one incremental `didChange`."""
    client.diagnostics.pop(uri(path), None)
    ordered = sorted(edits, key=lambda e: (e.range.start.line, e.range.start.character), reverse=True)
    client.text_document_did_change(types.DidChangeTextDocumentParams(
        text_document=types.VersionedTextDocumentIdentifier(uri=uri(path), version=version),
        content_changes=[types.TextDocumentContentChangePartial(range=e.range, text=e.new_text) for e in ordered]))


async def test_a_misspelt_fact_is_underlined_as_statute_check_says_and_the_quick_fix_clears_it(client, workspace):
    path = workspace / "certification.yaml"
    original = path.read_text(encoding="utf-8")
    text = original.replace("guard: program.require_approval", "guard: program.require_aproval", 1)
    path.write_text(text, encoding="utf-8")
    expected = check_json(path)
    assert [d["code"] for d in expected if d["severity"] == "error"], expected

    open_document(client, path, text)
    published = await diagnostics(client, path)
    lines = text.split("\n")
    assert len(published) == len(expected)
    for got, want in zip(published, expected):
        assert (got.code, got.message) == (want["code"], want["message"])
        assert got.range.start == types.Position(line=want["line"] - 1,
                                                 character=utf16_column(lines[want["line"] - 1], want["column"]))
        assert got.range.end == types.Position(line=want["end_line"] - 1,
                                               character=utf16_column(lines[want["end_line"] - 1], want["end_column"]))
        assert got.data["help"] == want["help"] and "did you mean `program.require_approval`" in want["help"]
    error = published[0]
    # Under the misspelt name itself.
    assert text_in(text, error.range) == "program.require_aproval"

    actions = await client.text_document_code_action_async(types.CodeActionParams(
        text_document=doc(path), range=error.range, context=types.CodeActionContext(diagnostics=[error])))
    fixes = [a for a in actions if a.kind == types.CodeActionKind.QuickFix]
    assert len(fixes) == 1 and fixes[0].is_preferred
    assert fixes[0].title == "Change `program.require_aproval` to `program.require_approval`"
    edits = fixes[0].edit.changes[uri(path)]
    assert apply_edits(text, edits) == original
    # Applied in the editor: the error is gone.
    change(client, path, 2, edits)
    assert list(await diagnostics(client, path)) == []


async def test_hovering_a_setting_shows_its_label_default_and_bounds(client, workspace):
    path = workspace / "certification.yaml"
    text = open_document(client, path)
    for needle, offset in (("at: expiration - days(settings.expiring_notice_days)", 32),  # in an expression
                           ("  expiring_notice_days:\n", 4)):                               # where declared
        hover = await client.text_document_hover_async(types.HoverParams(
            text_document=doc(path), position=position(text, needle, offset)))
        value = hover.contents.value
        assert "**setting** `settings.expiring_notice_days`" in value
        assert "Send 'Certification Expiring' Emails n Days Before Expiration" in value
        assert "Default: `0`" in value and "min 0" in value
        assert text_in(text, hover.range) == "expiring_notice_days"


async def test_renaming_a_status_from_the_test_file_edits_the_policy_too(client, workspace):
    policy, tests = workspace / "certification.yaml", workspace / "certification.test.yaml"
    open_document(client, policy)
    tests_text = open_document(client, tests)
    at = position(tests_text, "status: admin_review", 9)
    prepared = await client.text_document_prepare_rename_async(types.PrepareRenameParams(text_document=doc(tests), position=at))
    assert prepared.placeholder == "admin_review"
    edit = await client.text_document_rename_async(types.RenameParams(text_document=doc(tests), position=at,
                                                                      new_name="under_review"))
    assert set(edit.changes) == {uri(policy), uri(tests)}
    for path in (policy, tests):
        path.write_text(apply_edits(path.read_text(encoding="utf-8"), edit.changes[uri(path)]), encoding="utf-8")
    for path in (policy, tests):
        assert not re.search(r"\badmin_review\b", path.read_text(encoding="utf-8")), path
    assert "  under_review:" in policy.read_text(encoding="utf-8")
    for command in (["check", "--strict"], ["test", "--coverage", "--min-coverage", "100"]):
        run = subprocess.run([STATUTE, *command, str(workspace)], capture_output=True, text=True)
        assert run.returncode == 0, run.stdout + run.stderr


async def test_renaming_with_unsaved_buffers_edits_the_buffers(client, workspace):
    """The editor's unsaved text, not the file on disk, is what a rename's ranges are for."""
    policy, tests = workspace / "certification.yaml", workspace / "certification.test.yaml"
    # Two lines more at the top of the unsaved test file: ranges from the disk would be off.
    tests_text = "# unsaved é𝄞漢\n# notes\n" + tests.read_text(encoding="utf-8")
    open_document(client, tests, tests_text)
    policy_text = open_document(client, policy)
    at = position(policy_text, "  expired:", 3)
    edit = await client.text_document_rename_async(types.RenameParams(text_document=doc(policy), position=at,
                                                                      new_name="lapsed"))
    renamed = apply_edits(tests_text, edit.changes[uri(tests)])
    assert "status: lapsed" in renamed and "status: expired" not in renamed
    assert renamed.startswith("# unsaved é𝄞漢\n# notes\n")
