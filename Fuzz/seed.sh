#!/usr/bin/env bash
# Builds the seed corpora of the harnesses from the repository's policies, test files,
# fixtures and records, into $1 (default .build-fuzz/fuzz-corpus): one folder per harness.
set -euo pipefail
cd "$(dirname "$0")/.."
out="${1:-.build-fuzz/fuzz-corpus}"
mkdir -p "$out"/{FuzzPolicy,FuzzExpression,FuzzRecords,FuzzTestFile}
n=0
while IFS= read -r -d '' file; do
    n=$((n + 1))
    case "$file" in
        *.test.yaml|*.test.yml) cp "$file" "$out/FuzzTestFile/$n.yaml" ;;
        *) cp "$file" "$out/FuzzPolicy/$n.yaml" ;;
    esac
done < <(find policies examples Tests -path '*/.build*' -prune -o \( -name '*.yaml' -o -name '*.yml' \) -type f -size -256k -print0)
# Records: every line of every JSON Lines file.
n=0
while IFS= read -r -d '' file; do
    while IFS= read -r line; do n=$((n + 1)); printf '%s' "$line" > "$out/FuzzRecords/$n.json"; done < "$file"
done < <(find examples Tests -name '*.jsonl' -type f -print0)
# Expressions: every guard, when, at and derive value of the shipped policies, after a seed byte.
n=0
grep -rhoE '^\s*(guard|when|at): .+$|^\s{2}[a-z_.]+: "[^"]+"$' policies examples Tests/StatuteTests/Fixtures 2>/dev/null \
    | sed -E 's/^\s*[a-z_.]+: //; s/^"(.*)"$/\1/' | sort -u | while IFS= read -r expression; do
    n=$((n + 1)); printf 'A%s' "$expression" > "$out/FuzzExpression/$n.txt"
done
for dir in "$out"/*; do echo "seed: $(ls "$dir" | wc -l) inputs in $dir"; done
