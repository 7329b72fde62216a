#!/bin/sh
# Change-impact benchmark: `statute impact` over generated records and a 90-day window,
# against one `statute run` over the same records, with time and peak memory from
# GNU time (`/usr/bin/time -v`). Memory should not grow with the number of records, so
# impact runs twice: over a quarter of the records and over all of them.
#
# Usage: Benchmarks/impact/run.sh [RECORDS]     (default 200000; from the repository root)
# Environment: STATUTE (default: builds and uses .build/release/statute), JOBS (default: cores).
set -eu
cd "$(dirname "$0")/../.."
COUNT=${1:-200000}
QUARTER=$((COUNT / 4))
WORK=${TMPDIR:-/tmp}/statute-impact-bench
mkdir -p "$WORK"
if [ -z "${STATUTE:-}" ]; then
  swift build -c release --product statute >&2
  STATUTE=.build/release/statute
fi
JOBS=${JOBS:-$(nproc 2>/dev/null || echo 1)}
[ -x /usr/bin/time ] || { echo "needs GNU time: apt-get install time" >&2; exit 2; }
python3 Benchmarks/impact/generate.py "$COUNT" > "$WORK/records.jsonl"
head -n "$QUARTER" "$WORK/records.jsonl" > "$WORK/quarter.jsonl"
POLICY=policies/certification.yaml
TODAY=2026-03-01
UNTIL=2026-05-29   # 90 days: 2026-03-01 .. 2026-05-29

measure() { # label, command…
  label=$1; shift
  /usr/bin/time -v "$@" > "$WORK/out" 2> "$WORK/time" || true
  seconds=$(awk -F': ' '/Elapsed \(wall clock\)/ {n=split($2,p,":"); s=0; for(i=1;i<=n;i++) s=s*60+p[i]; print s}' "$WORK/time")
  cpu=$(awk -F': ' '/User time|System time/ {s+=$2} END {printf "%.2f", s}' "$WORK/time")
  rss=$(awk -F': ' '/Maximum resident set size/ {printf "%.1f", $2/1024}' "$WORK/time")
  printf '| %s | %s s | %s s | %s MiB |\n' "$label" "$seconds" "$cpu" "$rss"
  echo "$seconds $cpu" > "$WORK/last"
}

echo "| command ($COUNT records unless said, $JOBS jobs) | wall time | CPU time (user + system) | peak memory |"
echo "| --- | --- | --- | --- |"
measure "run, $TODAY" "$STATUTE" run --policy "$POLICY" --today "$TODAY" --jobs "$JOBS" "$WORK/records.jsonl"
RUN=$(cat "$WORK/last")
measure "impact, $QUARTER records, 90 days" "$STATUTE" impact --policy "$POLICY" --candidate-setting expiring_notice_days=30 \
  --records "$WORK/quarter.jsonl" --today "$TODAY" --until "$UNTIL" --jobs "$JOBS" --format json
measure "impact, 90 days (json)" "$STATUTE" impact --policy "$POLICY" --candidate-setting expiring_notice_days=30 \
  --records "$WORK/records.jsonl" --today "$TODAY" --until "$UNTIL" --jobs "$JOBS" --format json
IMPACT=$(cat "$WORK/last")
head -c 400 "$WORK/out" | sed 's/^/    /' >&2
echo
echo "$IMPACT $RUN" | awk '{ if ($3 > 0 && $4 > 0) printf "impact / run: %.2f× wall time, %.2f× CPU time\n", $1 / $3, $2 / $4 }'
