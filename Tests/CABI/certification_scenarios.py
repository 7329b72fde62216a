#!/usr/bin/env python3
"""Acceptance test of libstatute (docs/embedding.md): loads the default policy through the
C library with ctypes, evaluates every scenario of policies/certification.test.yaml from
8 threads at once — each thread all of them, several times, in its own order — and checks
that every answer equals `statute eval --format json` on the same input. The same for the
manual options of every scenario that names a role, and for a broken policy's diagnostics
against `statute check --format json`. With --c-program, the C program
Tests/CABI/scenarios.c answers the same requests from 8 threads and is checked alike.

    make build lib && make -C Tests/CABI run      (or: python3 Tests/CABI/certification_scenarios.py)

Options: --lib dist/libstatute.so  --statute .build/debug/statute  --tests policies/certification.test.yaml
Needs PyYAML (installed by .ci/run) to read the test file.
"""
import argparse
import datetime
import json
import os
import random
import subprocess
import sys
import tempfile
from concurrent.futures import ThreadPoolExecutor

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
sys.path.insert(0, os.path.join(ROOT, "examples", "python"))
from statute_ctypes import Library, PolicyError  # noqa: E402

import yaml  # noqa: E402

THREADS = 8
ROUNDS = 5


def plain(value):
    """YAML scalars as the JSON the engine reads: dates as YYYY-MM-DD."""
    if isinstance(value, (datetime.date, datetime.datetime)):
        return value.isoformat()[:10]
    return value


def flatten(values, prefix=""):
    """Nested objects to dotted keys, so file-wide and per-test values merge by name."""
    flat = {}
    for key, value in (values or {}).items():
        name = f"{prefix}{key}"
        if isinstance(value, dict):
            flat.update(flatten(value, name + "."))
        else:
            flat[name] = plain(value)
    return flat


def scenarios(test_file):
    with open(test_file, encoding="utf-8") as f:
        document = yaml.safe_load(f)
    policy = os.path.normpath(os.path.join(os.path.dirname(test_file), document["policy"]))
    found = []
    for test in document["tests"]:
        request = {
            "status": test.get("status"),
            "facts": {**flatten(document.get("facts")), **flatten(test.get("facts"))},
            "today": plain(test.get("today", document.get("today"))),
            "settings": {**flatten(document.get("settings")), **flatten(test.get("settings"))},
            "explain": True,
        }
        for key in ("event", "set", "as", "transition"):
            if key in test:
                request[key] = test[key]
        found.append((test["name"], request))
    return policy, found


def cli(statute, policy, request, options=False):
    """`statute eval --format json` on the request, through files as a user would."""
    with tempfile.TemporaryDirectory() as folder:
        facts, settings = os.path.join(folder, "facts.json"), os.path.join(folder, "settings.json")
        with open(facts, "w") as f:
            json.dump(request["facts"], f)
        with open(settings, "w") as f:
            json.dump(request["settings"], f)
        argv = [statute, "eval", "--policy", policy, "--format", "json", "--facts", facts,
                "--settings", settings, "--today", request["today"]]
        if request.get("status") is not None:
            argv += ["--status", request["status"]]
        if options:
            argv += ["--options", "--as", request["as"]]
        else:
            argv += ["--explain"]
            if "event" in request:
                argv += ["--event", request["event"]]
            if "set" in request:
                argv += ["--set", request["set"], "--as", request["as"]]
            if "transition" in request:
                argv += ["--transition", request["transition"]]
        run = subprocess.run(argv, capture_output=True, text=True)
        if run.returncode not in (0, 1):
            return {"error": {"code": f"exit-{run.returncode}", "message": run.stderr.strip()}}
        answer = json.loads(run.stdout)
    if options:
        return {"options": [{k: o[k] for k in ("transition", "to", "label")} for o in answer if o["allowed"]]}
    return answer


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--lib", default=os.path.join(ROOT, "dist", "libstatute.so"))
    parser.add_argument("--statute", default=os.path.join(ROOT, ".build", "debug", "statute"))
    parser.add_argument("--tests", default=os.path.join(ROOT, "policies", "certification.test.yaml"))
    parser.add_argument("--c-program", help="also run this C program (Tests/CABI/scenarios.c) on the same requests")
    args = parser.parse_args()

    policy, cases = scenarios(args.tests)
    work = [(name, "evaluate", request) for name, request in cases]
    work += [(name, "options", {k: v for k, v in request.items() if k in ("status", "facts", "as", "today", "settings")})
             for name, request in cases if "as" in request]
    expected = {(name, kind): cli(args.statute, policy, request, options=kind == "options") for name, kind, request in work}

    library = Library(args.lib)
    with library.load(policy) as engine:
        def thread(seed):
            order = [item for _ in range(ROUNDS) for item in work]
            random.Random(seed).shuffle(order)
            failures = []
            for name, kind, request in order:
                answer = engine.evaluate(request) if kind == "evaluate" else engine.options(request)
                if answer != expected[(name, kind)]:
                    failures.append((name, kind, answer))
            return failures

        with ThreadPoolExecutor(max_workers=THREADS) as pool:
            failures = [f for result in pool.map(thread, range(THREADS)) for f in result]

    # A broken policy: the load fails with exactly what `statute check --format json` prints.
    broken_matches = True
    with tempfile.TemporaryDirectory() as folder:
        broken = os.path.join(folder, "broken.yaml")
        with open(broken, "w") as f:
            f.write("statute: 1\nname: broken\nstatuses:\n  open: {label: Open}\n  stuck: {label: Stuck}\n"
                    "transitions:\n  - {id: close, from: open, to: closed, mode: automatic, when: true}\n")
        check = subprocess.run([args.statute, "check", "--format", "json", broken], capture_output=True, text=True)
        try:
            library.load(broken).close()
            broken_matches = False
        except PolicyError as error:
            broken_matches = error.diagnostics == json.loads(check.stdout)
    if not broken_matches:
        print("DIFFERENT diagnostics for a broken policy from `statute check --format json`", file=sys.stderr)

    # The same requests from C: scenarios.c evaluates them from 8 threads with statute.h only.
    c_differing = 0
    if args.c_program:
        with tempfile.TemporaryDirectory() as folder:
            requests = os.path.join(folder, "requests.txt")
            with open(requests, "w", encoding="utf-8") as f:
                for name, kind, request in work:
                    f.write(("E " if kind == "evaluate" else "O ") + json.dumps(request) + "\n")
            run = subprocess.run([args.c_program, policy, requests], capture_output=True, text=True)
        sys.stderr.write(run.stderr)
        answers = [json.loads(line) for line in run.stdout.splitlines()]
        c_differing = sum(answer != expected[(name, kind)] for (name, kind, _), answer in zip(work, answers))
        if run.returncode != 0 or len(answers) != len(work):
            c_differing = max(c_differing, 1)
        print(f"{args.c_program}: {len(answers)} answers, {c_differing} differed from `statute eval`")

    errors = [name for (name, kind), answer in expected.items() if "error" in answer]
    for name, kind, answer in failures[:5]:
        print(f"DIFFERENT {kind} for {name!r}:\n  libstatute: {json.dumps(answer)}\n"
              f"  statute eval: {json.dumps(expected[(name, kind)])}", file=sys.stderr)
    print(f"{len(cases)} scenarios ({len(work)} requests, {len(errors)} answered with an error) x {ROUNDS} rounds "
          f"x {THREADS} threads through {args.lib}: "
          f"{len(failures)} answers differed from `statute eval`; a broken policy's diagnostics "
          f"{'equal' if broken_matches else 'differ from'} `statute check --format json`")
    if errors:
        print(f"unexpected error answers: {errors}", file=sys.stderr)
    sys.exit(1 if failures or errors or not cases or not broken_matches or c_differing else 0)


if __name__ == "__main__":
    main()
