#!/usr/bin/env bash
# CI for the outputs that other tools read (docs/ci.md), each checked by a tool that
# consumes it:
#   - SARIF logs of `statute check|test --format sarif` on the shipped policies and on
#     broken, hostile and unreadable files: validated against the OASIS SARIF 2.1.0 schema
#     (Tests/StatuteCLITests/Fixtures/sarif/validate.py, Python jsonschema, draft-04);
#   - `statute test --coverage-output` as lcov, rendered by genhtml (Debian `lcov`), and
#     as Cobertura XML, read by pycobertura (PyPI);
#   - the pre-commit hooks (.pre-commit-hooks.yaml), run with `pre-commit try-repo` on a
#     sample policy repository: they must pass on good policies and fail on a broken one.
# Installs lcov, pycobertura and pre-commit when missing. Uses the debug build `make test` made.
set -euo pipefail
cd "$(dirname "$0")/.."
repo=$PWD
statute="$repo/.build/debug/statute"
validate="$repo/Tests/StatuteCLITests/Fixtures/sarif/validate.py"
[ -x "$statute" ] || { echo "ci-formats: $statute is missing; run make build first" >&2; exit 2; }

if ! command -v genhtml >/dev/null 2>&1; then
    echo "ci-formats: installing lcov"
    apt-get update -qq && apt-get install -y -qq lcov
fi
if ! command -v pycobertura >/dev/null 2>&1 || ! command -v pre-commit >/dev/null 2>&1; then
    echo "ci-formats: installing pycobertura and pre-commit"
    python3 -m pip install -q pycobertura pre-commit
fi

work=$(mktemp -d)
trap 'chmod -R u+rwX "$work" 2>/dev/null; rm -rf "$work"' EXIT
fail() { echo "ci-formats: FAILED: $*" >&2; exit 1; }

# expect STATUS COMMAND...: runs the command and fails unless it exits with STATUS.
expect() {
    local wanted=$1 status=0
    shift
    "$@" || status=$?
    [ "$status" -eq "$wanted" ] || fail "expected exit $wanted, got $status: $*"
}

# ── SARIF ───────────────────────────────────────────────────────────────────────────────
echo "ci-formats: SARIF"
logs="$work/sarif"
mkdir -p "$logs"
expect 0 "$statute" check --format sarif --strict policies/ examples/membership/ > "$logs/shipped-check.sarif"
expect 0 "$statute" test --format sarif policies/ examples/membership/ > "$logs/shipped-test.sarif"

# Broken, hostile and unreadable files, in a folder of their own (the working directory, so
# that URIs are relative to it).
bad="$work/bad"
mkdir -p "$bad/nested dir"
cp Tests/StatuteCLITests/Fixtures/broken.yaml Tests/StatuteCLITests/Fixtures/notes.yaml "$bad/"
cp Tests/StatuteCLITests/Fixtures/broken.yaml "$bad/nested dir/caf$(printf '\303\251') #1.yaml"
printf 'statute: 1\nname: t\nstatuses:\n  a: {label: "\\e[2J\342\200\256x"}\ntransitions:\n  - {id: x, from: a, to: "b\\u0007\342\200\256", mode: manual, by: r}\n' > "$bad/hostile.yaml"
{ printf 'statute: 1\nname: wide\nstatuses: {a: {}}\ntransitions:\n  - {id: x, from: a, to: {pad: '; head -c 300000 /dev/zero | tr '\0' 'x'; printf ', y: z}, mode: manual, by: r}\n'; } > "$bad/huge-line.yaml"
printf 'statute: 1\nname: caf\351\n' > "$bad/latin1.yaml"
head -c 5000000 /dev/zero | tr '\0' '#' > "$bad/too-large.yaml"
printf 'statute: 1\nname: locked\n' > "$bad/locked.yaml"
chmod 000 "$bad/locked.yaml"
printf 'policy: nowhere.yaml\ntests:\n  - name: t\n    expect: {status: a}\n' > "$bad/lost.test.yaml"
printf 'policy: nested dir\ntests:\n  - name: t\n    expect: {status: a}\n' > "$bad/folder.test.yaml"
printf 'policy: broken.yaml\ntests:\n  - name: t\n    expect: {status: open}\n' > "$bad/broken.test.yaml"
(
    cd "$bad"
    expect 1 "$statute" check --format sarif . > "$logs/bad-check.sarif"
    expect 2 "$statute" check --format sarif broken.yaml missing.yaml locked.yaml latin1.yaml too-large.yaml > "$logs/unreadable-check.sarif"
    expect 1 "$statute" test --format sarif . > "$logs/bad-test.sarif"
    expect 2 "$statute" test --format sarif broken.test.yaml missing.test.yaml > "$logs/missing-test.sarif"
)
python3 "$validate" "$logs"/*.sarif
# The validator itself must refuse a log that breaks the schema.
python3 -c 'import json, sys; log = json.load(open(sys.argv[1])); del log["version"]; json.dump(log, open(sys.argv[2], "w"))' \
    "$logs/bad-check.sarif" "$work/invalid.json"
if python3 "$validate" "$work/invalid.json" > /dev/null; then fail "the SARIF validator accepted a log without a version"; fi
python3 - "$logs" <<'PY'
import json, sys
logs = sys.argv[1]
def run(name): return json.load(open(f"{logs}/{name}"))["runs"][0]
assert not run("shipped-check.sarif")["results"], "the shipped policies have problems"
bad = run("bad-check.sarif")
assert {r["ruleId"] for r in bad["results"]} >= {"unknown-status", "not-a-policy"}, bad["results"]
assert not bad["invocations"][0]["executionSuccessful"]
unreadable = run("unreadable-check.sarif")["invocations"][0]
names = {n["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for n in unreadable["toolExecutionNotifications"]}
assert names >= {"missing.yaml", "latin1.yaml", "too-large.yaml"}, names
assert not unreadable["executionSuccessful"]
assert any(r["ruleId"] == "test-failed" or r["ruleId"] == "unreadable-file" for r in run("bad-test.sarif")["results"])
print("ci-formats: SARIF logs say what they should")
PY

# ── Coverage ────────────────────────────────────────────────────────────────────────────
echo "ci-formats: coverage (lcov with genhtml, Cobertura with pycobertura)"
expect 0 "$statute" test policies/ examples/membership/ --coverage-output "$work/coverage.info" > /dev/null
expect 0 "$statute" test policies/ examples/membership/ --coverage-format cobertura --coverage-output "$work/coverage.xml" > /dev/null
genhtml --branch-coverage --quiet --output-directory "$work/html" "$work/coverage.info"
[ -s "$work/html/index.html" ] || fail "genhtml wrote no index.html"
grep -q "certification.yaml" -r "$work/html" || fail "the genhtml report does not show policies/certification.yaml"
pycobertura show "$work/coverage.xml" > "$work/pycobertura.txt"
cat "$work/pycobertura.txt"
grep -q "^policies/certification.yaml" "$work/pycobertura.txt" || fail "pycobertura does not list policies/certification.yaml"
grep -q "^examples/membership/membership.yaml" "$work/pycobertura.txt" || fail "pycobertura does not list the membership policy"
pycobertura show --format json "$work/coverage.xml" > "$work/pycobertura.json"
python3 - "$work/pycobertura.json" <<'PY'
import json, sys
report = json.load(open(sys.argv[1]))
total = report["total"]
assert total["Stmts"] > 0 and total["Miss"] == 0, total   # the shipped tests take every transition
print("ci-formats: pycobertura read", len(report["files"]), "policies,", total["Stmts"], "transitions")
PY

# ── pre-commit ──────────────────────────────────────────────────────────────────────────
echo "ci-formats: pre-commit try-repo on a sample policy repository"
sample="$work/sample"
mkdir -p "$sample/policies"
cp policies/certification.yaml policies/certification.test.yaml "$sample/policies/"
export PATH="$repo/.build/debug:$PATH" PRE_COMMIT_HOME="$work/pre-commit-home"
export GIT_AUTHOR_NAME=ci GIT_AUTHOR_EMAIL=ci@localhost GIT_COMMITTER_NAME=ci GIT_COMMITTER_EMAIL=ci@localhost
(
    cd "$sample"
    git init -q .
    git add -A
    git commit -q -m "sample policies"
    pre-commit try-repo "$repo" statute-check --all-files > "$work/pass-check.log" 2>&1 \
        || { cat "$work/pass-check.log"; fail "statute-check failed on good policies"; }
    pre-commit try-repo "$repo" statute-test --all-files > "$work/pass-test.log" 2>&1 \
        || { cat "$work/pass-test.log"; fail "statute-test failed on good policies"; }
    # A broken policy: an unknown status; the tests of the policy no longer run either.
    sed -i 's/^    to: expired$/    to: expird/' policies/certification.yaml
    grep -q 'to: expird' policies/certification.yaml || fail "could not break the sample policy"
    git add -A
    if pre-commit try-repo "$repo" statute-check --all-files > "$work/fail-check.log" 2>&1; then
        cat "$work/fail-check.log"; fail "statute-check passed on a broken policy"
    fi
    grep -q 'error\[unknown-status\]' "$work/fail-check.log" || { cat "$work/fail-check.log"; fail "statute-check did not say why"; }
    if pre-commit try-repo "$repo" statute-test --all-files > "$work/fail-test.log" 2>&1; then
        cat "$work/fail-test.log"; fail "statute-test passed on a broken policy"
    fi
    grep -q 'unknown-status' "$work/fail-test.log" || { cat "$work/fail-test.log"; fail "statute-test did not say why"; }
)
echo "ci-formats: pre-commit hooks pass on good policies and fail on a broken one"
echo "ci-formats: ok"
