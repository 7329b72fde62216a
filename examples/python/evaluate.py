#!/usr/bin/env python3
"""Embeds Statute in Python with ctypes: loads the default policy, evaluates a record with
an explanation, lists a role's options, and shows a broken policy's diagnostics.

    make lib && python3 examples/python/evaluate.py policies/certification.yaml
"""
import sys

from statute_ctypes import Library, PolicyError

BROKEN = """\
statute: 1
name: broken
statuses:
  open: {label: Open}
transitions:
  - {id: close, from: open, to: closed, mode: automatic, when: true}
"""


def main():
    # The policy path is relative to the current directory: run from the repository's
    # root, or pass the path.
    path = sys.argv[1] if len(sys.argv) > 1 else "policies/certification.yaml"
    library = Library()
    print(library.version())

    with library.load(path, settings={"expiring_notice_days": 30}) as engine:
        result = engine.evaluate({
            "status": "active",
            "facts": {"completed_on": "2025-01-31", "program": {"expires_after_months": 13}},
            "today": "2026-02-20",
            "explain": True,
        })
        if "error" in result:
            sys.exit(f"error: {result['error']['message']}")
        print(f"\n{result['outcome']}: {result['previous']} -> {result['status']}")
        if result["next"]:
            print(f"next: {result['next']['to']} on {result['next']['date']} ({result['next']['transition']})")
        print("why:")
        for step in result["explain"]:
            print(f"  - {step['transition']} ({step['verdict']}): {step['message']}")

        options = engine.options({"status": "applied", "facts": {}, "as": "staff", "today": "2026-03-01"})
        print("\nstaff may set an Applied record to:",
              ", ".join(f"{o['label']} ({o['transition']})" for o in options["options"]))

        bad = engine.evaluate({"status": "active", "facts": {"complted_on": "2025-01-31"}})
        print(f"\na misspelt fact: {bad['error']['code']}: {bad['error']['message']}")

    try:
        library.load_text(BROKEN, name="broken.yaml")
        sys.exit("a broken policy loaded")
    except PolicyError as error:
        print("\nthe broken policy:")
        for d in error.diagnostics["diagnostics"]:
            print(f"  {d['file']}:{d['line']}:{d['column']}: {d['severity']}[{d['code']}]: {d['message']}")


if __name__ == "__main__":
    main()
