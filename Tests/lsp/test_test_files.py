"""A policy's test file in the editor: completion of its policy's names, hover, definition
and references between the test file and the policy."""
import re

import pytest
from lsprotocol import types

from conftest import open_document, position, uri


def doc(path):
    return types.TextDocumentIdentifier(uri=uri(path))


HEAD = """\
policy: certification.yaml
today: 2026-03-01
tests:
  - name: a test being written
    facts: {program.require_approval: true}
"""

# (what is being typed as the last line of a test, names that must be offered, names that must not)
COMPLETIONS = [
    ("    status: ", {"applied", "active", "expired", "in_progress"}, {"apply", "staff"}),
    ("    event: ", {"apply"}, {"applied", "staff"}),
    ("    as: ", {"staff", "admin"}, {"apply"}),
    ("    set: ", {"in_progress", "cancelled"}, {"apply"}),
    ("    transition: ", {"apply-with-approval", "expire", "expiring", "cancel"}, {"expired"}),
    ("    expect: {steps: [apply-with-approval, ", {"apply", "expire"}, {"applied"}),
    ("    expect: {status: ", {"applied", "expired"}, {"apply"}),
    ("    expect: {effects: [", {"new_application_email", "issue_certificate"}, {"apply"}),
    ("    expect: {next: {to: ", {"expired", "expiring"}, {"expire"}),
    ("    expect: {next: {transition: ", {"expire", "expiring"}, {"applied"}),
    ("    expect: {outcome: ", {"changed", "unchanged", "ignored", "rejected"}, set()),
    ("    facts: {components.completed: 1, ", {"program.require_approval", "components.required", "completed_on"},
     {"expiration", "applied"}),
    ("    settings: {", {"expiring_notice_days"}, {"program.require_approval"}),
    ("    ", {"name", "status", "event", "facts", "settings", "expect", "as", "set", "transition"}, {"statuses"}),
]


@pytest.mark.parametrize("line,wanted,unwanted", COMPLETIONS, ids=[c[0].strip() for c in COMPLETIONS])
async def test_completion_in_a_test_file(client, workspace, line, wanted, unwanted):
    path = workspace / "draft.test.yaml"
    text = HEAD + line
    open_document(client, path, text)
    result = await client.text_document_completion_async(types.CompletionParams(
        text_document=doc(path), position=types.Position(line=text.count("\n"), character=len(line))))
    items = result.items if hasattr(result, "items") else result
    labels = {item.label for item in items}
    assert wanted <= labels, f"missing {wanted - labels}"
    assert not (unwanted & labels), f"unexpected {unwanted & labels}"


async def test_completion_in_a_test_file_replaces_the_word_typed(client, workspace):
    path = workspace / "draft.test.yaml"
    line = "    expect: {steps: [apply-wi"
    text = HEAD + line
    open_document(client, path, text)
    at = types.Position(line=text.count("\n"), character=len(line))
    result = await client.text_document_completion_async(types.CompletionParams(text_document=doc(path), position=at))
    items = {item.label: item for item in (result.items if hasattr(result, "items") else result)}
    edit = items["apply-with-approval"].text_edit
    assert edit.range.start == types.Position(line=at.line, character=len(line) - len("apply-wi"))
    assert edit.range.end == at


async def test_hover_in_a_test_file_describes_the_policys_names(client, workspace):
    open_document(client, workspace / "certification.yaml")
    path = workspace / "certification.test.yaml"
    text = open_document(client, path)

    async def hover(needle, offset):
        result = await client.text_document_hover_async(types.HoverParams(
            text_document=doc(path), position=position(text, needle, offset)))
        return result.contents.value

    assert "**status** `applied`" in await hover("status: applied", 9)
    assert "**event** `apply`" in await hover("event: apply", 8)
    assert "**role** `staff`" in await hover("as: staff", 5)
    assert "**transition** `expire`" in await hover("next: {transition: expire,", 21)
    assert "Require approval" in await hover("facts: {program.require_approval: true}", 10)
    assert "**effect** `issue_certificate`" in await hover("effects: [issue_certificate]", 12)


# (needle in the test file, offset, needle of the declaration in the policy, offset)
DEFINITIONS = [
    ("status: applied", 9, "  applied:\n", 2),
    ("event: apply", 8, "  apply:\n", 2),
    ("as: staff", 5, "  staff:\n", 2),
    ("steps: [apply-with-approval]", 9, "id: apply-with-approval", 4),
    ("next: {transition: expire,", 20, "id: expire\n", 4),
    ("facts: {program.require_approval: true}", 10, "  program.require_approval:\n", 2),
    ("effects: [issue_certificate]", 12, "  issue_certificate:", 2),
]


@pytest.mark.parametrize("needle,offset,declaration,declaration_offset", DEFINITIONS, ids=[d[0] for d in DEFINITIONS])
async def test_definition_from_the_test_file(client, workspace, needle, offset, declaration, declaration_offset):
    policy, tests = workspace / "certification.yaml", workspace / "certification.test.yaml"
    policy_text = policy.read_text(encoding="utf-8")
    tests_text = open_document(client, tests)
    found = await client.text_document_definition_async(types.DefinitionParams(
        text_document=doc(tests), position=position(tests_text, needle, offset)))
    assert len(found) == 1 and found[0].uri == uri(policy)
    assert found[0].range.start == position(policy_text, declaration, declaration_offset)


async def test_references_from_the_test_file_reach_the_policy_and_every_test(client, workspace):
    policy, tests = workspace / "certification.yaml", workspace / "certification.test.yaml"
    tests_text = open_document(client, tests)
    policy_text = policy.read_text(encoding="utf-8")
    references = await client.text_document_references_async(types.ReferenceParams(
        text_document=doc(tests), position=position(tests_text, "steps: [expire]", 8),
        context=types.ReferenceContext(include_declaration=True)))
    in_tests = [r for r in references if r.uri == uri(tests)]
    in_policy = [r for r in references if r.uri == uri(policy)]
    # `expire` as a transition id: the declaration in the policy, every `expire` step and
    # `transition: expire` in the tests (not the status `expired`, not the event).
    assert [r.range.start for r in in_policy] == [position(policy_text, "id: expire\n", 4)]
    written = []
    for match in re.finditer(r"(?<![\w-])expire(?![\w-])", tests_text):
        if tests_text.rfind("name:", tests_text.rfind("\n", 0, match.start()), match.start()) >= 0:
            continue  # in a test's name: prose, not the transition
        line_start = tests_text.rfind("\n", 0, match.start()) + 1
        written.append((tests_text.count("\n", 0, match.start()),
                        len(tests_text[line_start:match.start()].encode("utf-16-le")) // 2))
    assert sorted((r.range.start.line, r.range.start.character) for r in in_tests) == written
    without = await client.text_document_references_async(types.ReferenceParams(
        text_document=doc(tests), position=position(tests_text, "steps: [expire]", 8),
        context=types.ReferenceContext(include_declaration=False)))
    assert len(without) == len(references) - 1
