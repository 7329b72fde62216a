#!/usr/bin/env bash
# Builds the seed corpora of the harnesses from the repository's policies, test files,
# fixtures and records, into $1 (default .build-fuzz/fuzz-corpus): one folder per harness.
set -euo pipefail
cd "$(dirname "$0")/.."
out="${1:-.build-fuzz/fuzz-corpus}"
mkdir -p "$out"/{FuzzPolicy,FuzzExpression,FuzzRecords,FuzzTestFile,FuzzLanguageServer}
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
# The language server: each policy and test file as an open document (first byte odd), and
# a client's session of framed messages (first byte even) opening, editing and querying one.
n=0
frame() { printf 'Content-Length: %d\r\n\r\n%s' "$(printf '%s' "$1" | wc -c)" "$1"; }
for file in policies/certification.yaml policies/certification.test.yaml examples/membership/*.yaml; do
    [ -f "$file" ] || continue
    n=$((n + 1)); { printf '\001'; cat "$file"; } > "$out/FuzzLanguageServer/doc-$n.yaml"
done
{
    printf '\010'
    frame '{"jsonrpc":"2.0","method":"textDocument/didOpen","params":{"textDocument":{"uri":"file:///fuzz/d.yaml","version":1,"text":"statute: 1\nname: d\nstatuses:\n  a: {}\ntransitions:\n  - {id: t, from: start, to: b, mode: manual, by: x}\n"}}}'
    frame '{"jsonrpc":"2.0","method":"textDocument/didChange","params":{"textDocument":{"uri":"file:///fuzz/d.yaml","version":2},"contentChanges":[{"range":{"start":{"line":5,"character":32},"end":{"line":5,"character":33}},"text":"a"}]}}'
    frame '{"jsonrpc":"2.0","id":1,"method":"textDocument/hover","params":{"textDocument":{"uri":"file:///fuzz/d.yaml"},"position":{"line":3,"character":2}}}'
    frame '{"jsonrpc":"2.0","id":2,"method":"textDocument/rename","params":{"textDocument":{"uri":"file:///fuzz/d.yaml"},"position":{"line":3,"character":2},"newName":"b"}}'
    frame '{"jsonrpc":"2.0","id":3,"method":"shutdown"}'
    frame '{"jsonrpc":"2.0","method":"exit"}'
} > "$out/FuzzLanguageServer/session.txt"
for dir in "$out"/*; do echo "seed: $(ls "$dir" | wc -l) inputs in $dir"; done
