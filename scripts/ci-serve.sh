#!/usr/bin/env bash
# CI for the decision service (docs/service.md): starts `statute serve` on 127.0.0.1 with a
# token, a decision log and a ledger store (SQLite; the record routes and the sweeper), runs the Python example client and schemathesis against the
# served /openapi.json (bounded in time), then stops the server with SIGTERM and checks
# that it exited 0 and logged whole lines.
set -euo pipefail
cd "$(dirname "$0")/.."
STATUTE=${STATUTE:-.build/debug/statute}
MAX_EXAMPLES=${MAX_EXAMPLES:-20}

if ! python3 -c "import schemathesis" 2>/dev/null; then
    echo "ci-serve: installing schemathesis"
    python3 -m pip install -q schemathesis
fi
SCHEMATHESIS=(python3 -m schemathesis.cli)

work=$(mktemp -d)
cp policies/certification.yaml "$work/"
python3 -c "import secrets; print(secrets.token_hex(32))" > "$work/token"
"$STATUTE" ledger init --store "sqlite:$work/ledger.db" > /dev/null
"$STATUTE" serve --policy "$work" --port 0 --token-file "$work/token" \
    --decision-log "$work/decisions.jsonl" --store "sqlite:$work/ledger.db" --sweep-every 1h 2> "$work/stderr" &
pid=$!
trap 'kill -9 $pid 2>/dev/null || true; rm -rf "$work"' EXIT

port=""
for _ in $(seq 1 150); do
    port=$(grep -o 'listening on http://127.0.0.1:[0-9]*' "$work/stderr" | grep -o '[0-9]*$' || true)
    [ -n "$port" ] && break
    kill -0 $pid 2>/dev/null || { cat "$work/stderr"; echo "ci-serve: the server did not start" >&2; exit 1; }
    sleep 0.2
done
[ -n "$port" ] || { cat "$work/stderr"; echo "ci-serve: no ready line" >&2; exit 1; }
base="http://127.0.0.1:$port"
echo "ci-serve: server at $base"

echo "ci-serve: a record through /v1/records"
python3 - "$base" "$(cat "$work/token")" <<'PY'
import json, sys, urllib.request, urllib.error
base, token = sys.argv[1], sys.argv[2]
def call(method, path, body=None):
    request = urllib.request.Request(base + path, method=method, data=None if body is None else json.dumps(body).encode(),
                                     headers={"Authorization": "Bearer " + token, "Content-Type": "application/json"})
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status, json.load(response)
    except urllib.error.HTTPError as error:
        return error.code, json.load(error)
status, answer = call("POST", "/v1/records/certification", {"id": "ci-1", "status": "in_progress"})
assert status == 201 and answer["version"] == 1, (status, answer)
status, answer = call("POST", "/v1/records/certification", {"id": "ci-1"})
assert status == 409 and answer["error"]["code"] == "duplicate-record", (status, answer)
status, answer = call("POST", "/v1/records/certification/ci-1/apply",
                      {"set": "inactive", "as": "staff", "actor": "ci", "reason": "check", "expect_version": 1})
assert status == 200 and answer["outcome"] == "changed" and answer["version"] == 2, (status, answer)
status, record = call("GET", "/v1/records/certification/ci-1")
assert status == 200 and record["history"][-1]["actor"] == "ci", (status, record)
print("ci-serve: import, apply and show answered as documented")
PY

echo "ci-serve: the Python example client"
timeout 60 python3 examples/python-client/statute_client.py "$base" "$(cat "$work/token")"

# Every check but positive_data_acceptance: a body of the documented shape may still name
# a fact or status the policy does not declare, which is a documented 400. The JSON Lines
# `run` operation is left to the integration tests (schemathesis cannot generate ndjson).
echo "ci-serve: schemathesis against $base/openapi.json"
timeout 900 "${SCHEMATHESIS[@]}" run "$base/openapi.json" --url "$base" \
    -H "Authorization: Bearer $(cat "$work/token")" \
    --checks all --exclude-checks positive_data_acceptance --exclude-operation-id run \
    --max-examples "$MAX_EXAMPLES" --no-color

kill -TERM $pid
status=0; wait $pid || status=$?
[ "$status" -eq 0 ] || { cat "$work/stderr"; echo "ci-serve: the server exited $status after SIGTERM" >&2; exit 1; }
python3 - "$work/decisions.jsonl" <<'PY'
import json, sys
data = open(sys.argv[1], "rb").read()
assert data.endswith(b"\n"), "the decision log ends in a torn line"
lines = data.splitlines()
for line in lines:
    entry = json.loads(line)
    assert {"decision_id", "time", "policy", "today", "settings", "input", "result"} <= entry.keys()
print(f"ci-serve: decision log has {len(lines)} whole lines")
PY
echo "ci-serve: passed"
