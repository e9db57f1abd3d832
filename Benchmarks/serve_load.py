#!/usr/bin/env python3
"""Open-loop load on loopback: N keep-alive connections, requests at a fixed total rate with
Poisson spacing per connection, latency per request (send to last body byte).

    serve_load.py URL --connections 200 --rate 1000 --duration 5

Unlike wrk (closed loop: every connection sends its next request as soon as the previous answer
arrives, so latency = connections / throughput at saturation), this measures how long a request
takes when 200 connections are open and the server is not saturated. Prints p50/p90/p99/max,
the achieved rate and errors. Standard library only; loopback only.
"""
import argparse, asyncio, random, time
from urllib.parse import urlsplit


async def connection(host, port, target, rate, deadline, latencies, errors):
    reader, writer = await asyncio.open_connection(host, port)
    request = f"GET {target} HTTP/1.1\r\nHost: {host}:{port}\r\nAccept: application/json\r\n\r\n".encode()
    next_at = time.perf_counter() + random.expovariate(rate)
    try:
        while True:
            now = time.perf_counter()
            if next_at > deadline:
                break
            if next_at > now:
                await asyncio.sleep(next_at - now)
            start = time.perf_counter()
            writer.write(request)
            status = await reader.readline()
            length = 0
            while True:
                line = await reader.readline()
                if line in (b"\r\n", b""):
                    break
                if line.lower().startswith(b"content-length:"):
                    length = int(line.split(b":")[1])
            await reader.readexactly(length)
            latencies.append(time.perf_counter() - start)
            if not status.startswith(b"HTTP/1.1 2"):
                errors.append(status)
            # Poisson arrivals, measured from the schedule (not from the answer): open loop.
            next_at += random.expovariate(rate)
    except Exception as e:  # a dropped connection counts as an error
        errors.append(repr(e))
    finally:
        writer.close()


async def main():
    p = argparse.ArgumentParser()
    p.add_argument("url")
    p.add_argument("--connections", type=int, default=200)
    p.add_argument("--rate", type=float, default=1000, help="total requests per second")
    p.add_argument("--duration", type=float, default=5)
    a = p.parse_args()
    u = urlsplit(a.url)
    assert u.hostname in ("127.0.0.1", "localhost", "::1"), "loopback only"
    target = u.path + ("?" + u.query if u.query else "")
    latencies, errors = [], []
    start = time.perf_counter()
    deadline = start + a.duration
    await asyncio.gather(*[connection(u.hostname, u.port, target, a.rate / a.connections, deadline, latencies, errors)
                           for _ in range(a.connections)])
    elapsed = time.perf_counter() - start
    latencies.sort()
    def pct(q):
        return latencies[min(len(latencies) - 1, int(q * len(latencies)))] * 1000 if latencies else float("nan")
    print(f"{a.connections:5d} conns  {len(latencies) / elapsed:8.1f} req/s  p50 {pct(0.5):7.2f} ms  p90 {pct(0.9):7.2f} ms  "
          f"p99 {pct(0.99):7.2f} ms  max {pct(1.0):7.2f} ms  errors {len(errors)}")


asyncio.run(main())
