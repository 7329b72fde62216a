"""The protocol itself, spoken by hand over the server's stdin and stdout: malformed
messages get JSON-RPC errors and the server goes on; hostile text never stops it;
`shutdown` then `exit` ends it with status 0, `exit` alone with 1."""
import json
import subprocess
import threading

import pytest
from lsprotocol import types

from conftest import STATUTE, diagnostics, open_document, uri


class RawSession:
    def __init__(self):
        self.process = subprocess.Popen([STATUTE, "lsp"], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                        stderr=subprocess.PIPE)
        # A hang fails the test instead of stopping the suite: the server is killed, its
        # output ends, and the read waiting for it fails.
        self.watchdog = threading.Timer(90, self.process.kill)
        self.watchdog.daemon = True
        self.watchdog.start()

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


def test_requests_before_initialize_are_refused_and_notifications_dropped():
    raw = RawSession()
    try:
        raw.send({"jsonrpc": "2.0", "id": 1, "method": "textDocument/hover",
                  "params": {"textDocument": {"uri": "file:///x.yaml"}, "position": {"line": 0, "character": 0}}})
        assert raw.response(1)["error"]["code"] == -32002
        raw.send({"jsonrpc": "2.0", "id": 2, "method": "shutdown"})
        assert raw.response(2)["error"]["code"] == -32002
        # A document opened before `initialize` is not kept, and gets no diagnostics.
        raw.send({"jsonrpc": "2.0", "method": "textDocument/didOpen", "params": {"textDocument": {
            "uri": "file:///nowhere/early.yaml", "languageId": "yaml", "version": 1, "text": "statute: 1\n"}}})
        raw.send({"jsonrpc": "2.0", "id": 3, "method": "initialize", "params": {"capabilities": {}}})
        assert "capabilities" in raw.response(3)["result"]
        raw.send({"jsonrpc": "2.0", "id": 4, "method": "initialize", "params": {"capabilities": {}}})
        assert raw.response(4)["error"]["code"] == -32600
        raw.send({"jsonrpc": "2.0", "id": 5, "method": "textDocument/documentSymbol",
                  "params": {"textDocument": {"uri": "file:///nowhere/early.yaml"}}})
        assert raw.response(5)["error"]["code"] == -32602
        raw.send({"jsonrpc": "2.0", "id": 6, "method": "shutdown"})
        assert raw.response(6)["result"] is None
        raw.send({"jsonrpc": "2.0", "id": 7, "method": "textDocument/hover", "params": {}})
        assert raw.response(7)["error"]["code"] == -32600
        raw.send({"jsonrpc": "2.0", "method": "exit"})
        assert raw.process.wait(timeout=20) == 0
    finally:
        if raw.process.poll() is None:
            raw.process.kill()


def alive(session, ident):
    """The server still answers: a request that needs a round trip."""
    session.send({"jsonrpc": "2.0", "id": ident, "method": "textDocument/documentSymbol",
                  "params": {"textDocument": {"uri": "file:///not/open.yaml"}}})
    return session.response(ident)["error"]["code"] == -32602


def test_a_wrong_content_length_is_an_error_and_the_server_resynchronises(session):
    body = json.dumps({"jsonrpc": "2.0", "id": 1, "method": "no/such/method"}).encode()
    # Too short: the body is cut; what follows it is skipped up to the next header.
    session.write(b"Content-Length: %d\r\n\r\n" % (len(body) - 10) + body)
    assert session.read()["error"]["code"] == -32700
    assert alive(session, 2)
    # Too long: the next message's start is read as this body's end.
    session.write(b"Content-Length: %d\r\n\r\n" % (len(body) + 30) + body)
    session.send({"jsonrpc": "2.0", "id": 3, "method": "no/such/method"})
    session.send({"jsonrpc": "2.0", "id": 4, "method": "no/such/method"})
    assert session.response(4)["error"]["code"] == -32601
    assert alive(session, 5)
    for header in (b"Content-Length: -5\r\n\r\n", b"Content-Length: 0x10\r\n\r\n", b"Content-Length: 1\r\nContent-Length: 2\r\n\r\n",
                   b"Content-Length: 99999999999999999999999\r\n\r\n", b"\xff\xfe\x00: \x80\r\n\r\n", b"garbage\n\n"):
        session.write(header)
        assert session.read()["error"]["code"] == -32700, header
    assert alive(session, 6)


def test_an_announced_body_too_large_is_refused_at_once(session):
    session.write(b"Content-Length: 999999999\r\n\r\n")
    reply = session.read()
    assert reply["error"]["code"] == -32700 and "larger than" in reply["error"]["message"]
    session.process.stdin.close()
    assert session.process.wait(timeout=20) == 1


def test_huge_headers_get_one_error_each_and_the_server_goes_on(session):
    session.write(b"X-Padding: " + b"a" * 2_000_000 + b"\r\n\r\n")
    session.write(b"".join(b"X-Header-%d: x\r\n" % i for i in range(100_000)) + b"\r\n")
    session.send({"jsonrpc": "2.0", "id": 1, "method": "shutdown"})
    errors = []
    while (message := session.read()).get("id") != 1:
        errors.append(message["error"])
    assert [e["code"] for e in errors] == [-32700, -32700] and all("header" in e["message"] for e in errors)
    assert message["result"] is None


def test_unknown_methods_and_notifications(session):
    session.send({"jsonrpc": "2.0", "method": "$/unknownNotification", "params": {"x": 1}})
    session.send({"jsonrpc": "2.0", "method": "workspace/somethingNew"})
    session.send({"jsonrpc": "2.0", "id": "text-id", "method": "$/unknownRequest"})
    assert session.read() == {"jsonrpc": "2.0", "id": "text-id",
                              "error": {"code": -32601, "message": "method not found: $/unknownRequest"}}
    session.send({"jsonrpc": "2.0", "id": 1.5, "method": "x"})
    assert session.read()["error"]["code"] == -32600
    session.write(b'Content-Length: 41\r\n\r\n{"jsonrpc":"2.0","id":1e400,"method":"x"}')
    assert session.read() == {"jsonrpc": "2.0", "id": None,
                              "error": {"code": -32600, "message": "invalid request: `id` must be a number or a string"}}
    session.send({"jsonrpc": "2.0", "id": 9, "method": 42})
    assert session.read()["error"]["code"] == -32600


def test_changes_with_ranges_out_of_bounds_are_clamped(session):
    document = "file:///nowhere/x.yaml"
    session.send({"jsonrpc": "2.0", "method": "textDocument/didOpen", "params": {"textDocument": {
        "uri": document, "languageId": "yaml", "version": 1, "text": "statute: 1\nname: x\n"}}})
    assert session.read()["params"]["version"] == 1
    weird = [
        {"start": {"line": 1_000_000, "character": 0}, "end": {"line": 2_000_000, "character": 5}},
        {"start": {"line": -4, "character": -9}, "end": {"line": 0, "character": 3}},
        {"start": {"line": 1, "character": 400}, "end": {"line": 0, "character": 0}},   # end before start
        {"start": {"line": 9_007_199_254_740_991, "character": 9_007_199_254_740_991},
         "end": {"line": 9_007_199_254_740_991, "character": 9_007_199_254_740_991}},
        {"start": {"line": 0, "character": 1.5}, "end": {"line": 0, "character": 2}},   # not a position
        {"start": {"line": 0}, "end": {}},
    ]
    for version, range_ in enumerate(weird, start=2):
        session.send({"jsonrpc": "2.0", "method": "textDocument/didChange", "params": {
            "textDocument": {"uri": document, "version": version},
            "contentChanges": [{"range": range_, "text": "é𝄞漢\n"}, {"text": 3}, "x", None]}})
        published = session.read()
        assert published["method"] == "textDocument/publishDiagnostics" and published["params"]["version"] == version
    for ident, line in enumerate((-1, 1 << 40, 3), start=10):
        for method in ("textDocument/hover", "textDocument/completion", "textDocument/definition",
                       "textDocument/references", "textDocument/prepareRename", "textDocument/codeAction"):
            at = {"line": line, "character": -line}
            session.send({"jsonrpc": "2.0", "id": ident, "method": method, "params": {
                "textDocument": {"uri": document}, "position": at, "range": {"start": at, "end": at},
                "context": {"diagnostics": []}}})
            assert "result" in session.response(ident), method
    # A change to a document that is not open is ignored.
    session.send({"jsonrpc": "2.0", "method": "textDocument/didChange", "params": {
        "textDocument": {"uri": "file:///never/opened.yaml", "version": 2}, "contentChanges": [{"text": "x"}]}})
    assert alive(session, 20)


def test_the_end_of_input_inside_a_message_ends_the_server(session):
    session.write(b"Content-Length: 100\r\n\r\n{\"jsonrpc\":")
    session.process.stdin.close()
    assert session.read()["error"]["code"] == -32700
    assert session.process.wait(timeout=20) == 1
