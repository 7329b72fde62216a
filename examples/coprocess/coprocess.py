#!/usr/bin/env python3
"""Keep one `statute run` process and talk to it line by line.

`statute run` answers every line it has read before it waits for more input, so a
program in any language can use it as a co-process: write one JSON line, read one
JSON line back. Standard library only.

    python3 examples/coprocess/coprocess.py [path/to/statute]

The policy path below is relative to the repository's top folder; run the script from
there (or change POLICY).
"""
import json
import subprocess
import sys

POLICY = "policies/certification.yaml"


class Statute:
    """One long-lived `statute run` process: ask() sends a record, returns its answer."""

    def __init__(self, binary, policy, today):
        self.process = subprocess.Popen(
            [binary, "run", "--policy", policy, "--today", today, "--jobs", "1"],
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
            text=True, encoding="utf-8", bufsize=1)

    def ask(self, record):
        self.process.stdin.write(json.dumps(record) + "\n")
        self.process.stdin.flush()
        line = self.process.stdout.readline()
        if not line:
            raise RuntimeError("statute run stopped: " + self.process.stderr.read())
        return json.loads(line)

    def close(self):
        self.process.stdin.close()
        summary = self.process.stderr.read().strip()
        return self.process.wait(), summary


def main():
    binary = sys.argv[1] if len(sys.argv) > 1 else "statute"
    statute = Statute(binary, POLICY, today="2026-02-20")
    questions = [
        {"id": "new-application", "status": None, "event": "apply",
         "facts": {"program": {"require_approval": True}}},
        {"id": "approve", "status": "applied", "set": "in_progress", "as": "staff"},
        {"id": "all-done", "status": "in_progress",
         "facts": {"components": {"required": 3, "completed": 3}, "program": {"expires_after_months": 13}}},
        {"id": "typo", "status": "active", "facts": {"completed_onn": "2025-01-31"}},
    ]
    for question in questions:
        answer = statute.ask(question)
        if "error" in answer:
            print(f"{answer['id']}: error {answer['error']['code']}: {answer['error']['message']}")
            continue
        steps = " → ".join(step["to"] for step in answer["steps"]) or "no step"
        upcoming = answer["next"]
        later = f", next: {upcoming['to']} on {upcoming['date']}" if upcoming else ""
        print(f"{answer['id']}: {answer['previous']} → {answer['status']} ({answer['outcome']}: {steps}){later}")
    status, summary = statute.close()
    print(f"statute run exited {status}: {summary}")


if __name__ == "__main__":
    main()
