#!/usr/bin/env python3
"""Sends a fixed number of requests to `statute serve` over one keep-alive connection,
each after the answer to the one before, and checks every answer is 200.

Usage: client.py PORT ROUTE COUNT
  ROUTE: healthz (GET /healthz) or evaluate (POST the benchmark's Active record)

Used by callgrind.sh, which counts the server's instructions for COUNT requests: one
connection and one request at a time, so the count does not depend on timing.
"""
import socket
import sys

EVALUATE_BODY = (b'{"status": "active", "facts": {"completed_on": "2025-03-01", '
                 b'"program": {"expires_after_months": 12}}}')


def request(route):
    if route == "healthz":
        return b"GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n"
    if route == "evaluate":
        return (b"POST /v1/policies/certification/evaluate HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                b"Content-Type: application/json\r\nContent-Length: %d\r\n\r\n" % len(EVALUATE_BODY)) + EVALUATE_BODY
    raise SystemExit(f"unknown route {route!r}")


def read_answer(sock, pending):
    """Reads one whole answer (Content-Length or chunked); returns (status, leftover bytes)."""
    while b"\r\n\r\n" not in pending:
        pending += receive(sock)
    head, pending = pending.split(b"\r\n\r\n", 1)
    lines = head.split(b"\r\n")
    status = int(lines[0].split()[1])
    headers = {k.strip().lower(): v.strip() for k, v in (line.split(b":", 1) for line in lines[1:])}
    if b"content-length" in headers:
        length = int(headers[b"content-length"])
        while len(pending) < length:
            pending += receive(sock)
        return status, pending[length:]
    # chunked
    while True:
        while b"\r\n" not in pending:
            pending += receive(sock)
        size_line, pending = pending.split(b"\r\n", 1)
        size = int(size_line.split(b";")[0], 16)
        while len(pending) < size + 2:
            pending += receive(sock)
        pending = pending[size + 2:]
        if size == 0:
            return status, pending


def receive(sock):
    data = sock.recv(65536)
    if not data:
        raise SystemExit("the server closed the connection")
    return data


def main():
    port, route, count = int(sys.argv[1]), sys.argv[2], int(sys.argv[3])
    message = request(route)
    with socket.create_connection(("127.0.0.1", port)) as sock:
        sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        pending = b""
        for _ in range(count):
            sock.sendall(message)
            status, pending = read_answer(sock, pending)
            if status != 200:
                raise SystemExit(f"{route}: status {status}")


if __name__ == "__main__":
    main()
