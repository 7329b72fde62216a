#!/usr/bin/env python3
"""Records for the ledger benchmark: N Active certifications of the default policy whose
expiration dates spread evenly over ten years from 2025-01-01, so that a sweep on
2025-12-31 finds 10% of them due (each expires) and an import on 2024-12-31 finds none.

Usage: generate.py N > records.jsonl"""
import datetime
import sys

count = int(sys.argv[1])
first = datetime.date(2025, 1, 1)
out = sys.stdout
for index in range(count):
    expires = first + datetime.timedelta(days=index % 3650)
    # A year before (12 months before 29 February is 28 February, which expires on the 28th).
    completed = expires.replace(year=expires.year - 1, day=min(expires.day, 28 if expires.month == 2 else 31))
    out.write('{"id":"r%07d","status":"active","facts":{"completed_on":"%s","program.expires_after_months":12}}\n'
              % (index, completed.isoformat()))
