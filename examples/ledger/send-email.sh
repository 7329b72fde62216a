#!/bin/sh
# An example receiver for `statute ledger deliver --exec examples/ledger/send-email.sh`.
# The entry's JSON arrives on stdin; STATUTE_IDEMPOTENCY_KEY, STATUTE_EFFECT and
# STATUTE_RECORD name it. Exit 0 only once the email is really handed over: any other
# status is retried later. The key makes a repeat harmless: an entry whose key was seen
# before is acknowledged without sending again.
set -eu
seen=${STATUTE_SEEN_KEYS:-./delivered-keys.txt}
touch "$seen"
if grep -qx "$STATUTE_IDEMPOTENCY_KEY" "$seen"; then
    exit 0    # delivered before; the ledger had not recorded it (a crash in between)
fi
entry=$(cat)
echo "would send $STATUTE_EFFECT for record $STATUTE_RECORD: $entry" >&2
echo "$STATUTE_IDEMPOTENCY_KEY" >> "$seen"
