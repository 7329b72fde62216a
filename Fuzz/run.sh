#!/usr/bin/env bash
# Runs one fuzz harness for SECONDS seconds on its corpus (.build-fuzz/fuzz-corpus/NAME),
# with its dictionary, under AddressSanitizer. Exits non-zero on any crash, leak of a
# sanitizer report, or hang (a single input taking more than 10 s); the input that found
# it is saved as .build-fuzz/findings/NAME-crash-…. Prints the executions run.
set -euo pipefail
cd "$(dirname "$0")"
name="$1"; seconds="${2:-600}"
case "$name" in
    FuzzPolicy|FuzzTestFile) dict=dictionaries/policy.dict ;;
    FuzzExpression) dict=dictionaries/expression.dict ;;
    FuzzRecords) dict=dictionaries/records.dict ;;
    FuzzLanguageServer) dict=dictionaries/lsp.dict ;;
    *) echo "unknown harness $name" >&2; exit 2 ;;
esac
binary=../.build-fuzz/release/"$name"
corpus=../.build-fuzz/fuzz-corpus/"$name"
mkdir -p "$corpus" ../.build-fuzz/findings
log=../.build-fuzz/findings/"$name".log
# detect_leaks=0: see the Makefile's `sanitize` target.
status=0
ASAN_OPTIONS=detect_leaks=0 "$binary" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 \
    -max_len=65536 -dict="$dict" -print_final_stats=1 -artifact_prefix=../.build-fuzz/findings/"$name"- \
    "$corpus" > "$log" 2>&1 || status=$?
runs=$(grep -Eo 'stat::number_of_executed_units: *[0-9]+' "$log" | grep -Eo '[0-9]+$' || echo "?")
echo "fuzz: $name: $runs executions in ${seconds}s, corpus $(ls "$corpus" | wc -l) inputs, exit $status"
if [ "$status" -ne 0 ]; then
    tail -40 "$log" >&2
    exit 1
fi
