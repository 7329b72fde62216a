#!/usr/bin/env python3
"""Validates SARIF logs written by `statute check|test --format sarif`.

Usage: validate.py FILE...   (`-` reads standard input)

Each log must validate against the OASIS SARIF 2.1.0 JSON schema beside this script
(draft-04, with jsonschema's Draft4Validator), and also hold what the schema cannot say:
one run; every result's ruleIndex names the rule of its ruleId, and every rule has a
help text and an absolute helpUri; URIs are RFC 3986 (percent-encoded, relative ones
against a declared base id); regions are 1-based and do not end before they start;
executionSuccessful is false exactly when a file could not be read; and no string holds
a raw control or bidirectional character (a line break aside). Exits 1 with every problem found, else 0.
"""
import json
import re
import sys
from pathlib import Path

import jsonschema

SCHEMA = json.loads((Path(__file__).parent / "sarif-schema-2.1.0.json").read_text(encoding="utf-8"))
jsonschema.Draft4Validator.check_schema(SCHEMA)
VALIDATOR = jsonschema.Draft4Validator(SCHEMA)

# RFC 3986: only these characters, and `%` only before two hex digits.
URI_CHARACTERS = re.compile(r"^([A-Za-z0-9\-._~:/?#\[\]@!$&'()*+,;=]|%[0-9A-Fa-f]{2})*$")
ABSOLUTE = re.compile(r"^[A-Za-z][A-Za-z0-9+.\-]*:")
# A line break may separate a message from its help; no other control character may appear.
UNSAFE = re.compile("[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u200e\u200f\u2028-\u202e\u2066-\u2069]")


def problems_of(log):
    problems = [f"schema: {'/'.join(map(str, error.absolute_path))}: {error.message}"
                for error in VALIDATOR.iter_errors(log)]
    if problems:
        return problems
    if len(log["runs"]) != 1:
        problems.append(f"expected one run, found {len(log['runs'])}")
    for run in log["runs"]:
        driver = run["tool"]["driver"]
        for key in ("name", "version", "informationUri", "rules"):
            if key not in driver:
                problems.append(f"tool.driver has no {key}")
        rules = driver.get("rules", [])
        ids = [rule["id"] for rule in rules]
        if len(ids) != len(set(ids)):
            problems.append("two rules share an id")
        for rule in rules:
            if "text" not in rule.get("help", {}):
                problems.append(f"rule {rule['id']} has no help text")
            if not ABSOLUTE.match(rule.get("helpUri", "")):
                problems.append(f"rule {rule['id']} has no absolute helpUri")
        bases = run.get("originalUriBaseIds", {})
        if run.get("columnKind") not in ("utf16CodeUnits", "unicodeCodePoints"):
            problems.append("the run does not say its columnKind")

        def check_location(where, location):
            physical = location.get("physicalLocation")
            if physical is None:
                problems.append(f"{where}: no physicalLocation")
                return
            artifact = physical["artifactLocation"]
            uri = artifact.get("uri", "")
            if not uri or not URI_CHARACTERS.match(uri):
                problems.append(f"{where}: not an RFC 3986 URI: {uri!r}")
            if ABSOLUTE.match(uri):
                if "uriBaseId" in artifact:
                    problems.append(f"{where}: absolute URI with a base id")
            elif artifact.get("uriBaseId") not in bases:
                problems.append(f"{where}: relative URI {uri!r} without a declared uriBaseId")
            elif uri.startswith("/") or uri.startswith("./") or "/../" in "/" + uri:
                problems.append(f"{where}: relative URI {uri!r} is not normalised")
            region = physical.get("region")
            if region is not None:
                start = (region["startLine"], region.get("startColumn", 1))
                end = (region.get("endLine", start[0]), region.get("endColumn", start[1]))
                if end < start:
                    problems.append(f"{where}: region ends before it starts: {region}")

        for index, result in enumerate(run.get("results", [])):
            where = f"results[{index}]"
            rule_id, rule_index = result.get("ruleId"), result.get("ruleIndex")
            if rule_id is None or rule_index is None or rule_index >= len(rules) or rules[rule_index]["id"] != rule_id:
                problems.append(f"{where}: ruleId {rule_id!r} and ruleIndex {rule_index!r} do not name one rule")
            if result.get("level") not in ("error", "warning", "note"):
                problems.append(f"{where}: no level")
            if not result.get("locations"):
                problems.append(f"{where}: no location")
            for location in result.get("locations", []):
                check_location(where, location)
            for location in result.get("relatedLocations", []):
                check_location(where + ".relatedLocations", location)
        invocations = run.get("invocations", [])
        if len(invocations) != 1:
            problems.append("expected one invocation")
        else:
            notifications = invocations[0].get("toolExecutionNotifications", [])
            failed = any(n.get("level") == "error" for n in notifications)
            if invocations[0]["executionSuccessful"] == failed:
                problems.append("executionSuccessful does not match the notifications")
            for index, notification in enumerate(notifications):
                for location in notification.get("locations", []):
                    check_location(f"toolExecutionNotifications[{index}]", location)

    def walk(value, path):
        if isinstance(value, str):
            if UNSAFE.search(value):
                problems.append(f"{path}: raw control or bidirectional character in {value[:80]!r}")
        elif isinstance(value, dict):
            for key, child in value.items():
                walk(child, f"{path}/{key}")
        elif isinstance(value, list):
            for index, child in enumerate(value):
                walk(child, f"{path}/{index}")

    walk(log, "")
    return problems


def main(paths):
    failed = False
    for path in paths:
        text = sys.stdin.read() if path == "-" else Path(path).read_text(encoding="utf-8")
        try:
            log = json.loads(text)
        except json.JSONDecodeError as error:
            print(f"{path}: not JSON: {error}")
            failed = True
            continue
        problems = problems_of(log)
        for problem in problems:
            print(f"{path}: {problem}")
        failed = failed or bool(problems)
        if not problems:
            results = sum(len(run.get("results", [])) for run in log["runs"])
            print(f"{path}: valid SARIF 2.1.0 ({results} results)")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:] or ["-"]))
