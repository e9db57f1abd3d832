#!/usr/bin/env python3
"""Slow HTTP clients (slowloris) against `decouple serve`, for scripts/stress-test.sh.

Half of the clients trickle the request head one byte at a time; the other half send a complete
head with Content-Length and then trickle the body of a POST to /api/v1/ira/check. Each sends a
byte every --gap seconds and records when the server closed the connection. Exits 1 unless every
client was answered 408 (the read timeouts answer it; an idle-timeout close sends nothing) and
closed between --timeout minus 0.2 s and --timeout plus --margin seconds after the timed part
began (the connection for the head, the end of the head for the body; a server under load may
accept a connection late, and its clock starts then).

Prints one line per kind and a final `slow-clients: ok` or `slow-clients: FAILED ...`.
Standard library only.
"""
import argparse
import socket
import statistics
import sys
import threading
import time


def trickle(port, kind, gap, limit, results, index):
    """One client: returns (kind, seconds until closed or None, first status line)."""
    received = b""
    closed_after = None
    try:
        s = socket.create_connection(("127.0.0.1", port), timeout=5)
        s.settimeout(gap)
        if kind == "head":
            payload = b"GET /api/v1/report HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: " + b"a" * 10000
            start = time.monotonic()
        else:
            length = 100000
            s.sendall(b"POST /api/v1/ira/check HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                      b"Content-Type: application/json\r\nContent-Length: %d\r\n\r\n" % length)
            start = time.monotonic()
            payload = b" " * length
        for i in range(len(payload)):
            if time.monotonic() - start > limit:
                break
            try:
                s.sendall(payload[i:i + 1])
            except OSError:
                closed_after = time.monotonic() - start
                break
            deadline = time.monotonic() + gap
            done = False
            while time.monotonic() < deadline:
                try:
                    chunk = s.recv(4096)
                except socket.timeout:
                    break
                except OSError:
                    done = True
                    break
                if not chunk:
                    done = True
                    break
                received += chunk
            if done:
                closed_after = time.monotonic() - start
                break
        s.close()
    except OSError as e:
        results[index] = (kind, None, "error: %s" % e)
        return
    status = received.split(b"\r\n", 1)[0].decode("latin-1") if received else ""
    results[index] = (kind, closed_after, status)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--clients", type=int, default=20, help="clients in all, half of each kind (20)")
    parser.add_argument("--timeout", type=float, required=True, help="the server's header and body timeout, seconds")
    parser.add_argument("--margin", type=float, default=3.0, help="seconds allowed past the timeout (3)")
    parser.add_argument("--gap", type=float, default=0.5, help="seconds between two bytes (0.5)")
    args = parser.parse_args()
    limit = args.timeout + args.margin + 5
    results = [None] * args.clients
    threads = [threading.Thread(target=trickle, args=(args.port, "head" if i % 2 == 0 else "body", args.gap, limit, results, i))
               for i in range(args.clients)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    failures = []
    for kind in ("head", "body"):
        mine = [r for r in results if r and r[0] == kind]
        times = [r[1] for r in mine if r[1] is not None]
        answered = sum(1 for r in mine if r[2].startswith("HTTP/1.1 408"))
        if times:
            span = "closed after %.2f / %.2f / %.2f s (min / median / max)" % (min(times), statistics.median(times), max(times))
        else:
            span = "none closed"
        print("slow-clients: %d trickling the %s: %s, %d answered 408" % (len(mine), kind, span, answered))
        for r in mine:
            if r[1] is None:
                failures.append("a %s client was not closed within %.0f s (%s)" % (kind, limit, r[2] or "no answer"))
            elif not (args.timeout - 0.2 <= r[1] <= args.timeout + args.margin):
                failures.append("a %s client was closed after %.2f s, outside %.1f-%.1f s" % (kind, r[1], args.timeout - 0.2, args.timeout + args.margin))
            elif not r[2].startswith("HTTP/1.1 408"):
                failures.append("a %s client was closed without a 408 (%s)" % (kind, r[2] or "no answer"))
    missing = sum(1 for r in results if r is None)
    if missing:
        failures.append("%d clients did not report" % missing)
    if failures:
        print("slow-clients: FAILED: " + "; ".join(failures[:5]))
        sys.exit(1)
    print("slow-clients: ok")


if __name__ == "__main__":
    main()
