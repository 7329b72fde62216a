#!/usr/bin/env bash
# Load benchmark of `statute serve`, every figure a ratio against a reference measured in
# the same run, side by side:
# - POST evaluate (the default policy, a small Active record) against GET /healthz (a no-op
#   route) of the same server, with wrk (Debian's `wrk`): requests/s and p99 latency, on a
#   server without the decision log and on one with it;
# - the streamed POST run route against `statute run --jobs 1` on the same LINES JSON Lines
#   (wall time, alternating the two), with the time to the first answer byte and the
#   server's peak memory after a tenth of the lines and after all of them.
# Each comparison is repeated RUNS times; the table gives medians (and the range).
# Options (environment): RUNS (default 3), DURATION (10s per wrk run), CONNECTIONS (32),
# THREADS (1), LINES (100000), BUILD (release), SCRATCH (the build folder, default .build).
set -euo pipefail
cd "$(dirname "$0")/../.."
RUNS=${RUNS:-3}
DURATION=${DURATION:-10s}
CONNECTIONS=${CONNECTIONS:-32}
THREADS=${THREADS:-1}
LINES=${LINES:-100000}
BUILD=${BUILD:-release}
SCRATCH=${SCRATCH:-.build}
TODAY=2026-03-01

command -v wrk >/dev/null || { apt-get update -qq && apt-get install -y -qq wrk; }
command -v curl >/dev/null || { apt-get update -qq && apt-get install -y -qq curl; }
swift build -c "$BUILD" --product statute --scratch-path "$SCRATCH" >"${TMPDIR:-/tmp}/statute-bench-build.log" 2>&1 \
    || { cat "${TMPDIR:-/tmp}/statute-bench-build.log"; exit 1; }
BIN="$SCRATCH/$BUILD/statute"

work=$(mktemp -d)
pids=()
trap 'for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; rm -rf "$work"' EXIT
python3 Benchmarks/impact/generate.py "$LINES" > "$work/lines.jsonl"
head -n $((LINES / 10)) "$work/lines.jsonl" > "$work/tenth.jsonl"

cat > "$work/evaluate.lua" <<'LUA'
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.body = '{"status": "active", "facts": {"completed_on": "2025-03-01", "program": {"expires_after_months": 12}}}'
LUA

# Starts a server (extra arguments: serve options); prints its pid and port.
start() {
    local name=$1; shift
    "$BIN" serve --policy policies/certification.yaml --port 0 "$@" 2> "$work/$name.stderr" &
    local pid=$! port=""
    for _ in $(seq 1 100); do
        port=$(grep -o 'listening on http://127.0.0.1:[0-9]*' "$work/$name.stderr" | grep -o '[0-9]*$' || true)
        [ -n "$port" ] && break
        sleep 0.2
    done
    [ -n "$port" ] || { cat "$work/$name.stderr" >&2; exit 1; }
    echo "$pid $port"
}

# wrk on one route: prints "requests/s p99-in-ms".
load() { # url [script]
    local args=(-t"$THREADS" -c"$CONNECTIONS" --latency)
    [ -n "${2:-}" ] && args+=(-s "$2")
    wrk "${args[@]}" -d3s "$1" >/dev/null           # warm-up
    wrk "${args[@]}" -d"$DURATION" "$1" > "$work/wrk.txt"
    awk '/Requests\/sec/ {rps = $2}
         $1 == "99%" {v = $2; if (v ~ /us$/) ms = v / 1000; else if (v ~ /ms$/) ms = v + 0; else ms = v * 1000}
         END {printf "%s %.3f\n", rps, ms}' "$work/wrk.txt"
}

now() { date +%s%N; }
post_run() { # port file: prints seconds and the seconds to the first answer byte
    curl -sS --fail -o "$work/route.jsonl" -w '%{time_total} %{time_starttransfer}\n' -H 'Content-Type: application/x-ndjson' \
        --data-binary @"$2" "http://127.0.0.1:$1/v1/policies/certification/run?today=$TODAY"
}
cli_run() { # prints seconds
    local t0 t1
    t0=$(now)
    "$BIN" run --policy policies/certification.yaml --today "$TODAY" --jobs 1 "$work/lines.jsonl" > "$work/cli.jsonl" 2>/dev/null || true
    t1=$(now)
    awk -v a="$t0" -v b="$t1" 'BEGIN {printf "%.3f\n", (b - a) / 1e9}'
}
hwm() { awk '/VmHWM/ {printf "%.1f", $2 / 1024}' "/proc/$1/status"; }

: > "$work/results"
for round in $(seq 1 "$RUNS"); do
    read -r plain plain_port < <(start plain)
    pids+=("$plain")
    read -r logged logged_port < <(start logged --decision-log "$work/decisions.jsonl")
    pids+=("$logged")
    read -r h_rps h_p99 < <(load "http://127.0.0.1:$plain_port/healthz")
    read -r e_rps e_p99 < <(load "http://127.0.0.1:$plain_port/v1/policies/certification/evaluate" "$work/evaluate.lua")
    read -r lh_rps lh_p99 < <(load "http://127.0.0.1:$logged_port/healthz")
    read -r le_rps le_p99 < <(load "http://127.0.0.1:$logged_port/v1/policies/certification/evaluate" "$work/evaluate.lua")
    kill "$logged"; wait "$logged" 2>/dev/null || true
    rm -f "$work/decisions.jsonl"

    # The run route on a fresh server (its peak memory after a tenth of the lines, then all).
    kill "$plain"; wait "$plain" 2>/dev/null || true
    read -r runner runner_port < <(start runner)
    pids+=("$runner")
    post_run "$runner_port" "$work/tenth.jsonl" >/dev/null
    tenth_mb=$(hwm "$runner")
    cli_s=$(cli_run)
    read -r route_s first_s < <(post_run "$runner_port" "$work/lines.jsonl")
    all_mb=$(hwm "$runner")
    cli_s2=$(cli_run)
    read -r route_s2 _ < <(post_run "$runner_port" "$work/lines.jsonl")
    kill "$runner"; wait "$runner" 2>/dev/null || true
    cmp -s "$work/cli.jsonl" "$work/route.jsonl" || { echo "the run route's answers differ from statute run's" >&2; exit 1; }
    cli_s=$(awk -v a="$cli_s" -v b="$cli_s2" 'BEGIN {print (a < b ? a : b)}')
    route_s=$(awk -v a="$route_s" -v b="$route_s2" 'BEGIN {print (a < b ? a : b)}')
    echo "$round $h_rps $h_p99 $e_rps $e_p99 $lh_rps $lh_p99 $le_rps $le_p99 $cli_s $route_s $first_s $tenth_mb $all_mb" >> "$work/results"
    echo "round $round: healthz $h_rps/s p99 $h_p99 ms, evaluate $e_rps/s p99 $e_p99 ms;" \
         "logged: healthz $lh_rps/s, evaluate $le_rps/s p99 $le_p99 ms; run $route_s s against $cli_s s" >&2
done

# Median and range of an expression over the rounds' columns.
stat() {
    awk "{print $1}" "$work/results" | sort -g | awk -v fmt="$2" '{v[NR] = $1} END {
        m = (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2
        printf fmt " (" fmt "–" fmt ")", m, v[1], v[NR]}'
}

cpu=$(awk -F: '/model name/ {gsub(/^ +/, "", $2); print $2; exit}' /proc/cpuinfo)
echo "Machine: $(nproc) cores ($cpu), $(awk '/MemTotal/ {printf "%.0f GiB", $2 / 1048576}' /proc/meminfo), $(uname -sm);" \
     "load average $(cut -d' ' -f1-3 /proc/loadavg) at the end"
echo "wrk: $THREADS thread(s), $CONNECTIONS connections, $DURATION per route after 3 s of warm-up; $BUILD build;" \
     "run route: $LINES lines; medians of $RUNS rounds (range)"
echo
echo "| measure | figure | goal |"
echo "| --- | ---: | --- |"
echo "| GET /healthz, requests/s | $(stat '$2' '%.0f') | |"
echo "| POST evaluate, requests/s | $(stat '$4' '%.0f') | |"
echo "| **evaluate / healthz**, throughput | $(stat '$4 / $2 * 100' '%.0f%%') | ≥ 70% |"
echo "| **evaluate / healthz with --decision-log** | $(stat '$8 / $6 * 100' '%.0f%%') | ≥ 60% |"
echo "| p99: healthz, evaluate (ms) | $(stat '$3' '%.2f'), $(stat '$5' '%.2f') | |"
echo "| **p99 evaluate / p99 healthz** | $(stat '$5 / $3' '%.2f×') | ≤ 2× |"
echo "| p99 with --decision-log: evaluate / healthz | $(stat '$9 / $7' '%.2f×') | ≤ 2× |"
echo "| \`statute run --jobs 1\`, $LINES lines (s) | $(stat '$10' '%.2f') | |"
echo "| POST run, $LINES lines (s) | $(stat '$11' '%.2f') | |"
echo "| **run route / \`statute run --jobs 1\`**, throughput | $(stat '$10 / $11 * 100' '%.0f%%') | ≥ 80% |"
echo "| run route: first answer byte after (s) | $(stat '$12' '%.3f') | streamed |"
echo "| run route: server peak memory after $((LINES / 10)) lines, after $LINES more (MiB) | $(stat '$13' '%.1f'), $(stat '$14' '%.1f') | flat |"
