#!/usr/bin/env python3
"""Writes N certification enrollment records as JSON Lines (deterministic: seed 12).

Usage: generate.py N > records.jsonl

A mix a back office might hold: Active certifications completed over the past three
years with 6-36 month programs (some with an explicit expiration date), records in
progress (some with every component completed), applications waiting, new contacts
applying (an event on the first day), and a few staff requests.
"""
import json
import random
import sys

def date(rng, start_year=2023, end_year=2026):
    year = rng.randint(start_year, end_year - 1) if end_year > start_year else start_year
    month = rng.randint(1, 12)
    day = rng.choice([1, 5, 10, 15, 20, 28, 29, 30, 31])
    last = [31, 29 if year % 4 == 0 else 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1]
    return f"{year:04d}-{month:02d}-{min(day, last):02d}"

def record(rng, n):
    kind = rng.random()
    rid = f"E-{n:07d}"
    if kind < 0.60:
        facts = {"program.expires_after_months": rng.choice([6, 12, 12, 24, 36]),
                 "components.required": 3, "components.completed": 3, "completed_on": date(rng)}
        if rng.random() < 0.1:
            facts["expires_on"] = date(rng, 2026, 2027)
        return {"id": rid, "status": "active", "facts": facts}
    if kind < 0.80:
        required = rng.randint(1, 6)
        return {"id": rid, "status": "in_progress",
                "facts": {"program.expires_after_months": rng.choice([12, 24]),
                          "components.required": required, "components.completed": rng.randint(0, required)}}
    if kind < 0.90:
        return {"id": rid, "facts": {"program.require_approval": rng.random() < 0.5}, "event": "apply"}
    if kind < 0.95:
        return {"id": rid, "status": "applied", "facts": {"program.require_approval": True},
                "set": rng.choice(["in_progress", "declined"]), "as": "staff"}
    return {"id": rid, "status": "expired",
            "facts": {"program.expires_after_months": 12, "completed_on": date(rng, 2023, 2024)}}

def main():
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 200000
    rng = random.Random(12)
    out = sys.stdout
    for n in range(1, count + 1):
        out.write(json.dumps(record(rng, n), separators=(",", ":")) + "\n")

if __name__ == "__main__":
    main()
