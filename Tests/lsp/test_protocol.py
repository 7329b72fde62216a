"""The protocol itself, spoken by hand over the server's stdin and stdout: malformed
messages get JSON-RPC errors and the server goes on; hostile text never stops it;
`shutdown` then `exit` ends it with status 0, `exit` alone with 1."""
import json
import subprocess

import pytest
from lsprotocol import types

from conftest import STATUTE, diagnostics, open_document, uri


class RawSession:
    def __init__(self):
        self.process = subprocess.Popen([STATUTE, "lsp"], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                        stderr=subprocess.PIPE)

    def write(self, data: bytes):
        self.process.stdin.write(data)
        self.process.stdin.flush()

    def send(self, message):
        body = json.dumps(message).encode()
        self.write(b"Content-Length: %d\r\n\r\n" % len(body) + body)

    def read(self):
        length = None
        while True:
            line = self.process.stdout.readline()
            assert line, "the server closed its output"
            if line in (b"\r\n", b"\n"):
                break
            name, _, value = line.decode().partition(":")
            if name.lower() == "content-length":
                length = int(value)
        return json.loads(self.process.stdout.read(length))

    def response(self, id):
        while True:
            message = self.read()
            if message.get("id") == id and "method" not in message:
                return message

    def finish(self, timeout=20):
        self.process.stdin.close()
        return self.process.wait(timeout=timeout)


@pytest.fixture
def session():
    raw = RawSession()
    raw.send({"jsonrpc": "2.0", "id": 0, "method": "initialize", "params": {"capabilities": {}}})
    assert "capabilities" in raw.response(0)["result"]
    raw.send({"jsonrpc": "2.0", "method": "initialized", "params": {}})
    yield raw
    if raw.process.poll() is None:
        raw.process.kill()
        raw.process.wait()


def test_malformed_messages_get_errors_and_the_server_goes_on(session):
    for body in (b"{", b"[]", b"42", b'{"jsonrpc":"2.0","id":{},"method":"x"}', b"\xff\xfe not json"):
        session.write(b"Content-Length: %d\r\n\r\n" % len(body) + body)
        assert session.read()["error"]["code"] in (-32700, -32600)
    session.write(b"Content-Type: nothing\r\n\r\n")
    assert session.read()["error"]["code"] == -32700
    session.send({"jsonrpc": "2.0", "id": 7, "method": "no/such/method"})
    assert session.response(7)["error"]["code"] == -32601
    session.send({"jsonrpc": "2.0", "id": 8, "method": "textDocument/hover", "params": {"textDocument": 3}})
    assert session.response(8)["error"]["code"] == -32602
    session.send({"jsonrpc": "2.0", "id": 9, "method": "shutdown"})
    assert session.response(9)["result"] is None
    session.send({"jsonrpc": "2.0", "method": "exit"})
    assert session.process.wait(timeout=20) == 0
    assert session.process.stderr.read() == b""


def test_exit_without_shutdown_is_status_one(session):
    session.send({"jsonrpc": "2.0", "method": "exit"})
    assert session.process.wait(timeout=20) == 1


def test_only_protocol_messages_on_stdout(session):
    session.send({"jsonrpc": "2.0", "method": "textDocument/didOpen", "params": {"textDocument": {
        "uri": "file:///nowhere/x.yaml", "languageId": "yaml", "version": 1, "text": "statute: 1\nname: [\n"}}})
    published = session.read()
    assert published["method"] == "textDocument/publishDiagnostics"
    session.send({"jsonrpc": "2.0", "id": 1, "method": "shutdown"})
    session.response(1)
    session.send({"jsonrpc": "2.0", "method": "exit"})
    assert session.finish() == 0
    assert session.process.stdout.read() == b""


HOSTILE = [
    "",
    "\x00\x01\x7f\x1b[31m\u0085 control characters",
    "statute: 1\nname: [",
    "- " * 20000,
    "statute: 1\ntransitions:\n  - when: \"" + "(" * 5000 + "\"",
    "a: &a [*a, *a]\nb: &b [*a, *a, *a]\nc: [*b, *b, *b, *b]",
    "statute: 1\n\ufeffname: é𝄞漢\r\n\r\x00",
    "tests:\n  - {name: x, status: [}",
    "statute: 1\n" + "x" * 200000,
    "statute: 1\nstatuses:\n" + "".join(f"  s{i}: {{}}\n" for i in range(3000)),
]


@pytest.mark.parametrize("text", HOSTILE, ids=[f"hostile-{i}" for i in range(len(HOSTILE))])
async def test_hostile_text(client, workspace, text):
    path = workspace / "hostile.yaml"
    open_document(client, path, text)
    await diagnostics(client, path)
    for line in range(3):
        for character in (0, 1, 7, 500):
            at = types.Position(line=line, character=character)
            ident = types.TextDocumentIdentifier(uri=uri(path))
            await client.text_document_hover_async(types.HoverParams(text_document=ident, position=at))
            await client.text_document_completion_async(types.CompletionParams(text_document=ident, position=at))
            await client.text_document_definition_async(types.DefinitionParams(text_document=ident, position=at))
            await client.text_document_prepare_rename_async(types.PrepareRenameParams(text_document=ident, position=at))
    symbols = await client.text_document_document_symbol_async(
        types.DocumentSymbolParams(text_document=types.TextDocumentIdentifier(uri=uri(path))))
    assert symbols is not None
