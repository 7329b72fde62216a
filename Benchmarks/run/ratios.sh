#!/bin/sh
# `statute run` against a hand-written pipeline, as whole processes on the same
# JSON Lines: Benchmarks/impact/generate.py's certification enrollments (fixed seed),
# evaluated on 2026-03-01 with expiring_notice_days = 30.
#
#   handwritten-run      Foundation's JSONDecoder in, the policy as switch statements
#                        (BenchmarkSupport/HandWrittenCertification.swift), JSON by hand out
#   statute run --jobs 1 and --jobs 2
#
# First both outputs are compared record by record (id, status, previous, outcome, steps,
# effects, set, next); then each command runs RUNS times (default 3) with GNU time, and the
# medians of wall time and user CPU, and the largest peak memory (max RSS), are printed.
#
# Usage: Benchmarks/run/ratios.sh [RECORDS]      (default 200000; from the repository root)
# Environment: STATUTE, HANDWRITTEN (prebuilt binaries; default: release builds), RUNS;
#   BOOST=1 runs each timed command in a session of its own whose scheduler autogroup has
#   nice -15 (needs root). On a Linux machine shared with other sessions (autogroups on),
#   a process gets its session's share of the cores however many threads it has, so
#   `--jobs 2` cannot show its speed-up there; BOOST gives the timed command the cores.
set -eu
cd "$(dirname "$0")/../.."
COUNT=${1:-200000}
RUNS=${RUNS:-3}
WORK=${TMPDIR:-/tmp}/statute-run-bench
mkdir -p "$WORK"
[ -x /usr/bin/time ] || { echo "needs GNU time: apt-get install time" >&2; exit 2; }
if [ -z "${STATUTE:-}" ]; then
  swift build -c release --product statute >&2
  STATUTE=.build/release/statute
fi
if [ -z "${HANDWRITTEN:-}" ]; then
  (cd Benchmarks && swift build -c release --product handwritten-run >&2)
  HANDWRITTEN=Benchmarks/.build/release/handwritten-run
fi
python3 Benchmarks/impact/generate.py "$COUNT" > "$WORK/records.jsonl"
TODAY=2026-03-01
POLICY=policies/certification.yaml

# Agreement: the same answer for every record.
"$HANDWRITTEN" --today "$TODAY" --notice-days 30 "$WORK/records.jsonl" > "$WORK/handwritten.jsonl" 2>/dev/null
"$STATUTE" run --policy "$POLICY" --today "$TODAY" --setting expiring_notice_days=30 --jobs 1 \
  "$WORK/records.jsonl" > "$WORK/statute.jsonl" 2>/dev/null
python3 - "$WORK/handwritten.jsonl" "$WORK/statute.jsonl" <<'PY'
import json, sys
fields = ["id", "status", "previous", "outcome", "steps", "effects", "set", "next"]
a = open(sys.argv[1]).read().splitlines()
b = open(sys.argv[2]).read().splitlines()
if len(a) != len(b):
    sys.exit(f"agreement: {len(a)} hand-written answers, {len(b)} from statute run")
differ = 0
for n, (x, y) in enumerate(zip(a, b), 1):
    x, y = json.loads(x), json.loads(y)
    if "error" in x or "error" in y or any(x.get(f) != y.get(f) for f in fields):
        differ += 1
        if differ <= 3:
            print(f"line {n} differs:\n  hand-written {x}\n  statute      {y}", file=sys.stderr)
outcomes = {}
for line in b:
    o = json.loads(line).get("outcome", "error")
    outcomes[o] = outcomes.get(o, 0) + 1
print(f"agreement: {len(a) - differ} of {len(a)} records give the same answer ({', '.join(f'{v} {k}' for k, v in sorted(outcomes.items()))})")
if differ:
    sys.exit(1)
PY

BOOSTER=
if [ "${BOOST:-0}" = 1 ]; then
  BOOSTER="$WORK/boost.sh"
  printf '#!/bin/sh\necho -15 > /proc/self/autogroup 2>/dev/null\nexec "$@"\n' > "$BOOSTER"
  chmod +x "$BOOSTER"
fi
measure() { # label, command…
  label=$1; shift
  : > "$WORK/samples"
  i=0
  while [ $i -lt "$RUNS" ]; do
    if [ -n "$BOOSTER" ]; then
      setsid "$BOOSTER" /usr/bin/time -v "$@" > /dev/null 2> "$WORK/time" || true
    else
      /usr/bin/time -v "$@" > /dev/null 2> "$WORK/time" || true
    fi
    awk -F': ' '/Elapsed \(wall clock\)/ {n=split($2,p,":"); s=0; for(i=1;i<=n;i++) s=s*60+p[i]; w=s}
                /User time/ {u=$2} /Maximum resident set size/ {r=$2} END {print w, u, r}' "$WORK/time" >> "$WORK/samples"
    i=$((i + 1))
  done
  wall=$(cut -d' ' -f1 "$WORK/samples" | sort -n | awk '{v[NR]=$1} END {print v[int((NR+1)/2)]}')
  user=$(cut -d' ' -f2 "$WORK/samples" | sort -n | awk '{v[NR]=$1} END {print v[int((NR+1)/2)]}')
  rss=$(cut -d' ' -f3 "$WORK/samples" | sort -n | tail -1)
  printf '| %s | %.2f s | %.0f k/s | %.2f s | %.1f MiB |\n' "$label" "$wall" "$(echo "$COUNT $wall" | awk '{print $1 / $2 / 1000}')" \
    "$user" "$(echo "$rss" | awk '{print $1 / 1024}')"
  eval "LAST_WALL=$wall; LAST_USER=$user"
}

echo "load before: $(uptime | sed 's/.*load average: //')${BOOSTER:+ (timed commands boosted: autogroup nice -15)}"
echo "| $COUNT records, median of $RUNS | wall | records/s | user CPU | max RSS |"
echo "| --- | --- | --- | --- | --- |"
measure "hand-written pipeline" "$HANDWRITTEN" --today "$TODAY" --notice-days 30 "$WORK/records.jsonl"
HW_WALL=$LAST_WALL; HW_USER=$LAST_USER
measure "statute run --jobs 1" "$STATUTE" run --policy "$POLICY" --today "$TODAY" --setting expiring_notice_days=30 --jobs 1 "$WORK/records.jsonl"
J1_WALL=$LAST_WALL; J1_USER=$LAST_USER
measure "statute run --jobs 2" "$STATUTE" run --policy "$POLICY" --today "$TODAY" --setting expiring_notice_days=30 --jobs 2 "$WORK/records.jsonl"
J2_WALL=$LAST_WALL
echo "load after: $(uptime | sed 's/.*load average: //')"
echo "$J1_WALL $HW_WALL $J1_USER $HW_USER $J2_WALL" | awk '{
  printf "statute run --jobs 1 / hand-written: %.2fx wall, %.2fx user CPU (goal <= 1.5x)\n", $1 / $2, $3 / $4
  printf "statute run --jobs 2 speed-up over --jobs 1: %.2fx wall (goal >= 1.6x)\n", $1 / $5 }'
