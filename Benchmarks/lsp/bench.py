#!/usr/bin/env python3
"""Language-server benchmark: drives the real `statute lsp` binary over its standard input
and output, as an editor does, and prints how long the answers take.

  diagnostics  an edit of a generated 2,000-status policy (a status name in a `to:`
               misspelt, then put back): from sending `didChange` to receiving the
               `publishDiagnostics` of that version (the server's debounce included)
  hover        on the default policy, on a status, a setting, a fact, a function and a key
  completion   on the default policy, in an expression, a `to:`, a `by:` and a key

Wall-clock mode (default) prints the median, p95, min and max of each measure, and the
same for `statute check` of the 2,000-status file as a whole process (the reference: what
the editor shows is what it would print). Callgrind mode (`--callgrind`) runs the server
under `valgrind --tool=callgrind` twice, with K and with 2K operations, and prints the
instructions of one operation (the difference over K): repeatable on a loaded machine.

Usage (from the repository root; `make benchmark-lsp` builds `statute`, generates the policy
with Benchmarks/lsp/generate and runs this):
  python3 Benchmarks/lsp/bench.py --large /tmp/d2000.yaml [--statute .build/release/statute]
  python3 Benchmarks/lsp/bench.py --large /tmp/d2000.yaml --callgrind
"""
import argparse
import json
import os
import pathlib
import queue
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time

REPOSITORY = pathlib.Path(__file__).resolve().parents[2]
POLICY = REPOSITORY / "policies" / "certification.yaml"


class Server:
    """`statute lsp` as a subprocess, spoken to by hand: requests, notifications, and a
    reader thread that hands every incoming message to a queue."""

    def __init__(self, command, root):
        self.process = subprocess.Popen(command, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                        stderr=subprocess.DEVNULL)
        self.incoming = queue.Queue()
        self.next_id = 0
        threading.Thread(target=self._read, daemon=True).start()
        self.request("initialize", {"processId": os.getpid(), "rootUri": root.as_uri(), "capabilities": {},
                                    "workspaceFolders": [{"uri": root.as_uri(), "name": "bench"}]})
        self.notify("initialized", {})

    def _read(self):
        stream = self.process.stdout
        while True:
            length = None
            while True:
                line = stream.readline()
                if not line:
                    self.incoming.put(None)
                    return
                if line in (b"\r\n", b"\n"):
                    break
                name, _, value = line.decode("ascii").partition(":")
                if name.strip().lower() == "content-length":
                    length = int(value)
            self.incoming.put(json.loads(stream.read(length)))

    def _write(self, message):
        body = json.dumps(message).encode("utf-8")
        self.process.stdin.write(b"Content-Length: %d\r\n\r\n" % len(body) + body)
        self.process.stdin.flush()

    def notify(self, method, params):
        self._write({"jsonrpc": "2.0", "method": method, "params": params})

    def wait_for(self, predicate, timeout=3600):
        deadline = time.monotonic() + timeout
        while True:
            message = self.incoming.get(timeout=max(deadline - time.monotonic(), 0.001))
            if message is None:
                raise RuntimeError("the server ended")
            if predicate(message):
                return message

    def request(self, method, params):
        self.next_id += 1
        ident = self.next_id
        self._write({"jsonrpc": "2.0", "id": ident, "method": method, "params": params})
        answer = self.wait_for(lambda m: m.get("id") == ident and "method" not in m)
        if "error" in answer:
            raise RuntimeError(f"{method}: {answer['error']}")
        return answer["result"]

    def diagnostics(self, uri, version):
        return self.wait_for(lambda m: m.get("method") == "textDocument/publishDiagnostics"
                             and m["params"]["uri"] == uri and m["params"].get("version") == version)["params"]

    def open(self, path, text):
        uri = path.as_uri()
        self.notify("textDocument/didOpen", {"textDocument": {"uri": uri, "languageId": "yaml", "version": 1, "text": text}})
        self.diagnostics(uri, 1)
        return uri

    def close(self):
        self.request("shutdown", None)
        self.notify("exit", None)
        status = self.process.wait(timeout=3600)
        if status != 0:
            raise RuntimeError(f"the server ended with status {status}")


def position(text, needle, offset):
    """The protocol position of the first `needle` in `text`, `offset` UTF-16 units in."""
    index = text.index(needle)
    line = text.count("\n", 0, index)
    start = text.rfind("\n", 0, index) + 1
    return {"line": line, "character": len(text[start:index].encode("utf-16-le")) // 2 + offset}


# Where hover and completion are asked on the default policy: (what, needle, offset).
HOVERS = [
    ("status", "to: expiring", 6),
    ("setting", "settings.expiring_notice_days", 12),
    ("fact", "guard: program.require_approval", 12),
    ("function", "months(", 2),
    ("key", "    guard:", 6),
]
COMPLETIONS = [
    ("expression", "at: expiration - days(settings.expiring_notice_days)", 4),
    ("to: status", "to: expiring", 4),
    ("by: role", "by: staff", 4),
    ("key", "    guard: program.require_approval", 4),
]


def edit_location(text):
    """A `to: sN` line of the generated policy near its middle: (position, the name's length)."""
    middle = len(text) // 2
    found = re.compile(r"\n    to: (s\d+)\n").search(text, middle)
    start = found.start(1)
    line = text.count("\n", 0, start)
    column = start - (text.rfind("\n", 0, start) + 1)
    return {"line": line, "character": column}, found.group(1)


def edits(server, uri, text, count):
    """`count` edits, each waited for: the status name misspelt, then put back. Returns the
    seconds from each `didChange` to its diagnostics, and their error counts."""
    at, name = edit_location(text)
    seconds, errors = [], []
    for version in range(2, count + 2):
        old, new = (name, name + "x") if version % 2 == 0 else (name + "x", name)
        change = {"range": {"start": at, "end": {"line": at["line"], "character": at["character"] + len(old)}}, "text": new}
        began = time.perf_counter()
        server.notify("textDocument/didChange", {"textDocument": {"uri": uri, "version": version}, "contentChanges": [change]})
        published = server.diagnostics(uri, version)
        seconds.append(time.perf_counter() - began)
        errors.append(sum(1 for d in published["diagnostics"] if d["severity"] == 1))
    return seconds, errors


def requests(server, uri, text, method, places, count):
    """`count` rounds of `method` at each place; seconds per answer, by place."""
    seconds = {what: [] for what, _, _ in places}
    for _ in range(count):
        for what, needle, offset in places:
            params = {"textDocument": {"uri": uri}, "position": position(text, needle, offset)}
            began = time.perf_counter()
            result = server.request(method, params)
            seconds[what].append(time.perf_counter() - began)
            if not result or (method == "textDocument/completion" and not result["items"]):
                raise RuntimeError(f"{method} at {what}: no answer")
    return seconds


def row(label, samples, unit=1000.0, suffix="ms"):
    ordered = sorted(samples)
    p95 = ordered[min(len(ordered) - 1, int(round(0.95 * (len(ordered) - 1))))]
    fmt = lambda s: f"{s * unit:.1f}"
    print(f"| {label} | {fmt(statistics.median(ordered))} {suffix} | {fmt(p95)} {suffix} | "
          f"{fmt(ordered[0])}–{fmt(ordered[-1])} {suffix} | {len(ordered)} |")


def workspace(large):
    folder = pathlib.Path(tempfile.mkdtemp(prefix="statute-lsp-bench-")).resolve()
    for name in ("certification.yaml", "certification.test.yaml"):
        shutil.copy(REPOSITORY / "policies" / name, folder / name)
    shutil.copy(large, folder / "large.yaml")
    return folder


def wall_clock(statute, large, rounds, edit_count):
    folder = workspace(large)
    large_text = (folder / "large.yaml").read_text(encoding="utf-8")
    policy_text = POLICY.read_text(encoding="utf-8")
    statuses = large_text.count("\n    label: Status ")
    print(f"statute lsp: {statute}; {statuses:,}-status policy of {len(large_text.encode()) / 1e6:.2f} MB; "
          f"{os.cpu_count()} cores; load average {os.getloadavg()[0]:.2f}")
    print()
    print("| measure | median | p95 | min–max | n |")
    print("| --- | --- | --- | --- | --- |")

    server = Server([statute, "lsp"], folder)
    began = time.perf_counter()
    uri = server.open(folder / "large.yaml", large_text)
    row("diagnostics after opening the 2,000-status policy", [time.perf_counter() - began])
    seconds, errors = edits(server, uri, large_text, edit_count)
    if errors[0] < 1 or errors[1] != 0:
        raise RuntimeError(f"the edits did not give the expected diagnostics: {errors[:2]} errors")
    row("diagnostics after an edit, 2,000 statuses (debounce 0.15 s included)", seconds)
    server.close()

    checks = []
    for _ in range(max(3, edit_count // 4)):
        began = time.perf_counter()
        subprocess.run([statute, "check", str(folder / "large.yaml")], stdout=subprocess.DEVNULL, check=False)
        checks.append(time.perf_counter() - began)
    row("reference: `statute check` of the same file, whole process", checks)

    server = Server([statute, "lsp"], folder)
    uri = server.open(folder / "certification.yaml", policy_text)
    for what, samples in requests(server, uri, policy_text, "textDocument/hover", HOVERS, rounds).items():
        row(f"hover on a {what}, default policy", samples)
    for what, samples in requests(server, uri, policy_text, "textDocument/completion", COMPLETIONS, rounds).items():
        row(f"completion in {'an' if what[0] in 'aeiou' else 'a'} {what}, default policy", samples)
    server.close()
    shutil.rmtree(folder)


def callgrind_session(statute, folder, work):
    """Runs `work(server)` on a server under callgrind; returns its instruction count."""
    out = folder / "callgrind.out"
    server = Server(["valgrind", "--tool=callgrind", f"--callgrind-out-file={out}", statute, "lsp"], folder)
    work(server)
    server.close()
    for line in out.read_text().splitlines():
        if line.startswith("summary:") or line.startswith("totals:"):
            return int(line.split()[1])
    raise RuntimeError("no instruction count in the callgrind output")


def callgrind(statute, large, rounds, edit_count):
    if not shutil.which("valgrind"):
        sys.exit("needs valgrind: apt-get install valgrind")
    folder = workspace(large)
    large_text = (folder / "large.yaml").read_text(encoding="utf-8")
    policy_text = POLICY.read_text(encoding="utf-8")
    print(f"statute lsp under callgrind: {statute}; instructions of one operation = "
          "(a session with 2K operations − one with K) / K")
    print()
    print("| measure | instructions per operation | K |")
    print("| --- | --- | --- |")

    def large_session(k):
        def work(server):
            uri = server.open(folder / "large.yaml", large_text)
            edits(server, uri, large_text, k)
        return work

    def small_session(method, places, k):
        def work(server):
            uri = server.open(folder / "certification.yaml", policy_text)
            requests(server, uri, policy_text, method, places, k)
        return work

    def report(label, make, k, per_round=1):
        one = callgrind_session(statute, folder, make(k))
        two = callgrind_session(statute, folder, make(2 * k))
        operations = k * per_round
        print(f"| {label} | {(two - one) / operations / 1e6:,.2f} M | {operations} |", flush=True)

    report("diagnostics after an edit, 2,000 statuses", large_session, edit_count)
    report(f"hover, default policy (mean of {len(HOVERS)} places)",
           lambda k: small_session("textDocument/hover", HOVERS, k), rounds, len(HOVERS))
    report(f"completion, default policy (mean of {len(COMPLETIONS)} places)",
           lambda k: small_session("textDocument/completion", COMPLETIONS, k), rounds, len(COMPLETIONS))
    shutil.rmtree(folder)


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--statute", default=str(REPOSITORY / ".build" / "release" / "statute"))
    parser.add_argument("--large", required=True, help="a generated 2,000-status policy (Benchmarks/lsp/generate 2000)")
    parser.add_argument("--rounds", type=int, default=100, help="hover and completion rounds (default 100)")
    parser.add_argument("--edits", type=int, default=20, help="edits of the large policy (default 20)")
    parser.add_argument("--callgrind", action="store_true", help="instruction counts under callgrind")
    arguments = parser.parse_args()
    if arguments.callgrind:
        callgrind(arguments.statute, arguments.large, max(1, arguments.rounds // 10), 2)
    else:
        wall_clock(arguments.statute, arguments.large, arguments.rounds, arguments.edits)


if __name__ == "__main__":
    main()
