"""Hover, definition, references, completion, quick fixes, outline and rename through a real client."""
import subprocess

import pytest

from lsprotocol import types

from conftest import STATUTE, apply_edits, diagnostics, open_document, position, uri


def doc(path):
    return types.TextDocumentIdentifier(uri=uri(path))


async def test_capabilities(client):
    capabilities = client.initialize_result.capabilities
    assert capabilities.hover_provider and capabilities.definition_provider and capabilities.references_provider
    assert capabilities.document_symbol_provider and capabilities.completion_provider
    assert capabilities.code_action_provider and capabilities.rename_provider.prepare_provider
    assert capabilities.text_document_sync.change == types.TextDocumentSyncKind.Incremental


async def test_hover(client, workspace):
    path = workspace / "certification.yaml"
    text = open_document(client, path)

    async def hover(needle, offset):
        result = await client.text_document_hover_async(types.HoverParams(
            text_document=doc(path), position=position(text, needle, offset)))
        return result.contents.value if result else ""

    status = await hover("to: expiring", 6)
    assert "**status** `expiring`" in status and "Set automatically" in status
    setting = await hover("settings.expiring_notice_days", 12)
    assert "Send 'Certification Expiring' Emails n Days Before Expiration" in setting and "Default: `0`" in setting
    assert "months(n: int) -> period" in await hover("months(", 2)
    assert "must hold" in await hover("    guard:", 6)
    assert "Require approval" in await hover("guard: program.require_approval", 12)
    assert "**event** `apply`" in await hover("on: apply", 5)
    assert "**role** `staff`" in await hover("by: staff", 5)


async def test_definition_and_references_across_the_test_file(client, workspace):
    policy, tests = workspace / "certification.yaml", workspace / "certification.test.yaml"
    policy_text = open_document(client, policy)
    tests_text = open_document(client, tests)
    found = await client.text_document_definition_async(types.DefinitionParams(
        text_document=doc(tests), position=position(tests_text, "status: applied", 9)))
    assert found[0].uri == uri(policy)
    assert found[0].range.start == position(policy_text, "  applied:", 2)

    found = await client.text_document_definition_async(types.DefinitionParams(
        text_document=doc(policy), position=position(policy_text, "settings.expiring_notice_days", 12)))
    assert found[0].range.start == position(policy_text, "  expiring_notice_days:", 2)

    references = await client.text_document_references_async(types.ReferenceParams(
        text_document=doc(policy), position=position(policy_text, "  applied:", 3),
        context=types.ReferenceContext(include_declaration=True)))
    places = {r.uri for r in references}
    assert places == {uri(policy), uri(tests)}
    assert len(references) >= 4


async def test_completion(client, workspace):
    path = workspace / "draft.yaml"
    head = (workspace / "certification.yaml").read_text(encoding="utf-8").split("transitions:")[0]
    head += "transitions:\n  - id: x\n"
    line = head.count("\n")

    async def labels(tail):
        open_document(client, path, head + tail)
        result = await client.text_document_completion_async(types.CompletionParams(
            text_document=doc(path), position=types.Position(line=line, character=len(tail))))
        items = result.items if hasattr(result, "items") else result
        return {item.label for item in items}

    assert "expired" in await labels("    to: exp")
    assert {"start", "*", "active"} <= await labels("    from: [active, ")
    assert "staff" in await labels("    by: ")
    assert "apply" in await labels("    on: ")
    assert "issue_certificate" in await labels("    effects: [")
    assert {"settings.expiring_notice_days", "program.require_approval", "expiration", "days_between", "today"} \
        <= await labels("    when: settings.")
    assert {"guard", "when", "effects"} <= await labels("    gu")


async def test_quick_fix_for_did_you_mean(client, workspace):
    path = workspace / "certification.yaml"
    text = path.read_text(encoding="utf-8").replace("guard: program.require_approval", "guard: program.require_aproval", 1)
    open_document(client, path, text)
    broken = [d for d in await diagnostics(client, path) if d.code in ("unknown-name", "unknown-fact")]
    assert broken
    actions = await client.text_document_code_action_async(types.CodeActionParams(
        text_document=doc(path), range=broken[0].range, context=types.CodeActionContext(diagnostics=broken)))
    assert actions and actions[0].kind == types.CodeActionKind.QuickFix
    fixed = apply_edits(text, actions[0].edit.changes[uri(path)])
    assert fixed == path.read_text(encoding="utf-8")


async def test_outline(client, workspace):
    path = workspace / "certification.yaml"
    open_document(client, path)
    symbols = await client.text_document_document_symbol_async(types.DocumentSymbolParams(text_document=doc(path)))
    groups = {s.name: [c.name for c in s.children] for s in symbols}
    assert set(groups) == {"statuses", "transitions", "facts", "settings", "derive", "events", "effects", "roles"}
    assert "admin_review" in groups["statuses"] and "apply-with-approval" in groups["transitions"]
    tests = workspace / "certification.test.yaml"
    open_document(client, tests)
    symbols = await client.text_document_document_symbol_async(types.DocumentSymbolParams(text_document=doc(tests)))
    assert len(symbols) > 10


async def rename_everywhere(client, workspace, needle, offset, new_name):
    policy, tests = workspace / "certification.yaml", workspace / "certification.test.yaml"
    text = open_document(client, policy)
    at = position(text, needle, offset)
    prepared = await client.text_document_prepare_rename_async(types.PrepareRenameParams(text_document=doc(policy), position=at))
    assert prepared is not None
    edit = await client.text_document_rename_async(types.RenameParams(text_document=doc(policy), position=at, new_name=new_name))
    assert set(edit.changes) == {uri(policy), uri(tests)}
    for path in (policy, tests):
        path.write_text(apply_edits(path.read_text(encoding="utf-8"), edit.changes[uri(path)]), encoding="utf-8")
    # The renamed policy and its tests still pass `statute check` and `statute test`.
    for command in (["check", "--strict"], ["test"]):
        run = subprocess.run([STATUTE, *command, str(workspace)], capture_output=True, text=True)
        assert run.returncode == 0, run.stdout + run.stderr
    return policy.read_text(encoding="utf-8"), tests.read_text(encoding="utf-8")


async def test_rename_a_status(client, workspace):
    policy, tests = await rename_everywhere(client, workspace, "  applied:", 3, "pending_approval")
    assert "  pending_approval:" in policy and "to: applied" not in policy and "from: applied" not in policy
    assert "status: pending_approval" in tests and "status: applied" not in tests


async def test_rename_a_transition_id(client, workspace):
    policy, tests = await rename_everywhere(client, workspace, "id: apply-with-approval", 5, "apply-for-approval")
    assert "apply-with-approval" not in tests and "apply-for-approval" in tests


async def test_rename_a_setting_and_a_fact(client, workspace):
    policy, tests = await rename_everywhere(client, workspace, "settings.expiring_notice_days", 12, "notice_days")
    assert "settings.notice_days" in policy and "settings.expiring_notice_days" not in policy
    assert "expiring_notice_days:" not in tests and "notice_days:" in tests
    policy, tests = await rename_everywhere(client, workspace, "  program.require_approval:", 4, "program.needs_approval")
    assert "program.require_approval" not in tests and "program.needs_approval" in tests


async def test_rename_refuses_a_bad_or_taken_name(client, workspace):
    path = workspace / "certification.yaml"
    text = open_document(client, path)
    for name in ("active", "Not An Id"):
        with pytest.raises(Exception, match="already declares|not a valid"):
            await client.text_document_rename_async(types.RenameParams(
                text_document=doc(path), position=position(text, "  applied:", 3), new_name=name))
