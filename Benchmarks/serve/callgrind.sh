#!/usr/bin/env bash
# Instructions per request of `statute serve` under valgrind's callgrind, which repeat
# exactly whatever else the machine is doing (wall-clock figures on a shared machine do not).
# One keep-alive connection, one request at a time (client.py): after a warm-up the
# counters are zeroed, COUNT requests are sent, and the server's instructions are dumped.
# Prints, as a Markdown table: instructions per GET /healthz, per evaluate without and with
# the decision log, per line of the run route and per line of `statute run --jobs 1`.
# Options (environment): COUNT (requests, default 2000), LINES (run lines, default 10000),
# BUILD (release), SCRATCH (.build), KEEP (a folder to keep the callgrind files in, for
# callgrind_annotate).
set -euo pipefail
cd "$(dirname "$0")/../.."
COUNT=${COUNT:-2000}
LINES=${LINES:-10000}
BUILD=${BUILD:-release}
SCRATCH=${SCRATCH:-.build}
BIN="$SCRATCH/$BUILD/statute"
HERE=Benchmarks/serve
TODAY=2026-03-01

command -v valgrind >/dev/null || { apt-get update -qq && apt-get install -y -qq valgrind; }
[ -x "$BIN" ] || swift build -c "$BUILD" --product statute --scratch-path "$SCRATCH" >/dev/null

work=$(mktemp -d)
pid=""
trap '[ -n "$pid" ] && kill $pid 2>/dev/null; rm -rf "$work"' EXIT
python3 Benchmarks/impact/generate.py "$LINES" > "$work/lines.jsonl"
head -n 1 "$work/lines.jsonl" > "$work/one.jsonl"

# The total instruction count of a callgrind output file.
total() { awk '/^(summary|totals):/ {print $2; exit}' "$1"; }

# Starts the server under callgrind (extra arguments: serve options); sets pid and port.
start() {
    valgrind --tool=callgrind --callgrind-out-file="$work/serve.%p.out" --log-file="$work/valgrind.log" \
        "$BIN" serve --policy policies/certification.yaml --port 0 "$@" 2> "$work/stderr" &
    pid=$!
    port=""
    for _ in $(seq 1 600); do
        port=$(grep -o 'listening on http://127.0.0.1:[0-9]*' "$work/stderr" | grep -o '[0-9]*$' || true)
        [ -n "$port" ] && break
        sleep 0.2
    done
    [ -n "$port" ] || { cat "$work/stderr" "$work/valgrind.log"; exit 1; }
}

stop() { kill -TERM "$pid"; wait "$pid" || true; pid=""; }

# Instructions per unit of the work `$@` does against the running server.
measure() { # units name command...
    local units=$1 name=$2; shift 2
    callgrind_control -z "$pid" >/dev/null
    "$@"
    callgrind_control -d "$name" "$pid" >/dev/null
    local file
    file=$(ls -t "$work"/serve.*.out.* | head -n 1)
    [ -n "${KEEP:-}" ] && mkdir -p "$KEEP" && cp "$file" "$KEEP/$name.callgrind"
    echo $(( $(total "$file") / units ))
}

post_run() {
    curl -sS --fail -o "$work/run-answers.jsonl" -H 'Content-Type: application/x-ndjson' \
        --data-binary @"$work/lines.jsonl" "http://127.0.0.1:$port/v1/policies/certification/run?today=$TODAY"
}

start
python3 $HERE/client.py "$port" healthz 200
python3 $HERE/client.py "$port" evaluate 200
post_run
healthz=$(measure "$COUNT" healthz python3 $HERE/client.py "$port" healthz "$COUNT")
evaluate=$(measure "$COUNT" evaluate python3 $HERE/client.py "$port" evaluate "$COUNT")
run=$(measure "$LINES" run post_run)
stop

start --decision-log "$work/decisions.jsonl"
python3 $HERE/client.py "$port" evaluate 200
post_run
logged=$(measure "$COUNT" evaluate-log python3 $HERE/client.py "$port" evaluate "$COUNT")
run_logged=$(measure "$LINES" run-log post_run)
stop

# `statute run --jobs 1` on the same lines: all of them minus one (start-up and loading).
cli() {
    valgrind --tool=callgrind --callgrind-out-file="$work/cli.out" --log-file="$work/cli.log" \
        "$BIN" run --policy policies/certification.yaml --today "$TODAY" --jobs 1 "$1" > "$work/cli-answers.jsonl" 2>/dev/null || true
    total "$work/cli.out"
}
cli_one=$(cli "$work/one.jsonl")
cli_all=$(cli "$work/lines.jsonl")
cli_line=$(( (cli_all - cli_one) / (LINES - 1) ))
cmp -s "$work/cli-answers.jsonl" "$work/run-answers.jsonl" && same="same bytes" || same="DIFFERENT bytes"

echo "callgrind, $BUILD build, $COUNT requests per route over one keep-alive connection, $LINES run lines; $(uname -m), $(nproc) cores"
echo
echo "| work | instructions |"
echo "| --- | ---: |"
echo "| GET /healthz, per request | $healthz |"
echo "| POST evaluate, per request | $evaluate |"
echo "| POST evaluate with --decision-log, per request | $logged |"
echo "| POST run, per line | $run |"
echo "| POST run with --decision-log, per line | $run_logged |"
echo "| \`statute run --jobs 1\`, per line | $cli_line |"
echo
echo "evaluate / healthz: $(awk -v a="$evaluate" -v b="$healthz" 'BEGIN {printf "%.2f", a / b}')x the instructions;" \
     "with the log $(awk -v a="$logged" -v b="$healthz" 'BEGIN {printf "%.2f", a / b}')x;" \
     "run route / statute run: $(awk -v a="$run" -v b="$cli_line" 'BEGIN {printf "%.2f", a / b}')x per line ($same)"
