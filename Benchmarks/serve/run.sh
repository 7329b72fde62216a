#!/usr/bin/env bash
# Load benchmark of `statute serve` with wrk (Debian's `wrk`): POST evaluate on the default
# policy against GET /healthz (a no-op route) of the same server, in the same run.
# Prints requests/s and p50/p99 latency for both, as a Markdown table.
# Options (environment): DURATION (default 15s), CONNECTIONS (32), THREADS (1), BUILD (release),
# SCRATCH (the build folder, default .build).
set -euo pipefail
cd "$(dirname "$0")/../.."
DURATION=${DURATION:-15s}
CONNECTIONS=${CONNECTIONS:-32}
THREADS=${THREADS:-1}
BUILD=${BUILD:-release}
SCRATCH=${SCRATCH:-.build}

command -v wrk >/dev/null || { apt-get update -qq && apt-get install -y -qq wrk; }
swift build -c "$BUILD" --product statute --scratch-path "$SCRATCH" >"${TMPDIR:-/tmp}/statute-bench-build.log" 2>&1 \
    || { cat "${TMPDIR:-/tmp}/statute-bench-build.log"; exit 1; }
BIN="$SCRATCH/$BUILD/statute"

work=$(mktemp -d)
"$BIN" serve --policy policies/certification.yaml --port 0 2> "$work/stderr" &
pid=$!
trap 'kill $pid 2>/dev/null || true; rm -rf "$work"' EXIT
port=""
for _ in $(seq 1 100); do
    port=$(grep -o 'listening on http://127.0.0.1:[0-9]*' "$work/stderr" | grep -o '[0-9]*$' || true)
    [ -n "$port" ] && break
    sleep 0.2
done
base="http://127.0.0.1:$port"

cat > "$work/evaluate.lua" <<'LUA'
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.body = '{"status": "active", "facts": {"completed_on": "2025-03-01", "program": {"expires_after_months": 12}}}'
LUA

measure() { # name key url [script]
    local name=$1 key=$2 url=$3 script=${4:-}
    local args=(-t"$THREADS" -c"$CONNECTIONS" -d"$DURATION" --latency)
    [ -n "$script" ] && args+=(-s "$script")
    wrk "${args[@]}" -d3s "$url" >/dev/null           # warm-up
    wrk "${args[@]}" "$url" > "$work/$key.txt"
    local rps p50 p99
    rps=$(awk '/Requests\/sec/ {print $2}' "$work/$key.txt")
    p50=$(awk '$1 == "50%" {print $2}' "$work/$key.txt")
    p99=$(awk '$1 == "99%" {print $2}' "$work/$key.txt")
    echo "| $name | $rps | $p50 | $p99 |"
}

echo "wrk: $THREADS thread(s), $CONNECTIONS connections, $DURATION per route; $BUILD build; $(nproc) cores"
echo
echo "| route | requests/s | p50 | p99 |"
echo "| --- | ---: | ---: | ---: |"
measure "GET /healthz (no-op)" noop "$base/healthz"
measure "POST /v1/policies/certification/evaluate" evaluate "$base/v1/policies/certification/evaluate" "$work/evaluate.lua"
