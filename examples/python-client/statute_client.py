#!/usr/bin/env python3
"""A Statute decision-service client in the standard library only (docs/service.md).
Usage: statute_client.py [BASE_URL] [TOKEN]"""
import json, sys, urllib.error, urllib.request

BASE = sys.argv[1] if len(sys.argv) > 1 else "http://127.0.0.1:8080"
TOKEN = sys.argv[2] if len(sys.argv) > 2 else None

def call(path, body=None):
    headers = {"Content-Type": "application/json"}
    if TOKEN:
        headers["Authorization"] = "Bearer " + TOKEN
    data = None if body is None else json.dumps(body).encode()
    request = urllib.request.Request(BASE + path, data=data, headers=headers)
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return json.load(response)
    except urllib.error.HTTPError as error:  # 4xx/5xx: {"error": {"code", "message"}}
        raise SystemExit(f"{error.code}: {json.load(error)['error']['message']}")

record = {"status": None, "facts": {"program": {"require_approval": True}}, "event": "apply"}
answer = call("/v1/policies/certification/evaluate", record)
print(answer["outcome"], answer["status"], answer["effects"], answer["policy"]["digest"])
options = call("/v1/policies/certification/options", {"status": answer["status"], "as": "staff"})
print("staff may:", ", ".join(option["transition"] for option in options["options"]))
