"""A real LSP client (pytest-lsp) running `statute lsp` as a subprocess, on a copy of the
default policy and its tests in a temporary folder."""
import asyncio
import json
import os
import pathlib
import shutil
import subprocess

import pytest
import pytest_lsp
from lsprotocol import types
from pytest_lsp import ClientServerConfig, LanguageClient

REPOSITORY = pathlib.Path(__file__).resolve().parents[2]
STATUTE = os.environ.get("STATUTE", str(REPOSITORY / ".build" / "debug" / "statute"))


@pytest.fixture
def workspace(tmp_path):
    """A folder with the default policy and its test file."""
    for name in ("certification.yaml", "certification.test.yaml"):
        shutil.copy(REPOSITORY / "policies" / name, tmp_path / name)
    return tmp_path.resolve()


@pytest_lsp.fixture(config=ClientServerConfig(server_command=[STATUTE, "lsp"]))
async def client(lsp_client: LanguageClient, workspace):
    params = types.InitializeParams(
        capabilities=types.ClientCapabilities(),
        root_uri=workspace.as_uri(),
        workspace_folders=[types.WorkspaceFolder(uri=workspace.as_uri(), name="policies")],
    )
    lsp_client.initialize_result = await lsp_client.initialize_session(params)
    yield
    await lsp_client.shutdown_session()
    # `shutdown` then `exit`: the server ends with status 0.
    assert lsp_client._server.returncode == 0


def uri(path):
    return pathlib.Path(path).resolve().as_uri()


def open_document(client, path, text=None, version=1):
    text = pathlib.Path(path).read_text(encoding="utf-8") if text is None else text
    client.diagnostics.pop(uri(path), None)
    client.text_document_did_open(types.DidOpenTextDocumentParams(
        text_document=types.TextDocumentItem(uri=uri(path), language_id="yaml", version=version, text=text)))
    return text


async def diagnostics(client, path, timeout=20):
    """The next diagnostics published for `path` (after the caller cleared the previous ones)."""
    key = uri(path)
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout
    while key not in client.diagnostics:
        remaining = deadline - loop.time()
        assert remaining > 0, f"no diagnostics for {path}"
        try:
            await asyncio.wait_for(client.wait_for_notification("textDocument/publishDiagnostics"), remaining)
        except asyncio.TimeoutError:
            pass
    return client.diagnostics[key]


def check_json(path):
    """`statute check --format json` of a file: what the server's diagnostics must equal."""
    run = subprocess.run([STATUTE, "check", "--format", "json", str(path)], capture_output=True, text=True)
    return json.loads(run.stdout)["diagnostics"]


def utf16_column(line, scalar_column):
    """The protocol's 0-based UTF-16 column of Statute's 1-based scalar column on `line`."""
    return len(line[: scalar_column - 1].encode("utf-16-le")) // 2


def position(text, needle, offset=0):
    """The protocol position of the first `needle` in `text`, plus `offset` characters."""
    index = text.index(needle)
    line = text.count("\n", 0, index)
    start = text.rfind("\n", 0, index) + 1
    return types.Position(line=line, character=len(text[start:index].encode("utf-16-le")) // 2 + offset)


def apply_edits(text, edits):
    """`text` with protocol text edits applied (ranges in UTF-16 units)."""
    lines = text.split("\n")

    def offset(pos):
        before = sum(len(l) + 1 for l in lines[: pos.line])
        units = lines[pos.line].encode("utf-16-le")[: pos.character * 2].decode("utf-16-le")
        return before + len(units)

    for edit in sorted(edits, key=lambda e: (e.range.start.line, e.range.start.character), reverse=True):
        text = text[: offset(edit.range.start)] + edit.new_text + text[offset(edit.range.end):]
        lines = text.split("\n")
    return text
