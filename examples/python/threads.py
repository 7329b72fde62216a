#!/usr/bin/env python3
"""One engine, eight Python threads evaluating at once; each answer must equal the one
computed alone first. ctypes releases the GIL during each call, so the threads really
run inside libstatute at the same time.

    make lib && python3 examples/python/threads.py policies/certification.yaml
"""
import sys
from concurrent.futures import ThreadPoolExecutor

from statute_ctypes import Library

REQUESTS = [
    {"status": None, "facts": {}, "event": "apply", "today": "2026-03-01"},
    {"status": "active", "facts": {"completed_on": "2025-01-31", "program.expires_after_months": 13},
     "today": "2026-02-20", "explain": True},
    {"status": "applied", "facts": {}, "set": "declined", "as": "staff", "today": "2026-03-01"},
    {"status": "nonsense", "facts": {}},
]


def main():
    path = sys.argv[1] if len(sys.argv) > 1 else "policies/certification.yaml"
    with Library().load(path) as engine:
        expected = [engine.evaluate(r) for r in REQUESTS]

        def work(_):
            return sum(engine.evaluate(r) != e for _ in range(200) for r, e in zip(REQUESTS, expected))

        with ThreadPoolExecutor(max_workers=8) as pool:
            mismatches = sum(pool.map(work, range(8)))
    print(f"8 threads x 200 rounds x {len(REQUESTS)} requests: {mismatches} answers differed")
    sys.exit(1 if mismatches else 0)


if __name__ == "__main__":
    main()
