#!/bin/sh
# Ledger benchmark: `statute ledger import` and `statute ledger sweep` on an SQLite store
# against a hand-written C reference doing the same reads and writes with plain SQL
# (Benchmarks/ledger/reference.c: same batch size, one transaction per batch, no policy
# logic); the peak memory of a sweep at N/10 and N records; and, when a PostgreSQL server
# is given, 1, 2 and 4 sweepers at once on one PostgreSQL store.
#
# Usage: Benchmarks/ledger/run.sh [RECORDS [REPEATS]]   (default 100000 3; from the repository root)
# Environment: STATUTE (default: builds and uses .build/release/statute); PG_URL, a
# PostgreSQL URL whose role may create databases (default: $STATUTE_TEST_POSTGRES; none:
# the PostgreSQL part is left out); PG_RECORDS (default RECORDS); BATCH (default 500).
set -eu
cd "$(dirname "$0")/../.."
COUNT=${1:-100000}
REPEATS=${2:-3}
BATCH=${BATCH:-500}
export BATCH
TENTH=$((COUNT / 10))
WORK=${TMPDIR:-/tmp}/statute-ledger-bench
rm -rf "$WORK"
mkdir -p "$WORK"
if [ -z "${STATUTE:-}" ]; then
  swift build -c release --product statute >&2
  STATUTE=.build/release/statute
fi
[ -x /usr/bin/time ] || { echo "needs GNU time: apt-get install time" >&2; exit 2; }
cc -O2 -o "$WORK/reference" Benchmarks/ledger/reference.c -lsqlite3
POLICY=policies/certification.yaml
IMPORT_DAY=2024-12-31   # nothing due yet
SWEEP_DAY=2025-12-31    # 10% of the records due: each expires
python3 Benchmarks/ledger/generate.py "$COUNT" > "$WORK/records.jsonl"
head -n "$TENTH" "$WORK/records.jsonl" > "$WORK/tenth.jsonl"

# seconds of wall time, seconds of CPU time and peak MiB of the last `timed` command.
timed() {
  /usr/bin/time -v "$@" > "$WORK/out" 2> "$WORK/time" || { cat "$WORK/time" >&2; exit 2; }
  awk -F': ' '/Elapsed \(wall clock\)/ {n=split($2,p,":"); s=0; for(i=1;i<=n;i++) s=s*60+p[i]; w=s}
              /User time|System time/ {c+=$2}
              /Maximum resident set size/ {m=$2/1024}
              END {printf "%.2f %.2f %.1f\n", w, c, m}' "$WORK/time"
}
fresh() { rm -f "$1" "$1-wal" "$1-shm"; "$STATUTE" ledger init --store "sqlite:$1" > /dev/null; }
# A copy of a store with its WAL files; the target's old ones go first, or SQLite would
# replay a previous repeat's WAL into the copy.
copy() { for s in "" -wal -shm; do rm -f "$2$s"; [ -f "$1$s" ] && cp "$1$s" "$2$s"; done; return 0; }
median() { sort -n | awk '{v[NR]=$1} END {print (NR%2) ? v[(NR+1)/2] : (v[NR/2]+v[NR/2+1])/2}'; }

echo "ledger benchmark: $COUNT records, batch $BATCH, $REPEATS repeats (medians), $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg)"
: > "$WORK/import.statute"; : > "$WORK/import.reference"; : > "$WORK/sweep.statute"; : > "$WORK/sweep.reference"
for repeat in $(seq "$REPEATS"); do
  fresh "$WORK/a.db"
  timed "$STATUTE" ledger import --store "sqlite:$WORK/a.db" --policy "$POLICY" --today "$IMPORT_DAY" --batch "$BATCH" \
    "$WORK/records.jsonl" | cut -d' ' -f1,2 >> "$WORK/import.statute"
  fresh "$WORK/b.db"
  "$WORK/reference" import "$WORK/b.db" "$WORK/a.db" 2>/dev/null >> "$WORK/import.reference"
  copy "$WORK/a.db" "$WORK/s.db"
  timed "$STATUTE" ledger sweep --store "sqlite:$WORK/s.db" --policy "$POLICY" --today "$SWEEP_DAY" --batch "$BATCH" \
    --format json | cut -d' ' -f1,2 >> "$WORK/sweep.statute"
  head -c 300 "$WORK/out" >&2; echo >&2
  copy "$WORK/a.db" "$WORK/r.db"
  "$WORK/reference" sweep "$WORK/r.db" certification "$SWEEP_DAY" >> "$WORK/sweep.reference"
done
for what in import sweep; do
  for column in 1 2; do
    kind=$([ $column = 1 ] && echo "wall time" || echo "CPU time")
    s=$(cut -d' ' -f$column "$WORK/$what.statute" | median); r=$(cut -d' ' -f$column "$WORK/$what.reference" | median)
    echo "$what, $kind: statute $s s (runs: $(cut -d' ' -f$column "$WORK/$what.statute" | tr '\n' ' ')), reference $r s" \
      "(runs: $(cut -d' ' -f$column "$WORK/$what.reference" | tr '\n' ' ')) → $(echo "$s $r" | awk '{printf "%.2f", $1 / $2}')×"
  done
done

# Peak memory of a sweep: a tenth of the records, then all of them.
fresh "$WORK/t.db"
"$STATUTE" ledger import --store "sqlite:$WORK/t.db" --policy "$POLICY" --today "$IMPORT_DAY" "$WORK/tenth.jsonl" > /dev/null 2>&1
small=$(timed "$STATUTE" ledger sweep --store "sqlite:$WORK/t.db" --policy "$POLICY" --today "$SWEEP_DAY" | cut -d' ' -f3)
copy "$WORK/a.db" "$WORK/m.db"
large=$(timed "$STATUTE" ledger sweep --store "sqlite:$WORK/m.db" --policy "$POLICY" --today "$SWEEP_DAY" | cut -d' ' -f3)
echo "sweep peak memory (max RSS): $small MiB at $TENTH records, $large MiB at $COUNT records"

# PostgreSQL: 1, 2 and 4 sweepers at once on copies of one store.
PG_URL=${PG_URL:-${STATUTE_TEST_POSTGRES:-}}
if [ -n "$PG_URL" ]; then
  PG_COUNT=${PG_RECORDS:-$COUNT}
  base=${PG_URL%/*}
  psql "$PG_URL" -qc "DROP DATABASE IF EXISTS ledger_bench_template" -c "CREATE DATABASE ledger_bench_template"
  head -n "$PG_COUNT" "$WORK/records.jsonl" > "$WORK/pg.jsonl"
  "$STATUTE" ledger init --store "$base/ledger_bench_template" > /dev/null
  "$STATUTE" ledger import --store "$base/ledger_bench_template" --policy "$POLICY" --today "$IMPORT_DAY" "$WORK/pg.jsonl" > /dev/null 2>&1
  # A sweep day on which every record is due, so that the sweepers have work to share.
  ALL_DUE=2035-01-01
  for sweepers in 1 2 4; do
    : > "$WORK/pg.$sweepers"
    for repeat in $(seq "$REPEATS"); do
      psql "$PG_URL" -qc "DROP DATABASE IF EXISTS ledger_bench_run" -c "CREATE DATABASE ledger_bench_run TEMPLATE ledger_bench_template"
      start=$(date +%s.%N)
      for i in $(seq "$sweepers"); do
        "$STATUTE" ledger sweep --store "$base/ledger_bench_run" --policy "$POLICY" --today "$ALL_DUE" --batch "$BATCH" \
          --busy-timeout 60 --format json > "$WORK/pg.out.$i" &
      done
      wait
      echo "$(date +%s.%N) $start" | awk '{printf "%.2f\n", $1 - $2}' >> "$WORK/pg.$sweepers"
    done
    eval "pg$sweepers=$(median < "$WORK/pg.$sweepers")"
    echo "PostgreSQL, $sweepers sweeper(s), $PG_COUNT records all due: $(median < "$WORK/pg.$sweepers") s (runs: $(tr '\n' ' ' < "$WORK/pg.$sweepers"))"
  done
  echo "$pg1 $pg2 $pg4" | awk '{printf "PostgreSQL speed-up: 2 sweepers %.2f× one, 4 sweepers %.2f× one\n", $1 / $2, $1 / $3}'
  psql "$PG_URL" -qc "DROP DATABASE IF EXISTS ledger_bench_run" -c "DROP DATABASE IF EXISTS ledger_bench_template"
fi
